/**
 * The interview language of the tablet: one tap among Vietnamese, English and every added language enabled for
 * citizens (each in its own name), with no server round trip — the page carries them all, and the service
 * worker keeps the page, so it works offline (docs/decisions/0023). The choice is kept in localStorage: it is a
 * preference of the device, not of a request, and the cookie-based `?lng=` switch of the citizen pages would
 * need the network. A string not translated is the Vietnamese one (the i18n fallback), never a key.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";

import { addLanguageBundles, type TabletLanguages } from "~/languages/device";
import { DEFAULT_LOCALE, LOCALES } from "~/survey/codes";

const STORAGE_KEY = "sipas-field-lang";

export function useFieldLanguage(added: TabletLanguages["languages"]): [string, (l: string) => void] {
  const [lang, setLang] = useState<string>(DEFAULT_LOCALE);
  const codes = added.map((l) => l.code).join(" ");
  useEffect(() => {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    // A language disabled since it was chosen is no longer offered: the tablet speaks Vietnamese again.
    if (saved && ((LOCALES as readonly string[]).includes(saved) || codes.split(" ").includes(saved))) setLang(saved);
  }, [codes]);
  const choose = useCallback((l: string) => {
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
export function FieldLanguageProvider({ lang, added, children }: { lang: string; added: TabletLanguages["languages"]; children: React.ReactNode }) {
  const { i18n } = useTranslation();
  const local = useMemo(() => {
    addLanguageBundles(i18n, added);
    return i18n.cloneInstance({ lng: lang });
  }, [i18n, lang, added]);
  return <I18nextProvider i18n={local}>{children}</I18nextProvider>;
}

/** Vietnamese first, English second, then the added languages; the pressed one is the language in use. */
export function LanguageSwitch({ lang, added, onChange }: { lang: string; added: TabletLanguages["languages"]; onChange: (l: string) => void }) {
  const { t } = useTranslation();
  const offered = [{ code: "vi", name: t("field.langVi") }, { code: "en", name: t("field.langEn") }, ...added];
  return (
    <div className="lang-switch" role="group" aria-label={t("field.langLabel")}>
      {offered.map((l) => (
        <button
          key={l.code}
          type="button"
          lang={l.code}
          aria-pressed={l.code === lang}
          className={l.code === lang ? "big primary" : "big secondary"}
          onClick={() => onChange(l.code)}
        >
          {l.name}
        </button>
      ))}
    </div>
  );
}
