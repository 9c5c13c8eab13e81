/** The small CSV reader of `import-dossiers` (RFC 4180 subset). */
import { describe, expect, it } from "vitest";

import { CsvError, parseCsv } from "../../../app/dossiers/csv";
import { isDossierCode, normaliseDossierCode } from "../../../app/dossiers/code";

describe("parseCsv", () => {
  it("reads plain and quoted cells, doubled quotes, commas and line breaks inside quotes, CRLF and a BOM", () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""",\r\n\r\n"two\nlines",2,3\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ["a", "b", "c"] },
      { line: 2, cells: ["x, y", 'say "hi"', ""] },
      { line: 4, cells: ["two\nlines", "2", "3"] },
    ]);
  });

  it("keeps a last row without a line end, and an empty quoted cell as a row", () => {
    expect(parseCsv("a,b\n1,2")).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["1", "2"] },
    ]);
    expect(parseCsv('""\n')).toEqual([{ line: 1, cells: [""] }]);
    expect(parseCsv("")).toEqual([]);
  });

  it("refuses broken quoting with the line number", () => {
    expect(() => parseCsv('a\n"open,1\n')).toThrow(CsvError);
    expect(() => parseCsv('a\n"x"y,1\n')).toThrow(/dấu ngoặc kép đóng/);
    expect(() => parseCsv('a\nx"y,1\n')).toThrow(/giữa một ô/);
    try {
      parseCsv('a\nb\n"c');
    } catch (error) {
      expect((error as CsvError).line).toBe(3);
    }
  });
});

describe("dossier codes", () => {
  it("accepts 4–40 letters, digits, '-', '/', '.', after trimming; normalises to upper case", () => {
    for (const ok of ["H56.2", "000.00.12.H56-250801-0001", "12/BN-UBND", "a".repeat(40), "  abcd  "]) expect(isDossierCode(ok), ok).toBe(true);
    for (const bad of ["abc", "a".repeat(41), "HS 01", "HS_01", "HS-Ư1", ""]) expect(isDossierCode(bad), bad).toBe(false);
    expect(normaliseDossierCode(" hs-01/a ")).toBe("HS-01/A");
  });
});
