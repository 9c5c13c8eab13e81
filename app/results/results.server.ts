/**
 * `getResults`: the JSON of contracts.md §Results, from roll-up counts through the pure method module.
 * `getGroupCounts` gives the same groups with their raw counts, for the dashboard and reports, so that
 * every screen and file computes figures from one query path.
 */
import type { Db } from "../../db/client";
import {
  buildCriterionGroups,
  buildGroup,
  buildOverall,
  targetFor,
  vietnamDay,
  type CriterionGroup,
  type GroupCounts,
  type GroupResult,
  type OverallResult,
} from "../method";
import type { DayRange } from "../method/period";
import type { Locale } from "../survey/codes";
import { surveyDefinitionSchema, type SurveyDefinition } from "../survey/definition";
import type { SurveyRegistry } from "../survey/registry.server";
import { rollupCounts, type CountedGroups } from "./counts.server";
import { labelGroups, targetsInForce } from "./labels.server";
import { byName, parseBy, resolvePeriod, ResultsInputError, type By } from "./query";
import { profileQuestions } from "./rollup-rows";

export { ResultsInputError } from "./query";

export type ResultsInput = {
  survey: string;
  /** Vietnam calendar days, inclusive (contracts.md). */
  from?: string;
  to?: string;
  by?: string;
  locale?: Locale;
  /** "Today" in Vietnam time, for the default period; tests fix it. */
  today?: string;
};

export type ResolvedQuery = {
  survey: string;
  def: SurveyDefinition;
  /** Versions pooled: those sharing the latest version's method version. */
  versionIds: number[];
  range: DayRange;
  by: By;
  locale: Locale;
};

type VersionRow = { id: number; methodVersion: string; definition: string };

/**
 * Checks a request against the registered surveys. Versions answered under another method version than
 * the latest one are left out: the method forbids comparing or pooling them (sipas-method.md §4.6).
 */
export function resolveResultsQuery(db: Db, surveys: SurveyRegistry, input: ResultsInput): ResolvedQuery {
  const versions = db.$client
    .prepare(
      `select id, method_version as methodVersion, definition from survey_versions where survey_id = ? order by version desc`,
    )
    .all(input.survey) as VersionRow[];
  const latest = versions[0];
  if (!latest) {
    const known = [...surveys.keys()].join(", ");
    throw new ResultsInputError(`Không có khảo sát «${input.survey}»: chọn một trong ${known}.`);
  }
  const registered = surveys.get(input.survey);
  const def =
    registered?.versionId === latest.id ? registered.def : surveyDefinitionSchema.parse(JSON.parse(latest.definition));
  const by = parseBy(input.by, profileQuestions(def));
  const locale = input.locale ?? "vi";
  const range = resolvePeriod(input, input.today ?? vietnamDay(Date.now()), by);
  const versionIds = versions.filter((v) => v.methodVersion === latest.methodVersion).map((v) => v.id);
  return { survey: input.survey, def, versionIds, range, by, locale };
}

export type LabeledCounts = { key: string; label: string; counts: GroupCounts };
const EMPTY: GroupCounts = { responses: 0, questions: {} };

/** The groups of a request, labelled and in display order, with their counts. */
export function labelCounts(db: Db, q: ResolvedQuery, counted: CountedGroups): { overall: GroupCounts; groups: LabeledCounts[] } {
  const entries = labelGroups(db, { by: q.by, def: q.def, range: q.range, locale: q.locale, keys: counted.groups.keys() });
  const groups = entries.map((e) => ({ key: e.key, label: e.label, counts: counted.groups.get(e.rawKey) ?? EMPTY }));
  return { overall: counted.overall, groups };
}

export function getGroupCounts(db: Db, surveys: SurveyRegistry, input: ResultsInput) {
  const query = resolveResultsQuery(db, surveys, input);
  return { query, ...labelCounts(db, query, rollupCounts(db, query)) };
}

/** contracts.md §Results; `groups` are criterion groups for `by: "criterion"`. */
export type Results = {
  survey: string;
  from: string;
  to: string;
  by: string;
  overall: OverallResult;
  groups: GroupResult[] | CriterionGroup[];
};

/** Figures from counts: shared by `getResults` and by checks that count raw answers instead. */
export function buildResults(db: Db, q: ResolvedQuery, counted: CountedGroups): Results {
  const { overall, groups } = labelCounts(db, q, counted);
  const targets = targetsInForce(db, q.range.from);
  const by = byName(q.by);
  const base = { survey: q.survey, from: q.range.from, to: q.range.to, by };
  const overallResult = buildOverall({ def: q.def, counts: overall, target: targets.overall });
  if (q.by.kind === "criterion") {
    return { ...base, overall: overallResult, groups: buildCriterionGroups({ def: q.def, counts: overall, locale: q.locale }) };
  }
  return {
    ...base,
    overall: overallResult,
    groups: groups.map((g) =>
      buildGroup({
        def: q.def,
        key: g.key,
        label: g.label,
        counts: g.counts,
        target: targetFor({ by, key: g.key, fieldTargets: targets.byField, overallTarget: targets.overall }),
      }),
    ),
  };
}

export function getResults(db: Db, surveys: SurveyRegistry, input: ResultsInput): Results {
  const query = resolveResultsQuery(db, surveys, input);
  return buildResults(db, query, rollupCounts(db, query));
}
