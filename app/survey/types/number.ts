/**
 * A whole number within a range, with its unit (QĐ 56's G1: «how many % of what you expected», 0–200). Stored
 * as the answer's code, so the roll-ups keep the whole distribution of values: the mean, the median and the
 * share at or above a threshold all come from counts (docs/method.md §4.11).
 */
import { z } from "zod";

import { localized, questionBase } from "../primitives";
import { firstFilled, type Check, type QuestionTypeModule } from "./module";

export const numberQuestionSchema = z
  .object({
    ...questionBase,
    type: z.literal("number"),
    min: z.number().int().min(0),
    max: z.number().int().max(100_000),
    /** What the number counts, shown beside the input («%», «ngày»). */
    unit: localized.optional(),
    /** Shares published as «at or above»: e.g. [80, 100] for «expectations at least 80 % met». */
    thresholds: z.array(z.number().int()).default([]),
  })
  .refine((q) => q.min < q.max, { message: "min phải nhỏ hơn max", path: ["max"] });
export type NumberQuestion = z.output<typeof numberQuestionSchema>;

export const numberType: QuestionTypeModule<NumberQuestion> = {
  fromForm: (values) => {
    const raw = firstFilled(values)?.trim();
    if (raw === undefined) return undefined;
    // Digits only (a comma or a dot is a mistake for a whole number, said as such rather than guessed).
    return /^-?\d{1,7}$/.test(raw) ? Number(raw) : raw;
  },
  check: (value, q): Check => {
    if (typeof value !== "number" || !Number.isInteger(value)) return { ok: false, key: "notWholeNumber", params: { min: q.min, max: q.max } };
    if (value < q.min || value > q.max) return { ok: false, key: "numberOutOfRange", params: { value, min: q.min, max: q.max } };
    return { ok: true, value };
  },
  toRows: (value) => [{ code: value as number, text: null }],
};
