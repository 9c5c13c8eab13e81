/** The landing page: what this is, for someone who typed the address instead of scanning. */
import type { MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";

import { fixedT, localeFromMatches } from "~/i18n/i18n";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { hydrate: false };

export default function Index() {
  const { t } = useTranslation();
  return (
    <main className="page narrow">
      <p className="agency">{t("app.tagline")}</p>
      <h1>{t("home.title")}</h1>
      <p>{t("home.body")}</p>
      <p lang="en">
        <a href="?lng=en">English</a> · <a href="?lng=vi">Tiếng Việt</a>
      </p>
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("home.title") }];
