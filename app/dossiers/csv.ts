/**
 * A small RFC 4180 reader for the dossier lists one-stop systems export: comma-separated, fields optionally in
 * double quotes (a quote inside doubled), CRLF or LF line ends, an optional UTF-8 BOM. Written here rather than
 * adding csv-parse: five columns, no streaming need, and every case is tested (tests/unit/dossiers/csv.test.ts).
 */
export type CsvRow = { line: number; cells: string[] };

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Rows with the line each starts on (1-based); blank lines are skipped. Throws CsvError on a broken quote. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let cells: string[] = [];
  let cell = "";
  let rowLine = 1;
  let quoted = false;
  let wasQuoted = false;
  const endRow = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === "" && !wasQuoted)) rows.push({ line: rowLine, cells });
    cells = [];
    cell = "";
    wasQuoted = false;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
          throw new CsvError(line, "sau dấu ngoặc kép đóng phải là dấu phẩy hoặc hết dòng");
        }
        continue;
      }
      if (c === "\n") line++;
      cell += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (cell !== "") throw new CsvError(line, "dấu ngoặc kép ở giữa một ô");
      quoted = true;
      wasQuoted = true;
      i++;
    } else if (c === ",") {
      cells.push(cell);
      cell = "";
      i++;
    } else if (c === "\r" || c === "\n") {
      endRow();
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      rowLine = line;
    } else {
      cell += c;
      i++;
    }
  }
  if (quoted) throw new CsvError(rowLine, "thiếu dấu ngoặc kép đóng");
  if (cell !== "" || cells.length || wasQuoted) endRow();
  return rows;
}
