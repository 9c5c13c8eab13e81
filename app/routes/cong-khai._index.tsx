/**
 * The public results page (/cong-khai), no sign-in: every period an administrator published, with the
 * province's figure and a link to the details. Aggregated figures only, frozen at publication
 * (app/publishing). A plain HTML page: no React bundle in the browser (docs/decisions/0001).
 */
import { data, type LinksFunction, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { periodName, useLocale } from "~/components/dashboard/common";
import { formatPct } from "~/dashboard/format";
import { formatInstant } from "~/i18n/vn-time";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { livePublications } from "~/publishing/publications.server";
import { PUBLIC_CACHE, publicRateLimit } from "~/publishing/public.server";
import { services } from "~/services.server";
import publishingCss from "~/styles/publishing.css?url";
import type { RouteHandle } from "~/root";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = localeOf(request);
  const retry = publicRateLimit(context.clientAddress);
  if (retry !== null)
    return data(
      { limited: true as const, locale, items: [] },
      { status: 429, headers: { "Retry-After": String(retry), "Cache-Control": "no-store" } },
    );
  const items = livePublications(services().db).map(({ id, publishedAt, snapshot: s }) => ({
    id,
    publishedAt,
    survey: s.names.survey,
    kind: s.kind,
    period: s.period,
    province: s.province.enough ? { index: s.province.index, status: s.province.status } : null,
  }));
  return data({ limited: false as const, locale, items }, { headers: PUBLIC_CACHE });
}

export const handle: RouteHandle = { hydrate: false };

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: publishingCss }];

export default function PublicResults() {
  const { limited, items } = useLoaderData<typeof loader>();
  const { t, locale } = useLocale();
  const lng = locale === "vi" ? "" : `?lng=${locale}`;
  return (
    <main className="page pub">
      <p lang={locale === "vi" ? "en" : "vi"} className="langs-inline">
        {locale === "vi" ? <a href="?lng=en">English</a> : <a href="?lng=vi">Tiếng Việt</a>}
      </p>
      <h1>{t("publish.publicTitle")}</h1>
      <p>{t("publish.publicIntro")}</p>
      {limited ? (
        <p role="alert">{t("publish.rateLimited")}</p>
      ) : (
        <section aria-labelledby="pub-periods">
          <h2 id="pub-periods">{t("publish.publishedPeriods")}</h2>
          {items.length === 0 ? (
            <p>{t("publish.none")}</p>
          ) : (
            <ul className="pub-list">
              {items.map((p) => {
                const name = periodName(t, p.period.key, p.period);
                return (
                  <li key={p.id}>
                    <h3>
                      <a href={`/cong-khai/${p.id}${lng}`} aria-label={t("publish.details", { period: `${p.survey[locale]} · ${name}` })}>
                        {p.survey[locale]} · {name}
                      </a>
                    </h3>
                    <p>
                      {p.kind === "elements" ? t("publish.provinceIndex") : t("publish.provinceRate")}:{" "}
                      <strong>{p.province ? formatPct(p.province.index, locale) : t("publish.notEnough")}</strong>
                      {p.province ? ` · ${t(`dash.status_${p.province.status}`)}` : ""}
                    </p>
                    <p className="muted">{t("publish.publishedOn", { date: formatInstant(p.publishedAt).slice(0, 10) })}</p>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}
      <p>
        <a href={`/cong-khai/qd766${lng}`}>{t("qd766.publicLink")}</a>
      </p>
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("publish.publicTitle") }];
