/**
 * The one CSV writer (csv-stringify): the raw-response export, the directory template and any other CSV the
 * app hands out are written here, as Excel and LibreOffice read them — comma-separated, CRLF line ends, a
 * cell quoted when it holds a comma, a quote (doubled) or a line break, and files start with a UTF-8 BOM so
 * that Excel shows Vietnamese.
 *
 * The formula guard lives here and nowhere else: free text starting with = + - @, a tab or a carriage return
 * (OWASP, "CSV injection"; also their full-width forms) would be run as a formula by a spreadsheet, so such a
 * cell gets a leading apostrophe and stays inert text. csv-stringify's `escape_formulas` does it; every writer
 * goes through `csvRows`, so none can forget it. Numbers are never guarded (−5 is a number, not a formula).
 */
import { stringify, type Options } from "csv-stringify/sync";

/** A cell as written: text (guarded), a number, or empty (null, undefined). */
export type CsvCell = string | number | null | undefined;

/** Put first in a file, once: Excel then reads the file as UTF-8. */
export const CSV_BOM = "\uFEFF";

// `quote_record_delimiter`: csv-stringify quotes a cell holding \n or \r only when asked to, once the record
// delimiter is set; without it a comment with a line break would split its row.
const OPTIONS: Options = { record_delimiter: "\r\n", quote_record_delimiter: true, eof: true, escape_formulas: true };

/** Rows as CSV text, each ended by CRLF. */
export function csvRows(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(rows as CsvCell[][], OPTIONS);
}

/** A whole file: the BOM, the header row, the rows. */
export function csvFile(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return CSV_BOM + csvRows([header, ...rows]);
}
