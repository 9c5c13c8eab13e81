/**
 * One agency (/quan-tri/co-quan/MA_CO_QUAN): its figures beside the province's, its counters and fields,
 * its criteria, and the comments behind them. Staff and viewers may open any agency; an agency head only
 * their own (403 otherwise, decided here on the server whatever the address says).
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { Comments } from "~/components/dashboard/Comments";
import { Panel, useLocale } from "~/components/dashboard/common";
import { DashboardHeader } from "~/components/dashboard/DashboardHeader";
import { DashboardSections } from "~/components/dashboard/DashboardSections";
import { FilterForm } from "~/components/dashboard/FilterForm";
import { getComments } from "~/dashboard/comments.server";
import { getDashboard } from "~/dashboard/dashboard.server";
import { dashboardSearch } from "~/dashboard/params";
import { parseDashboardParams } from "~/dashboard/params.server";
import { requireAgencyPage, requireCounterOf, requireDashboardViewer } from "~/dashboard/scope.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { vietnamDay } from "~/method/period";
import { services } from "~/services.server";
import dashboardCss from "~/styles/dashboard.css?url";

export async function loader({ request, params: route }: LoaderFunctionArgs) {
  const viewer = requireDashboardViewer(request, () => ({ agency: route.code ?? "" }));
  const agency = requireAgencyPage(viewer, route.code ?? "");
  const { db, surveys } = services();
  const { params, invalid } = parseDashboardParams(new URL(request.url).searchParams);
  requireCounterOf(agency, params.counter);
  const locale = localeOf(request);
  const data = getDashboard(db, surveys, {
    params,
    invalid,
    focus: agency,
    linkAgencies: viewer.linkAgencies,
    locale,
    today: vietnamDay(Date.now()),
  });
  const comments = getComments(db, {
    def: surveys.get(data.survey)!.def,
    survey: data.survey,
    agency,
    range: data.period.range,
    sector: data.filter.sector,
    field: data.filter.field,
    channel: data.filter.channel,
    counter: params.counter,
    criterion: params.criterion,
    page: params.page,
    locale,
  });
  // The comment filters of this page, kept by its pagination links.
  const commentParams = { counter: params.counter, criterion: comments.criterion?.code };
  return {
    data,
    comments,
    commentParams,
    back: viewer.scope ? null : `/quan-tri${dashboardSearch({ survey: data.survey, period: params.period, from: params.from, to: params.to })}`,
  };
}

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];

export default function AgencyDashboard() {
  const { data, comments, commentParams, back } = useLoaderData<typeof loader>();
  const { t } = useLocale();
  const path = `/quan-tri/co-quan/${data.focus!.code}`;
  const keep = {
    survey: data.survey,
    period: data.period.key ?? "custom",
    ...(data.period.key ? {} : data.period.range),
    ...data.filter,
    agency: undefined,
  };
  const filtered = commentParams.counter || commentParams.criterion;
  return (
    <main className="page dash">
      <DashboardHeader data={data} back={back ?? undefined} />
      <FilterForm data={data} action={path} agencyChoice={false} />
      <DashboardSections data={data} action={path} />
      <Panel
        wide
        id="y-kien"
        title={comments.criterion ? t("dash.comments.titleCriterion", { criterion: comments.criterion.label }) : t("dash.comments.title")}
        note={t("dash.comments.note")}
      >
        <p>
          {/* Follow-up (status, reply, tags, hiding) lives on one screen: /quan-tri/gop-y. */}
          <Link
            to={`/quan-tri/gop-y${dashboardSearch({ survey: data.survey, period: keep.period, from: keep.from, to: keep.to, agency: data.focus!.code, field: data.filter.field })}`}
          >
            {t("feedback.seeAll")}
          </Link>
        </p>
        {filtered ? (
          <p>
            <Link to={`${path}${dashboardSearch(keep)}#y-kien`}>{t("dash.comments.all")}</Link>
          </p>
        ) : null}
        <Comments comments={comments} pageHref={(page) => `${path}${dashboardSearch({ ...keep, ...commentParams, page })}#y-kien`} />
      </Panel>
    </main>
  );
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  { title: `${data?.data.focus?.name ?? ""} · ${fixedT(localeFromMatches(matches))("dash.title")}` },
];
