/** Whether a response's language code names a language: built in, or added by an administrator (0023). */
import { eq } from "drizzle-orm";

import type { Db } from "../../db/client";
import { languages } from "../../db/schema";
import { isBuiltInLocale } from "~/survey/codes";

export function knownLanguage(db: Db, code: string): boolean {
  // Not on the hot path: vi and en, nearly every response, are answered without a query.
  if (isBuiltInLocale(code)) return true;
  return db.select({ code: languages.code }).from(languages).where(eq(languages.code, code)).get() !== undefined;
}
