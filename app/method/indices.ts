/**
 * Element indices, the overall index and the policy pillar (docs/method.md §4.2–4.3).
 * Rule for gaps, decided once here: an element with no valid answer is left out of the overall mean and
 * the other weights are renormalised (PA is asked only of those who gave feedback, so it is often empty);
 * the result names the elements it used. An index with no data at all is null, never 0.
 */
import type { GroupCounts } from "./counts";
import { mean, ratio, weightedMean } from "./numbers";
import { questionRate, type ItemRate } from "./rate";
import type { MethodDefinition } from "./scale";

type ElementsMethod = Extract<MethodDefinition["method"], { index: "elements" }>;
export type ElementSetting = ElementsMethod["elements"][number];
export type ElementSource = ElementsMethod["elementSource"];

export type ElementIndex = {
  code: ElementSetting["code"];
  weight: number;
  source: ElementSource;
  /** The element index E(e,U), a percentage; null when no data. */
  rate: number | null;
  /**
   * Valid answers behind the index: the satisfaction question's n, or — for the criteria mean — the
   * smallest n among the criteria with data (conservative for the few-answers rule).
   */
  n: number;
  /** Wilson interval of the satisfaction question; null for a criteria mean (no single proportion). */
  ciLow: number | null;
  ciHigh: number | null;
  /** The satisfaction question's rate (null when the element has none) and each criterion's rate. */
  satisfactionRate: ItemRate | null;
  criteria: Record<string, ItemRate>;
};

/**
 * E(e,U): the rate of the element's satisfaction question (default), the mean of its criteria's rates, or the
 * rate of its criteria's answers pooled (satisfied answers ÷ valid answers over all its criteria; QĐ 56's domain
 * rate). A pooled rate has no Wilson interval: one respondent gives several of its answers.
 */
export function elementIndex(def: MethodDefinition, element: ElementSetting, source: ElementSource, counts: GroupCounts): ElementIndex {
  const satisfactionRate = element.satisfaction ? questionRate(def, element.satisfaction, counts.questions[element.satisfaction]) : null;
  const criteria = Object.fromEntries(element.criteria.map((c) => [c, questionRate(def, c, counts.questions[c])] as const));
  const base = { code: element.code, weight: element.weight, source, satisfactionRate, criteria };
  if (source === "satisfaction" && satisfactionRate) {
    const r = satisfactionRate;
    return { ...base, rate: r.rate, n: r.n, ciLow: r.ciLow, ciHigh: r.ciHigh };
  }
  const withData = Object.values(criteria).filter((r) => r.rate !== null);
  if (source === "pooled") {
    const valid = withData.reduce((sum, r) => sum + r.n, 0);
    const satisfied = withData.reduce((sum, r) => sum + r.satisfied, 0);
    const pooled = ratio(100 * satisfied, valid);
    return { ...base, rate: pooled, n: withData.length ? Math.min(...withData.map((r) => r.n)) : 0, ciLow: null, ciHigh: null };
  }
  return {
    ...base,
    rate: mean(withData.map((r) => r.rate)),
    n: withData.length ? Math.min(...withData.map((r) => r.n)) : 0,
    ciLow: null,
    ciHigh: null,
  };
}

export type OverallIndex<C extends string = string> = {
  /** Weighted mean of the element indices with data; null when none has data. */
  index: number | null;
  /** Elements that entered the mean, in definition order. */
  used: C[];
  /** Elements left out for lack of data. */
  leftOut: C[];
};

/** SIPAS(U): weighted mean of element indices, elements without data left out (see the file comment). */
export function overallIndex<C extends string>(elements: readonly { code: C; rate: number | null; weight: number }[]): OverallIndex<C> {
  return {
    index: weightedMean(elements.map((e) => ({ value: e.rate, weight: e.weight }))),
    used: elements.filter((e) => e.rate !== null).map((e) => e.code),
    leftOut: elements.filter((e) => e.rate === null).map((e) => e.code),
  };
}

export const DEFAULT_PILLAR_WEIGHTS = { administration: 0.5, policy: 0.5 } as const;

/**
 * With the policy module: the weighted mean of the administrative-service index and the policy index
 * (default 0.5/0.5). A pillar without data is left out, like an element; null when both are empty.
 */
export function pillarIndex(
  pillars: { administration: number | null; policy: number | null },
  weights: { administration: number; policy: number } = DEFAULT_PILLAR_WEIGHTS,
): number | null {
  return weightedMean([
    { value: pillars.administration, weight: weights.administration },
    { value: pillars.policy, weight: weights.policy },
  ]);
}
