/**
 * The supervisor's interviews by language (docs/decisions/0023): per surveyor, how many interviews their
 * tablets sent in each language and how many of them an interpreter helped with.
 */
import { and, asc, eq, sql } from "drizzle-orm";

import { users } from "../../db/auth-schema";
import type { Db } from "../../db/client";
import { devices } from "../../db/field-schema";
import { languages, responses } from "../../db/schema";

export type InterviewLanguageRow = { surveyor: string | null; code: string; name: string; interviews: number; interpreted: number };

const BUILT_IN: Record<string, string> = { vi: "Tiếng Việt", en: "English" };

export function interviewsByLanguage(db: Db): InterviewLanguageRow[] {
  const rows = db
    .select({
      surveyor: users.displayName,
      code: responses.locale,
      name: languages.name,
      interviews: sql<number>`count(*)`,
      interpreted: sql<number>`sum(case when ${responses.interpreter} = 1 then 1 else 0 end)`,
    })
    .from(responses)
    .innerJoin(devices, and(eq(devices.apiKeyId, responses.apiKeyId), eq(devices.kind, "surveyor")))
    .leftJoin(users, eq(users.id, devices.userId))
    .leftJoin(languages, eq(languages.code, responses.locale))
    .groupBy(users.displayName, responses.locale)
    .orderBy(asc(users.displayName), asc(responses.locale))
    .all();
  return rows.map((r) => ({
    ...r,
    name: BUILT_IN[r.code] ?? r.name ?? r.code,
    interviews: Number(r.interviews),
    interpreted: Number(r.interpreted),
  }));
}
