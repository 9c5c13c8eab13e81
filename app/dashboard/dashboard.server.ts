/**
 * The dashboard's data for one request: the figures model (app/figures/figures.server.ts) with the page's
 * drill-down links and the filter form's choices. It never computes a figure or decides a verdict.
 */
import type { Db } from "../../db/client";
import { agencyChoices, asOptions, fieldChoices, sectorChoices } from "../directory/choices.server";
import { getFigures, type FiguresRequest } from "../figures/figures.server";
import { surveyChoices } from "../figures/surveys";
import type { Figures } from "../figures/types";
import { profileQuestions } from "../results/rollup-rows";
import { CHANNELS } from "../survey/codes";
import { allQuestions } from "../survey/definition";
import type { SurveyRegistry } from "../survey/registry.server";
import { dashboardSearch, periodChoices, type DashboardFilter, type DashboardParams } from "./params";
import type { DashboardData } from "./types";

export type DashboardRequest = Omit<FiguresRequest, "everyProfile"> & {
  /** May the viewer open other agencies' pages (admin, viewer)? */
  linkAgencies: boolean;
};

export function getDashboard(db: Db, surveys: SurveyRegistry, req: DashboardRequest): DashboardData {
  const figures = getFigures(db, surveys, req);
  return { ...withLinks(figures, req.linkAgencies), choices: choices(db, surveys, figures, req) };
}

const clean = (f: DashboardFilter): DashboardFilter =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== "")) as DashboardFilter;
const withoutAgency = (f: DashboardFilter): DashboardFilter => clean({ ...f, agency: undefined });

/** Drill-down links: from the province to an agency or a field, from an agency to its counters, fields and comments. */
function withLinks(f: Figures, linkAgencies: boolean): Figures {
  const { survey, filter } = f;
  const focus = f.focus?.code ?? null;
  const period = f.period.key ?? "custom";
  const range = f.period.key ? {} : f.period.range;
  const base: DashboardParams = { survey, period, ...range, ...filter };
  const keep: DashboardParams = { survey, period, ...range };
  const agencyPage = (extra: DashboardParams) => `/quan-tri/co-quan/${focus}${dashboardSearch({ ...keep, ...withoutAgency(filter), ...extra })}`;

  const unitHref = (key: string) =>
    focus
      ? `${agencyPage({ counter: key })}#y-kien`
      : linkAgencies
        ? `/quan-tri/co-quan/${key}${dashboardSearch({ ...keep, ...withoutAgency(filter) })}`
        : undefined;
  const fieldHref = (key: string) => (focus ? agencyPage({ field: key }) : `/quan-tri${dashboardSearch({ ...base, field: key, sector: undefined })}`);
  const link = <R extends { key: string }>(r: R, href: (key: string) => string | undefined): R => {
    if (!r.key) return r;
    const h = href(r.key);
    return h === undefined ? r : { ...r, href: h };
  };
  return {
    ...f,
    ranking: { ...f.ranking, rows: f.ranking.rows.map((r) => link(r, unitHref)) },
    fields: f.fields.map((r) => link(r, fieldHref)),
    lowest: focus ? f.lowest.map((c) => ({ ...c, href: `${agencyPage({ criterion: c.code })}#y-kien` })) : f.lowest,
    toCorrect: f.toCorrect.map((c) => link(c, c.kind === "field" ? fieldHref : unitHref)),
  };
}

function choices(db: Db, surveys: SurveyRegistry, f: Figures, req: DashboardRequest): DashboardData["choices"] {
  const def = surveys.get(f.survey)!.def;
  return {
    surveys: surveyChoices(surveys, req.locale),
    periods: periodChoices(req.today),
    agencies: asOptions(agencyChoices(db, req.focus)),
    sectors: asOptions(sectorChoices(db)),
    fields: asOptions(fieldChoices(db)),
    channels: [...CHANNELS],
    profiles: profileQuestions(def).map((code) => {
      const q = allQuestions(def).find((x) => x.code === code)!;
      return { value: code, label: q.label[req.locale] };
    }),
  };
}
