/** Có / Không, stored as 1 / 2 (docs/contracts.md: PA0 1 Có, 2 Không). Labels come from the locale files. */
import { z } from "zod";

import { questionBase } from "../primitives";
import { checkCode, firstFilled, formCode, oneCodeRow, type QuestionTypeModule } from "./module";

export const YES = 1;
export const NO = 2;

export const yesnoQuestionSchema = z.object({
  ...questionBase,
  type: z.literal("yesno"),
});
export type YesNoQuestion = z.output<typeof yesnoQuestionSchema>;

export const yesnoType: QuestionTypeModule<YesNoQuestion> = {
  fromForm: (values) => {
    const raw = firstFilled(values);
    return raw === undefined ? undefined : formCode(raw);
  },
  check: (value) => checkCode(value, [YES, NO]),
  toRows: oneCodeRow,
};
