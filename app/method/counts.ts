/**
 * The inputs of the method: aggregated counts, as the roll-up queries hand them over. Counting happens in
 * SQL (one "reportable responses" predicate); turning counts into figures happens here.
 */

/** Answer code → number of answers (or summed design weights) for one question. Absent code = 0. */
export type CodeCounts = Readonly<Record<number, number>>;

/** Everything one group (an agency, a field, a month, the whole scope…) needs. */
export type GroupCounts = {
  /** Reportable responses in the group (what `responses` and the 30-response rule count). */
  readonly responses: number;
  /** Per question code, the counts of its answer codes; a question nobody answered may be absent. */
  readonly questions: Readonly<Record<string, CodeCounts>>;
};

/** Rejects counts that no query can produce, so a bug upstream fails loudly instead of skewing a rate. */
export function checkCount(value: number, what: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what}: count must be ≥ 0, got ${value}`);
  return value;
}

/** The count of one code (0 when absent). */
export function countOf(counts: CodeCounts | undefined, code: number): number {
  return checkCount(counts?.[code] ?? 0, `code ${code}`);
}

/** The answer codes present in a counts record. */
export function codesIn(counts: CodeCounts | undefined): number[] {
  return counts ? Object.keys(counts).map(Number) : [];
}

/** Sum of several counts records, code by code. */
export function addCodeCounts(list: readonly (CodeCounts | undefined)[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const counts of list) {
    for (const code of codesIn(counts)) out[code] = (out[code] ?? 0) + countOf(counts, code);
  }
  return out;
}

/** Pools groups into one (a province from its agencies): responses and every question's counts summed. */
export function poolGroupCounts(groups: readonly GroupCounts[]): GroupCounts {
  const codes = new Set(groups.flatMap((g) => Object.keys(g.questions)));
  const questions: Record<string, Record<number, number>> = {};
  for (const q of codes) questions[q] = addCodeCounts(groups.map((g) => g.questions[q]));
  const responses = groups.reduce((sum, g) => sum + checkCount(g.responses, "responses"), 0);
  return { responses, questions };
}
