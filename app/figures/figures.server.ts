/**
 * The one figures model: for any registered survey, scope and period, everything the dashboard, the report
 * and the public page present (app/figures/types.ts). Figures come from app/results (roll-up counts turned into
 * published figures by app/method); every verdict — met / not met / too few, whether a change is shown, rank,
 * units to correct, lowest items, channel shares — is decided by app/method/verdicts.ts. This module only
 * reads, picks and labels; the presenters (app/dashboard, app/report, app/publishing) add links and words.
 *
 * Scope: `focus` is the one agency the figures are limited to (an agency head's own, or a drill-down); it wins
 * over any `agency` parameter, and the caller has already refused a foreign one (app/auth/scope.server.ts).
 */
import { and, between, eq, ne, sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { perConnection } from "../../db/prepared";
import { rollupMonthResponses, surveyVersions } from "../../db/schema";
import { agencyName } from "../directory/choices.server";
import {
  buildChoiceShares,
  buildExpectations,
  previousRange,
  type CriterionGroup,
  type GroupResult,
  type OverallResult,
  type TargetResult,
} from "../method";
import { changeOf, channelShares, lowestItems, statusOf, unitsToCorrect, unitVerdicts, type UnitFigures } from "../method/verdicts";
import { rollupCounts } from "../results/counts.server";
import { fieldCoverage } from "../results/field-coverage.server";
import { ANSWERED_CODE, profileQuestions } from "../results/rollup-rows";
import { buildResults, getResults, resolveResultsQuery, ResultsInputError, type Results, type ResultsFilter } from "../results/results.server";
import type { Locale } from "../survey/codes";
import { allQuestions, type SurveyDefinition } from "../survey/definition";
import type { SurveyRegistry } from "../survey/registry.server";
import { isWholeMonths, resolvePeriod, trendRange, type DashboardFilter, type DashboardParams, type ParamName } from "../dashboard/params";
import { surveyOrDefault } from "./surveys";
import type {
  ChannelRow,
  ComponentRow,
  CorrectionRow,
  DistributionRow,
  Figures,
  Headline,
  IndexRow,
  MeasureRow,
  MonthRow,
  NumberRow,
  ProfileTable,
  TargetTally,
  TargetView,
} from "./types";

/** Question codes fixed by docs/contracts.md. */
const EXPECTATIONS = "MONG_DOI";
const HARASSMENT = "PHIEN_HA";

export type FiguresRequest = {
  params: DashboardParams;
  /** Parameters the caller already found unreadable. */
  invalid?: ParamName[];
  /** The agency the figures are limited to; null = the province. */
  focus: string | null;
  locale: Locale;
  /** "Today" in Vietnam, YYYY-MM-DD. */
  today: string;
  /** Break the figures down by every profile question (the report prints them all). */
  everyProfile?: boolean;
};

type Ctx = { db: Db; surveys: SurveyRegistry; survey: string; locale: Locale; def: SurveyDefinition };

export function getFigures(db: Db, surveys: SurveyRegistry, req: FiguresRequest): Figures {
  const { params, locale } = req;
  const { survey, known } = surveyOrDefault(surveys, params.survey);
  const { period, invalid: periodInvalid } = resolvePeriod(params, req.today);
  const range = period.range;
  const invalid: ParamName[] = [...(req.invalid ?? []), ...(known ? [] : (["survey"] as const)), ...periodInvalid];

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
  const ctx: Ctx = { db, surveys, survey, locale, def };
  const focus = filter.agency ?? null;
  const provinceFilter = clean({ ...filter, agency: undefined });
  const previous = previousRange(range);
  const sameMethod = !otherMethodIn(db, survey, def.method.version, previous);

  // By agency only: a merged agency's responses under its successor when asked (`gop=1`).
  const mergeSuccessors = params.gop === "1";
  const results = (by: string, f: ResultsFilter, r = range) => getResults(db, surveys, { survey, ...r, by, locale, filter: f, mergeSuccessors });

  // The whole scope: figures, criteria and the raw counts behind expectations and PHIEN_HA, from one read.
  const counted = rollupCounts(db, q);
  const overall = buildResults(db, q, counted).overall;
  const criteria = buildResults(db, { ...q, by: { kind: "criterion" } }, counted).groups as CriterionGroup[];
  const before = results("none", filter, previous).overall;

  // Units one level down: the province's agencies, or the counters of the agency in focus.
  const unitKind = focus ? "counter" : "agency";
  const units = rows(def, results(unitKind, filter), results(unitKind, filter, previous), sameMethod);
  // Which of those units' ratings know their field (the field table and field targets count only these).
  const coverage = fieldCoverage(db, q, unitKind);
  for (const unit of units) unit.fieldCoverage = coverage.units.get(unit.key);
  const fields = rows(def, results("field", filter), results("field", filter, previous), sameMethod);

  const province = focus ? results("none", provinceFilter).overall : null;
  const rank = focus ? provinceRank(results("agency", provinceFilter), focus) : null;

  const trend = trendRange(range);
  const months = groupsOf(results("month", filter, trend));
  const provinceMonths = focus ? new Map(groupsOf(results("month", provinceFilter, trend)).map((g) => [g.key, g.index])) : null;

  return {
    survey,
    surveyTitle: def.title[locale],
    kind: def.method.index,
    methodVersion: def.method.version,
    period,
    filter,
    mergeSuccessors,
    focus: focus ? { code: focus, name: agencyName(db, focus) } : null,
    invalid,
    error,
    headline: headline({ def, overall, before, sameMethod, previous, fields, units, unitKind, province, rank }),
    ranking: { kind: unitKind, rows: sortRanked(units) },
    fields: sortFields(fields),
    fieldCoverage: coverage.total,
    trend: {
      ...trend,
      target: targetView(overall.target),
      rows: months.map((g): MonthRow => ({
        key: g.key,
        responses: g.responses,
        index: g.index,
        fewAnswers: g.fewAnswers,
        province: provinceMonths?.get(g.key) ?? null,
      })),
    },
    components: components(ctx, overall, province),
    scale: scaleOptions(def, locale),
    distribution: criteria.map(distributionRow),
    lowest: lowest(def, criteria),
    expectations: expectations(ctx, counted.overall.questions),
    harassment: harassment(ctx, counted.overall.questions),
    profile: profile(ctx, params.profile, filter, range),
    profiles: req.everyProfile ? everyProfile(ctx, filter, range) : [],
    toCorrect: toCorrect(units, unitKind, fields),
    channels: channels(results("channel", filter)),
    measures: measures(def, locale, overall),
    numbers: numbers(def, locale, overall),
  };
}

const clean = (f: DashboardFilter): DashboardFilter =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== "")) as DashboardFilter;

