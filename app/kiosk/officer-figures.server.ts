/**
 * Figures per officer (internal: the agency's head and administrators only, never a public page). The
 * roll-ups have no officer dimension — on purpose, so that nothing public can ever break figures down by
 * person — so the counts come from the raw answers of one agency, through the one reportable predicate;
 * the method module turns them into rates, intervals, the few-answers rule and the target verdict.
 */
import { and, asc, between, count, eq, isNotNull } from "drizzle-orm";

import type { Db } from "../../db/client";
import { answers, officers as officerTable, responses } from "../../db/schema";
import { buildCriterionGroups, buildGroup, type CriterionGroup, type DayRange, type GroupCounts, type GroupResult, type RateCell } from "~/method";
import { REPORTABLE_STATUS } from "~/results/reportable";
import { targetsInForce } from "~/results/labels.server";
import type { SurveyRegistry } from "~/survey/registry.server";

import { KIOSK_SURVEY } from "./codes";

export type OfficerFigures = GroupResult & {
  title: string;
  /** 1 = best rate; null for officers with too few ratings (not ranked, no verdict). */
  rank: number | null;
  /** The criterion with the lowest rate among those with enough answers (the overall question aside). */
  lowest: Pick<CriterionGroup, "key" | "label" | "rate" | "n"> | null;
  /** The overall question's rate with its interval (what the rate column shows). */
  indexCell: RateCell | null;
};

export function officerFigures(
  db: Db,
  surveys: SurveyRegistry,
  { agencyId, range, locale = "vi" }: { agencyId: number; range: DayRange; locale?: "vi" | "en" },
): OfficerFigures[] {
  const survey = surveys.get(KIOSK_SURVEY);
  if (!survey) return [];
  const def = survey.def;
  // The agency's reportable kiosk ratings in the range that credit an officer (the one reportable predicate).
  const rated = and(
    eq(responses.surveyId, KIOSK_SURVEY),
    eq(responses.agencyId, agencyId),
    between(responses.dayVn, range.from, range.to),
    isNotNull(responses.officerId),
    eq(responses.status, REPORTABLE_STATUS),
  );
  const officers = db
    .select({ id: officerTable.id, name: officerTable.name, title: officerTable.title })
    .from(officerTable)
    .where(eq(officerTable.agencyId, agencyId))
    .orderBy(asc(officerTable.name), asc(officerTable.id))
    .all();
  const counts = new Map<number, { responses: number; questions: Record<string, Record<number, number>> }>();
  for (const o of officers) counts.set(o.id, { responses: 0, questions: {} });
  const responseRows = db.select({ officer: responses.officerId, n: count() }).from(responses).where(rated).groupBy(responses.officerId).all();
  for (const row of responseRows) {
    const c = row.officer === null ? undefined : counts.get(row.officer);
    if (c) c.responses = row.n;
  }
  const answerRows = db
    .select({ officer: responses.officerId, question: answers.question, code: answers.code, n: count() })
    .from(responses)
    .innerJoin(answers, eq(answers.responseId, responses.id))
    .where(and(rated, isNotNull(answers.code)))
    .groupBy(responses.officerId, answers.question, answers.code)
    .all();
  for (const row of answerRows) {
    const c = row.officer === null ? undefined : counts.get(row.officer);
    if (c && row.code !== null) (c.questions[row.question] ??= {})[row.code] = row.n;
  }
  const target = targetsInForce(db, range.from).overall;
  const indexQuestion = def.method.index === "question" ? def.method.question : null;
  const built = officers.map((o) => {
    const groupCounts: GroupCounts = counts.get(o.id)!;
    const group = buildGroup({ def, key: String(o.id), label: o.name, counts: groupCounts, target });
    const criteria = buildCriterionGroups({ def, counts: groupCounts, locale }).filter((c) => c.key !== indexQuestion);
    const lowest =
      criteria
        .filter((c) => c.rate !== null && !c.fewAnswers)
        .sort((a, b) => a.rate! - b.rate!)
        .map((c) => ({ key: c.key, label: c.label, rate: c.rate, n: c.n }))[0] ?? null;
    const indexCell = "questions" in group && indexQuestion ? (group.questions[indexQuestion] ?? null) : null;
    return { ...group, title: o.title, lowest, indexCell, rank: null as number | null };
  });
  // Ranked: enough answers and a rate; ties share a rank. The rest follow, unranked, by name.
  const ranked = built.filter((g) => !g.fewAnswers && g.index !== null).sort((a, b) => b.index! - a.index!);
  ranked.forEach((g, i) => (g.rank = i > 0 && ranked[i - 1]!.index === g.index ? ranked[i - 1]!.rank : i + 1));
  const unranked = built.filter((g) => g.rank === null);
  return [...ranked, ...unranked];
}
