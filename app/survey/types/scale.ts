/** A rating on one of the definition's scales (SAT5, SAT3), with "không có ý kiến" unless disallowed. */
import { z } from "zod";

import { questionBase } from "../primitives";
import { checkCode, firstFilled, formCode, oneCodeRow, type QuestionTypeModule } from "./module";

export const scaleQuestionSchema = z.object({
  ...questionBase,
  type: z.literal("scale"),
  scale: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  /** Offer (and accept) the definition's "no opinion" code. */
  allowNoOpinion: z.boolean().default(true),
});
export type ScaleQuestion = z.output<typeof scaleQuestionSchema>;

export const scaleType: QuestionTypeModule<ScaleQuestion> = {
  fromForm: (values) => {
    const raw = firstFilled(values);
    return raw === undefined ? undefined : formCode(raw);
  },
  check: (value, q, def) => {
    const codes = def.scales[q.scale]?.options.map((o) => o.code) ?? [];
    return checkCode(value, q.allowNoOpinion ? [...codes, def.noOpinion.code] : codes);
  },
  toRows: oneCodeRow,
};
