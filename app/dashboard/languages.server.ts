/**
 * Responses by the language they were given in (docs/decisions/0023): how many, their share and — for a
 * survey whose index is one question (the counter rating) — that question's satisfaction rate, for the
 * dashboard's survey, period and scope. Few languages, few rows: read from the raw responses through the
 * schema (not a hot path: one grouped statement per dashboard view).
 */
import { and, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";

import type { Db } from "../../db/client";
import { agencies, answers, languages, responses } from "../../db/schema";
import { dossierRate } from "~/method";
import type { DayRange } from "~/method/period";
import { reportable } from "~/results/reportable";
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
    eq(responses.surveyId, q.survey),
    gte(responses.dayVn, q.range.from),
    lte(responses.dayVn, q.range.to),
    reportable(responses),
  ];
  if (q.agency) where.push(inArray(responses.agencyId, db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, q.agency))));
  if (q.channel && isChannel(q.channel)) where.push(eq(responses.channel, q.channel));
  const counted = db
    .select({ code: responses.locale, n: sql<number>`count(*)` })
    .from(responses)
    .where(and(...where))
    .groupBy(responses.locale)
    .all();
  // Answer counts of the index question per language, rated by the method (docs/method.md §4.8).
  const counts = new Map<string, Record<number, number>>();
  const method = survey.def.method;
  if (method.index === "question") {
    const rows = db
      .select({ lang: responses.locale, code: answers.code, n: sql<number>`count(*)` })
      .from(answers)
      .innerJoin(responses, eq(responses.id, answers.responseId))
      .where(and(...where, eq(answers.question, method.question)))
      .groupBy(responses.locale, answers.code)
      .all();
    for (const r of rows) if (r.code !== null) (counts.get(r.lang) ?? counts.set(r.lang, {}).get(r.lang)!)[r.code] = Number(r.n);
  }
  const names = new Map(
    db
      .select({ code: languages.code, name: languages.name })
      .from(languages)
      .all()
      .map((l) => [l.code, l.name]),
  );
  const total = counted.reduce((sum, r) => sum + Number(r.n), 0);
  return counted
    .map((r) => {
      const s = method.index === "question" ? dossierRate(survey.def, counts.get(r.code)) : null;
      return {
        code: r.code,
        name: BUILT_IN[r.code] ?? names.get(r.code) ?? r.code,
        responses: Number(r.n),
        share: total ? (100 * Number(r.n)) / total : 0,
        rate: s?.rate ?? null,
        n: s?.n ?? 0,
      };
    })
    .sort((a, b) => b.responses - a.responses || a.code.localeCompare(b.code));
}
