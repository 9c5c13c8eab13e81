/**
 * The rows of a dossier or PAKN list, from CSV (the app's one CSV reader) or the first sheet of an XLSX workbook
 * (exceljs, cells read as the directory's spreadsheets are): each with the line (CSV) or row (XLSX) the user sees,
 * so that errors name it. Blank rows are skipped.
 */
import ExcelJS from "exceljs";

import { CsvReadError, readCsv, type CsvRecord } from "~/csv/read.server";
import { cellText } from "~/directory/tabular.server";

export type TableRead = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

export function isXlsxName(name: string): boolean {
  return /\.xlsx$/i.test(name.trim());
}

export function readTableText(text: string): TableRead {
  try {
    return { ok: true, records: readCsv(text) };
  } catch (error) {
    if (error instanceof CsvReadError) return { ok: false, line: error.line, message: error.message };
    throw error;
  }
}

export async function readTableXlsx(data: ArrayBuffer | Uint8Array): Promise<TableRead> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as ArrayBuffer);
  } catch {
    return { ok: false, line: 1, message: "không đọc được tệp: không phải tệp Excel .xlsx" };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, line: 1, message: "tệp Excel không có trang tính nào" };
  const records: CsvRecord[] = [];
  const read = (n: number) => Array.from({ length: sheet.columnCount }, (_, i) => cellText(sheet.getRow(n).getCell(i + 1).value));
  const lastFilled = (cells: string[]) => cells.findLastIndex((c) => c.trim() !== "") + 1;
  // A sheet's column count includes columns formatted but empty: the list is as wide as its header, and a
  // row keeps a cell beyond it only when something is written there (then the importer refuses the row).
  let width = 0;
  for (let n = 1; n <= sheet.rowCount; n++) {
    const cells = read(n);
    const filled = lastFilled(cells);
    if (!filled) continue;
    if (!width) width = filled;
    records.push({ line: n, cells: cells.slice(0, Math.max(width, filled)) });
  }
  return { ok: true, records };
}

/** A file as uploaded or named on the command line: XLSX by its name, else CSV text. */
export async function readTable(name: string, data: Uint8Array): Promise<TableRead> {
  return isXlsxName(name) ? readTableXlsx(data) : readTableText(new TextDecoder("utf-8").decode(data));
}
