/**
 * `getResults`: the JSON of docs/contracts.md §Results, from roll-up counts through the pure method module.
 * `getGroupCounts` gives the same groups with their raw counts, for the dashboard and reports, so that
 * every screen and file computes figures from one query path.
 */
import { asc, desc, eq, sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { perConnection } from "../../db/prepared";
import { fields, surveyVersions } from "../../db/schema";
import { idOfCode } from "../directory/ids.server";
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
import { CHANNELS, isChannel, type Locale } from "../survey/codes";
import { surveyDefinitionSchema, type SurveyDefinition } from "../survey/definition";
import type { SurveyRegistry } from "../survey/registry.server";
import { rollupCounts, type CountedGroups, type CountFilter } from "./counts.server";
import { labelGroups, targetsInForce } from "./labels.server";
import { byName, parseBy, resolvePeriod, ResultsInputError, type By, type ResultsFilter } from "./query";
import { profileQuestions } from "./rollup-rows";
import { mergeIntoSuccessors } from "./successors.server";

export { FILTER_KEYS, ResultsInputError, type ResultsFilter } from "./query";

export type ResultsInput = {
  survey: string;
  /** Vietnam calendar days, inclusive (docs/contracts.md). */
  from?: string;
  to?: string;
  by?: string;
  locale?: Locale;
  /** "Today" in Vietnam time, for the default period; tests fix it. */
  today?: string;
  /** Limit every figure to an agency, sector, field, counter and/or channel (codes). */
  filter?: ResultsFilter;
  /** By agency: count a merged agency's responses under its successor (else it stays under its old name). */
  mergeSuccessors?: boolean;
};

export type ResolvedQuery = {
  survey: string;
  def: SurveyDefinition;
  /** Versions pooled: those sharing the latest version's method version. */
  versionIds: number[];
  range: DayRange;
  by: By;
  locale: Locale;
  /** The filter as roll-up keys; absent = the whole province. */
  filter?: CountFilter;
  /** The field a filter names (alone): its target then holds for every group and the whole. */
  targetField?: string;
  mergeSuccessors?: boolean;
};

/** A dashboard resolves a dozen requests: their reads are prepared once per connection. */
const reads = perConnection((db) => ({
  versions: db
    .select({ id: surveyVersions.id, methodVersion: surveyVersions.methodVersion })
    .from(surveyVersions)
    .where(eq(surveyVersions.surveyId, sql.placeholder("survey")))
    .orderBy(desc(surveyVersions.version))
    .prepare(),
  sectorFields: db
    .select({ id: fields.id })
    .from(fields)
    .where(eq(fields.sectorId, sql.placeholder("sector")))
    .orderBy(asc(fields.id))
    .prepare(),
}));

/**
 * Checks a request against the registered surveys. Versions answered under another method version than
 * the latest one are left out: the method forbids comparing or pooling them (docs/method.md §4.6).
 */
export function resolveResultsQuery(db: Db, surveys: SurveyRegistry, input: ResultsInput): ResolvedQuery {
  const versions = reads(db).versions.all({ survey: input.survey });
  const latest = versions[0];
  if (!latest) {
    const known = [...surveys.keys()].join(", ");
    throw new ResultsInputError(`Không có khảo sát «${input.survey}»: chọn một trong ${known}.`);
  }
  const registered = surveys.get(input.survey);
  const def = registered?.versionId === latest.id ? registered.def : storedDefinition(db, latest.id);
  const by = parseBy(input.by, profileQuestions(def));
  const locale = input.locale ?? "vi";
  const range = resolvePeriod(input, input.today ?? vietnamDay(Date.now()), by);
  const versionIds = versions.filter((v) => v.methodVersion === latest.methodVersion).map((v) => v.id);
  const query: ResolvedQuery = {
    survey: input.survey,
    def,
    versionIds,
    range,
    by,
    locale,
    ...(input.mergeSuccessors ? { mergeSuccessors: true } : {}),
  };
  return input.filter ? { ...query, ...resolveFilter(db, input.filter, by) } : query;
}

const FILTER_NOUN = { agency: "cơ quan", sector: "ngành", field: "lĩnh vực", counter: "quầy" } as const;

/**
 * Directory codes → roll-up keys. An unknown code is refused by name (a typo must not read as "no
 * responses"); a field outside the filtered sector matches nothing. Profile roll-ups keep only agencies
 * apart, so a profile breakdown takes an agency filter and no other.
 */
export function resolveFilter(db: Db, filter: ResultsFilter, by: By): Pick<ResolvedQuery, "filter" | "targetField"> {
  const out: { -readonly [K in keyof CountFilter]: string[] } = {};
  const idOf = (kind: keyof typeof FILTER_NOUN, code: string): number => {
    const id = idOfCode(db, kind, code);
    if (id === null) throw new ResultsInputError(`Không có ${FILTER_NOUN[kind]} «${code}».`);
    return id;
  };
  if (filter.agency) out.agency = [String(idOf("agency", filter.agency))];
  if (filter.counter) out.counter = [String(idOf("counter", filter.counter))];
  if (filter.channel) {
    if (!isChannel(filter.channel)) {
      throw new ResultsInputError(`Không có kênh «${filter.channel}»: chọn một trong ${CHANNELS.join(", ")}.`);
    }
    out.channel = [filter.channel];
  }
  if (filter.sector) {
    const sector = idOf("sector", filter.sector);
    const ids = reads(db).sectorFields.all({ sector });
    out.field = ids.map(({ id }) => String(id));
  }
  if (filter.field) {
    const id = String(idOf("field", filter.field));
    out.field = out.field ? out.field.filter((f) => f === id) : [id];
  }
  if (by.kind === "profile" && Object.keys(out).some((k) => k !== "agency")) {
    throw new ResultsInputError(
      `Phân tổ theo ${by.question} chỉ lọc được theo cơ quan: số liệu theo đặc điểm người trả lời không tách theo ngành, lĩnh vực, quầy hay kênh.`,
    );
  }
  return Object.keys(out).length ? { filter: out, ...(filter.field ? { targetField: filter.field } : {}) } : {};
}

/** A version registered by another process (or an older file): read it as it was registered. */
function storedDefinition(db: Db, versionId: number): SurveyDefinition {
  const row = db.select({ definition: surveyVersions.definition }).from(surveyVersions).where(eq(surveyVersions.id, versionId)).get();
  return surveyDefinitionSchema.parse(row?.definition);
}

export type LabeledCounts = { key: string; label: string; counts: GroupCounts };
const EMPTY: GroupCounts = { responses: 0, questions: {} };

/** The groups of a request, labelled and in display order, with their counts. */
export function labelCounts(db: Db, q: ResolvedQuery, raw: CountedGroups): { overall: GroupCounts; groups: LabeledCounts[] } {
  const counted = q.mergeSuccessors && q.by.kind === "agency" ? mergeIntoSuccessors(db, raw) : raw;
  const entries = labelGroups(db, { by: q.by, def: q.def, range: q.range, locale: q.locale, keys: counted.groups.keys() });
  const groups = entries.map((e) => ({ key: e.key, label: e.label, counts: counted.groups.get(e.rawKey) ?? EMPTY }));
  return { overall: counted.overall, groups };
}

export function getGroupCounts(db: Db, surveys: SurveyRegistry, input: ResultsInput) {
  const query = resolveResultsQuery(db, surveys, input);
  return { query, ...labelCounts(db, query, rollupCounts(db, query)) };
}

/** docs/contracts.md §Results; `groups` are criterion groups for `by: "criterion"`. */
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
  // Figures limited to one field are figures of that field: its target holds for them all.
  const fieldTarget = q.targetField
    ? targetFor({ by: "field", key: q.targetField, fieldTargets: targets.byField, overallTarget: targets.overall })
    : undefined;
  const overallResult = buildOverall({ def: q.def, counts: overall, target: fieldTarget ?? targets.overall });
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
        target: fieldTarget ?? targetFor({ by, key: g.key, fieldTargets: targets.byField, overallTarget: targets.overall }),
      }),
    ),
  };
}

export function getResults(db: Db, surveys: SurveyRegistry, input: ResultsInput): Results {
  const query = resolveResultsQuery(db, surveys, input);
  return buildResults(db, query, rollupCounts(db, query));
}
