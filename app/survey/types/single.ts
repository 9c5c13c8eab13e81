/** One choice among the question's own options (profile questions, PHIEN_HA). */
import { z } from "zod";

import { optionSchema, questionBase } from "../primitives";
import { checkCode, firstFilled, formCode, oneCodeRow, type QuestionTypeModule } from "./module";

export const singleQuestionSchema = z.object({
  ...questionBase,
  type: z.literal("single"),
  options: z.array(optionSchema).min(2),
});
export type SingleQuestion = z.output<typeof singleQuestionSchema>;

export const singleType: QuestionTypeModule<SingleQuestion> = {
  fromForm: (values) => {
    const raw = firstFilled(values);
    return raw === undefined ? undefined : formCode(raw);
  },
  check: (value, q) =>
    checkCode(
      value,
      q.options.map((o) => o.code),
    ),
  toRows: oneCodeRow,
};
