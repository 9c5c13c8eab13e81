/**
 * How many ratings know their field, per agency or counter (docs/decisions/0016). Field targets (≥ 90 % for land,
 * construction, investment) and field tables count only ratings that carry a field; a counter whose citizens
 * mostly skip the question is a counter whose field figures rest on few of its ratings, and the dashboard says
 * so. Read from the day roll-up cells, the only table that crosses agency × counter × field; counts only.
 */
import { and, between, eq, inArray, sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { ratio, round2OrNull } from "~/method";
import { agencies, counters, ROLLUP_DIMS, rollupResponses } from "../../db/schema";
import { isChannel } from "../survey/codes";

import type { ResolvedQuery } from "./results.server";

/** `share`: % of the ratings that carry a field; `withoutShare`: % that do not (null without ratings). */
export type FieldCoverage = { responses: number; withField: number; share: number | null; withoutShare: number | null };

const r = rollupResponses;

const coverage = (responses: number, withField: number): FieldCoverage => ({
  responses,
  withField,
  share: round2OrNull(ratio(100 * withField, responses)),
  withoutShare: round2OrNull(ratio(100 * (responses - withField), responses)),
});

/** The scope's coverage and each unit's (by its directory code), over the query's range, versions and filter. */
export function fieldCoverage(db: Db, q: ResolvedQuery, unit: "agency" | "counter"): { total: FieldCoverage; units: Map<string, FieldCoverage> } {
  const f = q.filter ?? {};
  if (ROLLUP_DIMS.some((dim) => f[dim]?.length === 0)) return { total: coverage(0, 0), units: new Map() };
  // Filter keys are ids as text ('0' = none) in integer columns, or channel codes.
  const ids = (keys: readonly string[] | undefined) => keys?.map(Number);
  const [agency, field, counter] = [ids(f.agency), ids(f.field), ids(f.counter)];
  const where = and(
    inArray(r.surveyVersionId, q.versionIds),
    between(r.dayVn, q.range.from, q.range.to),
    agency && inArray(r.agencyId, agency),
    field && inArray(r.fieldId, field),
    counter && inArray(r.counterId, counter),
    f.channel && inArray(r.channel, f.channel.filter(isChannel)),
  );
  const units = unit === "agency" ? agencies : counters;
  const column = unit === "agency" ? r.agencyId : r.counterId;
  const rows = db
    .select({
      code: units.code,
      responses: sql<number>`sum(${r.n})`,
      withField: sql<number>`sum(case when ${r.fieldId} <> 0 then ${r.n} else 0 end)`,
    })
    .from(r)
    .leftJoin(units, eq(units.id, column))
    .where(where)
    .groupBy(column)
    .all();
  const byUnit = new Map(rows.map((row) => [row.code ?? "", coverage(row.responses, row.withField)]));
  const sum = (key: "responses" | "withField") => rows.reduce((n, row) => n + row[key], 0);
  return { total: coverage(sum("responses"), sum("withField")), units: byUnit };
}
