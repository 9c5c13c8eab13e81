/**
 * The dashboard's data for one request: every figure comes from app/results (roll-up counts turned into
 * figures by app/method), limited to the viewer's scope. This module only picks, labels and arranges: it
 * never computes a rate, an interval, a target or a change itself.
 *
 * Scope: `focus` is the one agency a page is limited to (an agency head's own, or a drill-down); it wins
 * over any `agency` parameter, and the caller has already refused a foreign one (scope.server.ts).
 */
import { and, between, eq, ne, sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { perConnection } from "../../db/prepared";
import { rollupMonthResponses, surveyVersions } from "../../db/schema";
import { agencyChoices, agencyName, asOptions, fieldChoices, sectorChoices } from "../directory/choices.server";
import {
  buildChoiceShares,
  buildExpectations,
  comparePeriods,
  figureDelta,
  previousRange,
  rankGroups,
  type CriterionGroup,
  type GroupResult,
  type OverallResult,
  type RankInput,
  type TargetResult,
} from "../method";
import { rollupCounts } from "../results/counts.server";
import { ANSWERED_CODE, profileQuestions } from "../results/rollup-rows";
import { buildResults, getResults, resolveResultsQuery, ResultsInputError, type ResultsFilter, type Results } from "../results/results.server";
import { CHANNELS, type Locale } from "../survey/codes";
import { allQuestions, type SurveyDefinition } from "../survey/definition";
import type { SurveyRegistry } from "../survey/registry.server";
import { fieldCoverage } from "~/results/field-coverage.server";
import {
  DASHBOARD_SURVEYS,
  dashboardSearch,
  isWholeMonths,
  periodChoices,
  resolvePeriod,
  trendRange,
  type DashboardFilter,
  type DashboardParams,
  type ParamName,
} from "./params";
import type {
  ComponentRow,
  CorrectionRow,
  CriterionRow,
  DashboardData,
  DeltaNote,
  DistributionRow,
  Headline,
  IndexRow,
  MonthRow,
  Status,
  TargetTally,
  TargetView,
} from "./types";

/** Question codes fixed by contracts.md. */
const EXPECTATIONS = "MONG_DOI";
const HARASSMENT = "PHIEN_HA";
/** Stands for "another method version" when the previous period must not be compared. */
const OTHER_METHOD = "\u0000other";
/** How many of the lowest-rated criteria to list. */
const LOWEST = 5;

export type DashboardRequest = {
  params: DashboardParams;
  /** Parameters the route already found unreadable. */
  invalid?: ParamName[];
  /** The agency the page is limited to; null = the province. */
  focus: string | null;
  /** May the viewer open other agencies' pages (admin, viewer)? */
  linkAgencies: boolean;
  locale: Locale;
  /** "Today" in Vietnam, YYYY-MM-DD. */
  today: string;
};

type Ctx = {
  db: Db;
  surveys: SurveyRegistry;
  survey: string;
  locale: Locale;
  def: SurveyDefinition;
  methodVersion: string;
};

export function getDashboard(db: Db, surveys: SurveyRegistry, req: DashboardRequest): DashboardData {
  const { params, locale } = req;
  const survey = params.survey ?? DASHBOARD_SURVEYS[0];
  const { period, invalid: periodInvalid } = resolvePeriod(params, req.today);
  const range = period.range;
  const invalid = [...(req.invalid ?? []), ...periodInvalid];

  const asked: DashboardFilter = { sector: params.sector, field: params.field, channel: params.channel, agency: req.focus ?? params.agency };
  let filter = clean(asked);
  let error: string | null = null;
  let q;
  try {
    q = resolveResultsQuery(db, surveys, { survey, ...range, by: "none", locale, filter });
  } catch (e) {
    if (!(e instanceof ResultsInputError)) throw e;
    // An unknown code: say so, and show the scope without the filters (an agency head keeps their agency).
    error = e.message;
    filter = clean({ agency: req.focus ?? undefined });
    q = resolveResultsQuery(db, surveys, { survey, ...range, by: "none", locale, filter });
  }
  const def = q.def;
  const ctx: Ctx = { db, surveys, survey, locale, def, methodVersion: def.method.version };
  const focus = filter.agency ?? null;
  const provinceFilter = clean({ ...filter, agency: undefined });
  const previous = previousRange(range);
  const comparable = !otherMethodIn(ctx, previous);

  // By agency only: a merged agency's responses under its successor when asked (`gop=1`).
  const mergeSuccessors = params.gop === "1";
  const results = (by: string, f: ResultsFilter, r = range) => getResults(db, surveys, { survey, ...r, by, locale, filter: f, mergeSuccessors });

  // The whole scope: figures, criteria and the raw counts behind expectations and PHIEN_HA, from one read.
  const counted = rollupCounts(db, q);
  const overall = buildResults(db, q, counted).overall;
  const criteria = buildResults(db, { ...q, by: { kind: "criterion" } }, counted).groups as CriterionGroup[];
  const before = results("none", filter, previous).overall;

  const base: DashboardParams = { survey, period: period.key ?? "custom", ...(period.key ? {} : range), ...filter };
  const linkKeep = { survey, period: base.period, from: base.from, to: base.to };

  // Units one level down: the province's agencies, or the counters of the agency in focus.
  const unitKind = focus ? "counter" : "agency";
  const units = rows(ctx, results(unitKind, filter), results(unitKind, filter, previous), comparable, (key) =>
    focus
      ? `/quan-tri/co-quan/${focus}${dashboardSearch({ ...linkKeep, ...withoutAgency(filter), counter: key })}#y-kien`
      : req.linkAgencies
        ? `/quan-tri/co-quan/${key}${dashboardSearch({ ...linkKeep, ...withoutAgency(filter) })}`
        : undefined,
  );
  // Which of those units' ratings know their field (the field table and field targets count only these).
  const coverage = fieldCoverage(db, q, unitKind);
  for (const unit of units) unit.fieldCoverage = coverage.units.get(unit.key);
  const fields = rows(ctx, results("field", filter), results("field", filter, previous), comparable, (key) =>
    focus
      ? `/quan-tri/co-quan/${focus}${dashboardSearch({ ...linkKeep, ...withoutAgency(filter), field: key })}`
      : `/quan-tri${dashboardSearch({ ...base, field: key, sector: undefined })}`,
  );

  const province = focus ? results("none", provinceFilter).overall : null;
  const rank = focus ? provinceRank(results("agency", provinceFilter), focus) : null;

  const trend = trendRange(range);
  const months = groupsOf(results("month", filter, trend));
  const provinceMonths = focus ? new Map(groupsOf(results("month", provinceFilter, trend)).map((g) => [g.key, g.index])) : null;

  return {
    survey: survey as DashboardData["survey"],
    surveyTitle: def.title[locale],
    kind: def.method.index,
    period,
    filter,
    mergeSuccessors,
    focus: focus ? { code: focus, name: agencyName(db, focus) } : null,
    invalid,
    error,
    choices: choices(ctx, req),
    headline: headline({ overall, before, comparable, previous, fields, units, unitKind, province, rank, ctx }),
    ranking: { kind: unitKind, rows: sortRanked(units) },
    fields: sortFields(fields),
    fieldCoverage: coverage.total,
    trend: {
      ...trend,
      target: targetView(overall.target),
      rows: months.map(
        (g): MonthRow => ({ key: g.key, responses: g.responses, index: g.index, fewAnswers: g.fewAnswers, province: provinceMonths?.get(g.key) ?? null }),
      ),
    },
    components: components(ctx, overall, province),
    scale: scaleOptions(def, locale),
    distribution: criteria.map(distributionRow),
    lowest: lowest(ctx, criteria, focus ? (code) => `/quan-tri/co-quan/${focus}${dashboardSearch({ ...linkKeep, ...withoutAgency(filter), criterion: code })}#y-kien` : undefined),
    expectations: expectations(ctx, counted.overall.questions),
    harassment: harassment(ctx, counted.overall.questions),
    profile: profile(ctx, params.profile, filter, range),
    toCorrect: toCorrect(units, unitKind, fields),
  };
}

const clean = (f: DashboardFilter): DashboardFilter =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== "")) as DashboardFilter;
const withoutAgency = (f: DashboardFilter): DashboardFilter => clean({ ...f, agency: undefined });

