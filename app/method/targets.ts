/**
 * Few answers and targets (docs/method.md §4.5, §5; docs/contracts.md §Results).
 * A target is judged on the value as published (rounded to 2 decimals), so that a reader who sees
 * "90,00%" against "≥ 90%" sees "đạt", and "95,00%" against "> 95%" sees "không đạt".
 */
import type { TargetOp } from "../survey/codes";
import { round2 } from "./numbers";

/** Below this many valid answers (or responses, for a group) a cell is "ít mẫu". */
export const FEW_ANSWERS_MIN = 30;

export function isFewAnswers(n: number, min: number = FEW_ANSWERS_MIN): boolean {
  return n < min;
}

/**
 * A group is "ít mẫu" when it has fewer than `min` responses (docs/contracts.md) or fewer than `min` valid
 * answers behind its index (§4.5) — 40 responses that all left the index question blank prove nothing.
 */
export function isGroupFewAnswers(group: { responses: number; indexN: number }, min: number = FEW_ANSWERS_MIN): boolean {
  return isFewAnswers(group.responses, min) || isFewAnswers(group.indexN, min);
}

export type Target = { op: TargetOp; pct: number };
export type TargetResult = Target & { met: boolean | null };

/** Met / not met on the published (rounded) rate; null when there is no data or too few answers. */
export function isTargetMet(rate: number | null, target: Target, fewAnswers: boolean): boolean | null {
  if (rate === null || fewAnswers) return null;
  const published = round2(rate);
  return target.op === ">" ? published > target.pct : published >= target.pct;
}

/** The `target` object of a group; null when no target applies. */
export function evaluateTarget(rate: number | null, target: Target | null, fewAnswers: boolean): TargetResult | null {
  return target ? { op: target.op, pct: target.pct, met: isTargetMet(rate, target, fewAnswers) } : null;
}

/**
 * Which target a group is held to: a group of the `field` breakdown uses its field's target, every other
 * group (and `overall`) the overall target. A field without a target of its own falls back to the overall
 * target, which covers all procedures (seed 000: > 95% overall, ≥ 90% for land, construction, investment).
 */
export function targetFor(args: {
  by: string;
  key: string;
  fieldTargets: Readonly<Record<string, Target | null | undefined>>;
  overallTarget: Target | null;
}): Target | null {
  if (args.by === "field") return args.fieldTargets[args.key] ?? args.overallTarget;
  return args.overallTarget;
}
