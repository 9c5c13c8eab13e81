/** Small zod pieces shared by the definition schema and the question-type modules. */
import { z } from "zod";

/** A label in every interface language: both `vi` and `en` are required. */
export const localized = z.object({
  vi: z.string().trim().min(1, "thiếu nhãn tiếng Việt"),
  en: z.string().trim().min(1, "thiếu nhãn tiếng Anh"),
});

export const questionCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/, "mã câu hỏi viết hoa, ví dụ TONG_THE");

export const optionSchema = z.object({
  code: z.number().int().min(1).max(99),
  label: localized,
});

/** Fields every question type has. */
export const questionBase = {
  code: questionCode,
  label: localized,
  /** Short text to show under the label (instructions for the interviewer or the citizen). */
  help: localized.optional(),
  /** Interactive forms insist on it; the API and imports accept it missing (a paper blank). */
  required: z.boolean().default(false),
  /** Asked only when an earlier question's answer is one of `in`. */
  showIf: z.object({ question: questionCode, in: z.array(z.number().int()).min(1) }).optional(),
  /** A respondent-profile question, offered as a breakdown in reports. */
  profile: z.boolean().default(false),
};
