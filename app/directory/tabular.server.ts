/**
 * The directory as spreadsheets (docs/decisions/0007-directory-spreadsheets.md): one XLSX workbook with one
 * sheet per list, or one CSV file whose `loai` column says the list of each row. Both become the JSON
 * structure of `import-directory` and go through `importDirectory`, so a spreadsheet is checked exactly as a
 * JSON file; here only the cells are read, and each row remembers where it came from (sheet, row number) so
 * that errors can name the spreadsheet row the user sees. CSV is read and written by the app's one CSV
 * reader and writer (app/csv/).
 */
import ExcelJS from "exceljs";

import { CsvReadError, readCsv, type CsvRecord } from "../csv/read.server";
import { csvFile } from "../csv/write.server";
import { SECTIONS, type DirectoryError, type Section } from "./file-schema";

/** One problem as the user sees it: the sheet ("CSV" for a CSV file), the spreadsheet row (1 = header), why. */
export type SheetError = { sheet: string; row: number | null; message: string };
export type RowOrigin = { sheet: string; row: number };
export type Origins = Record<Section, RowOrigin[]>;
export type TabularResult = { input: Record<Section, Record<string, unknown>[]>; origins: Origins; errors: SheetError[] };

/** Sheet names of the workbook, and the `loai` of a CSV row, per list. */
export const SHEET_NAMES: Record<Section, string> = {
  sectors: "Ngành",
  fields: "Lĩnh vực",
  agencies: "Cơ quan",
  counters: "Quầy",
  procedures: "Thủ tục",
};
export const CSV_KINDS: Record<Section, string> = {
  sectors: "nganh",
  fields: "linh_vuc",
  agencies: "co_quan",
  counters: "quay",
  procedures: "thu_tuc",
};
/** The columns of each list, in template order. `linh_vuc` of a counter: field codes separated by «;». */
export const COLUMNS: Record<Section, readonly string[]> = {
  sectors: ["ma", "ten"],
  fields: ["ma", "ten", "nganh", "phep_so_sanh", "ti_le"],
  // nganh_dich_vu: health or education for a health facility or a school (its department reads it), else empty.
  agencies: ["ma", "ten", "cap", "nganh", "nganh_dich_vu", "hieu_luc_tu", "hieu_luc_den", "ke_thua"],
  counters: ["ma", "co_quan", "ten", "linh_vuc"],
  procedures: ["ma", "ten", "linh_vuc"],
};
export const CSV_COLUMNS: readonly string[] = ["loai", ...new Set(SECTIONS.flatMap((s) => COLUMNS[s]))];
/** A sheet the workbook may carry for people, not for the import. */
const NOTES_SHEET = "Hướng dẫn";

/** Example rows of the templates (demo-like codes), per list. */
export const EXAMPLES: Record<Section, Record<string, string>[]> = {
  sectors: [{ ma: "NN_MT", ten: "Nông nghiệp và Môi trường" }],
  fields: [{ ma: "DAT_DAI", ten: "Đất đai", nganh: "NN_MT", phep_so_sanh: ">=", ti_le: "90" }],
  agencies: [{ ma: "TTHCC", ten: "Trung tâm Phục vụ hành chính công tỉnh", cap: "tinh", hieu_luc_tu: "2025-07-01" }],
  counters: [{ ma: "TTHCC-Q01", co_quan: "TTHCC", ten: "Quầy 1", linh_vuc: "DAT_DAI" }],
  procedures: [{ ma: "1.001234", ten: "Đăng ký đất đai lần đầu", linh_vuc: "DAT_DAI" }],
};

export type Cells = Record<string, string>;

