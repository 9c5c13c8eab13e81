/**
 * The interview language of the tablet: one tap between Vietnamese and English, with no server round trip
 * (both languages ship in the page, so it works offline). The choice is kept in localStorage: it is a
 * preference of the device, not of a request, and the cookie-based `?lng=` switch of the citizen pages would
 * need the network.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";

import { isLocale } from "~/i18n/i18n";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "~/survey/codes";

const STORAGE_KEY = "sipas-field-lang";

export function useFieldLanguage(): [Locale, (l: Locale) => void] {
  const [lang, setLang] = useState<Locale>(DEFAULT_LOCALE);
  useEffect(() => {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) setLang(saved);
  }, []);
  const choose = useCallback((l: Locale) => {
    setLang(l);
    try {
      window.localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // Private mode or a full disk: the switch still works for this visit.
    }
  }, []);
  return [lang, choose];
}

/** Everything under it (the question renderers too) speaks `lang`; the rest of the page keeps its own. */
export function FieldLanguageProvider({ lang, children }: { lang: Locale; children: React.ReactNode }) {
  const { i18n } = useTranslation();
  const local = useMemo(() => i18n.cloneInstance({ lng: lang }), [i18n, lang]);
  return <I18nextProvider i18n={local}>{children}</I18nextProvider>;
}

/** Vietnamese first, English second; the pressed one is the language in use. */
export function LanguageSwitch({ lang, onChange }: { lang: Locale; onChange: (l: Locale) => void }) {
  const { t } = useTranslation();
  return (
    <div className="lang-switch" role="group" aria-label={t("field.langLabel")}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === lang}
          className={l === lang ? "big primary" : "big secondary"}
          onClick={() => onChange(l)}
        >
          {l === "vi" ? t("field.langVi") : t("field.langEn")}
        </button>
      ))}
    </div>
  );
}
