/**
 * The dashboard (/quan-tri): the province for Sở Nội vụ staff and viewers, one agency for its head. Read
 * only: the one form is a GET form of period and filters. Figures come from app/dashboard (→ app/results
 * → app/method); charts load only on dashboard routes.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { DashboardSections } from "~/components/dashboard/DashboardSections";
import { FilterForm } from "~/components/dashboard/FilterForm";
import { DashboardHeader } from "~/components/dashboard/DashboardHeader";
import { Qd766Section } from "~/components/qd766/Qd766Section";
import { LanguageBreakdown } from "~/components/dashboard/LanguageBreakdown";
import { getDashboard } from "~/dashboard/dashboard.server";
import { languageBreakdown } from "~/dashboard/languages.server";
import { dashboardSearch } from "~/dashboard/params";
import { parseDashboardParams } from "~/dashboard/params.server";
import { requireDashboardViewer } from "~/dashboard/scope.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { vietnamDay } from "~/method/period";
import { dashboardQd766 } from "~/qd766/monthly.server";
import { services } from "~/services.server";
import dashboardCss from "~/styles/dashboard.css?url";

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = requireDashboardViewer(request);
  const { db, surveys } = services();
  const { params, invalid } = parseDashboardParams(new URL(request.url).searchParams);
  const data = getDashboard(db, surveys, {
    params,
    invalid,
    focus: viewer.scope,
    linkAgencies: viewer.linkAgencies,
    locale: localeOf(request),
    today: vietnamDay(Date.now()),
  });
  const languages = languageBreakdown(db, surveys, {
    survey: data.survey,
    range: data.period.range,
    agency: data.filter.agency,
    channel: data.filter.channel,
  });
  return { data, agencyChoice: viewer.scope === null, languages, qd766: dashboardQd766(db, surveys, viewer.scope) };
}

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];

export default function Dashboard() {
  const { data, agencyChoice, languages, qd766 } = useLoaderData<typeof loader>();
  return (
    <main className="page dash">
      <DashboardHeader
        data={data}
        commentsHref={
          data.focus
            ? `/quan-tri/co-quan/${data.focus.code}${dashboardSearch({ survey: data.survey, period: data.period.key ?? "custom", ...(data.period.key ? {} : data.period.range), ...data.filter, agency: undefined })}`
            : undefined
        }
      />
      <FilterForm data={data} action="/quan-tri" agencyChoice={agencyChoice} />
      <DashboardSections data={data} action="/quan-tri" />
      <LanguageBreakdown rows={languages} />
      <Qd766Section section={qd766} />
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("dash.title") }];
