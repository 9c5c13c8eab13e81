/** Reading counters for the citizen page and the `links` command. */
import { and, asc, eq, sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { perConnection } from "../../db/prepared";
import { agencies, counterFields as counterFieldLinks, counters, fields } from "../../db/schema";

/** 128 random bits in base64url: 22 characters. Anything else is refused before touching the database. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export type CounterPage = {
  id: number;
  code: string;
  name: string;
  agencyCode: string;
  agencyName: string;
  fields: { code: string; name: string }[];
};

/** Read on every view and post of a citizen page: prepared once per connection (db/prepared.ts). */
const pageStatements = perConnection((db) => ({
  byToken: db
    .select({ id: counters.id, code: counters.code, name: counters.name, agencyCode: agencies.code, agencyName: agencies.name })
    .from(counters)
    .innerJoin(agencies, eq(agencies.id, counters.agencyId))
    .where(and(eq(counters.token, sql.placeholder("token")), eq(counters.active, true)))
    .prepare(),
  fields: db
    .select({ code: fields.code, name: fields.name })
    .from(counterFieldLinks)
    .innerJoin(fields, eq(fields.id, counterFieldLinks.fieldId))
    .where(eq(counterFieldLinks.counterId, sql.placeholder("counterId")))
    .orderBy(sql`${fields.code} = 'KHAC'`, asc(fields.name))
    .prepare(),
}));

export function findCounterByToken(db: Db, token: string | undefined): CounterPage | null {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const row = pageStatements(db).byToken.get({ token });
  if (!row) return null;
  return { ...row, fields: counterFields(db, row.id) };
}

/** The fields a counter serves, as citizens choose among them: by name, «Khác» last. */
export function counterFields(db: Db, counterId: number): CounterPage["fields"] {
  return pageStatements(db).fields.all({ counterId });
}

export function counterLinks(db: Db, baseUrl: string, agencyCode?: string): { code: string; url: string }[] {
  const rows = db
    .select({ code: counters.code, token: counters.token })
    .from(counters)
    .innerJoin(agencies, eq(agencies.id, counters.agencyId))
    .where(and(eq(counters.active, true), agencyCode === undefined ? undefined : eq(agencies.code, agencyCode)))
    .orderBy(asc(counters.code))
    .all();
  return rows.map((r) => ({ code: r.code, url: `${baseUrl}/q/${r.token}` }));
}
