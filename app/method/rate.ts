/**
 * The item satisfaction rate S(q, U) (docs/method.md §4.1) with everything published beside it:
 * valid n, Wilson 95% interval, the distribution over every option, the mean score.
 */
import { codesIn, countOf, type CodeCounts } from "./counts";
import { ratio, wilson } from "./numbers";
import { scaleRule, type MethodDefinition, type ScaleRule } from "./scale";

/** One option of the scale; `share` is the percentage of valid answers (null when there are none). */
export type DistributionEntry = { code: number; count: number; share: number | null };

/** An excluded code (no opinion); `share` is the percentage of all answers given, excluded ones included. */
export type ExcludedEntry = { code: number; count: number; share: number | null };

export type ItemRate = {
  /** Valid answers: Σw over the scale's options (missing and excluded codes are not answers here). */
  n: number;
  /** Σw over the satisfied options. */
  satisfied: number;
  /** 100 × satisfied / n; null when n = 0. */
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Mean of the option codes (codes are the scores: SAT5 1–5, SAT3 1–3); null when n = 0. */
  mean: number | null;
  /** Every option of the scale in display order, pre-seeded so that a 0 is shown as 0. */
  distribution: DistributionEntry[];
  excluded: ExcludedEntry[];
  /** Answers whose code the scale does not know (e.g. from an older definition); counted nowhere else. */
  unknown: number;
};

/**
 * S(q,U) = 100 × Σw·[satisfied] / Σw over valid answers. With design weights the counts are summed
 * weights; normalise them to sum to the number of answers so that n and the interval keep their meaning.
 */
export function itemRate(counts: CodeCounts | undefined, rule: ScaleRule): ItemRate {
  let n = 0;
  let satisfied = 0;
  let scoreSum = 0;
  for (const code of rule.options) {
    const c = countOf(counts, code);
    n += c;
    scoreSum += c * code;
    if (rule.satisfied.includes(code)) satisfied += c;
  }
  const excludedCounts = rule.excluded.map((code) => ({ code, count: countOf(counts, code) }));
  const excludedTotal = excludedCounts.reduce((s, e) => s + e.count, 0);
  const known = new Set([...rule.options, ...rule.excluded]);
  const unknown = codesIn(counts)
    .filter((code) => !known.has(code))
    .reduce((s, code) => s + countOf(counts, code), 0);

  const share = (c: number, of: number) => {
    const r = ratio(c, of);
    return r === null ? null : 100 * r;
  };
  const rate = share(satisfied, n);
  const ci = wilson(satisfied, n);
  return {
    n,
    satisfied,
    rate,
    ciLow: ci?.low ?? null,
    ciHigh: ci?.high ?? null,
    mean: ratio(scoreSum, n),
    distribution: rule.options.map((code) => {
      const count = countOf(counts, code);
      return { code, count, share: share(count, n) };
    }),
    excluded: excludedCounts.map((e) => ({ ...e, share: share(e.count, n + excludedTotal) })),
    unknown,
  };
}

/** The rate of one question of a definition, read from its scale. */
export function questionRate(def: MethodDefinition, questionCode: string, counts: CodeCounts | undefined): ItemRate {
  return itemRate(counts, scaleRule(def, questionCode));
}

/**
 * Per-dossier rate (§4.8): (Rất hài lòng + Hài lòng) / all ratings, "no opinion" excluded — the item rate
 * of the definition's index question (TONG_THE), whose scale says which codes are satisfied.
 */
export function dossierRate(def: MethodDefinition, counts: CodeCounts | undefined): ItemRate {
  if (def.method.index !== "question") throw new Error("dossierRate: khảo sát này không tính chỉ số theo một câu hỏi");
  return questionRate(def, def.method.question, counts);
}
