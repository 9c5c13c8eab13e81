/**
 * /cong-khai/qd766, no sign-in: the QĐ 766 indicators of every month an administrator published, frozen at
 * publication (app/qd766/publications.server.ts): the province and each unit, both 5.4 variants, 5.2, 5.3 and
 * the points. Aggregated figures only. A plain HTML page: no React bundle in the browser (docs/decisions/0001).
 */
import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { useLocale } from "~/components/dashboard/common";
import { formatCount, formatPct, formatRate } from "~/dashboard/format";
import { formatInstant } from "~/i18n/vn-time";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { periodLabel, type Qd766Row } from "~/qd766/indicators.server";
import { liveQd766 } from "~/qd766/publications.server";
import { PUBLIC_CACHE, publicRateLimit } from "~/publishing/public.server";
import { services } from "~/services.server";
import publishingCss from "~/styles/publishing.css?url";
import type { RouteHandle } from "~/root";
import { ScrollRegion } from "~/components/ScrollRegion";

export async function loader({ context }: LoaderFunctionArgs) {
  const retry = publicRateLimit(context.clientAddress);
  if (retry !== null)
    return data({ limited: true as const, months: [] }, { status: 429, headers: { "Retry-After": String(retry), "Cache-Control": "no-store" } });
  const months = liveQd766(services().db).map(({ id, month, publishedAt, snapshot }) => ({
    id,
    month,
    label: periodLabel(month),
    publishedAt,
    version: snapshot.version,
    platformRate: snapshot.platformRate,
    overall: snapshot.overall,
    groups: snapshot.groups,
  }));
  return data({ limited: false as const, months }, { headers: PUBLIC_CACHE });
}

export const handle: RouteHandle = { hydrate: false };

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: publishingCss }];

export default function PublicQd766() {
  const { limited, months } = useLoaderData<typeof loader>();
  const { t } = useLocale();
  return (
    <main className="page pub">
      <p>
        <a href="/cong-khai">← {t("publish.backToList")}</a>
      </p>
      <h1>{t("qd766.publicTitle")}</h1>
      <p>{t("qd766.publicIntro")}</p>
      <p>{t("qd766.whyDiffers")}</p>
      {limited ? <p role="alert">{t("publish.rateLimited")}</p> : months.length === 0 ? <p>{t("qd766.publicNone")}</p> : null}
      {months.map((m) => (
        <section key={m.id} aria-labelledby={`qd766-${m.month}`}>
          <h2 id={`qd766-${m.month}`}>{m.label}</h2>
          <p className="muted">{t("qd766.publishedOn", { date: formatInstant(m.publishedAt).slice(0, 10) })}</p>
          <ScrollRegion>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("qd766.unit")}</th>
                  <th scope="col">{t("qd766.dossiers")}</th>
                  <th scope="col">{t("qd766.rate54")}</th>
                  <th scope="col">{t("qd766.rate54Union")}</th>
                  <th scope="col">{t("qd766.points54")}</th>
                  <th scope="col">{t("qd766.rate52")}</th>
                  <th scope="col">{t("qd766.rate53")}</th>
                </tr>
              </thead>
              <tbody>
                <UnitRow label={t("qd766.province")} row={m.overall} strong />
                {m.groups.map((g) => (
                  <UnitRow key={g.key} label={g.label} row={g} />
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <p className="muted">
            {t("qd766.platformRate")}: {formatPct(m.platformRate)}
          </p>
        </section>
      ))}
    </main>
  );
}

function UnitRow({ label, row, strong }: { label: string; row: Qd766Row; strong?: boolean }) {
  const { locale } = useLocale();
  return (
    <tr className={strong ? "total" : undefined}>
      <th scope="row">{label}</th>
      <td className="num">{formatCount(row.dossiers, locale)}</td>
      <td className="num">{formatPct(row.rate54, locale)}</td>
      <td className="num">{formatPct(row.rate54Union, locale)}</td>
      <td className="num">{formatRate(row.points54, locale)}</td>
      <td className="num">{formatPct(row.rate52, locale)}</td>
      <td className="num">{formatPct(row.rate53, locale)}</td>
    </tr>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("qd766.publicTitle") }];
