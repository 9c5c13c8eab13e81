/**
 * /kiosk — the rating tablet at a counter (full screen, installable, works offline). The page itself is
 * the same for every tablet (the service worker keeps it for offline starts); everything about the counter
 * comes from the tablet's own record and GET /api/v1/kiosk/config. An error keeps the kiosk's full-screen
 * shell and tells the citizen to call the officer, who reloads it (docs/decisions/0019).
 */
import type { LinksFunction, MetaFunction } from "@remix-run/node";

import { ErrorDetails } from "~/components/ErrorBoundary";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { KioskApp } from "~/kiosk/KioskApp";
import kioskCss from "~/styles/kiosk.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: kioskCss },
  { rel: "manifest", href: "/manifest-kiosk.webmanifest" },
];

export default function KioskPage() {
  return <KioskApp />;
}

export function ErrorBoundary() {
  const t = fixedT("vi");
  return (
    <div className="kiosk" lang="vi">
      <main className="kiosk-fault">
        <ErrorDetails area="kiosk" />
        <button type="button" onClick={() => window.location.reload()}>
          {t("errors.reload")}
        </button>
      </main>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("kiosk.title") }];
