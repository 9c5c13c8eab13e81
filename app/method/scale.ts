/**
 * What the method needs to know about one scale question, read from the survey definition (the method
 * version's settings): its options in display order, which are "satisfied", which are excluded.
 */
import type { SurveyDefinition } from "../survey/definition";

/** The parts of a definition the method reads; narrower than the whole so that callers and tests stay small. */
export type MethodDefinition = Pick<SurveyDefinition, "scales" | "sections" | "method">;

export type ScaleRule = {
  /** Option codes in display order (SAT3 is listed 3, 2, 1). */
  readonly options: readonly number[];
  readonly satisfied: readonly number[];
  /** Codes left out of every denominator ("không có ý kiến", 9 by default). */
  readonly excluded: readonly number[];
};

/**
 * Rules already read, per definition (definitions are never changed once parsed): a dashboard page asks for
 * every scale question's rule once per group, and finding the question in the sections each time was the
 * largest part of turning counts into figures (measured: 19 agencies' SIPAS figures, ~40 % of 5.6 ms).
 */
const rules = new WeakMap<MethodDefinition, Map<string, ScaleRule>>();

/** The rule of a scale question; throws for an unknown or non-scale code (a programming error). */
export function scaleRule(def: MethodDefinition, questionCode: string): ScaleRule {
  let known = rules.get(def);
  if (!known) rules.set(def, (known = new Map()));
  let rule = known.get(questionCode);
  if (!rule) known.set(questionCode, (rule = readScaleRule(def, questionCode)));
  return rule;
}

function readScaleRule(def: MethodDefinition, questionCode: string): ScaleRule {
  const q = def.sections.flatMap((s) => s.questions).find((x) => x.code === questionCode);
  if (!q) throw new Error(`không có câu hỏi «${questionCode}» trong định nghĩa khảo sát`);
  if (q.type !== "scale") throw new Error(`«${questionCode}» không phải câu hỏi thang đo`);
  const scale = def.scales[q.scale];
  if (!scale) throw new Error(`thang đo «${q.scale}» của «${questionCode}» không có trong định nghĩa`);
  return {
    options: scale.options.map((o) => o.code),
    satisfied: scale.satisfied,
    excluded: def.method.excludedCodes,
  };
}

/** Codes of every scale question, in display order (the `questions` of a per-question survey). */
export function scaleQuestionCodes(def: MethodDefinition): string[] {
  return def.sections
    .flatMap((s) => s.questions)
    .filter((q) => q.type === "scale")
    .map((q) => q.code);
}
