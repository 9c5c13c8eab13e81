/**
 * The admin forms of the directory screens (quan-tri.danh-muc.$list), one zod schema per list's form and one
 * for "a field's target from a date". Fields are named as the spreadsheet columns (tabular.server.ts). The
 * schemas hold what the browser can check (codes, names, levels, days); a saved entry then goes through the
 * import (edit.server.ts), whose own errors — a code that does not exist — come back to the field they are
 * about through `columnOf`. Shared by the page and the action.
 */
import { z } from "zod";

import { AGENCY_LEVELS, SERVICE_SECTORS, TARGET_OPS } from "../survey/codes";
import type { Section } from "./file-schema";
import { DIRECTORY_CODE, DIRECTORY_CODE_TEXT, nameProblem } from "./rules";

const code = (missing: string) => z.string({ error: missing }).regex(DIRECTORY_CODE, { error: `Mã phải gồm ${DIRECTORY_CODE_TEXT}.` });
/** A code chosen from a list of the directory (may be left empty). */
const choice = code("").optional();
const name = z
  .string({ error: "Xin nhập tên." })
  .trim()
  .superRefine((value, ctx) => {
    const problem = nameProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: `Tên ${problem}.` });
  });
const day = (label: string) => z.iso.date({ error: `${label} phải là một ngày có thật, dạng YYYY-MM-DD.` });

const agencyForm = z
  .object({
    ma: code("Xin nhập mã."),
    ten: name,
    cap: z.enum(AGENCY_LEVELS, { error: `Cấp phải là ${AGENCY_LEVELS.map((l) => `«${l}»`).join(" hoặc ")}.` }),
    nganh: choice,
    nganh_dich_vu: z
      .enum(SERVICE_SECTORS, { error: `Ngành dịch vụ phải là ${SERVICE_SECTORS.map((s) => `«${s}»`).join(" hoặc ")}, hoặc để trống.` })
      .optional(),
    hieu_luc_tu: day("Ngày bắt đầu hiệu lực").optional(),
    hieu_luc_den: day("Ngày hết hiệu lực").optional(),
    ke_thua: choice,
  })
  // ISO days compare as strings.
  .refine((a) => !a.hieu_luc_tu || !a.hieu_luc_den || a.hieu_luc_den >= a.hieu_luc_tu, {
    path: ["hieu_luc_den"],
    error: "Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực.",
  });

/** The form of each list: the columns of its spreadsheet sheet that the screen edits. */
export const ENTRY_FORMS = {
  sectors: z.object({ ma: code("Xin nhập mã."), ten: name }),
  fields: z.object({ ma: code("Xin nhập mã."), ten: name, nganh: choice }),
  agencies: agencyForm,
  counters: z.object({ ma: code("Xin nhập mã."), ten: name, co_quan: code("Xin chọn cơ quan."), linh_vuc: z.array(code("")).default([]) }),
  procedures: z.object({ ma: code("Xin nhập mã."), ten: name, linh_vuc: choice }),
} satisfies Record<Section, z.ZodObject>;

export type EntryInput = z.output<(typeof ENTRY_FORMS)[Section]>;

/** A field's target from a day: a new row beside the older ones (history kept), or that day's row updated. */
export const targetForm = z.object({
  ma: code("Xin chọn lĩnh vực."),
  phep_so_sanh: z.enum(TARGET_OPS, { error: "Phép so sánh phải là «>» hoặc «>=»" }),
  // "92,5" as people write it in Vietnamese, or 92.5.
  ti_le: z
    .string({ error: "Tỉ lệ phải là số" })
    .overwrite((s) => s.replace(",", "."))
    .transform(Number)
    .pipe(z.number({ error: "Tỉ lệ phải là số" }).min(0, { error: "Tỉ lệ phải từ 0 đến 100" }).max(100, { error: "Tỉ lệ phải từ 0 đến 100" })),
  tu_ngay: z.iso.date({ error: "Ngày áp dụng phải là một ngày có thật, dạng YYYY-MM-DD" }),
});

export type TargetInput = z.output<typeof targetForm>;

/** The column of the form an import error is about (`agencies[0].successor` → ke_thua), or null for the form. */
const COLUMN_OF_KEY: Record<string, string> = {
  code: "ma",
  name: "ten",
  sector: "nganh",
  serviceSector: "nganh_dich_vu",
  level: "cap",
  validFrom: "hieu_luc_tu",
  validTo: "hieu_luc_den",
  successor: "ke_thua",
  agency: "co_quan",
  fields: "linh_vuc",
  field: "linh_vuc",
};

export function columnOf(path: string): string | null {
  const key = /^\w+\[\d+\]\.(\w+)/.exec(path)?.[1];
  return key ? (COLUMN_OF_KEY[key] ?? null) : null;
}