const groupsOf = (r: Results) => r.groups as GroupResult[];

/**
 * Were any responses of the previous range answered under another method version than today's? Then the
 * two periods are not compared (sipas-method.md §4.6), even for the part that shares the method.
 */
function otherMethodIn(ctx: Ctx, range: { from: string; to: string }): boolean {
  const row = otherMethodResponses(ctx.db).get({ survey: ctx.survey, method: ctx.methodVersion, from: range.from.slice(0, 7), to: range.to.slice(0, 7) });
  return (row?.n ?? 0) > 0;
}

/** Responses of a survey's other method versions in a range of months: the month roll-up's channel set, a few rows per month. */
const otherMethodResponses = perConnection((db) => {
  const m = rollupMonthResponses;
  return db
    .select({ n: sql<number>`coalesce(sum(${m.n}), 0)` })
    .from(m)
    .innerJoin(surveyVersions, eq(surveyVersions.id, m.surveyVersionId))
    .where(
      and(
        eq(surveyVersions.surveyId, sql.placeholder("survey")),
        ne(surveyVersions.methodVersion, sql.placeholder("method")),
        eq(m.dim, "channel"),
        between(m.month, sql.placeholder("from"), sql.placeholder("to")),
      ),
    )
    .prepare();
});

export function statusOf(g: { index: number | null; fewAnswers: boolean; target: TargetResult | null }): Status {
  if (g.index === null) return "noData";
  if (g.fewAnswers) return "few";
  if (!g.target || g.target.met === null) return "noTarget";
  return g.target.met ? "met" : "notMet";
}

