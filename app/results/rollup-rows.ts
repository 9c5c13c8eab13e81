/**
 * What one response adds to the roll-ups, decided from its long-format answer rows and its definition.
 * Pure, and the only place that says it: ingest and `rebuild-rollups` both call it.
 *  - every coded answer row counts under its code (a multi-select gives one row per ticked option);
 *  - a text answer counts under code 0, and so does a multi-select once per response, so that "how many
 *    answered" (the denominator of expectation shares, the number of comments) needs no raw scan;
 *  - per-respondent measures declared by the definition count under their own code (1 met, 2 not met);
 *  - profile answers (questions marked `profile`) are crossed with all of the above.
 */
import { respondentMeasures } from "../method/measures";
import { allQuestions, type SurveyDefinition } from "../survey/definition";

/** The code under which "answered this multi-select / text question" is counted. */
export const ANSWERED_CODE = 0;

export type AnswerRowLike = { question: string; code: number | null };
/** [question, code] pairs; tuples rather than objects because this runs ~30 times per insert. */
export type RolledUp = { answers: [string, number][]; profile: [string, number][] };

type Plan = { multi: ReadonlySet<string>; profile: ReadonlySet<string> };
const plans = new WeakMap<SurveyDefinition, Plan>();

function planOf(def: SurveyDefinition): Plan {
  let plan = plans.get(def);
  if (!plan) {
    const questions = allQuestions(def);
    plan = {
      multi: new Set(questions.filter((q) => q.type === "multi").map((q) => q.code)),
      profile: new Set(questions.filter((q) => q.profile).map((q) => q.code)),
    };
    plans.set(def, plan);
  }
  return plan;
}

export function rollupRows(def: SurveyDefinition, rows: readonly AnswerRowLike[]): RolledUp {
  const plan = planOf(def);
  const answers: [string, number][] = [];
  const profile: [string, number][] = [];
  const multiSeen = new Set<string>();
  for (const { question, code } of rows) {
    answers.push([question, code ?? ANSWERED_CODE]);
    if (code !== null && plan.multi.has(question)) multiSeen.add(question);
    if (code !== null && plan.profile.has(question)) profile.push([question, code]);
  }
  for (const question of multiSeen) answers.push([question, ANSWERED_CODE]);
  // Per-respondent measures (docs/method.md §4.12), decided here from this response's answers, counted like answers.
  answers.push(...respondentMeasures(def, rows));
  return { answers, profile };
}

/** Does the definition have profile questions (and so profile roll-ups and breakdowns)? */
export function profileQuestions(def: SurveyDefinition): string[] {
  return [...planOf(def).profile];
}