/** One spreadsheet row as the JSON row of its list; empty cells are left out (an optional value not given). */
export function toRow(section: Section, c: Cells): Record<string, unknown> {
  const put = (row: Record<string, unknown>, key: string, value: unknown) => {
    if (value !== undefined && value !== "") row[key] = value;
    return row;
  };
  const base = put(put({}, "code", c.ma), "name", c.ten);
  switch (section) {
    case "sectors":
      return base;
    case "fields": {
      put(base, "sector", c.nganh);
      if (c.phep_so_sanh || c.ti_le) base.target = put(put({}, "op", c.phep_so_sanh), "pct", number(c.ti_le));
      return base;
    }
    case "agencies":
      for (const [key, col] of [
        ["level", "cap"],
        ["sector", "nganh"],
        ["serviceSector", "nganh_dich_vu"],
        ["validFrom", "hieu_luc_tu"],
        ["validTo", "hieu_luc_den"],
        ["successor", "ke_thua"],
      ] as const)
        put(base, key, c[col]);
      return base;
    case "counters":
      put(base, "agency", c.co_quan);
      base.fields = (c.linh_vuc ?? "")
        .split(/[;,]/)
        .map((s) => s.trim())
        .filter(Boolean);
      return base;
    case "procedures":
      return put(base, "field", c.linh_vuc);
  }
}

/** "90", "92,5" (Vietnamese decimal comma) → a number; anything else stays text, for the schema to refuse. */
function number(text: string | undefined): unknown {
  if (text === undefined || text === "") return undefined;
  const n = Number(text.replace(",", "."));
  return Number.isFinite(n) ? n : text;
}

function emptyResult(): TabularResult {
  const lists = <T>(make: () => T) => Object.fromEntries(SECTIONS.map((s) => [s, make()])) as Record<Section, T>;
  return { input: lists(() => []), origins: lists(() => []), errors: [] };
}

/** Checks a header row; returns the column names (normalised) or records the unknown ones. */
function readHeader(header: string[], allowed: readonly string[], sheet: string, out: TabularResult): string[] {
  const names = header.map((h) => h.trim().toLowerCase());
  names.forEach((name) => {
    if (name && !allowed.includes(name))
      out.errors.push({ sheet, row: 1, message: `Cột «${name}» không dùng được (các cột: ${allowed.join(", ")})` });
  });
  return names;
}

const cellsOf = (names: string[], values: string[]): Cells =>
  Object.fromEntries(names.map((name, i) => [name, (values[i] ?? "").trim()]).filter(([name]) => name));

// ─── CSV ───────────────────────────────────────────────────────────────────────────────────────────

const KIND_BY_NAME = new Map<string, Section>(SECTIONS.flatMap((s) => [[CSV_KINDS[s], s] as const, [SHEET_NAMES[s].toLowerCase(), s] as const]));

/** One CSV file, the list of each row in its `loai` column (`nganh`, `linh_vuc`, `co_quan`, `quay`, `thu_tuc`). */
export function readDirectoryCsv(text: string): TabularResult {
  const out = emptyResult();
  let read: CsvRecord[];
  try {
    read = readCsv(text);
  } catch (error) {
    if (!(error instanceof CsvReadError)) throw error;
    out.errors.push({ sheet: "CSV", row: error.line, message: `Dòng ${error.line}: ${error.message}` });
    return out;
  }
  const [header, ...records] = read;
  if (!header) {
    out.errors.push({ sheet: "CSV", row: null, message: "Tệp trống: không có dòng tiêu đề" });
    return out;
  }
  const names = readHeader(header.cells, CSV_COLUMNS, "CSV", out);
  if (!names.includes("loai")) out.errors.push({ sheet: "CSV", row: 1, message: "Thiếu cột «loai» (loại danh mục của từng dòng)" });
  for (const record of records) {
    const cells = cellsOf(names, record.cells);
    const section = KIND_BY_NAME.get((cells.loai ?? "").toLowerCase());
    if (!section) {
      out.errors.push({
        sheet: "CSV",
        row: record.line,
        message: `Dòng ${record.line}: loại «${cells.loai ?? ""}» không có (phải là ${SECTIONS.map((s) => `«${CSV_KINDS[s]}»`).join(", ")})`,
      });
      continue;
    }
    out.input[section].push(toRow(section, cells));
    out.origins[section].push({ sheet: "CSV", row: record.line });
  }
  return out;
}

// ─── XLSX ──────────────────────────────────────────────────────────────────────────────────────────