const targetView = (t: TargetResult | null): TargetView | null => (t ? { op: t.op, pct: t.pct } : null);

/** The interval of the index, where the index is one question's rate (per-dossier); none for SIPAS. */
function indexInterval(def: SurveyDefinition, g: OverallResult): { ciLow: number | null; ciHigh: number | null } {
  if (def.method.index !== "question" || !("questions" in g)) return { ciLow: null, ciHigh: null };
  const cell = g.questions[def.method.question];
  return { ciLow: cell?.ciLow ?? null, ciHigh: cell?.ciHigh ?? null };
}

const rankable = (groups: GroupResult[]): RankInput[] =>
  // "(không rõ …)" collects responses without a unit: shown, never ranked.
  groups.map((g) => ({ key: g.key, value: g.index, fewAnswers: g.fewAnswers || g.key === "" }));

/** Groups of a breakdown with their rank and change against the previous period (app/method/change.ts). */
function rows(ctx: Ctx, now: Results, then: Results, comparable: boolean, href: (key: string) => string | undefined): IndexRow[] {
  const groups = groupsOf(now);
  const current = { methodVersion: ctx.methodVersion, items: rankable(groups) };
  const compared = comparePeriods(current, { methodVersion: comparable ? ctx.methodVersion : OTHER_METHOD, items: rankable(groupsOf(then)) });
  const ranks = rankGroups(current.items);
  const byKey = new Map((compared ?? []).map((c) => [c.key, c]));
  return groups.map((g) => {
    const c = byKey.get(g.key);
    return {
      key: g.key,
      label: g.label,
      responses: g.responses,
      index: g.index,
      ...indexInterval(ctx.def, g),
      fewAnswers: g.fewAnswers,
      target: targetView(g.target),
      status: statusOf(g),
      rank: ranks[g.key] ?? null,
      delta: c?.delta ?? null,
      rankChange: c?.rankChange ?? null,
      previousEnough: (c?.previousRank ?? null) !== null,
      ...(g.key ? { href: href(g.key) } : {}),
    };
  });
}

/** Ranked first (best first), then the unranked (ít mẫu, no data, unknown unit) by name. */
function sortRanked(list: IndexRow[]): IndexRow[] {
  return [...list].sort((a, b) =>
    a.rank !== null && b.rank !== null ? a.rank - b.rank || a.label.localeCompare(b.label, "vi") : a.rank !== null ? -1 : b.rank !== null ? 1 : a.key === "" ? 1 : b.key === "" ? -1 : a.label.localeCompare(b.label, "vi"),
  );
}

/** Fields with a target of their own (đất đai, xây dựng, đầu tư: ≥ 90 %) first, then by index. */
function sortFields(list: IndexRow[]): IndexRow[] {
  const own = (r: IndexRow) => (r.target && r.target.op === ">=" ? 0 : 1);
  return [...list].sort((a, b) => own(a) - own(b) || (a.key === "" ? 1 : b.key === "" ? -1 : (b.index ?? -1) - (a.index ?? -1)));
}

function tally(list: IndexRow[]): TargetTally {
  const real = list.filter((r) => r.key !== "");
  return {
    met: real.filter((r) => r.status === "met").length,
    notMet: real.filter((r) => r.status === "notMet").length,
    few: real.filter((r) => r.status === "few").length,
  };
}

