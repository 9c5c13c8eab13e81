/**
 * The dashboard's data on a real SQLite file, responses stored through the real write path.
 *
 * Counter ratings (TONG_THE 3/2 satisfied, 1 not), overall target > 95 %, land ≥ 90 %:
 *   Q3 2026 — A1 (land, counter A1-Q01, QR): 36 satisfied + 4 not = 40 → 90.00 %, below > 95;
 *             X1 (civil status, X1-Q01, QR): 39 + 1 = 40 → 97.50 %, met;
 *             X2 (civil status, X2-Q01, kiosk): 5 satisfied → ít mẫu, outside the ranking.
 *   Q2 2026 — A1: 40 satisfied → 100.00 %; X1: 40 satisfied → 100 %.
 *   So in Q3: A1 is below target and fell 10 points; X1 fell 2.5 points (met, but falling); the province
 *   80 / 85 = 94.12 %; civil status 44 / 45 = 97.78 % (−2.22); land 36 / 40 = 90.00 %, meeting ≥ 90.
 * Comments (Y_KIEN): two on A1's unsatisfied ratings, one on X1's.
 */
import { describe, expect, it } from "vitest";

import { getComments } from "../../app/dashboard/comments.server";
import { getDashboard, type DashboardRequest } from "../../app/dashboard/dashboard.server";
import type { DashboardParams } from "../../app/dashboard/params";
import { getResults } from "../../app/results/results.server";
import { registerSurveys } from "../../app/survey/registry.server";
import { allFinite, province, submit, surveyDefinitions, type Province } from "../support/results-fixture";

const TODAY = "2026-11-22";
const Q3 = { period: "2026-Q3" };

function rate(p: Province, agency: string, field: string, at: string, codes: number[], channel: "qr" | "kiosk" = "qr", comment?: string) {
  for (const TONG_THE of codes) {
    const answers: Record<string, unknown> = { TONG_THE, THAI_DO: TONG_THE };
    if (comment && TONG_THE === 1) answers.Y_KIEN = comment;
    submit(p, { survey: "danh-gia-ho-so", agency, field, counter: `${agency}-Q01`, channel, at, answers });
  }
}
const times = (n: number, code: number) => Array<number>(n).fill(code);

function example(): Province {
  const p = province();
  rate(p, "A1", "DAT_DAI", "2026-08-14T09:00:00+07:00", [...times(36, 3), 1, 1], "qr", "Chờ quá lâu <script>alert(1)</script>");
  rate(p, "A1", "DAT_DAI", "2026-08-20T09:00:00+07:00", [1, 1], "qr", "Hồ sơ bị trả lại nhiều lần");
  rate(p, "X1", "HO_TICH", "2026-08-14T10:00:00+07:00", [...times(39, 2), 1], "qr", "Thiếu ghế chờ");
  rate(p, "X2", "HO_TICH", "2026-08-14T11:00:00+07:00", times(5, 3), "kiosk");
  rate(p, "A1", "DAT_DAI", "2026-05-14T09:00:00+07:00", times(40, 3));
  rate(p, "X1", "HO_TICH", "2026-05-14T09:00:00+07:00", times(40, 3));
  return p;
}

function dashboard(p: Province, params: DashboardParams, scope: Partial<DashboardRequest> = {}) {
  return getDashboard(p.db, p.surveys, { params, focus: null, linkAgencies: true, locale: "vi", today: TODAY, ...scope });
}

