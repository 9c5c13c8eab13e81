/** Several choices, at most `max` (MONG_DOI: up to 3); one long-format row per selected option. */
import { z } from "zod";

import { optionSchema, questionBase } from "../primitives";
import { checkCode, formCode, type QuestionTypeModule } from "./module";

export const multiQuestionSchema = z.object({
  ...questionBase,
  type: z.literal("multi"),
  options: z.array(optionSchema).min(2),
  max: z.number().int().positive(),
});
export type MultiQuestion = z.output<typeof multiQuestionSchema>;

export const multiType: QuestionTypeModule<MultiQuestion> = {
  fromForm: (values) => {
    const filled = values.filter((v) => v.trim() !== "");
    return filled.length === 0 ? undefined : filled.map(formCode);
  },
  check: (value, q) => {
    if (!Array.isArray(value)) return { ok: false, key: "notList" };
    if (value.length === 0) return { ok: false, key: "emptyList" };
    const allowed = q.options.map((o) => o.code);
    for (const item of value) {
      const one = checkCode(item, allowed);
      if (!one.ok) return one;
    }
    if (new Set(value).size !== value.length) return { ok: false, key: "duplicateChoice" };
    if (value.length > q.max) return { ok: false, key: "tooManyChoices", params: { max: q.max, count: value.length } };
    return { ok: true, value: [...(value as number[])].sort((a, b) => a - b) };
  },
  toRows: (value) => (value as number[]).map((code) => ({ code, text: null })),
};
