/**
 * The one CSV writer (csv-stringify): quoting as Excel reads it, CRLF, and the formula guard every CSV the
 * app writes goes through (OWASP "CSV injection": = + - @ tab CR at the start of a cell).
 */
import { describe, expect, it } from "vitest";

import { readCsv } from "../../../app/csv/read.server";
import { CSV_BOM, csvFile, csvRows } from "../../../app/csv/write.server";

describe("csvRows", () => {
  it("quotes only cells holding a comma, a quote or a line break, and ends every row with CRLF", () => {
    expect(csvRows([["a", "b c", "x, y", 'say "hi"', "two\nlines", "cr\rlf", "", null, undefined, 0, 12.5]])).toBe(
      'a,b c,"x, y","say ""hi""","two\nlines","cr\rlf",,,,0,12.5\r\n',
    );
    expect(csvRows([["a"], ["b"]])).toBe("a\r\nb\r\n");
    expect(csvRows([])).toBe("");
  });

  it("makes every cell a spreadsheet would run as a formula inert with a leading apostrophe", () => {
    for (const text of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x","bấm")', "＝1", "＋1", "－1", "＠x"]) {
      const [record] = readCsv(csvRows([[text]]));
      expect(record!.cells, JSON.stringify(text)).toEqual([`'${text}`]);
    }
    // Text that merely contains those characters, and numbers, stay as they are.
    expect(csvRows([["a=b", "1-2", " =x", -5, "Cán bộ nhiệt tình"]])).toBe("a=b,1-2, =x,-5,Cán bộ nhiệt tình\r\n");
  });

  it("reads back what it writes", () => {
    const rows = [
      ["ma", "y_kien"],
      ["X-1", 'Nhanh, "đúng hẹn"\r\nnhưng phải chờ'],
      ["Y", ""],
    ];
    expect(readCsv(csvFile(rows[0]!, rows.slice(1))).map((r) => r.cells)).toEqual(rows);
  });
});

describe("csvFile", () => {
  it("starts with the BOM, then the header", () => {
    expect(csvFile(["a", "b"], [["1", "2"]])).toBe(`${CSV_BOM}a,b\r\n1,2\r\n`);
  });
});
