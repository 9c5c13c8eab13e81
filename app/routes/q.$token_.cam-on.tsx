/** The thank-you page after a rating (reached by redirect, so a refresh never posts again). */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { findCounterByToken } from "~/counters/lookup.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { services } from "~/services.server";
import type { RouteHandle } from "~/root";

export async function loader({ params }: LoaderFunctionArgs) {
  const counter = findCounterByToken(services().db, params.token);
  if (!counter) throw new Response("Không tìm thấy", { status: 404 });
  return { agencyName: counter.agencyName, counterName: counter.name };
}

export const handle: RouteHandle = { hydrate: false };

export default function ThanksPage() {
  const { agencyName, counterName } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <main className="page narrow thanks">
      <header className="place">
        <p className="agency">{agencyName}</p>
        <p className="counter">{counterName}</p>
      </header>
      <h1>{t("thanks.title")}</h1>
      <p>{t("thanks.body")}</p>
      <p className="help">{t("thanks.again")}</p>
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => {
  const t = fixedT(localeFromMatches(matches));
  return [{ title: `${t("thanks.title")} — ${t("app.name")}` }, { name: "robots", content: "noindex" }];
};
