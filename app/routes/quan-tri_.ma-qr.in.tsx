/**
 * Printable posters: `?quay=CODE&kho=A5|A4` (one counter) or `?co-quan=AGENCY&kho=A4` (every active
 * counter of an agency, one poster per sheet). Outside the staff layout so that only the posters print; not
 * hydrated, the QR code inline (no request to anyone), the print CSS in its own stylesheet. The poster is in
 * Vietnamese whatever the admin's language: it is read by citizens.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { requestBaseUrl } from "~/addresses/addresses.server";
import { requireUser } from "~/auth/session.server";
import { counterUrl, listQrCounters, qrPath } from "~/counters/qr.server";
import { fixedT } from "~/i18n/i18n";
import type { RouteHandle } from "~/root";
import { noStoreHeaders } from "~/security/no-store";
import { services } from "~/services.server";
import posterCss from "~/styles/poster.css?url";

const POSTER_SIZES = ["A5", "A4"] as const;

const querySchema = z.union([
  z.object({ quay: z.string().min(1), kho: z.enum(POSTER_SIZES).default("A5") }),
  z.object({ "co-quan": z.string().min(1), kho: z.enum(POSTER_SIZES).default("A4") }),
]);

// Posters carry the counters' QR tokens: never cached (issue 16, finding 13).
export const headers = noStoreHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["admin"]);
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new Response("Không tìm thấy", { status: 404 });
  const { db, env } = services();
  const base = requestBaseUrl(env, request);
  const found =
    "quay" in query.data
      ? listQrCounters(db, { counterCode: query.data.quay })
      : // A disabled counter's poster would lead to the 404 page: the agency print leaves it out.
        listQrCounters(db, { agencyCode: query.data["co-quan"] }).filter((c) => c.active);
  if (found.length === 0) throw new Response("Không tìm thấy", { status: 404 });
  const posters = found.map((c) => {
    const url = counterUrl(base, c.token);
    return { code: c.code, name: c.name, agencyName: c.agencyName, active: c.active, url, qr: qrPath(url) };
  });
  return { size: query.data.kho, posters };
}

export default function Posters() {
  const { size, posters } = useLoaderData<typeof loader>();
  const t = fixedT("vi");
  return (
    <>
      <div className="poster-toolbar">
        <a href="/quan-tri/ma-qr">← {t("qr.title")}</a>{" "}
        <button type="button" data-print hidden>
          {t("qr.print")}
        </button>
      </div>
      <main className={`posters posters-${size.toLowerCase()}`}>
        {posters.map((p) => (
          <article key={p.code} className="poster" aria-label={`${t("qr.posterTitle")} ${p.code}`}>
            {p.active ? null : <p className="poster-warning">{t("qr.posterInactive")}</p>}
            <p className="poster-agency">{p.agencyName}</p>
            <h1 className="poster-counter">{p.name}</h1>
            <p className="poster-call">{t("qr.posterCall")}</p>
            <svg className="poster-qr" viewBox={`0 0 ${p.qr.size} ${p.qr.size}`} shapeRendering="crispEdges" role="img" aria-label={p.url}>
              <rect width={p.qr.size} height={p.qr.size} fill="#fff" />
              <path d={p.qr.d} fill="#000" />
            </svg>
            <p className="poster-type">{t("qr.posterTypeUrl")}</p>
            {/* Long addresses break before "/q/", never inside the token someone has to type. */}
            <p className="poster-url">
              {p.url.slice(0, p.url.lastIndexOf("/q/"))}
              <wbr />
              {p.url.slice(p.url.lastIndexOf("/q/"))}
            </p>
            <p className="poster-note">{t("qr.posterAnonymous")}</p>
            <p className="poster-en" lang="en">
              {t("qr.posterEnglish")}
            </p>
          </article>
        ))}
      </main>
    </>
  );
}

export const handle: RouteHandle = { hydrate: false, scripts: ["/js/print.js"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: posterCss }];

export const meta: MetaFunction = () => [{ title: fixedT("vi")("qr.posterTitle") }];
