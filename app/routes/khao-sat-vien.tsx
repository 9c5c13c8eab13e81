/**
 * The surveyors' tablet app: the interview of their assignments, offline for days. The page is the app shell
 * the service worker keeps (public/sw.js): it carries the survey definitions and, when signed in, the
 * surveyor's assignments, which the app also keeps in IndexedDB, and the enabled added languages with every
 * language's recordings (which the app keeps in Cache Storage, docs/decisions/0023). Sending uses the device's
 * own key, so a surveyor whose 12-hour session ended keeps working; signing in is needed only to set the device
 * up. An error keeps the app's page and says that the interviews on the tablet are safe (docs/decisions/0019).
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { getUser } from "~/auth/session.server";
import { ErrorDetails } from "~/components/ErrorBoundary";
import { SurveyorApp } from "~/components/field/SurveyorApp";
import { assignmentsOfUser } from "~/field/assignments.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { tabletLanguages } from "~/languages/pack.server";
import { services } from "~/services.server";
import fieldCss from "~/styles/field.css?url";

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, secret, surveys } = services();
  const user = getUser(db, secret, request);
  if (user && user.role !== "surveyor") throw new Response("Trang này dành cho khảo sát viên.", { status: 403 });
  const defs = Object.fromEntries([...surveys].map(([id, r]) => [id, r.def]));
  return {
    user: user ? { displayName: user.displayName, username: user.username } : null,
    assignments: user ? assignmentsOfUser(db, user.id) : null,
    defs,
    // Kept with the page like the definitions, so an interview in any enabled language works offline.
    languages: tabletLanguages(
      db,
      [...surveys.values()].map((r) => r.def),
    ),
  };
}

export default function SurveyorPage() {
  const data = useLoaderData<typeof loader>();
  return <SurveyorApp {...data} />;
}

export function ErrorBoundary() {
  const { t } = useTranslation();
  return (
    <main className="page field-app">
      <ErrorDetails area="field" />
      <div className="row-actions">
        <button type="button" className="big primary" onClick={() => window.location.reload()}>
          {t("errors.reload")}
        </button>
      </div>
    </main>
  );
}

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: fieldCss },
  { rel: "manifest", href: "/manifest-khao-sat-vien.webmanifest" },
  { rel: "apple-touch-icon", href: "/icons/sipas.svg" },
];

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("field.appTitle") }];
