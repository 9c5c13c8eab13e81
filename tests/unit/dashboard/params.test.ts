/** The dashboard's query string: reading it, the period it names (Vietnam time), and the links built from it. */
import { describe, expect, it } from "vitest";

import { formatDelta, formatPct, formatTarget } from "../../../app/dashboard/format";
import { dashboardSearch, isWholeMonths, periodChoices, resolvePeriod, trendRange } from "../../../app/dashboard/params";
import { parseDashboardParams } from "../../../app/dashboard/params.server";

describe("parseDashboardParams", () => {
  it("keeps good values, drops bad ones by name, and reads an empty field as not set", () => {
    const search = new URLSearchParams("survey=sipas&period=2026-Q5&from=2026-02-30&to=2026-03-31&agency=TTHCC&field=&page=2&channel=qr");
    expect(parseDashboardParams(search)).toEqual({
      params: { survey: "sipas", to: "2026-03-31", agency: "TTHCC", channel: "qr", page: 2 },
      invalid: ["period", "from"],
    });
    expect(parseDashboardParams(new URLSearchParams("survey=Khác&agency=<script>&page=0")).invalid).toEqual(["survey", "agency", "page"]);
    // A well-formed id is read here; whether such a survey is registered is the figures model's question.
    expect(parseDashboardParams(new URLSearchParams("survey=khac")).params).toEqual({ survey: "khac" });
  });
});

describe("resolvePeriod", () => {
  const today = "2026-11-22";
  it("defaults to the current year; reads month, quarter, half-year and year keys", () => {
    expect(resolvePeriod({}, today).period).toEqual({ kind: "year", key: "2026", range: { from: "2026-01-01", to: "2026-12-31" } });
    expect(resolvePeriod({ period: "2026-02" }, today).period).toEqual({
      kind: "month",
      key: "2026-02",
      range: { from: "2026-02-01", to: "2026-02-28" },
    });
    expect(resolvePeriod({ period: "2026-Q4" }, today).period.range).toEqual({ from: "2026-10-01", to: "2026-12-31" });
    expect(resolvePeriod({ period: "2025-H1" }, today).period).toMatchObject({ kind: "half", range: { from: "2025-01-01", to: "2025-06-30" } });
  });
  it("a custom range needs both days in order; otherwise the default, with the culprit named", () => {
    expect(resolvePeriod({ period: "custom", from: "2026-08-10", to: "2026-08-20" }, today)).toEqual({
      period: { kind: "custom", key: null, range: { from: "2026-08-10", to: "2026-08-20" } },
      invalid: [],
    });
    expect(resolvePeriod({ period: "custom", from: "2026-08-20", to: "2026-08-10" }, today)).toMatchObject({
      invalid: ["from", "to"],
      period: { key: "2026" },
    });
    expect(resolvePeriod({ period: "custom", to: "2026-08-10" }, today)).toMatchObject({ invalid: ["from"] });
    // Days given without "custom" do not override a period key (the picker sends both).
    expect(resolvePeriod({ period: "2026-Q3", from: "2026-08-10", to: "2026-08-20" }, today).period.range).toEqual({
      from: "2026-07-01",
      to: "2026-09-30",
    });
  });
});

describe("period helpers", () => {
  it("offers 12 months, 6 quarters, 4 half-years and 3 years, newest first", () => {
    const c = periodChoices("2026-01-05");
    expect(c.month).toHaveLength(12);
    expect(c.month.slice(0, 2)).toEqual(["2026-01", "2025-12"]);
    expect(c.quarter).toEqual(["2026-Q1", "2025-Q4", "2025-Q3", "2025-Q2", "2025-Q1", "2024-Q4"]);
    expect(c.half).toEqual(["2026-H1", "2025-H2", "2025-H1", "2024-H2"]);
    expect(c.year).toEqual(["2026", "2025", "2024"]);
  });
  it("the trend covers the twelve months ending with the period, or the whole period if longer", () => {
    expect(trendRange({ from: "2026-07-01", to: "2026-09-30" })).toEqual({ from: "2025-10-01", to: "2026-09-30" });
    expect(trendRange({ from: "2024-01-01", to: "2026-02-10" })).toEqual({ from: "2024-01-01", to: "2026-02-10" });
  });
  it("whole months: from the first of a month to the last of one", () => {
    expect(isWholeMonths({ from: "2026-07-01", to: "2026-09-30" })).toBe(true);
    expect(isWholeMonths({ from: "2024-02-01", to: "2024-02-29" })).toBe(true);
    expect(isWholeMonths({ from: "2026-07-02", to: "2026-09-30" })).toBe(false);
    expect(isWholeMonths({ from: "2026-07-01", to: "2026-09-29" })).toBe(false);
  });
  it("links keep what is set and leave out the rest", () => {
    expect(dashboardSearch({ survey: "sipas", period: "2026-Q3", field: undefined, agency: "", page: 1 })).toBe("?survey=sipas&period=2026-Q3");
    expect(dashboardSearch({})).toBe("");
  });
});

describe("format", () => {
  it("prints vi-VN figures: comma decimals, a no-break space before %, signed changes, targets", () => {
    expect(formatPct(93.41)).toBe("93,41\u00a0%");
    expect(formatPct(100)).toBe("100,00\u00a0%");
    expect(formatPct(null)).toBe("—");
    expect(formatDelta(-1.5)).toBe("−1,50");
    expect(formatDelta(2)).toBe("+2,00");
    expect(formatDelta(0)).toBe("0,00");
    expect(formatTarget({ op: ">=", pct: 90 })).toBe("≥\u00a090\u00a0%");
    expect(formatTarget({ op: ">", pct: 95 })).toBe(">\u00a095\u00a0%");
  });
});
