/**
 * Expectations (multi-select, MONG_DOI; docs/method.md §4.7): the share of respondents who ticked each
 * option, ranked. The denominator is the number of respondents who answered the question (ticked at
 * least one option), not the number of ticks — with up to 3 ticks each, shares add up to more than 100%,
 * and an option's share reads "x% of those who answered want this".
 */
import type { Localized } from "../survey/definition";
import { checkCount, countOf, type CodeCounts } from "./counts";
import { ratio } from "./numbers";
import type { MethodDefinition } from "./scale";

export type ExpectationShare = {
  code: number;
  label: Localized;
  /** Respondents (or summed weights) who ticked the option. */
  count: number;
  /** 100 × count / respondents; null when nobody answered. */
  share: number | null;
  /** Competition rank by count (1, 2, 2, 4); null when nobody answered. */
  rank: number | null;
};

/** Every option of the question, pre-seeded, sorted by share (ties keep the questionnaire's order). */
export function expectationShares(
  def: MethodDefinition,
  questionCode: string,
  ticks: CodeCounts | undefined,
  respondents: number,
): { respondents: number; options: ExpectationShare[] } {
  const q = def.sections.flatMap((s) => s.questions).find((x) => x.code === questionCode);
  if (!q || q.type !== "multi") throw new Error(`«${questionCode}» không phải câu hỏi chọn nhiều`);
  checkCount(respondents, "respondents");
  const counted = q.options.map((o) => ({ code: o.code, label: o.label, count: countOf(ticks, o.code) }));
  const options = counted
    .map((o) => {
      const r = ratio(o.count, respondents);
      return {
        ...o,
        share: r === null ? null : 100 * r,
        rank: respondents > 0 ? 1 + counted.filter((x) => x.count > o.count).length : null,
      };
    })
    .sort((a, b) => b.count - a.count); // Array.prototype.sort is stable: ties stay in option order
  return { respondents, options };
}