const groupsOf = (r: Results) => r.groups as GroupResult[];

/**
 * Were any responses of the previous range answered under another method version than today's? Then the
 * two periods are not compared (docs/method.md §4.6), even for the part that shares the method.
 */
function otherMethodIn(db: Db, survey: string, method: string, range: { from: string; to: string }): boolean {
  const row = otherMethodResponses(db).get({ survey, method, from: range.from.slice(0, 7), to: range.to.slice(0, 7) });
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

const targetView = (t: TargetResult | null): TargetView | null => (t ? { op: t.op, pct: t.pct } : null);

/** The interval of the index, where the index is one question's rate (per-dossier); none for SIPAS. */
function indexInterval(def: SurveyDefinition, g: OverallResult): { ciLow: number | null; ciHigh: number | null } {
  if (def.method.index !== "question" || !("questions" in g)) return { ciLow: null, ciHigh: null };
  const cell = g.questions[def.method.question];
  return { ciLow: cell?.ciLow ?? null, ciHigh: cell?.ciHigh ?? null };
}

/** A group without rank or change (months, profile groups). */
function plainRow(def: SurveyDefinition, g: GroupResult): IndexRow {
  return {
    key: g.key,
    label: g.label,
    responses: g.responses,
    index: g.index,
    ...indexInterval(def, g),
    fewAnswers: g.fewAnswers,
    target: targetView(g.target),
    status: statusOf(g),
    rank: null,
    delta: null,
    rankChange: null,
    previousEnough: false,
  };
}

/** Groups of a breakdown with their rank and change against the previous period (app/method/verdicts.ts). */
function rows(def: SurveyDefinition, now: Results, then: Results, sameMethod: boolean): IndexRow[] {
  const groups = groupsOf(now);
  const previous = new Map(groupsOf(then).map((g) => [g.key, g] as const));
  const figures: UnitFigures[] = groups.map((g) => {
    const p = previous.get(g.key);
    // "(không rõ …)" collects responses without a unit: shown, never ranked.
    return { key: g.key, known: g.key !== "", now: g, then: p ?? null };
  });
  const verdicts = unitVerdicts(figures, sameMethod);
  return groups.map((g) => ({ ...plainRow(def, g), ...verdicts.get(g.key)! }));
}

/** Ranked first (best first), then the unranked (ít mẫu, no data, unknown unit) by name. */
function sortRanked(list: IndexRow[]): IndexRow[] {
  return [...list].sort((a, b) =>
    a.rank !== null && b.rank !== null
      ? a.rank - b.rank || a.label.localeCompare(b.label, "vi")
      : a.rank !== null
        ? -1
        : b.rank !== null
          ? 1
          : a.key === ""
            ? 1
            : b.key === ""
              ? -1
              : a.label.localeCompare(b.label, "vi"),
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
  const verdicts = unitVerdicts(
    groupsOf(byAgency).map((g) => ({ key: g.key, known: g.key !== "", now: g, then: null })),
    false,
  );
  const ranked = [...verdicts.values()].filter((v) => v.rank !== null).length;
  return { rank: verdicts.get(focus)?.rank ?? null, of: ranked };
}

function headline(a: {
  def: SurveyDefinition;
  overall: OverallResult;
  before: OverallResult;
  sameMethod: boolean;
  previous: { from: string; to: string };
  fields: IndexRow[];
  units: IndexRow[];
  unitKind: "agency" | "counter";
  province: OverallResult | null;
  rank: { rank: number | null; of: number } | null;
}): Headline {
  const { overall, before } = a;
  const change = changeOf(overall, before, a.sameMethod);
  return {
    index: overall.index,
    ...indexInterval(a.def, overall),
    responses: overall.responses,
    fewAnswers: overall.fewAnswers,
    target: targetView(overall.target),
    status: statusOf(overall),
    delta: change.delta,
    deltaNote: change.note,
    previous: { ...a.previous, index: before.index, responses: before.responses, fewAnswers: before.fewAnswers },
    fields: tally(a.fields),
    units: { kind: a.unitKind, ...tally(a.units) },
    province: a.province ? { index: a.province.index, responses: a.province.responses, status: statusOf(a.province) } : null,
    rank: a.rank,
  };
}

/** The element (domain) indices, or the rate of each question (per-dossier), with the province's beside. */
function components(ctx: Ctx, overall: OverallResult, province: OverallResult | null): ComponentRow[] {
  const { def, locale } = ctx;
  const method = def.method;
  const byElement = method.index === "elements";
  const list: { code: string; label: { vi: string; en: string } }[] =
    method.index === "elements" ? method.elements : allQuestions(def).filter((q) => q.type === "scale");
  const cells = byElement ? ("elements" in overall ? overall.elements : {}) : "questions" in overall ? overall.questions : {};
  const theirs = byElement
    ? province && "elements" in province
      ? province.elements
      : null
    : province && "questions" in province
      ? province.questions
      : null;
  return list.map(({ code, label }) => {
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

/** The lowest-rated items among those with enough answers: the element criteria (SIPAS, QĐ 56), else every scale question. */
function lowest(def: SurveyDefinition, criteria: CriterionGroup[]) {
  const wanted = new Set(def.method.index === "elements" ? def.method.elements.flatMap((e) => e.criteria) : criteria.map((c) => c.key));
  return lowestItems(criteria, wanted).map((c) => ({ code: c.key, label: c.label, rate: c.rate, n: c.n, ciLow: c.ciLow, ciHigh: c.ciHigh }));
}

type Questions = Readonly<Record<string, Readonly<Record<number, number>>>>;

function expectations(ctx: Ctx, questions: Questions): Figures["expectations"] {
  const q = allQuestions(ctx.def).find((x) => x.code === EXPECTATIONS && x.type === "multi");
  if (!q) return null;
  const ticks = questions[q.code];
  const built = buildExpectations({ def: ctx.def, question: q.code, ticks, respondents: ticks?.[ANSWERED_CODE] ?? 0, locale: ctx.locale });
  return { respondents: built.respondents, rows: built.options };
}

function harassment(ctx: Ctx, questions: Questions): Figures["harassment"] {
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

/** A breakdown by one profile question: whole months only, and filtered by agency only. */
function profile(ctx: Ctx, asked: string | undefined, filter: DashboardFilter, range: { from: string; to: string }): Figures["profile"] {
  const questions = profileQuestions(ctx.def);
  if (questions.length === 0) return null;
  const question = asked && questions.includes(asked) ? asked : questions[0]!;
  if (!isWholeMonths(range)) return { question, unavailable: "wholeMonths", rows: [] };
  if (filter.sector || filter.field || filter.channel) return { question, unavailable: "filter", rows: [] };
  return { question, unavailable: null, rows: profileRows(ctx, question, filter, range) };
}

function profileRows(ctx: Ctx, question: string, filter: DashboardFilter, range: { from: string; to: string }): IndexRow[] {
  const r = getResults(ctx.db, ctx.surveys, {
    survey: ctx.survey,
    ...range,
    by: question,
    locale: ctx.locale,
    filter: clean({ agency: filter.agency }),
  });
  return groupsOf(r).map((g) => plainRow(ctx.def, g));
}

/** Every profile question's breakdown, for the report (the agency filter only, as profile roll-ups keep). */
function everyProfile(ctx: Ctx, filter: DashboardFilter, range: { from: string; to: string }): ProfileTable[] {
  return profileQuestions(ctx.def).map((question) => ({
    question,
    label: allQuestions(ctx.def).find((q) => q.code === question)?.label[ctx.locale] ?? question,
    rows: profileRows(ctx, question, filter, range),
  }));
}

/** Đơn vị cần chấn chỉnh, decided by app/method/verdicts.ts (`unitsToCorrect`). */
function toCorrect(units: IndexRow[], unitKind: "agency" | "counter", fields: IndexRow[]): CorrectionRow[] {
  return unitsToCorrect<CorrectionRow["kind"], IndexRow>([
    { kind: unitKind, rows: units },
    { kind: "field", rows: fields },
  ]).map(({ kind, row, belowTarget, fall }) => ({
    kind,
    key: row.key,
    label: row.label,
    index: row.index,
    target: row.target,
    belowTarget,
    delta: fall,
  }));
}

function channels(byChannel: Results): ChannelRow[] {
  return channelShares(groupsOf(byChannel)).map(({ row, share }) => ({ code: row.key, label: row.label, responses: row.responses, share }));
}

/** The definition's per-respondent measures, in its order, with their published rates. */
function measures(def: SurveyDefinition, locale: Locale, overall: OverallResult): MeasureRow[] {
  return def.method.measures.map((m) => {
    const c = overall.measures?.[m.code];
    return {
      code: m.code,
      label: m.label[locale],
      rate: c?.rate ?? null,
      n: c?.n ?? 0,
      ciLow: c?.ciLow ?? null,
      ciHigh: c?.ciHigh ?? null,
      fewAnswers: c?.fewAnswers ?? true,
    };
  });
}

/** The number questions, in questionnaire order, with mean, median and shares at or above their thresholds. */
function numbers(def: SurveyDefinition, locale: Locale, overall: OverallResult): NumberRow[] {
  return allQuestions(def).flatMap((q) => {
    if (q.type !== "number") return [];
    const c = overall.numbers?.[q.code];
    return [
      {
        code: q.code,
        label: q.label[locale],
        unit: q.unit?.[locale] ?? null,
        n: c?.n ?? 0,
        mean: c?.mean ?? null,
        median: c?.median ?? null,
        atLeast: c?.atLeast ?? q.thresholds.map((threshold) => ({ threshold, share: null })),
        fewAnswers: c?.fewAnswers ?? true,
      },
    ];
  });
}
