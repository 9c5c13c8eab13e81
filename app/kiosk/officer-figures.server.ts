/**
 * Figures per officer (internal: the agency's head and administrators only, never a public page). The
 * roll-ups have no officer dimension — on purpose, so that nothing public can ever break figures down by
 * person — so the counts come from the raw answers of one agency, through the one reportable predicate;
 * the method module turns them into rates, intervals, the few-answers rule and the target verdict.
 */
import type { Db } from "../../db/client";
import { buildCriterionGroups, buildGroup, type CriterionGroup, type DayRange, type GroupCounts, type GroupResult, type RateCell } from "~/method";
import { reportableSql } from "~/results/reportable";
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
  const where = `r.survey_id = ? and r.agency_id = ? and r.day_vn between ? and ? and r.officer_id is not null and ${reportableSql("r")}`;
  const params = [KIOSK_SURVEY, agencyId, range.from, range.to];
  const officers = db.$client
    .prepare("select id, name, title from officers where agency_id = ? order by name, id")
    .all(agencyId) as { id: number; name: string; title: string }[];
  const counts = new Map<number, { responses: number; questions: Record<string, Record<number, number>> }>();
  for (const o of officers) counts.set(o.id, { responses: 0, questions: {} });
  const responseRows = db.$client
    .prepare(`select r.officer_id as officer, count(*) as n from responses r where ${where} group by 1`)
    .all(...params) as { officer: number; n: number }[];
  for (const row of responseRows) {
    const c = counts.get(row.officer);
    if (c) c.responses = row.n;
  }
  const answerRows = db.$client
    .prepare(
      `select r.officer_id as officer, a.question, a.code, count(*) as n
         from responses r join answers a on a.response_id = r.id
        where ${where} and a.code is not null group by 1, 2, 3`,
    )
    .all(...params) as { officer: number; question: string; code: number; n: number }[];
  for (const row of answerRows) {
    const c = counts.get(row.officer);
    if (c) (c.questions[row.question] ??= {})[row.code] = row.n;
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
