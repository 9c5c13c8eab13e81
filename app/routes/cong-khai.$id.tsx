/**
 * One published period (/cong-khai/<id>), no sign-in: the frozen figures of that publication. An older
 * publication of a period that was published again redirects to the newest; a withdrawn one is 404.
 */
import { data, type LinksFunction, redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { useLocale } from "~/components/dashboard/common";
import { PublishedFigures, snapshotPeriodName } from "~/components/publishing/PublishedFigures";
import { formatInstant } from "~/i18n/vn-time";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { findPublication } from "~/publishing/publications.server";
import { PUBLIC_CACHE, publicRateLimit } from "~/publishing/public.server";
import { services } from "~/services.server";
import publishingCss from "~/styles/publishing.css?url";
import type { RouteHandle } from "~/root";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = localeOf(request);
  const retry = publicRateLimit(context.clientAddress);
  if (retry !== null)
    return data(
      { limited: true as const, locale, publication: null },
      { status: 429, headers: { "Retry-After": String(retry), "Cache-Control": "no-store" } },
    );
  const id = /^[1-9]\d{0,9}$/.test(params.id ?? "") ? Number(params.id) : null;
  const found = id === null ? null : findPublication(services().db, id);
  if (!found) throw new Response(fixedT(locale)("publish.withdrawnOrMissing"), { status: 404 });
  if ("newer" in found) throw redirect(`/cong-khai/${found.newer}${new URL(request.url).search}`, 302);
  return data({ limited: false as const, locale, publication: found.live }, { headers: PUBLIC_CACHE });
}

export const handle: RouteHandle = { hydrate: false };

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: publishingCss }];

export default function PublishedPeriod() {
  const { limited, publication } = useLoaderData<typeof loader>();
  const { t, locale } = useLocale();
  const lng = locale === "vi" ? "" : `?lng=${locale}`;
  const s = publication?.snapshot;
  return (
    <main className="page pub">
      <p>
        <a href={`/cong-khai${lng}`}>← {t("publish.backToList")}</a>
      </p>
      {limited || !s || !publication ? (
        <p role="alert">{t("publish.rateLimited")}</p>
      ) : (
        <>
          <h1>
            {s.names.survey[locale]} · {snapshotPeriodName(t, s)}
          </h1>
          <p className="muted">{t("publish.publishedOn", { date: formatInstant(publication.publishedAt).slice(0, 10) })}</p>
          <PublishedFigures snapshot={s} />
        </>
      )}
    </main>
  );
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("publish.publicTitle") }];
