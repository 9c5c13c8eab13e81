/**
 * The top of the citizen's pages: where the rating is made (agency, counter) and the language switch: plain
 * links, each language in its own name (`lang`, `hreflang`), that work without JavaScript; `hrefOf` keeps the
 * page's state (its rating id) in them, so switching neither loses nor repeats a vote (docs/decisions/0023).
 */
import { useTranslation } from "react-i18next";

import { LOCALES } from "~/survey/codes";

export function RatingPlace({
  agencyName,
  counterName,
  locale,
  languages = [],
  hrefOf,
}: {
  agencyName: string;
  counterName: string;
  /** The page's language: `vi`, `en` or an added one. */
  locale: string;
  /** The enabled added languages, each in its own name (docs/decisions/0023). */
  languages?: readonly { code: string; name: string }[];
  hrefOf: (lng: string) => string;
}) {
  const { t } = useTranslation();
  const offered = [...LOCALES.map((l) => ({ code: l, name: t(`lang.${l}`) })), ...languages].filter((l) => l.code !== locale);
  return (
    <header className="place">
      <p className="agency">{agencyName}</p>
      <p className="counter">{counterName}</p>
      <nav className="langs" aria-label={t("lang.label")}>
        {offered.map((l) => (
          <a key={l.code} href={hrefOf(l.code)} lang={l.code} hrefLang={l.code}>
            {l.name}
          </a>
        ))}
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
