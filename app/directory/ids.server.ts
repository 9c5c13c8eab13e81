/**
 * The one code → id resolver of the directory (agencies, sectors, fields, counters, procedures): every module
 * that turns a code from a form, a query string or a file into a row id asks here. Drizzle prepared statements,
 * typed by the schema and cached per connection (a lookup is a hash probe and a bound statement, ~µs).
 */
import { eq, inArray, sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { perConnection } from "../../db/prepared";
import { agencies, counters, fields, procedures, sectors } from "../../db/schema";

export const DIRECTORY_TABLES = { agency: agencies, sector: sectors, field: fields, counter: counters, procedure: procedures } as const;
export type DirectoryKind = keyof typeof DIRECTORY_TABLES;

const lookups = perConnection((db) => {
  const one = <K extends DirectoryKind>(kind: K) => {
    const t = DIRECTORY_TABLES[kind];
    return db
      .select({ id: t.id })
      .from(t)
      .where(eq(t.code, sql.placeholder("code")))
      .prepare();
  };
  return { agency: one("agency"), sector: one("sector"), field: one("field"), counter: one("counter"), procedure: one("procedure") };
});

/** The id of the directory row with this code, or null. */
export function idOfCode(db: Db, kind: DirectoryKind, code: string): number | null {
  return lookups(db)[kind].get({ code })?.id ?? null;
}

/** Ids of several codes of one kind, by code (codes not found are absent). */
export function idsOfCodes(db: Db, kind: DirectoryKind, codes: readonly string[]): Map<string, number> {
  if (codes.length === 0) return new Map();
  const t = DIRECTORY_TABLES[kind];
  const rows = db
    .select({ id: t.id, code: t.code })
    .from(t)
    .where(inArray(t.code, [...codes]))
    .all();
  return new Map(rows.map((r) => [r.code, r.id]));
}