function provinceRank(byAgency: Results, focus: string): { rank: number | null; of: number } {
  const items = rankable(groupsOf(byAgency));
  const ranks = rankGroups(items);
  return { rank: ranks[focus] ?? null, of: Object.values(ranks).filter((r) => r !== null).length };
}

function headline(a: {
  overall: OverallResult;
  before: OverallResult;
  comparable: boolean;
  previous: { from: string; to: string };
  fields: IndexRow[];
  units: IndexRow[];
  unitKind: "agency" | "counter";
  province: OverallResult | null;
  rank: { rank: number | null; of: number } | null;
  ctx: Ctx;
}): Headline {
  const { overall, before, ctx } = a;
  const delta = figureDelta(
    { value: overall.index, methodVersion: ctx.methodVersion },
    { value: before.index, methodVersion: a.comparable ? ctx.methodVersion : OTHER_METHOD },
  );
  const deltaNote: DeltaNote = !a.comparable ? "methodChanged" : delta === null ? "noPrevious" : null;
  return {
    index: overall.index,
    ...indexInterval(ctx.def, overall),
    responses: overall.responses,
    fewAnswers: overall.fewAnswers,
    target: targetView(overall.target),
    status: statusOf(overall),
    delta,
    deltaNote,
    previous: { ...a.previous, index: before.index, responses: before.responses },
    fields: tally(a.fields),
    units: { kind: a.unitKind, ...tally(a.units) },
    province: a.province ? { index: a.province.index, responses: a.province.responses, status: statusOf(a.province) } : null,
    rank: a.rank,
  };
}

/** The five element indices (SIPAS) or the rate of each question (per-dossier), with the province's beside. */
function components(ctx: Ctx, overall: OverallResult, province: OverallResult | null): ComponentRow[] {
  const { def, locale } = ctx;
  const method = def.method;
  const byElement = method.index === "elements";
  const rows: { code: string; label: { vi: string; en: string } }[] =
    method.index === "elements" ? method.elements : allQuestions(def).filter((q) => q.type === "scale");
  const cells = byElement ? ("elements" in overall ? overall.elements : {}) : "questions" in overall ? overall.questions : {};
  const theirs = byElement
    ? province && "elements" in province ? province.elements : null
    : province && "questions" in province ? province.questions : null;
  return rows.map(({ code, label }) => {
    const c = cells[code];
    return {
      code,
      label: label[locale],
      rate: c?.rate ?? null,
      n: c?.n ?? 0,
      ciLow: c?.ciLow ?? null,
      ciHigh: c?.ciHigh ?? null,
      fewAnswers: c?.fewAnswers ?? true,
      province: theirs ? (theirs[code]?.rate ?? null) : null,
    };
  });
}

/** The options of the survey's rating scale, in display order (one scale per survey here). */
function scaleOptions(def: SurveyDefinition, locale: Locale) {
  const first = allQuestions(def).find((q) => q.type === "scale");
  const scale = first && first.type === "scale" ? def.scales[first.scale] : undefined;
  return (scale?.options ?? []).map((o) => ({ code: o.code, label: o.label[locale] }));
}

function distributionRow(g: CriterionGroup): DistributionRow {
  return { code: g.key, label: g.label, n: g.n, mean: g.mean, fewAnswers: g.fewAnswers, shares: g.distribution };
}

/** The criteria with the lowest rates among those with enough answers (SIPAS: the 22 criteria). */
function lowest(ctx: Ctx, criteria: CriterionGroup[], href?: (code: string) => string): CriterionRow[] {
  const { def } = ctx;
  const wanted = new Set(def.method.index === "elements" ? def.method.elements.flatMap((e) => e.criteria) : criteria.map((c) => c.key));
  return criteria
    .filter((c) => wanted.has(c.key) && c.rate !== null && !c.fewAnswers)
    .sort((a, b) => a.rate! - b.rate!) // stable: ties keep the questionnaire's order
    .slice(0, LOWEST)
    .map((c) => ({ code: c.key, label: c.label, rate: c.rate, n: c.n, ciLow: c.ciLow, ciHigh: c.ciHigh, ...(href ? { href: href(c.key) } : {}) }));
}

type Questions = Readonly<Record<string, Readonly<Record<number, number>>>>;

