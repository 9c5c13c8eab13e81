/**
 * Denominators from the imported dossier lists: dossiers returned per agency and field in a period, and the
 * sample each agency needs (docs/method.md §4.9: n = ⌈N / (1 + N·e²)⌉, allocated to its fields in proportion
 * to their dossier counts). SQL counts; app/method computes.
 */
import { between, count, eq, sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { agencies, dossiers, fields } from "../../db/schema";
import { parseRange } from "~/method/period";
import { allocate, sampleSize } from "~/method/sample";

export type DossierCount = { agency: string; field: string; dossiers: number };

/** Dossiers returned from `from` to `to` (Vietnam days, inclusive) per agency and field ("" = no field). */
export function countDossiers(db: Db, range: { from: string; to: string }): DossierCount[] {
  const { from, to } = parseRange(range.from, range.to);
  const field = sql<string>`coalesce(${fields.code}, '')`;
  return db
    .select({ agency: agencies.code, field, dossiers: count() })
    .from(dossiers)
    .innerJoin(agencies, eq(agencies.id, dossiers.agencyId))
    .leftJoin(fields, eq(fields.id, dossiers.fieldId))
    .where(between(dossiers.returnedDay, from, to))
    .groupBy(agencies.code, fields.code)
    .orderBy(agencies.code, field)
    .all();
}

export type SamplePlan = {
  from: string;
  to: string;
  margin: number;
  dossiers: number;
  sample: number;
  agencies: { agency: string; dossiers: number; sample: number; fields: { field: string; dossiers: number; sample: number }[] }[];
};

/** One stratum per agency (its own sample size), split among its fields; the total is the sum of the strata. */
export function samplePlan(db: Db, range: { from: string; to: string }, margin = 0.05): SamplePlan {
  const { from, to } = parseRange(range.from, range.to);
  const byAgency = new Map<string, DossierCount[]>();
  for (const row of countDossiers(db, { from, to })) {
    const list = byAgency.get(row.agency) ?? [];
    list.push(row);
    byAgency.set(row.agency, list);
  }
  const agencies = [...byAgency].map(([agency, rows]) => {
    const dossiers = rows.reduce((acc, r) => acc + r.dossiers, 0);
    const sample = sampleSize(dossiers, margin);
    const parts = allocate(
      sample,
      rows.map((r) => ({ key: r.field, size: r.dossiers })),
    );
    return { agency, dossiers, sample, fields: rows.map((r) => ({ field: r.field, dossiers: r.dossiers, sample: parts[r.field]! })) };
  });
  return {
    from,
    to,
    margin,
    dossiers: agencies.reduce((acc, a) => acc + a.dossiers, 0),
    sample: agencies.reduce((acc, a) => acc + a.sample, 0),
    agencies,
  };
}