describe("the dashboard for Sở Nội vụ and viewers: the whole province", () => {
  it("headline, ranking, fields and units to correct, with the figures of getResults", () => {
    const p = example();
    const d = dashboard(p, Q3);
    const results = getResults(p.db, p.surveys, { survey: "danh-gia-ho-so", from: "2026-07-01", to: "2026-09-30", by: "agency" });
    expect(d.period).toEqual({ kind: "quarter", key: "2026-Q3", range: { from: "2026-07-01", to: "2026-09-30" } });
    expect(d.headline).toMatchObject({
      index: results.overall.index,
      responses: 85,
      status: "notMet",
      target: { op: ">", pct: 95 },
      previous: { from: "2026-04-01", to: "2026-06-30", index: 100, responses: 80 },
      deltaNote: null,
      units: { kind: "agency", met: 1, notMet: 1, few: 1 },
      province: null,
      rank: null,
    });
    expect(d.headline.delta).toBe(Math.round((results.overall.index! - 100) * 100) / 100);
    expect(d.ranking.kind).toBe("agency");
    expect(d.ranking.rows.map((r) => [r.key, r.rank, r.index, r.status, r.delta, r.href])).toEqual([
      ["X1", 1, 97.5, "met", -2.5, "/quan-tri/co-quan/X1?survey=danh-gia-ho-so&period=2026-Q3"],
      ["A1", 2, 90, "notMet", -10, "/quan-tri/co-quan/A1?survey=danh-gia-ho-so&period=2026-Q3"],
      ["X2", null, 100, "few", null, "/quan-tri/co-quan/X2?survey=danh-gia-ho-so&period=2026-Q3"],
    ]);
    // Wilson interval of the index (one rate) beside it.
    expect(d.ranking.rows[1]).toMatchObject({ ciLow: 76.95, ciHigh: 96.04 });
    expect(d.choices.agencies.map((a) => a.value).sort()).toEqual(["A1", "X1", "X2"]);
    // Land is held to its own ≥ 90 target (met at exactly 90), listed first.
    expect(d.fields.map((f) => [f.key, f.target, f.status])).toEqual([
      ["DAT_DAI", { op: ">=", pct: 90 }, "met"],
      ["HO_TICH", { op: ">", pct: 95 }, "met"],
    ]);
    expect(d.headline.fields).toEqual({ met: 2, notMet: 0, few: 0 });
    // Below target, and falling — with enough answers in both periods.
    expect(d.toCorrect.map((c) => [c.kind, c.key, c.belowTarget, c.delta])).toEqual([
      ["agency", "A1", true, -10],
      ["field", "DAT_DAI", false, -10],
      ["agency", "X1", false, -2.5],
      ["field", "HO_TICH", false, -2.22],
    ]);
  });

  it("components, distribution, lowest criteria and the monthly trend come from the same figures", () => {
    const p = example();
    const d = dashboard(p, Q3);
    expect(d.kind).toBe("question");
    expect(d.components.map((c) => [c.code, c.rate, c.n])).toEqual([
      ["TONG_THE", 94.12, 85],
      ["THUAN_TIEN", null, 0],
      ["DUNG_HAN", null, 0],
      ["THAI_DO", 94.12, 85],
    ]);
    expect(d.scale.map((o) => o.code)).toEqual([3, 2, 1]);
    expect(d.distribution.find((r) => r.code === "TONG_THE")?.shares.map((s) => s.count)).toEqual([41, 39, 5]);
    expect(d.lowest.map((c) => c.code)).toEqual(["TONG_THE", "THAI_DO"]);
    expect(d.lowest[0]?.href).toBeUndefined(); // comments live on an agency's page
    // Twelve months ending with September; August holds the quarter.
    expect(d.trend.rows.map((m) => m.key)).toEqual([
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
    ]);
    expect(d.trend.rows.find((m) => m.key === "2026-08")).toMatchObject({ responses: 85, index: 94.12, fewAnswers: false });
    expect(d.trend.rows.find((m) => m.key === "2026-05")).toMatchObject({ responses: 80, index: 100 });
    // Counter ratings ask no expectations, no harassment question and no profile.
    expect([d.expectations, d.harassment, d.profile]).toEqual([null, null, null]);
  });

  it("filters: field (its target then holds), sector, channel, agency", () => {
    const p = example();
    const land = dashboard(p, { ...Q3, field: "DAT_DAI" });
    expect(land.headline).toMatchObject({ responses: 40, index: 90, target: { op: ">=", pct: 90 }, status: "met" });
    expect(land.ranking.rows.map((r) => [r.key, r.status])).toEqual([["A1", "met"]]);
    expect(land.filter).toEqual({ field: "DAT_DAI" });

    const civil = dashboard(p, { ...Q3, sector: "TP" });
    expect(civil.ranking.rows.map((r) => r.key)).toEqual(["X1", "X2"]);
    expect(civil.headline.responses).toBe(45);

    const kiosk = dashboard(p, { ...Q3, channel: "kiosk" });
    expect(kiosk.headline).toMatchObject({ responses: 5, fewAnswers: true, status: "few" });
    expect(kiosk.ranking.rows.map((r) => r.key)).toEqual(["X2"]);

    // Staff may look at one agency: its counters then, and the province beside it.
    const a1 = dashboard(p, { ...Q3, agency: "A1" });
    expect(a1.focus).toEqual({ code: "A1", name: "Trung tâm Phục vụ hành chính công tỉnh" });
    expect(a1.headline).toMatchObject({ responses: 40, province: { responses: 85 }, rank: { rank: 2, of: 2 } });

    // An unknown code is said, not taken for "no responses".
    const bad = dashboard(p, { ...Q3, field: "KHONG_CO" });
    expect(bad.error).toBe("Không có lĩnh vực «KHONG_CO».");
    expect(bad.headline.responses).toBe(85);
  });

  it("says per agency and per counter how many ratings know their field, and how many of the scope have none", () => {
    const p = example();
    // Five more kiosk votes at X2 whose citizens skipped the field: in X2's figures, not in any field's.
    for (const TONG_THE of [3, 3, 1, 2, 3]) {
      submit(p, {
        survey: "danh-gia-ho-so",
        agency: "X2",
        counter: "X2-Q01",
        channel: "kiosk",
        at: "2026-08-15T10:00:00+07:00",
        answers: { TONG_THE },
      });
    }
    const d = dashboard(p, Q3);
    expect(d.ranking.rows.map((r) => [r.key, r.responses, r.fieldCoverage])).toEqual([
      ["X1", 40, { responses: 40, withField: 40, share: 100, withoutShare: 0 }],
      ["A1", 40, { responses: 40, withField: 40, share: 100, withoutShare: 0 }],
      ["X2", 10, { responses: 10, withField: 5, share: 50, withoutShare: 50 }],
    ]);
    expect(d.fieldCoverage).toEqual({ responses: 90, withField: 85, share: 94.44, withoutShare: 5.56 });
    // The field table's unknown-field group holds exactly those.
    expect(d.fields.find((f) => f.key === "")?.responses).toBe(5);

    // An agency's page: its counters.
    const x2 = dashboard(p, { ...Q3, agency: "X2" });
    expect(x2.ranking.rows.map((r) => [r.key, r.fieldCoverage?.share])).toEqual([["X2-Q01", 50]]);
    expect(x2.fieldCoverage).toMatchObject({ responses: 10, withField: 5 });
    // A field filter keeps only ratings with that field.
    expect(dashboard(p, { ...Q3, field: "HO_TICH" }).fieldCoverage).toMatchObject({ responses: 45, withField: 45, withoutShare: 0 });
  });
});

