/**
 * The two forms of the supervisor screen that make assignments (quan-tri.giam-sat): one by hand, one from the
 * quotas proposed from dossier counts. Shared by the page (the browser checks them) and the action (Conform's
 * parseWithZod), so both say the same Vietnamese sentence beside the same field.
 */
import { z } from "zod";

import { isDay } from "~/method/period";

import { DEFAULT_MARGIN, MARGIN_ERROR, parseMargin } from "./margins";

const surveyor = z.number({ error: "Chọn khảo sát viên." }).int().positive({ error: "Chọn khảo sát viên." });
const survey = z.string({ error: "Chọn phiếu khảo sát." }).regex(/^(?:[a-z0-9]|-)+$/, { error: "Chọn phiếu khảo sát." });
const day = (message: string) => z.string({ error: message }).refine(isDay, { error: message });

/** One assignment: a surveyor, a survey, an agency (optionally one field), a quota and a period. */
export const assignmentForm = z
  .object({
    userId: surveyor,
    survey,
    agency: z.string({ error: "Chọn cơ quan." }),
    field: z
      .string()
      .optional()
      .transform((v) => v ?? null),
    quota: z
      .number({ error: "Chỉ tiêu phải là số." })
      .int({ error: "Chỉ tiêu phải là số nguyên." })
      .min(1, { error: "Chỉ tiêu phải từ 1 trở lên." })
      .max(100_000, { error: "Chỉ tiêu quá lớn." }),
    from: day("Ngày bắt đầu phải có dạng YYYY-MM-DD."),
    to: day("Ngày kết thúc phải có dạng YYYY-MM-DD."),
  })
  // Compared only when both are days: a malformed day has its own error.
  .refine((v) => !isDay(v.from) || !isDay(v.to) || v.from <= v.to, { error: "Ngày kết thúc phải sau ngày bắt đầu.", path: ["to"] });

export type AssignmentInput = z.output<typeof assignmentForm>;

/**
 * The ticked rows (`pick`) of a proposal to assign: the dossier period, level and margin it was computed with
 * (hidden fields; the action recomputes the quotas from them), the surveyor, the survey and the working period.
 */
export const planForm = z
  .object({
    userId: surveyor,
    survey,
    level: z.enum(["agency", "field"], { error: "Chọn giao theo cơ quan hay theo lĩnh vực." }),
    margin: z
      .string()
      .optional()
      .transform((raw, ctx) => {
        const value = parseMargin(raw);
        if (value === null) ctx.addIssue({ code: "custom", message: MARGIN_ERROR });
        return value ?? DEFAULT_MARGIN;
      }),
    from: day("Kỳ hồ sơ: ngày bắt đầu phải có dạng YYYY-MM-DD."),
    to: day("Kỳ hồ sơ: ngày kết thúc phải có dạng YYYY-MM-DD."),
    workFrom: day("Ngày bắt đầu khảo sát phải có dạng YYYY-MM-DD."),
    workTo: day("Ngày kết thúc khảo sát phải có dạng YYYY-MM-DD."),
    pick: z.array(z.string().max(200)).min(1, { error: "Chọn ít nhất một dòng để giao." }).max(2000),
  })
  .refine((v) => !isDay(v.workFrom) || !isDay(v.workTo) || v.workFrom <= v.workTo, {
    error: "Ngày kết thúc khảo sát phải sau ngày bắt đầu.",
    path: ["workTo"],
  });

export type PlanInput = z.output<typeof planForm>;