/** A cell as the text the user sees (also read by the translation spreadsheet, app/languages/sheet.server.ts). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  // Excel keeps a date as a day number without a time zone; exceljs gives it as UTC midnight.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    return "";
  }
  return String(value);
}

const SECTION_BY_SHEET = new Map<string, Section>(SECTIONS.map((s) => [SHEET_NAMES[s].normalize("NFC").toLowerCase(), s]));

/** One workbook, a sheet per list named as in SHEET_NAMES (row 1 = column names); empty rows are skipped. */
export async function readDirectoryXlsx(data: ArrayBuffer | Uint8Array): Promise<TabularResult> {
  const out = emptyResult();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as ArrayBuffer);
  } catch {
    out.errors.push({ sheet: "", row: null, message: "Không đọc được tệp: không phải tệp Excel .xlsx" });
    return out;
  }
  for (const sheet of workbook.worksheets) {
    const name = sheet.name.trim().normalize("NFC");
    if (name === NOTES_SHEET) continue;
    const section = SECTION_BY_SHEET.get(name.toLowerCase());
    if (!section) {
      out.errors.push({
        sheet: name,
        row: null,
        message: `Trang tính «${name}» không dùng được (các trang: ${SECTIONS.map((s) => `«${SHEET_NAMES[s]}»`).join(", ")})`,
      });
      continue;
    }
    const rowValues = (r: ExcelJS.Row) => Array.from({ length: sheet.columnCount }, (_, i) => cellText(r.getCell(i + 1).value));
    const names = readHeader(rowValues(sheet.getRow(1)), COLUMNS[section], name, out);
    for (let n = 2; n <= sheet.rowCount; n++) {
      const values = rowValues(sheet.getRow(n));
      if (values.every((v) => v.trim() === "")) continue;
      out.input[section].push(toRow(section, cellsOf(names, values)));
      out.origins[section].push({ sheet: name, row: n });
    }
  }
  return out;
}

/** An error of `importDirectory` (path `counters[3].agency`) at the spreadsheet row it came from. */
export function locate(error: DirectoryError, origins: Origins): SheetError {
  const match = /^(\w+)\[(\d+)\]/.exec(error.path);
  const origin = match ? origins[match[1] as Section]?.[Number(match[2])] : undefined;
  if (!origin) return { sheet: "", row: null, message: error.message };
  return { sheet: origin.sheet, row: origin.row, message: `Dòng ${origin.row}: ${error.message}` };
}

// ─── templates ─────────────────────────────────────────────────────────────────────────────────────

/** The CSV template: UTF-8 with a BOM (so that Excel shows Vietnamese), the header and one example per list. */
export function csvTemplate(): string {
  const rows = SECTIONS.flatMap((s) => EXAMPLES[s].map((example) => CSV_COLUMNS.map((c) => (c === "loai" ? CSV_KINDS[s] : example[c]))));
  return csvFile(CSV_COLUMNS, rows);
}

/** The XLSX template: a sheet per list with its columns and an example row, and a notes sheet. */
export async function xlsxTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const s of SECTIONS) {
    const sheet = workbook.addWorksheet(SHEET_NAMES[s]);
    sheet.addRow([...COLUMNS[s]]).font = { bold: true };
    for (const example of EXAMPLES[s]) sheet.addRow(COLUMNS[s].map((c) => example[c] ?? ""));
    sheet.columns.forEach((col) => (col.width = 24));
  }
  const notes = workbook.addWorksheet(NOTES_SHEET);
  for (const line of TEMPLATE_NOTES) notes.addRow([line]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const TEMPLATE_NOTES = [
  "Mỗi trang tính là một danh mục; dòng 1 là tên cột, không đổi tên cột.",
  "Mã: chữ không dấu, số, «_», «.» hoặc «-». Mã đã có thì dòng đó cập nhật, mã mới thì thêm mới.",
  "Cấp cơ quan: tinh hoặc xa. Ngày dạng YYYY-MM-DD. Cơ quan đã sáp nhập: ghi hieu_luc_den và ke_thua (mã cơ quan kế thừa).",
  "Chỉ tiêu của lĩnh vực: phep_so_sanh là > hoặc >=, ti_le từ 0 đến 100.",
  "Quầy: linh_vuc là các mã lĩnh vực cách nhau bởi dấu «;».",
  "Có một dòng lỗi thì không dòng nào được áp dụng.",
];
