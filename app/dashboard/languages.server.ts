/**
 * Responses by the language they were given in (docs/decisions/0023): how many, their share and — for a
 * survey whose index is one question (the counter rating) — that question's satisfaction rate, for the
 * dashboard's survey, period and scope, from the language roll-up (db/schema.ts `rollupLanguage`): grouping a
 * period's raw responses was, at 1 000 000 responses, most of a dashboard page's time with four staff at once.
 */
import { and, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";

import type { Db } from "../../db/client";
import { agencies, languages, rollupLanguage, surveyVersions } from "../../db/schema";
import { dossierRate } from "~/method";
import type { DayRange } from "~/method/period";
import { isChannel } from "~/survey/codes";
import type { SurveyRegistry } from "~/survey/registry.server";

export type LanguageRow = { code: string; name: string; responses: number; share: number; rate: number | null; n: number };

const BUILT_IN: Record<string, string> = { vi: "Tiếng Việt", en: "English" };

export function languageBreakdown(
  db: Db,
  surveys: SurveyRegistry,
  q: { survey: string; range: DayRange; agency?: string; channel?: string },
): LanguageRow[] {
  const survey = surveys.get(q.survey);
  if (!survey) return [];
  const where: SQL[] = [
    inArray(rollupLanguage.surveyVersionId, db.select({ id: surveyVersions.id }).from(surveyVersions).where(eq(surveyVersions.surveyId, q.survey))),
    gte(rollupLanguage.dayVn, q.range.from),
    lte(rollupLanguage.dayVn, q.range.to),
  ];
  if (q.agency) where.push(inArray(rollupLanguage.agencyId, db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, q.agency))));
  if (q.channel && isChannel(q.channel)) where.push(eq(rollupLanguage.channel, q.channel));
  // Answer counts of the index question per language, rated by the method (docs/method.md §4.8); question '' = responses.
  const method = survey.def.method;
  const index = method.index === "question" ? method.question : null;
  const rows = db
    .select({ code: rollupLanguage.locale, question: rollupLanguage.question, answer: rollupLanguage.code, n: sql<number>`sum(${rollupLanguage.n})` })
    .from(rollupLanguage)
    .where(and(...where))
    .groupBy(rollupLanguage.locale, rollupLanguage.question, rollupLanguage.code)
    .all();
  const counted = new Map<string, number>();
  const counts = new Map<string, Record<number, number>>();
  for (const r of rows) {
    if (r.question === "") counted.set(r.code, Number(r.n));
    else if (r.question === index) (counts.get(r.code) ?? counts.set(r.code, {}).get(r.code)!)[r.answer] = Number(r.n);
  }
  const names = new Map(
    db
      .select({ code: languages.code, name: languages.name })
      .from(languages)
      .all()
      .map((l) => [l.code, l.name]),
  );
  const total = [...counted.values()].reduce((sum, n) => sum + n, 0);
  return [...counted]
    .filter(([, n]) => n > 0)
    .map(([code, n]) => {
      const s = index ? dossierRate(survey.def, counts.get(code)) : null;
      return {
        code,
        name: BUILT_IN[code] ?? names.get(code) ?? code,
        responses: n,
        share: total ? (100 * n) / total : 0,
        rate: s?.rate ?? null,
        n: s?.n ?? 0,
      };
    })
    .sort((a, b) => b.responses - a.responses || a.code.localeCompare(b.code));
}
