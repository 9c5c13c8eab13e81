/**
 * How many ratings know their field, per agency or counter (docs/decisions/0016). Field targets (≥ 90 % for land,
 * construction, investment) and field tables count only ratings that carry a field; a counter whose citizens
 * mostly skip the question is a counter whose field figures rest on few of its ratings, and the dashboard says
 * so. Counted from the roll-ups like every figure: the unit's responses, less those of the unit without a field
 * (field key 0) — whole months from the month sets and pairs (docs/decisions/0028-pair-rollups.md). Summing the
 * day cells of the range instead took 1.3 s of the province dashboard at 1 000 000 responses.
 */
import { inArray } from "drizzle-orm";

import type { Db } from "../../db/client";
import { agencies, counters } from "../../db/schema";
import type { FieldCoverage } from "../figures/types";
import { ratio, round2OrNull } from "~/method";
import { rollupCounts } from "./counts.server";
import type { ResolvedQuery } from "./results.server";

const coverage = (responses: number, withField: number): FieldCoverage => ({
  responses,
  withField,
  share: round2OrNull(ratio(100 * withField, responses)),
  withoutShare: round2OrNull(ratio(100 * (responses - withField), responses)),
});

/** The scope's coverage and each unit's (by its directory code), over the query's range, versions and filter. */
export function fieldCoverage(db: Db, q: ResolvedQuery, unit: "agency" | "counter"): { total: FieldCoverage; units: Map<string, FieldCoverage> } {
  const request = { versionIds: q.versionIds, range: q.range, by: { kind: unit } } as const;
  const all = rollupCounts(db, { ...request, filter: q.filter });
  // A field filter keeps only ratings with that field: none of them is without one.
  const without = q.filter?.field ? null : rollupCounts(db, { ...request, filter: { ...q.filter, field: ["0"] } });
  const table = unit === "agency" ? agencies : counters;
  const ids = [...all.groups.keys()].filter((key) => key !== "").map(Number);
  const codes = new Map(
    ids.length
      ? db
          .select({ id: table.id, code: table.code })
          .from(table)
          .where(inArray(table.id, ids))
          .all()
          .map((u) => [String(u.id), u.code])
      : [],
  );
  const units = new Map<string, FieldCoverage>();
  for (const [key, counts] of all.groups) {
    const none = without?.groups.get(key)?.responses ?? 0;
    units.set(codes.get(key) ?? "", coverage(counts.responses, counts.responses - none));
  }
  return { total: coverage(all.overall.responses, all.overall.responses - (without?.overall.responses ?? 0)), units };
}