describe("the dashboard of an agency head: their agency only, beside the province", () => {
  it("contains no other agency's figures, counters or names, whatever the parameters ask", () => {
    const p = example();
    // The route refuses a foreign ?agency= with 403 before this; even so, the focus wins.
    const d = dashboard(p, { ...Q3, agency: "X1" }, { focus: "A1", linkAgencies: false });
    expect(d.focus?.code).toBe("A1");
    expect(d.filter).toEqual({ agency: "A1" });
    expect(d.headline).toMatchObject({ responses: 40, index: 90, status: "notMet", units: { kind: "counter" } });
    expect(d.headline.province).toMatchObject({ responses: 85, index: 94.12 });
    expect(d.headline.rank).toEqual({ rank: 2, of: 2 });
    expect(d.ranking).toMatchObject({ kind: "counter", rows: [{ key: "A1-Q01", label: "Quầy 1", responses: 40 }] });
    expect(d.fields.map((f) => f.key)).toEqual(["DAT_DAI"]);
    expect(d.choices.agencies).toEqual([{ value: "A1", label: "Trung tâm Phục vụ hành chính công tỉnh" }]);
    expect(d.trend.rows.reduce((n, m) => n + m.responses, 0)).toBe(80);
    expect(d.trend.rows.find((m) => m.key === "2026-08")).toMatchObject({ index: 90, province: 94.12 });
    expect(d.toCorrect.map((c) => [c.kind, c.key])).toEqual([
      ["counter", "A1-Q01"],
      ["field", "DAT_DAI"],
    ]);
    // Links stay inside the agency's own page.
    for (const href of [...d.ranking.rows, ...d.fields, ...d.lowest].map((r) => r.href)) expect(href).toMatch(/^\/quan-tri\/co-quan\/A1\?/);
    const text = JSON.stringify(d);
    for (const other of ["X1", "X2", "Xã Một", "Xã Hai", "Quầy xã"]) expect(text).not.toContain(other);
  });

  it("reads only their agency's comments, newest first, as raw text; by criterion, the dissatisfied ones", () => {
    const p = example();
    const def = p.surveys.get("danh-gia-ho-so")!.def;
    const base = { def, survey: "danh-gia-ho-so", agency: "A1", range: { from: "2026-07-01", to: "2026-09-30" }, locale: "vi" as const };
    const all = getComments(p.db, base);
    expect(all.total).toBe(4);
    expect(all.rows.map((c) => c.text)).toEqual([
      "Hồ sơ bị trả lại nhiều lần",
      "Hồ sơ bị trả lại nhiều lần",
      "Chờ quá lâu <script>alert(1)</script>",
      "Chờ quá lâu <script>alert(1)</script>",
    ]);
    expect(all.rows[0]).toMatchObject({ counter: "Quầy 1", field: "Đất đai", channel: "qr", answer: null });
    const unhappy = getComments(p.db, { ...base, criterion: "THAI_DO" });
    expect(unhappy).toMatchObject({ total: 4, criterion: { code: "THAI_DO" } });
    expect(unhappy.rows[0]?.answer).toBe("Không hài lòng");
    expect(getComments(p.db, { ...base, agency: "X1" }).rows.map((c) => c.text)).toEqual(["Thiếu ghế chờ"]);
    // A page past the end gives the last page.
    expect(getComments(p.db, { ...base, page: 9 })).toMatchObject({ page: 1, pages: 1 });
  });
});

