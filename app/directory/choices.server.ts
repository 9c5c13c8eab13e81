/**
 * The directory as staff forms offer it in their lists (accounts, API keys, officers, assignments, QR codes):
 * code and name, in the order people look for them. Province-level agencies first (`tinh` sorts before `xa`),
 * then by name.
 */
import { asc } from "drizzle-orm";

import type { Db } from "../../db/client";
import { agencies, fields } from "../../db/schema";

export type Choice = { code: string; name: string };

export function agencyChoices(db: Db): Choice[] {
  return db.select({ code: agencies.code, name: agencies.name }).from(agencies).orderBy(asc(agencies.level), asc(agencies.name)).all();
}

export function fieldChoices(db: Db): Choice[] {
  return db.select({ code: fields.code, name: fields.name }).from(fields).orderBy(asc(fields.name)).all();
}
