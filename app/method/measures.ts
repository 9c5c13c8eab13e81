/**
 * Per-respondent measures (docs/method.md §4.12) and the summary of a number question (§4.11). A measure is
 * decided once per response from its own answers, at ingest (`respondentMeasures`, called by the roll-up rows of
 * ingest and of `rebuild-rollups` alike), and stored in the roll-ups under its code like an answer — 1 met, 2 not
 * met — so its rate over any group is counted like any rate: met ÷ judged, with its Wilson interval.
 */
import type { SurveyDefinition } from "../survey/definition";
import { codesIn, countOf, type CodeCounts } from "./counts";
import { ratio } from "./numbers";
import { itemRate, type ItemRate } from "./rate";

export const MEASURE_MET = 1;
export const MEASURE_NOT_MET = 2;
const MEASURE_RULE = { options: [MEASURE_MET, MEASURE_NOT_MET], satisfied: [MEASURE_MET], excluded: [] };

type Row = { question: string; code: number | null };
type Def = Pick<SurveyDefinition, "sections" | "scales" | "method">;

/** The questions an `allSatisfied` measure judges by default: every element criterion, else every scale question. */
function defaultItems(def: Def): string[] {
  if (def.method.index === "elements") return def.method.elements.flatMap((e) => e.criteria);
  return def.sections
    .flatMap((s) => s.questions)
    .filter((q) => q.type === "scale")
    .map((q) => q.code);
}

/** [measure code, 1 | 2] for each measure this response can be judged on. Pure. */
export function respondentMeasures(def: Def, rows: readonly Row[]): [string, number][] {
  const measures = def.method.measures;
  if (measures.length === 0) return [];
  const byQuestion = new Map<string, number>();
  for (const r of rows) if (r.code !== null) byQuestion.set(r.question, r.code);
  const questions = new Map(def.sections.flatMap((s) => s.questions).map((q) => [q.code, q] as const));
  const out: [string, number][] = [];
  for (const m of measures) {
    if (m.kind === "atLeast") {
      const value = byQuestion.get(m.question);
      if (value !== undefined) out.push([m.code, value >= m.value ? MEASURE_MET : MEASURE_NOT_MET]);
      continue;
    }
    let answered = 0;
    let all = true;
    for (const code of m.questions ?? defaultItems(def)) {
      const value = byQuestion.get(code);
      const q = questions.get(code);
      if (value === undefined || q?.type !== "scale" || def.method.excludedCodes.includes(value)) continue;
      answered++;
      if (!def.scales[q.scale]!.satisfied.includes(value)) all = false;
    }
    if (answered > 0) out.push([m.code, all ? MEASURE_MET : MEASURE_NOT_MET]);
  }
  return out;
}

/** A measure's rate over a group: respondents meeting it ÷ respondents judged, with n and the interval. */
export function measureRate(counts: CodeCounts | undefined): ItemRate {
  return itemRate(counts, MEASURE_RULE);
}

export type NumberSummary = {
  n: number;
  mean: number | null;
  median: number | null;
  /** Per threshold t: the percentage of answers ≥ t (null without answers). */
  atLeast: { threshold: number; share: number | null }[];
};

/** Mean, median (the middle value, or the mean of the two middle ones) and shares at or above each threshold. */
export function numberSummary(counts: CodeCounts | undefined, thresholds: readonly number[]): NumberSummary {
  const values = codesIn(counts).sort((a, b) => a - b);
  const n = values.reduce((sum, v) => sum + countOf(counts, v), 0);
  const total = values.reduce((sum, v) => sum + v * countOf(counts, v), 0);
  const nth = (k: number) => {
    // The k-th answer (0-based) in order of value.
    let seen = 0;
    for (const v of values) {
      seen += countOf(counts, v);
      if (k < seen) return v;
    }
    return values[values.length - 1]!;
  };
  const median = n === 0 ? null : n % 2 === 1 ? nth((n - 1) / 2) : (nth(n / 2 - 1) + nth(n / 2)) / 2;
  return {
    n,
    mean: ratio(total, n),
    median,
    atLeast: thresholds.map((t) => {
      const share = ratio(
        values.filter((v) => v >= t).reduce((sum, v) => sum + countOf(counts, v), 0),
        n,
      );
      return { threshold: t, share: share === null ? null : 100 * share };
    }),
  };
}
