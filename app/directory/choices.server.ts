/**
 * The directory as the staff filter forms offer it (dashboard, comments, report): code and name, agencies by
 * level then name (the province's units before the communes), sectors and fields by name. Limited to one
 * agency when the viewer's scope is one (an agency head is offered their own agency only). Every dashboard
 * page reads them: prepared once per connection.
 */
import { asc, eq, sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { perConnection } from "../../db/prepared";
import { agencies, fields, sectors } from "../../db/schema";

export type Choice = { code: string; name: string };

/** Choices as a select's options. */
export const asOptions = (choices: Choice[]) => choices.map((c) => ({ value: c.code, label: c.name }));

const reads = perConnection((db) => {
  const list = <T extends typeof agencies | typeof sectors | typeof fields>(t: T) => db.select({ code: t.code, name: t.name }).from(t);
  return {
    agencies: list(agencies).orderBy(asc(agencies.level), asc(agencies.name)).prepare(),
    agency: list(agencies)
      .where(eq(agencies.code, sql.placeholder("code")))
      .prepare(),
    sectors: list(sectors).orderBy(asc(sectors.name)).prepare(),
    fields: list(fields).orderBy(asc(fields.name)).prepare(),
  };
});

export function agencyChoices(db: Db, scope: string | null = null): Choice[] {
  return scope === null ? reads(db).agencies.all() : reads(db).agency.all({ code: scope });
}

export function sectorChoices(db: Db): Choice[] {
  return reads(db).sectors.all();
}

export function fieldChoices(db: Db): Choice[] {
  return reads(db).fields.all();
}

/** An agency's name, or its code when there is no such agency. */
export function agencyName(db: Db, code: string): string {
  return reads(db).agency.get({ code })?.name ?? code;
}
