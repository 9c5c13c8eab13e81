/**
 * The one CSV reader (csv-parse): every CSV a person or another system gives the app — the directory
 * spreadsheet, the dossier lists of one-stop systems — is read here. RFC 4180: comma-separated, fields
 * optionally in double quotes (a quote inside doubled, commas and line breaks allowed inside), CRLF, LF or CR
 * line ends, an optional UTF-8 BOM; blank lines are skipped. Broken quoting is refused with the line and a
 * Vietnamese reason, never guessed at. Each record keeps the line it starts on (1-based, as an editor counts
 * lines), so that errors name the line the user sees.
 */
import { CsvError, parse } from "csv-parse/sync";

export type CsvRecord = { line: number; cells: string[] };

/** A file that cannot be read as CSV: the line of the record at fault (1-based) and why, in Vietnamese. */
export class CsvReadError extends Error {
  override name = "CsvReadError";
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const REASONS: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: "thiếu dấu ngoặc kép đóng",
  CSV_INVALID_CLOSING_QUOTE: "sau dấu ngoặc kép đóng phải là dấu phẩy hoặc hết dòng",
  INVALID_OPENING_QUOTE: "dấu ngoặc kép ở giữa một ô",
};
const OTHER_REASON = "không đọc được dòng này theo định dạng CSV";

const CR = 0x0d;
const LF = 0x0a;

/**
 * Line numbers by byte offset. csv-parse counts a CRLF inside a quoted cell as two lines, so it is not asked:
 * a record starts at the first byte after the previous record's end that is not a line break (blank lines
 * skipped), and its line is one more than the line breaks before it (CRLF, LF or CR each one). Offsets only
 * grow, so the file is scanned once.
 */
function lineCounter(bytes: Buffer) {
  let at = 0;
  let line = 1;
  return (end: number): number => {
    let start = end;
    while (start < bytes.length && (bytes[start] === CR || bytes[start] === LF)) start++;
    for (; at < start; at++) {
      if (bytes[at] === LF || (bytes[at] === CR && bytes[at + 1] !== LF)) line++;
    }
    return line;
  };
}

/** The records of `text` with the line each starts on. Throws CsvReadError on broken quoting. */
export function readCsv(text: string): CsvRecord[] {
  const bytes = Buffer.from(text, "utf8");
  const lineOf = lineCounter(bytes);
  const records: CsvRecord[] = [];
  let end = 0; // byte offset just after the last record read (csv-parse counts the BOM too)
  try {
    parse(bytes, {
      bom: true,
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (cells: string[], context) => {
        records.push({ line: lineOf(end), cells });
        end = context.bytes;
        return null; // kept here, not in csv-parse's own result
      },
    });
  } catch (error) {
    if (error instanceof CsvError) throw new CsvReadError(lineOf(end), REASONS[error.code] ?? OTHER_REASON);
    throw error;
  }
  return records;
}
