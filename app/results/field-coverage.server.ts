/**
 * How many ratings know their field, per agency or counter (docs/decisions/0016). Field targets (≥ 90 % for land,
 * construction, investment) and field tables count only ratings that carry a field; a counter whose citizens
 * mostly skip the question is a counter whose field figures rest on few of its ratings, and the dashboard says
 * so. Read from the day roll-up cells, the only table that crosses agency × counter × field; counts only.
 */
import type { Db } from "../../db/client";
import { ratio, round2OrNull } from "~/method";
import { ROLLUP_DIMS } from "../../db/schema";

import type { ResolvedQuery } from "./results.server";

/** `share`: % of the ratings that carry a field; `withoutShare`: % that do not (null without ratings). */
export type FieldCoverage = { responses: number; withField: number; share: number | null; withoutShare: number | null };

/** Day-cell column per breakdown of a filter (ids as numbers, channel codes as text). */
export const COVERAGE_COLUMN = { agency: "agency_id", field: "field_id", counter: "counter_id", channel: "channel" } as const;

/*
 * A raw statement, kept so on purpose (docs/decisions/0018-one-of-each-and-raw-hot-paths.md): it sums the day
 * roll-up cells of the whole range in bulk, the same cells and shapes as app/results/counts.server.ts, joined
 * to the unit's code. Typed by CoverageRow and Param; tests/integration/raw-sql-columns.test.ts prepares it,
 * for both units and every filter column, against a database built from db/schema.ts.
 */
/** The statement for `versions` survey versions, with `filters` (` and r.column in (?, …)`, joined) appended. */
export function coverageSql(unit: "agency" | "counter", versions: number, filters = ""): string {
  const table = unit === "agency" ? "agencies" : "counters";
  return `select u.code as code, sum(r.n) as responses, sum(case when r.field_id <> 0 then r.n else 0 end) as withField
         from rollup_responses r left join ${table} u on u.id = r.${COVERAGE_COLUMN[unit]}
        where r.survey_version_id in (${Array.from({ length: versions }, () => "?").join(", ")}) and r.day_vn between ? and ? ${filters}
        group by r.${COVERAGE_COLUMN[unit]}`;
}
type CoverageRow = { code: string | null; responses: number; withField: number };
type Param = string | number;

const coverage = (responses: number, withField: number): FieldCoverage => ({
  responses,
  withField,
  share: round2OrNull(ratio(100 * withField, responses)),
  withoutShare: round2OrNull(ratio(100 * (responses - withField), responses)),
});

/** The scope's coverage and each unit's (by its directory code), over the query's range, versions and filter. */
export function fieldCoverage(db: Db, q: ResolvedQuery, unit: "agency" | "counter"): { total: FieldCoverage; units: Map<string, FieldCoverage> } {
  const where: string[] = [];
  const params: Param[] = [];
  for (const dim of ROLLUP_DIMS) {
    const keys = q.filter?.[dim];
    if (!keys) continue;
    if (keys.length === 0) return { total: coverage(0, 0), units: new Map() };
    where.push(`and r.${COVERAGE_COLUMN[dim]} in (${keys.map(() => "?").join(", ")})`);
    params.push(...keys.map((k) => (dim === "channel" ? k : Number(k))));
  }
  const rows = db.$client
    .prepare<Param[], CoverageRow>(coverageSql(unit, q.versionIds.length, where.join(" ")))
    .all(...q.versionIds, q.range.from, q.range.to, ...params);
  const units = new Map(rows.map((r) => [r.code ?? "", coverage(r.responses, r.withField)]));
  const sum = (key: "responses" | "withField") => rows.reduce((n, r) => n + r[key], 0);
  return { total: coverage(sum("responses"), sum("withField")), units };
}
