/**
 * The directory as the staff filter forms offer it (dashboard, comments, report): code and name, agencies by
 * level then name (the province's units before the communes), sectors and fields by name. Limited to one
 * agency when the viewer's scope is one (an agency head is offered their own agency only).
 */
import { asc, eq } from "drizzle-orm";

import type { Db } from "../../db/client";
import { agencies, fields, sectors } from "../../db/schema";

export type Choice = { code: string; name: string };

/** Choices as a select's options. */
export const asOptions = (choices: Choice[]) => choices.map((c) => ({ value: c.code, label: c.name }));

export function agencyChoices(db: Db, scope: string | null = null): Choice[] {
  const list = db.select({ code: agencies.code, name: agencies.name }).from(agencies);
  return scope === null ? list.orderBy(asc(agencies.level), asc(agencies.name)).all() : list.where(eq(agencies.code, scope)).all();
}

export function sectorChoices(db: Db): Choice[] {
  return db.select({ code: sectors.code, name: sectors.name }).from(sectors).orderBy(asc(sectors.name)).all();
}

export function fieldChoices(db: Db): Choice[] {
  return db.select({ code: fields.code, name: fields.name }).from(fields).orderBy(asc(fields.name)).all();
}

/** An agency's name, or its code when there is no such agency. */
export function agencyName(db: Db, code: string): string {
  return db.select({ name: agencies.name }).from(agencies).where(eq(agencies.code, code)).get()?.name ?? code;
}
