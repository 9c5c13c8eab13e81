/**
 * The directory file of `import-directory` (docs/contracts.md §Directory file) and its Vietnamese error messages.
 * Pure (no database): an upload form can validate the same way as the import.
 */
import { z } from "zod";

import { AGENCY_LEVELS, SERVICE_SECTORS, TARGET_OPS } from "../survey/codes";
import { DIRECTORY_CODE, DIRECTORY_CODE_TEXT, nameProblem } from "./rules";

/** One problem in a directory file: where (`counters[3].agency`) and what, in Vietnamese. */
export type DirectoryError = { path: string; message: string };

// One code rule and one name rule for the whole directory (app/directory/rules.ts).
export const directoryCode = z.string().regex(DIRECTORY_CODE, { error: `phải gồm ${DIRECTORY_CODE_TEXT}` });

const name = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = nameProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

// z.iso.date() also refuses dates that do not exist (2025-02-30), not only the wrong shape.
const day = z.iso.date({ error: "phải là một ngày có thật, dạng YYYY-MM-DD" });

export const targetSchema = z.strictObject({
  op: z.enum(TARGET_OPS),
  pct: z.number().min(0, { error: "phải từ 0 đến 100" }).max(100, { error: "phải từ 0 đến 100" }),
});

export const sectorRow = z.strictObject({ code: directoryCode, name });

export const fieldRow = z.strictObject({
  code: directoryCode,
  name,
  sector: directoryCode.optional(),
  target: targetSchema.optional(),
});

export const agencyRow = z
  .strictObject({
    code: directoryCode,
    name,
    level: z.enum(AGENCY_LEVELS),
    sector: directoryCode.optional(),
    /** A health facility's or a school's service sector: its department reads it (ADR 0021). */
    serviceSector: z.enum(SERVICE_SECTORS).optional(),
    validFrom: day.optional(),
    validTo: day.optional(),
    successor: directoryCode.optional(),
  })
  // ISO dates compare correctly as strings.
  .refine((a) => !a.validFrom || !a.validTo || a.validTo >= a.validFrom, {
    path: ["validTo"],
    error: "không được trước ngày bắt đầu hiệu lực",
  });

/** A procedure (thủ tục hành chính) by its national code, e.g. 1.001234; `field` is its lĩnh vực. */
export const procedureRow = z.strictObject({
  code: directoryCode,
  name,
  field: directoryCode.optional(),
});

export const counterRow = z.strictObject({
  code: directoryCode,
  agency: directoryCode,
  name,
  fields: z.array(directoryCode),
});

export const directoryFileSchema = z.strictObject({
  sectors: z.array(sectorRow).default([]),
  fields: z.array(fieldRow).default([]),
  agencies: z.array(agencyRow).default([]),
  counters: z.array(counterRow).default([]),
  procedures: z.array(procedureRow).default([]),
  overallTarget: targetSchema.optional(),
});

export type DirectoryFile = z.infer<typeof directoryFileSchema>;
export type DirectoryTarget = z.infer<typeof targetSchema>;

/** The file's lists, in the order they are applied (a list may refer only to codes of earlier ones). */
export const SECTIONS = ["sectors", "fields", "agencies", "counters", "procedures"] as const;
export type Section = (typeof SECTIONS)[number];

/** How a row of each list is named in messages: "Quầy «TTHCC-Q01»". */
export const ROW_NOUN: Record<Section, string> = {
  sectors: "Ngành",
  fields: "Lĩnh vực",
  agencies: "Cơ quan",
  counters: "Quầy",
  procedures: "Thủ tục",
};

/** The subject of a message, by the last key of the path: "cấp phải là «tinh» hoặc «xa»". */
const KEY_LABEL: Record<string, string> = {
  code: "mã",
  name: "tên",
  level: "cấp",
  sector: "ngành",
  serviceSector: "ngành dịch vụ (health hoặc education)",
  validFrom: "ngày bắt đầu hiệu lực",
  validTo: "ngày hết hiệu lực",
  successor: "cơ quan kế thừa",
  agency: "cơ quan",
  target: "chỉ tiêu",
  overallTarget: "chỉ tiêu chung",
  op: "phép so sánh",
  pct: "tỉ lệ",
  sectors: "danh sách ngành",
  agencies: "danh sách cơ quan",
  counters: "danh sách quầy",
  procedures: "danh sách thủ tục",
  field: "lĩnh vực",
};

/** The subject of an element of a list, by the list's key (`counters[0].fields[2]` is a field code). */
const ITEM_LABEL: Record<string, string> = {
  sectors: "ngành",
  fields: "lĩnh vực",
  agencies: "cơ quan",
  counters: "quầy",
  procedures: "thủ tục",
};

const TYPE_NAME: Record<string, string> = {
  string: "chuỗi ký tự",
  number: "số",
  array: "danh sách",
  object: "đối tượng",
};

/**
 * Per-parse error map: zod's own issues (wrong type, missing key…) in Vietnamese. Messages are predicates
 * ("phải là danh sách"); the subject and the row are added by `issueToErrors`, which knows the whole path.
 */
export function vietnameseIssue(issue: z.core.$ZodRawIssue): string {
  // A key left out: zod reports a wrong type (for an enum, a wrong value) of `undefined`.
  if (issue.input === undefined && (issue.code === "invalid_type" || issue.code === "invalid_value")) return "bị thiếu";
  switch (issue.code) {
    case "invalid_type":
      return `phải là ${TYPE_NAME[issue.expected] ?? issue.expected}`;
    // Enums: the allowed codes come from the same `as const` arrays as the database's.
    case "invalid_value":
      return `phải là ${issue.values.map((v) => `«${String(v)}»`).join(" hoặc ")}`;
    default:
      return "không hợp lệ";
  }
}

/** `["counters", 3, "agency"]` → `counters[3].agency`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join("");
}

/** "Quầy «TTHCC-Q01»: " for a path inside a row (named by its code when it has a usable one), else "". */
function rowPrefix(path: readonly PropertyKey[], input: unknown): string {
  const [section, index] = path;
  if (section === "overallTarget") return "Chỉ tiêu chung: ";
  if (typeof index !== "number" || !(SECTIONS as readonly unknown[]).includes(section)) return "";
  const row: unknown = isRecord(input) && Array.isArray(input[section as Section]) ? (input[section as Section] as unknown[])[index] : undefined;
  const code = isRecord(row) ? directoryCode.safeParse(row.code) : undefined;
  return `${ROW_NOUN[section as Section]} ${code?.success ? `«${code.data}»` : `thứ ${index + 1}`}: `;
}

function subject(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "tệp";
  const last = path[path.length - 1];
  if (typeof last === "number") return ITEM_LABEL[String(path[path.length - 2])] ?? "phần tử";
  // `fields` is both a top-level list and a counter's list of field codes.
  if (last === "fields") return path.length === 1 ? "danh sách lĩnh vực" : "danh sách lĩnh vực của quầy";
  return KEY_LABEL[String(last)] ?? "giá trị";
}

/** One zod issue as directory errors, each naming its row; an unknown key gives one error per key. */
export function issueToErrors(issue: z.core.$ZodIssue, input: unknown): DirectoryError[] {
  const prefix = rowPrefix(issue.path, input);
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      path: formatPath([...issue.path, key]),
      message: `${prefix}không có trường «${key}» (kiểm tra lỗi chính tả)`,
    }));
  }
  return [{ path: formatPath(issue.path), message: `${prefix}${subject(issue.path)} ${issue.message}` }];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
