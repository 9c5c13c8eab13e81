/**
 * Citizens' comments (/quan-tri/gop-y): the Y_KIEN answers of a survey and period, filtered by agency,
 * field, overall rating, status and tag, twenty to a page, each with its status, tags and reply. Scope and
 * roles: app/feedback/scope.server.ts (an agency head sees their agency only; viewers read only). A GET
 * form: the list works without JavaScript and its address can be shared.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { periodName, useLocale } from "~/components/dashboard/common";
import { CommentCard } from "~/components/feedback/CommentCard";
import { formatCount } from "~/dashboard/format";
import { resolvePeriod, periodChoices } from "~/dashboard/params";
import { surveyChoices, surveyOrDefault } from "~/figures/surveys";
import { parseDashboardParams } from "~/dashboard/params.server";
import { agencyChoices, fieldChoices } from "~/directory/choices.server";
import { RATING_FILTERS, STATUSES, type CommentStatus, type RatingFilter } from "~/feedback/limits";
import { commentView, listComments, tagsInUse } from "~/feedback/list.server";
import { requireCommentReader } from "~/feedback/scope.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { vietnamDay } from "~/method/period";
import { services } from "~/services.server";
import dashboardCss from "~/styles/dashboard.css?url";
import publishingCss from "~/styles/publishing.css?url";
import { FilterSelect } from "~/components/FilterSelect";

const KINDS = ["month", "quarter", "half", "year"] as const;

const pick = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  (list as readonly string[]).includes(value ?? "") ? (value as T) : undefined;

export async function loader({ request }: LoaderFunctionArgs) {
  const reader = requireCommentReader(request);
  const { db, surveys, secret } = services();
  const locale = localeOf(request);
  const search = new URL(request.url).searchParams;
  const { params } = parseDashboardParams(search);
  const today = vietnamDay(Date.now());
  const { survey } = surveyOrDefault(surveys, params.survey);
  const def = surveys.get(survey)!.def;
  const { period } = resolvePeriod(params, today);
  const tag = search.get("the")?.trim() || undefined;
  const filter = {
    survey,
    ...period.range,
    agency: reader.scope ?? params.agency,
    field: params.field,
    rating: pick<RatingFilter>(RATING_FILTERS, search.get("muc")),
    status: pick<CommentStatus>(STATUSES, search.get("trang-thai")),
    tag: tag && tag.length <= 40 ? tag : undefined,
    hidden: reader.canWrite && search.get("an") === "1",
    page: params.page,
  };
  const found = listComments(db, def, filter, { locale, seeHidden: reader.canWrite });
  const list = { ...found, rows: found.rows.map((c) => commentView(c, secret)) };
  return {
    list,
    filter: { ...filter, period: period.key ?? "custom" },
    canWrite: reader.canWrite,
    agencyChoice: reader.scope === null,
    search: search.toString(),
    choices: {
      surveys: surveyChoices(surveys, locale),
      periods: periodChoices(today),
      agencies: agencyChoices(db, reader.scope),
      fields: fieldChoices(db),
      tags: tagsInUse(db, reader.scope),
    },
  };
}

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: dashboardCss },
  { rel: "stylesheet", href: publishingCss },
];

export default function CommentsPage() {
  const { list, filter, canWrite, agencyChoice, choices, search } = useLoaderData<typeof loader>();
  const { t, locale } = useLocale();
  const pageHref = (page: number) => {
    const s = new URLSearchParams(search);
    s.set("page", String(page));
    return `/quan-tri/gop-y?${s.toString()}`;
  };
  return (
    <main className="page wide">
      <h1>{t("feedback.title")}</h1>
      <p className="help">{t("feedback.intro")}</p>
      {canWrite ? null : <p className="notice">{t("feedback.readOnly")}</p>}
      <Form method="get" className="filters" aria-label={t("feedback.filters")} key={search}>
        <FilterSelect name="survey" label={t("feedback.survey")} value={filter.survey} options={choices.surveys} />
        <div className="filter">
          <label htmlFor="f-period">{t("feedback.period")}</label>
          <select id="f-period" name="period" defaultValue={filter.period}>
            {KINDS.map((kind) => (
              <optgroup key={kind} label={t(`dash.periodGroup_${kind}`)}>
                {choices.periods[kind].map((key) => (
                  <option key={key} value={key}>
                    {periodName(t, key, filter)}
                  </option>
                ))}
              </optgroup>
            ))}
            <option value="custom">{t("dash.periodCustom")}</option>
          </select>
        </div>
        <div className="filter filter-days">
          <label htmlFor="f-from">{t("dash.from")}</label>
          <input id="f-from" type="date" name="from" defaultValue={filter.from} />
          <label htmlFor="f-to">{t("dash.to")}</label>
          <input id="f-to" type="date" name="to" defaultValue={filter.to} />
        </div>
        {agencyChoice ? (
          <FilterSelect
            name="agency"
            label={t("feedback.agency")}
            value={filter.agency}
            options={choices.agencies.map((a) => ({ value: a.code, label: a.name }))}
            all={t("feedback.all")}
          />
        ) : null}
        <FilterSelect
          name="field"
          label={t("feedback.field")}
          value={filter.field}
          options={choices.fields.map((f) => ({ value: f.code, label: f.name }))}
          all={t("feedback.all")}
        />
        <FilterSelect
          name="muc"
          label={t("feedback.rating")}
          value={filter.rating}
          options={RATING_FILTERS.map((r) => ({ value: r, label: t(`feedback.rating_${ratingKey(r)}`) }))}
          all={t("feedback.all")}
        />
        <FilterSelect
          name="trang-thai"
          label={t("feedback.status")}
          value={filter.status}
          options={STATUSES.map((s) => ({ value: s, label: t(`feedback.status_${s}`) }))}
          all={t("feedback.all")}
        />
        <FilterSelect
          name="the"
          label={t("feedback.tag")}
          value={filter.tag}
          options={choices.tags.map((x) => ({ value: x, label: x }))}
          all={t("feedback.all")}
        />
        {canWrite ? (
          <div className="filter">
            <label htmlFor="f-an">
              <input id="f-an" type="checkbox" name="an" value="1" defaultChecked={filter.hidden} /> {t("feedback.showHidden")}
            </label>
          </div>
        ) : null}
        <div className="filter-actions">
          <button type="submit" className="apply">
            {t("feedback.apply")}
          </button>
          <Link to="/quan-tri/gop-y">{t("feedback.reset")}</Link>
        </div>
      </Form>
      <p className="legend" role="status">
        {list.more
          ? t("feedback.countMore", { n: formatCount(list.total, locale) })
          : t("feedback.count", { count: list.total, n: formatCount(list.total, locale) })}
      </p>
      {list.rows.length === 0 ? (
        <p className="empty">{t("feedback.none")}</p>
      ) : (
        <ol className="fb-list">
          {list.rows.map((c) => (
            <li key={c.ref}>
              <CommentCard comment={c} />
              <p className="fb-ref">
                <Link to={`/quan-tri/gop-y/${c.ref}?ds=${encodeURIComponent(search)}`}>
                  {canWrite ? t("feedback.open", { ref: c.ref }) : t("feedback.openRead", { ref: c.ref })}
                </Link>
              </p>
            </li>
          ))}
        </ol>
      )}
      {list.pages > 1 ? (
        <nav className="pager" aria-label={t("feedback.pager")}>
          {list.page > 1 ? <Link to={pageHref(list.page - 1)}>{t("feedback.prev")}</Link> : <span />}
          <span>{t("feedback.page", { page: list.page, pages: list.pages })}</span>
          {list.page < list.pages ? <Link to={pageHref(list.page + 1)}>{t("feedback.next")}</Link> : <span />}
        </nav>
      ) : null}
    </main>
  );
}

const ratingKey = (r: RatingFilter) => (r === "hai-long" ? "satisfied" : r === "chua-hai-long" ? "unsatisfied" : "none");

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("feedback.title") }];