describe("empty and incomparable periods", () => {
  it("an empty period gives explicit empty states: zeros and nulls, never NaN", () => {
    const p = example();
    for (const survey of ["danh-gia-ho-so", "sipas"] as const) {
      for (const focus of [null, "A1"]) {
        const d = dashboard(p, { survey, period: "2025-Q1" }, { focus });
        expect(allFinite(d)).toBe(true);
        expect(d.headline).toMatchObject({ index: null, responses: 0, status: "noData", delta: null, deltaNote: "noPrevious" });
        expect(d.ranking.rows).toEqual([]);
        expect(d.fields).toEqual([]);
        expect(d.toCorrect).toEqual([]);
        expect(d.lowest).toEqual([]);
        expect(d.trend.rows.every((m) => m.responses === 0 && m.index === null)).toBe(true);
        expect(d.components.every((c) => c.rate === null && c.n === 0)).toBe(true);
        expect(d.distribution.every((r) => r.n === 0 && r.shares.every((s) => s.share === null))).toBe(true);
        if (survey === "sipas") {
          expect(d.expectations).toMatchObject({ respondents: 0 });
          expect(d.expectations?.rows.every((r) => r.share === null && r.count === 0)).toBe(true);
          expect(d.harassment).toMatchObject({ n: 0, fewAnswers: true });
          expect(d.profile).toMatchObject({ question: "GIOI_TINH", unavailable: null });
          expect(d.profile?.rows.every((r) => r.responses === 0 && r.index === null && r.status === "noData")).toBe(true);
        }
      }
    }
  });

  it("SIPAS: profile breakdowns say why they are missing (part of a month, a non-agency filter)", () => {
    const p = example();
    submit(p, { agency: "A1", field: "DAT_DAI", answers: { HL_TC: 5, GIOI_TINH: 2, PHIEN_HA: 1, MONG_DOI: [1, 2] } });
    const custom = dashboard(p, { survey: "sipas", period: "custom", from: "2026-08-10", to: "2026-08-20" });
    expect(custom.period).toMatchObject({ kind: "custom", key: null });
    expect(custom.profile).toMatchObject({ unavailable: "wholeMonths", rows: [] });
    expect(dashboard(p, { survey: "sipas", ...Q3, field: "DAT_DAI" }).profile).toMatchObject({ unavailable: "filter" });
    const d = dashboard(p, { survey: "sipas", ...Q3, profile: "GIOI_TINH" }, { focus: "A1" });
    expect(d.profile?.rows.map((r) => [r.key, r.responses])).toEqual([
      ["1", 0],
      ["2", 1],
    ]);
    expect(d.harassment).toMatchObject({ n: 1, fewAnswers: true });
    expect(d.harassment?.row.shares.map((s) => s.share)).toEqual([100, 0, 0]);
    expect(d.expectations?.rows.slice(0, 2).map((r) => [r.code, r.share, r.rank])).toEqual([
      [1, 100, 1],
      [2, 100, 1],
    ]);
    // A bad custom range is named and the default period used.
    const reversed = dashboard(p, { survey: "sipas", period: "custom", from: "2026-08-20" });
    expect(reversed).toMatchObject({ invalid: ["to"], period: { kind: "year", key: "2026" } });
  });

  it("never compares across method versions: Δ is withheld and the page says why", () => {
    const p = example();
    const sipas = surveyDefinitions().find((d) => d.id === "sipas")!;
    submit(p, { agency: "A1", at: "2026-05-14T09:00:00+07:00", answers: { HL_TC: 5 } });
    const next = { db: p.db, surveys: registerSurveys(p.db, [{ ...sipas, version: 2, method: { ...sipas.method, version: "phuong-phap-moi" } }]) };
    submit(next, { agency: "A1", at: "2026-08-14T09:00:00+07:00", answers: { HL_TC: 4 } });
    const d = dashboard(next, { survey: "sipas", ...Q3 });
    expect(d.headline).toMatchObject({ responses: 1, delta: null, deltaNote: "methodChanged" });
    expect(d.ranking.rows.every((r) => r.delta === null && r.rankChange === null)).toBe(true);
  });
});
