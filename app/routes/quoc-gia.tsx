/**
 * The national view (/quoc-gia), served by the hub only (HUB_DATABASE_URL; 404 elsewhere), no sign-in: figures
 * aggregated from the provinces' counts, ranked, with the «few answers» rule (docs/decisions/0025-national-hub.md).
 * `?khao-sat=<survey>&ky=<period key>`; the default period is the quarter of the latest month the hub holds. Bad
 * input reads as a Vietnamese message on the page, never a 5xx.
 */
import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { asc } from "drizzle-orm";

import { periodName, useLocale } from "~/components/dashboard/common";
import { NationalFigures, type Labels } from "~/components/national/NationalFigures";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { DateInputError, isPeriodKey, periodRange } from "~/method/period";
import { hubDb } from "~/national/hub.server";
import { latestPeriod, nationalView, type NationalView } from "~/national/national.server";
import { PUBLIC_CACHE, publicRateLimit } from "~/publishing/public.server";
import { services } from "~/services.server";
import { allQuestions } from "~/survey/definition";
import nationalCss from "~/styles/national.css?url";
import publishingCss from "~/styles/publishing.css?url";
import type { RouteHandle } from "~/root";
import { fields } from "../../db/schema";

type Problem = "rateLimited" | "unknownSurvey" | "badPeriod" | "noData";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const pending = hubDb();
  if (!pending) throw new Response("Không tìm thấy trang.", { status: 404 });
  const locale = localeOf(request);
  const params = new URL(request.url).searchParams;
  const { surveys, db } = services();
  const surveyIds = [...surveys.keys()].sort();
  const survey = params.get("khao-sat") || (surveys.has("sipas") ? "sipas" : (surveyIds[0] ?? ""));
  const options = surveyIds.map((id) => ({ id, title: surveys.get(id)!.def.title[locale] }));
  const base = {
    locale,
    survey,
    options,
    period: params.get("ky") ?? "",
    view: null as NationalView | null,
    labels: null as Labels | null,
    questionKind: false,
  };
  const problem = (p: Problem, status = 200) => data({ ...base, problem: p as Problem | null }, { status, headers: { "Cache-Control": "no-store" } });
  const retry = publicRateLimit(context.clientAddress);
  if (retry !== null)
    return data(
      { ...base, problem: "rateLimited" as Problem | null },
      { status: 429, headers: { "Retry-After": String(retry), "Cache-Control": "no-store" } },
    );
  const registered = surveys.get(survey);
  if (!registered) return problem("unknownSurvey", 404);
  const hub = await pending;
  const asked = params.get("ky");
  if (asked && !isPeriodKey(asked)) return problem("badPeriod", 400);
  const period = asked ?? (await latestPeriod(hub, survey));
  if (!period) return problem("noData");
  const def = registered.def;
  const view = await nationalView(hub, def, period);
  const labels: Labels = {
    elements: Object.fromEntries(
      def.method.index === "elements"
        ? def.method.elements.map((e) => [e.code, e.label[locale]] as const)
        : allQuestions(def).map((q) => [q.code, q.label[locale]] as const),
    ),
    fields: Object.fromEntries(
      db
        .select({ code: fields.code, name: fields.name })
        .from(fields)
        .orderBy(asc(fields.code))
        .all()
        .map((f) => [f.code, f.name] as const),
    ),
  };
  return data(
    {
      ...base,
      period,
      view,
      labels,
      questionKind: def.method.index === "question",
      problem: (view.provinces.length ? null : "noData") as Problem | null,
    },
    { headers: PUBLIC_CACHE },
  );
}

export const handle: RouteHandle = { hydrate: false };

export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: publishingCss },
  { rel: "stylesheet", href: nationalCss },
];

export default function NationalPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useLocale();
  const name = (key: string) => {
    try {
      return periodName(t, key, periodRange(key));
    } catch (error) {
      if (error instanceof DateInputError) return key;
      throw error;
    }
  };
  return (
    <main className="page pub">
      <h1>{t("national.title")}</h1>
      <p className="muted">{t("national.intro")}</p>
      <form method="get" className="nat-form">
        <label>
          {t("national.survey")}
          <select name="khao-sat" defaultValue={d.survey}>
            {d.options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("national.period")}
          <input name="ky" defaultValue={d.period} placeholder="2026-Q3" aria-describedby="nat-period-hint" />
        </label>
        <button type="submit">{t("national.show")}</button>
      </form>
      <p id="nat-period-hint" className="muted">
        {t("national.periodHint")}
      </p>
      {d.problem === "badPeriod" ? (
        <p role="alert">{`${t("national.badPeriod", { period: d.period })} ${t("national.periodHint")}.`}</p>
      ) : d.problem === "unknownSurvey" ? (
        <p role="alert">{t("national.unknownSurvey", { survey: d.survey })}</p>
      ) : d.problem === "rateLimited" ? (
        <p role="alert">{t("national.rateLimited")}</p>
      ) : d.problem === "noData" || !d.view || !d.labels ? (
        <p>{t("national.noData")}</p>
      ) : (
        <NationalFigures
          view={d.view}
          labels={d.labels}
          questionKind={d.questionKind}
          periodName={name(d.view.period)}
          previousName={name(d.view.previousPeriod)}
        />
      )}
    </main>
  );
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("national.title") }];
