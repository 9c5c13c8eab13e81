/** What every question-type module provides (style: one module per type, mirrored across layers). */
import type { SurveyDefinition } from "../definition";

/** A stored answer value: one code, several codes (multi-select) or a text. */
export type AnswerValue = number | number[] | string;

/** One long-format answer row (table `answers`). */
export type AnswerRow = { code: number | null; text: string | null };

/** Keys of `validation.*` in the locale files. */
export type IssueKey =
  | "unknownQuestion"
  | "required"
  | "notCode"
  | "codeNotAllowed"
  | "notList"
  | "emptyList"
  | "duplicateChoice"
  | "tooManyChoices"
  | "notText"
  | "textTooLong"
  | "hiddenAnswered"
  | "notWholeNumber"
  | "numberOutOfRange";

export type Check = { ok: true; value: AnswerValue } | { ok: false; key: IssueKey; params?: Record<string, string | number> };

export interface QuestionTypeModule<Q> {
  /** Form strings (every value sent under the question's name) → a value to check; undefined = blank. */
  fromForm(values: string[]): unknown;
  /** Validates a value from a form, the API or an import and returns it normalised. */
  check(value: unknown, q: Q, def: SurveyDefinition): Check;
  /** The long-format rows of a valid value. */
  toRows(value: AnswerValue): AnswerRow[];
}

/** Parses "3" → 3 and leaves anything else as it is, so that `check` can name the problem. */
export function formCode(raw: string): unknown {
  return /^\s*\d{1,6}\s*$/.test(raw) ? Number(raw) : raw;
}

export function firstFilled(values: string[]): string | undefined {
  return values.find((v) => v.trim() !== "");
}

export function checkCode(value: unknown, allowed: number[]): Check {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    return { ok: false, key: "notCode", params: { allowed: allowed.join(", ") } };
  }
  if (!allowed.includes(value)) {
    return { ok: false, key: "codeNotAllowed", params: { value, allowed: allowed.join(", ") } };
  }
  return { ok: true, value };
}

export const oneCodeRow = (value: AnswerValue): AnswerRow[] => [{ code: value as number, text: null }];
