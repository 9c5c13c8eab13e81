/**
 * A language as a spreadsheet for its translator (docs/contracts.md §Translation spreadsheet): one row per
 * text — `ma` (the text's key), `noi_dung` (where it is used), `tieng_viet`, `ban_dich` (the translation, empty
 * when there is none). XLSX through exceljs as the directory does, CSV through the one reader and writer
 * (app/csv/). Importing is all or nothing; each bad row is named with a Vietnamese reason.
 */
import ExcelJS from "exceljs";

import { CsvReadError, readCsv } from "~/csv/read.server";
import { csvFile } from "~/csv/write.server";
import { cellText } from "~/directory/tabular.server";
import { isWellFormedText } from "~/security/text";

import { translated, type TextEntry, type Translations } from "./texts";

export const SHEET_COLUMNS = ["ma", "noi_dung", "tieng_viet", "ban_dich"] as const;
export const SHEET_NAME = "Bản dịch";
const NOTES_SHEET = "Hướng dẫn";
/** A label or an interface string; a translation far longer than any of them is a pasting mistake. */
export const MAX_TRANSLATION = 2000;

const NOTES = [
  "Mỗi dòng là một câu chữ người dân thấy. Chỉ điền cột «ban_dich»; không sửa các cột khác.",
  "Để trống «ban_dich» nếu chưa dịch: người dân sẽ thấy câu tiếng Việt.",
  "Giữ nguyên các chỗ như {{max}} trong câu: phần mềm thay chúng bằng số.",
  "Nhập lại tệp trên màn hình «Ngôn ngữ». Có một dòng sai thì không dòng nào được ghi.",
];

function rowsOf(texts: readonly TextEntry[], translations: Translations): string[][] {
  return texts.map((t) => [t.key, t.where, t.vi, translated(translations, t.key, t.vi) ?? ""]);
}

export function translationCsv(texts: readonly TextEntry[], translations: Translations): string {
  return csvFile(SHEET_COLUMNS, rowsOf(texts, translations));
}

export async function translationXlsx(texts: readonly TextEntry[], translations: Translations): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SHEET_NAME);
  sheet.addRow([...SHEET_COLUMNS]).font = { bold: true };
  for (const row of rowsOf(texts, translations)) sheet.addRow(row);
  sheet.columns = [{ width: 36 }, { width: 40 }, { width: 60 }, { width: 60 }];
  sheet.getColumn(3).alignment = { wrapText: true };
  sheet.getColumn(4).alignment = { wrapText: true };
  const notes = workbook.addWorksheet(NOTES_SHEET);
  for (const line of NOTES) notes.addRow([line]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export type SheetRow = { row: number; cells: Record<string, string> };
export type ReadSheet = { ok: true; rows: SheetRow[] } | { ok: false; errors: string[] };

/** The app's CSV writer makes a cell that would start a formula inert with a `'`: read back, it is taken off. */
const unguard = (text: string) => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);

function fromGrid(grid: { row: number; cells: string[] }[]): ReadSheet {
  const [header, ...body] = grid;
  const names = (header?.cells ?? []).map((c) => c.trim().toLowerCase());
  const missing = ["ma", "tieng_viet", "ban_dich"].filter((c) => !names.includes(c));
  if (missing.length)
    return { ok: false, errors: [`Dòng 1: thiếu cột ${missing.map((c) => `«${c}»`).join(", ")} (các cột: ${SHEET_COLUMNS.join(", ")}).`] };
  const rows = body
    .filter((r) => r.cells.some((c) => c.trim() !== ""))
    .map((r) => ({ row: r.row, cells: Object.fromEntries(names.map((n, i) => [n, unguard(r.cells[i] ?? "")])) }));
  return rows.length ? { ok: true, rows } : { ok: false, errors: ["Bảng tính không có dòng nào ngoài dòng tên cột."] };
}

