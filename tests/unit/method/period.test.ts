/** Periods cut in Vietnam time (UTC+07:00). */
import { describe, expect, it } from "vitest";

import {
  DateInputError,
  addDays,
  instantRange,
  isDay,
  isPeriodKey,
  parseDay,
  parseRange,
  periodKey,
  periodKind,
  periodParts,
  periodRange,
  previousPeriodKey,
  previousRange,
  readPeriodKey,
  standardPeriodOf,
  vietnamDay,
} from "../../../app/method";

describe("vietnamDay", () => {
  it("moves late-evening UTC instants to the next Vietnam day", () => {
    expect(vietnamDay("2026-09-30T17:30:00Z")).toBe("2026-10-01");
    expect(periodKey(vietnamDay("2026-09-30T17:30:00Z"), "quarter")).toBe("2026-Q4");
    expect(vietnamDay("2026-09-30T16:59:59Z")).toBe("2026-09-30");
    expect(vietnamDay("2026-12-31T17:00:00Z")).toBe("2027-01-01");
    expect(vietnamDay("2026-08-14T09:12:00+07:00")).toBe("2026-08-14");
    expect(vietnamDay("2026-08-14T00:30:00+09:00")).toBe("2026-08-13");
    expect(vietnamDay(new Date(Date.UTC(2026, 5, 30, 17, 0)))).toBe("2026-07-01");
  });

  it("refuses instants without an offset and nonsense", () => {
    expect(() => vietnamDay("2026-08-14T09:12:00")).toThrow(DateInputError);
    expect(() => vietnamDay("hôm qua")).toThrow(DateInputError);
  });
});

describe("period keys and ranges", () => {
  it("names the month, quarter, half and year of a day", () => {
    expect(["month", "quarter", "half", "year"].map((k) => periodKey("2026-10-01", k as never))).toEqual(["2026-10", "2026-Q4", "2026-H2", "2026"]);
    expect(periodKey("2026-06-30", "half")).toBe("2026-H1");
    expect(periodKey("2026-07-01", "half")).toBe("2026-H2");
    expect(periodKind("2026-Q4")).toBe("quarter");
  });

  it("gives the first and last day of a key", () => {
    expect(periodRange("2026-Q4")).toEqual({ from: "2026-10-01", to: "2026-12-31" });
    expect(periodRange("2028-02")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    expect(periodRange("2026-02")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(periodRange("2025-H2")).toEqual({ from: "2025-07-01", to: "2025-12-31" });
    expect(periodRange("2026")).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(() => periodRange("2026-Q5")).toThrow(/Kỳ «2026-Q5» không hợp lệ/);
    expect(() => periodRange("2026-13")).toThrow(DateInputError);
  });

  it("reads keys in one grammar only: upper-case letters, no spaces, years from 1; the app's years for user input", () => {
    expect(["2026", "2026-H2", "2026-Q4", "2026-07"].map(readPeriodKey)).toEqual([
      { kind: "year", year: 2026, index: 1 },
      { kind: "half", year: 2026, index: 2 },
      { kind: "quarter", year: 2026, index: 4 },
      { kind: "month", year: 2026, index: 7 },
    ]);
    for (const bad of ["2026-q3", "2026-h1", " 2026-Q3", "2026-Q3 ", "2026-7", "2026-00", "2026-Q0", "2026-H3", "26", "0000", "2026-W01", ""]) {
      expect(readPeriodKey(bad), bad).toBeNull();
      expect(isPeriodKey(bad), bad).toBe(false);
      expect(() => periodRange(bad), bad).toThrow(DateInputError);
    }
    // A stored key keeps its grammar whatever the year; a person may ask only for the app's years.
    expect(readPeriodKey("1999-Q4")).toEqual({ kind: "quarter", year: 1999, index: 4 });
    expect(isPeriodKey("1999-Q4")).toBe(false);
    expect(isPeriodKey("2099-12")).toBe(true);
    expect(periodParts("2026-Q3")).toEqual({ kind: "quarter", year: 2026, index: 3 });
    expect(() => periodParts("2026-q3")).toThrow(/Kỳ «2026-q3» không hợp lệ/);
  });

  it("steps back to the previous comparable period", () => {
    expect(previousPeriodKey("2026-Q1")).toBe("2025-Q4");
    expect(previousPeriodKey("2026-Q3")).toBe("2026-Q2");
    expect(previousPeriodKey("2026-01")).toBe("2025-12");
    expect(previousPeriodKey("2026-H1")).toBe("2025-H2");
    expect(previousPeriodKey("2026")).toBe("2025");
  });

  it("recognises a range that is a standard period and steps back by kind", () => {
    expect(standardPeriodOf({ from: "2026-07-01", to: "2026-09-30" })).toBe("2026-Q3");
    expect(standardPeriodOf({ from: "2026-07-01", to: "2026-07-31" })).toBe("2026-07");
    expect(standardPeriodOf({ from: "2026-07-02", to: "2026-09-30" })).toBeNull();
    // Q3 (92 days) → Q2 (91 days), not the 92 days before
    expect(previousRange({ from: "2026-07-01", to: "2026-09-30" })).toEqual({ from: "2026-04-01", to: "2026-06-30" });
    expect(previousRange({ from: "2026-01-01", to: "2026-12-31" })).toEqual({ from: "2025-01-01", to: "2025-12-31" });
  });

  it("gives a custom range the range of equal length just before it", () => {
    expect(previousRange({ from: "2026-03-10", to: "2026-03-19" })).toEqual({ from: "2026-02-28", to: "2026-03-09" });
    expect(previousRange({ from: "2026-01-01", to: "2026-01-01" })).toEqual({ from: "2025-12-31", to: "2025-12-31" });
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  });
});

describe("strict day parsing", () => {
  it("accepts real days and rejects the rest with a Vietnamese message", () => {
    expect(parseDay("2026-07-01")).toBe("2026-07-01");
    expect(isDay("2028-02-29")).toBe(true);
    for (const bad of ["2026-02-30", "2026-02-29", "2026-13-01", "2026-00-10", "2026-7-1", "01/07/2026", "2026-07-01T00:00", ""]) {
      expect(isDay(bad)).toBe(false);
      expect(() => parseDay(bad)).toThrow(DateInputError);
    }
    expect(() => parseDay("2026-02-30")).toThrow("Ngày «2026-02-30» không hợp lệ: cần một ngày có thật, viết dạng YYYY-MM-DD (ví dụ 2026-07-01).");
  });

  it("checks the order of a range", () => {
    expect(parseRange("2026-07-01", "2026-09-30")).toEqual({ from: "2026-07-01", to: "2026-09-30" });
    expect(() => parseRange("2026-10-01", "2026-09-30")).toThrow(/Ngày bắt đầu 2026-10-01 ở sau ngày kết thúc 2026-09-30/);
    expect(() => parseRange("2026-09-31", "2026-10-01")).toThrow(/Ngày bắt đầu «2026-09-31»/);
  });
});

describe("instantRange", () => {
  it("covers from 00:00+07:00 up to, not including, the day after `to`", () => {
    const { start, end } = instantRange({ from: "2026-07-01", to: "2026-09-30" });
    expect(start.toISOString()).toBe("2026-06-30T17:00:00.000Z");
    expect(end.toISOString()).toBe("2026-09-30T17:00:00.000Z");
    // the Q4 example: this instant is outside Q3 and is the first one of Q4
    expect(new Date("2026-09-30T17:30:00Z") >= end).toBe(true);
    expect(instantRange({ from: "2026-12-31", to: "2026-12-31" }).end.toISOString()).toBe("2026-12-31T17:00:00.000Z");
  });
});
