/** Free text with a length limit. Stored as given (NFC, trimmed); always rendered as inert text. */
import { z } from "zod";

import { questionBase } from "../primitives";
import { firstFilled, type QuestionTypeModule } from "./module";

export const textQuestionSchema = z.object({
  ...questionBase,
  type: z.literal("text"),
  maxLength: z.number().int().min(1).max(5000),
});
export type TextQuestion = z.output<typeof textQuestionSchema>;

// Control characters other than tab and newlines have no place in a comment and break CSV exports;
// bidirectional overrides could make a comment read differently on the analyst's screen.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

export const textType: QuestionTypeModule<TextQuestion> = {
  fromForm: (values) => firstFilled(values),
  check: (value, q) => {
    if (typeof value !== "string" || CONTROL.test(value)) return { ok: false, key: "notText" };
    const text = value.normalize("NFC").trim();
    // Length in characters as a person counts them, not UTF-16 units.
    const length = [...text].length;
    if (length > q.maxLength) return { ok: false, key: "textTooLong", params: { max: q.maxLength, length } };
    return { ok: true, value: text };
  },
  toRows: (value) => [{ code: null, text: value as string }],
};
