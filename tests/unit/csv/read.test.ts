/** The one CSV reader (csv-parse): what the directory import and `import-dossiers` get from a file. */
import { describe, expect, it } from "vitest";

import { CsvReadError, readCsv } from "../../../app/csv/read.server";

describe("readCsv", () => {
  it("reads plain and quoted cells, doubled quotes, commas and line breaks inside quotes, CRLF and a BOM", () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""",\r\n\r\n"two\nlines",2,3\n';
    expect(readCsv(text)).toEqual([
      { line: 1, cells: ["a", "b", "c"] },
      { line: 2, cells: ["x, y", 'say "hi"', ""] },
      { line: 4, cells: ["two\nlines", "2", "3"] },
    ]);
  });

  it("keeps a last row without a line end, rows of any width, and an empty quoted cell as a row", () => {
    expect(readCsv("a,b\n1,2,3")).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["1", "2", "3"] },
    ]);
    expect(readCsv('""\n')).toEqual([{ line: 1, cells: [""] }]);
    expect(readCsv("")).toEqual([]);
    expect(readCsv("\uFEFF")).toEqual([]);
  });

  it("numbers lines as an editor does: CRLF, LF and CR are one line break each, inside quotes too", () => {
    expect(readCsv('a\n"one\r\ntwo\rthree",x\r\n\r\nb\rc\r\n').map((r) => r.line)).toEqual([1, 2, 6, 7]);
    expect(readCsv('Đà,Nẵng\n"ố",ạ\nx').map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it("refuses broken quoting with the line of the record and a Vietnamese reason", () => {
    const failure = (text: string) => {
      try {
        readCsv(text);
      } catch (error) {
        expect(error).toBeInstanceOf(CsvReadError);
        return { line: (error as CsvReadError).line, message: (error as CsvReadError).message };
      }
      throw new Error("no error");
    };
    expect(failure('a\n"open,1\n')).toEqual({ line: 2, message: "thiếu dấu ngoặc kép đóng" });
    expect(failure('a\n"x"y,1\n')).toEqual({ line: 2, message: "sau dấu ngoặc kép đóng phải là dấu phẩy hoặc hết dòng" });
    expect(failure('a\nx"y,1\n')).toEqual({ line: 2, message: "dấu ngoặc kép ở giữa một ô" });
    expect(failure('a\nb\n\n"c\nd')).toEqual({ line: 4, message: "thiếu dấu ngoặc kép đóng" });
  });
});
