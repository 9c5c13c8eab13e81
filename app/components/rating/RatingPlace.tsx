/**
 * The top of the citizen's pages: where the rating is made (agency, counter) and the language switch. The
 * switch is a submit button of the page's form when there is one (so nothing chosen is lost, without
 * JavaScript), and a plain link otherwise.
 */
import { useTranslation } from "react-i18next";

import { LOCALES, type Locale } from "~/survey/codes";

import { DefaultSubmit } from "./DefaultSubmit";

export function RatingPlace({
  agencyName,
  counterName,
  locale,
  form,
  hrefOf,
}: {
  agencyName: string;
  counterName: string;
  locale: Locale;
  /** The id of the form the switch submits, if any. */
  form?: string;
  hrefOf: (lng: Locale) => string;
}) {
  const { t } = useTranslation();
  return (
    <header className="place">
      {form ? <DefaultSubmit form={form} /> : null}
      <p className="agency">{agencyName}</p>
      <p className="counter">{counterName}</p>
      <nav className="langs" aria-label={t("lang.label")}>
        {LOCALES.filter((l) => l !== locale).map((l) =>
          form ? (
            <button key={l} type="submit" form={form} name="_lang" value={l} formAction={hrefOf(l)} lang={l} className="link">
              {t(`lang.${l}`)}
            </button>
          ) : (
            <a key={l} href={hrefOf(l)} lang={l} hrefLang={l}>
              {t(`lang.${l}`)}
            </a>
          ),
        )}
      </nav>
    </header>
  );
}

/** Off-screen (not display:none, which some bots detect), out of the tab order and of the accessibility tree. */
export function Honeypot({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <div className="hp" aria-hidden="true">
      <label htmlFor={name}>{t("dossier.honeypotLabel")}</label>
      <input id={name} name={name} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}