/** A file as rows: XLSX by its signature (a zip), else CSV in UTF-8. */
export async function readTranslationFile(bytes: Buffer): Promise<ReadSheet> {
  if (bytes.subarray(0, 4).toString("latin1") === "PK\u0003\u0004") {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      return { ok: false, errors: ["Không đọc được tệp: không phải tệp Excel .xlsx."] };
    }
    const sheet = workbook.worksheets.find((s) => s.name.normalize("NFC").trim() === SHEET_NAME) ?? workbook.worksheets[0];
    if (!sheet) return { ok: false, errors: ["Tệp Excel không có trang tính nào."] };
    const grid: { row: number; cells: string[] }[] = [];
    for (let n = 1; n <= sheet.rowCount; n++) {
      grid.push({ row: n, cells: Array.from({ length: sheet.columnCount }, (_, i) => cellText(sheet.getRow(n).getCell(i + 1).value)) });
    }
    return fromGrid(grid);
  }
  const text = bytes.toString("utf8");
  if (text.includes("\uFFFD") || bytes.includes(0))
    return { ok: false, errors: ["Không đọc được tệp: không phải tệp .xlsx, cũng không phải CSV mã UTF-8."] };
  try {
    return fromGrid(readCsv(text).map((r) => ({ row: r.line, cells: r.cells })));
  } catch (error) {
    if (error instanceof CsvReadError) return { ok: false, errors: [`Dòng ${error.line}: ${error.message}.`] };
    throw error;
  }
}

// Control characters other than tab and line breaks: what a spreadsheet never shows but a paste can carry.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)]
    .map((m) => m[1])
    .sort()
    .join(",");

/**
 * The rows checked against the texts of this moment: every key known and given once, its Vietnamese the
 * current one (a sheet exported before a survey's new version is refused for that row, so a translation never
 * lands on wording it was not made for), a translation that is well-formed text, not too long, and keeps the
 * placeholders of its Vietnamese.
 */
export function checkTranslationRows(
  texts: readonly TextEntry[],
  rows: readonly SheetRow[],
): { ok: true; rows: { key: string; vi: string; text: string }[] } | { ok: false; errors: string[] } {
  const byKey = new Map(texts.map((t) => [t.key, t]));
  const seen = new Set<string>();
  const errors: string[] = [];
  const out: { key: string; vi: string; text: string }[] = [];
  for (const { row, cells } of rows) {
    const key = (cells.ma ?? "").trim();
    const vi = (cells.tieng_viet ?? "").trim().normalize("NFC");
    const text = (cells.ban_dich ?? "").trim().normalize("NFC");
    const entry = byKey.get(key);
    const fail = (why: string) => errors.push(`Dòng ${row}: ${why}`);
    if (!key) fail("thiếu mã ở cột «ma».");
    else if (!entry) fail(`mã «${key.slice(0, 80)}» không phải một câu cần dịch (hãy xuất lại bảng tính).`);
    else if (seen.has(key)) fail(`mã «${key}» có ở hai dòng.`);
    else if (vi !== entry.vi.normalize("NFC"))
      fail(`câu tiếng Việt khác với phiên bản hiện hành (${entry.where}); hãy xuất lại bảng tính và dịch câu mới.`);
    else if (text.length > MAX_TRANSLATION) fail(`bản dịch dài quá ${MAX_TRANSLATION} ký tự.`);
    else if (text !== "" && (!isWellFormedText(text) || CONTROL.test(text)))
      fail("bản dịch có ký tự không hợp lệ (ký tự điều khiển hoặc lỗi mã hoá).");
    else if (text !== "" && placeholders(text) !== placeholders(entry.vi))
      fail(
        `bản dịch phải giữ nguyên ${
          placeholders(entry.vi)
            ? placeholders(entry.vi)
                .split(",")
                .map((p) => `{{${p}}}`)
                .join(", ")
            : "câu chữ, không thêm {{…}}"
        }.`,
      );
    else out.push({ key, vi: entry.vi, text });
    if (key) seen.add(key);
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows: out };
}