function expectations(ctx: Ctx, questions: Questions): DashboardData["expectations"] {
  const q = allQuestions(ctx.def).find((x) => x.code === EXPECTATIONS && x.type === "multi");
  if (!q) return null;
  const ticks = questions[q.code];
  const built = buildExpectations({ def: ctx.def, question: q.code, ticks, respondents: ticks?.[ANSWERED_CODE] ?? 0, locale: ctx.locale });
  return { respondents: built.respondents, rows: built.options };
}

function harassment(ctx: Ctx, questions: Questions): DashboardData["harassment"] {
  const q = allQuestions(ctx.def).find((x) => x.code === HARASSMENT && x.type === "single");
  if (!q || q.type !== "single") return null;
  const built = buildChoiceShares({ def: ctx.def, question: q.code, counts: questions[q.code], locale: ctx.locale });
  return {
    n: built.n,
    fewAnswers: built.fewAnswers,
    options: built.options.map((o) => ({ code: o.code, label: o.label })),
    row: { code: q.code, label: q.label[ctx.locale], n: built.n, mean: null, fewAnswers: built.fewAnswers, shares: built.options },
  };
}

/** A breakdown by one profile question (SIPAS): whole months only, and filtered by agency only. */
function profile(ctx: Ctx, asked: string | undefined, filter: DashboardFilter, range: { from: string; to: string }): DashboardData["profile"] {
  const questions = profileQuestions(ctx.def);
  if (questions.length === 0) return null;
  const question = asked && questions.includes(asked) ? asked : questions[0]!;
  if (!isWholeMonths(range)) return { question, unavailable: "wholeMonths", rows: [] };
  if (filter.sector || filter.field || filter.channel) return { question, unavailable: "filter", rows: [] };
  const r = getResults(ctx.db, ctx.surveys, { survey: ctx.survey, ...range, by: question, locale: ctx.locale, filter: clean({ agency: filter.agency }) });
  const groups = groupsOf(r);
  return {
    question,
    unavailable: null,
    rows: groups.map((g) => ({
      key: g.key,
      label: g.label,
      responses: g.responses,
      index: g.index,
      ...indexInterval(ctx.def, g),
      fewAnswers: g.fewAnswers,
      target: targetView(g.target),
      status: statusOf(g),
      rank: null,
      delta: null,
      rankChange: null,
      previousEnough: false,
    })),
  };
}

/**
 * Đơn vị cần chấn chỉnh (seed 002): units below their target, or falling against the previous period —
 * only where the answers suffice to say so (≥ 30 now, and ≥ 30 then for a fall). Below target first,
 * then the steepest fall.
 */
function toCorrect(units: IndexRow[], unitKind: "agency" | "counter", fields: IndexRow[]): CorrectionRow[] {
  const falling = (r: IndexRow) => r.previousEnough && r.delta !== null && r.delta < 0;
  const pick = (kind: CorrectionRow["kind"], list: IndexRow[]) =>
    list
      .filter((r) => r.key !== "" && !r.fewAnswers && r.index !== null && (r.status === "notMet" || falling(r)))
      .map((r): CorrectionRow => ({
        kind,
        key: r.key,
        label: r.label,
        index: r.index,
        target: r.target,
        belowTarget: r.status === "notMet",
        delta: falling(r) ? r.delta : null,
        ...(r.href ? { href: r.href } : {}),
      }));
  return [...pick(unitKind, units), ...pick("field", fields)].sort(
    (a, b) => Number(b.belowTarget) - Number(a.belowTarget) || (a.delta ?? 0) - (b.delta ?? 0) || (a.index ?? 0) - (b.index ?? 0),
  );
}

function choices(ctx: Ctx, req: DashboardRequest): DashboardData["choices"] {
  const { db, surveys, locale, def } = ctx;
  const surveyChoices = DASHBOARD_SURVEYS.filter((id) => surveys.has(id)).map((id) => ({ value: id, label: surveys.get(id)!.def.title[locale] }));
  return {
    surveys: surveyChoices,
    periods: periodChoices(req.today),
    agencies: asOptions(agencyChoices(db, req.focus)),
    sectors: asOptions(sectorChoices(db)),
    fields: asOptions(fieldChoices(db)),
    channels: [...CHANNELS],
    profiles: profileQuestions(def).map((code) => {
      const q = allQuestions(def).find((x) => x.code === code)!;
      return { value: code, label: q.label[locale] };
    }),
  };
}
