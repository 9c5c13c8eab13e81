/**
 * One verdict everywhere (issue 18, docs/method.md §4.6): the dashboard, the report and the public page are built
 * from the same data and must state the same verdict and the same change (or none) for every row. The fixture's
 * previous quarter has 1, 29 and 30 answers for three agencies: only the agency with 30 then (and 40 now) gets a
 * change; the dashboard used to show +/−Δ against a quarter of one response while the other two showed «—».
 *
 * Counter ratings (TONG_THE 3 = satisfied, 1 = not), overall target > 95 %:
 *   Q3 2026 — A1 (land): 36 + 4 not = 90 %; X1 (civil status): 40 = 100 %; X2 (civil status): 38 + 2 not = 95 %.
 *   Q2 2026 — A1: 1 satisfied (1 answer); X1: 28 + 1 not (29 answers, 96,55 %); X2: 30 satisfied (30 answers, 100 %).
 * Real SQLite file, responses through the real ingest path.
 */
import { describe, expect, it } from "vitest";

import { getDashboard } from "../../../app/dashboard/dashboard.server";
import { formatDelta } from "../../../app/dashboard/format";
import { reportDocument } from "../../../app/report/blocks";
import { buildReport } from "../../../app/report/model.server";
import { buildSnapshot } from "../../../app/publishing/build.server";
import { province, submit, type Province } from "../../support/results-fixture";

const TODAY = "2026-11-22";
const SURVEY = "danh-gia-ho-so";

function rate(p: Province, agency: string, field: string, at: string, satisfied: number, not: number) {
  for (const TONG_THE of [...Array<number>(satisfied).fill(3), ...Array<number>(not).fill(1)]) {
    submit(p, { survey: SURVEY, agency, field, counter: `${agency}-Q01`, channel: "qr", at, answers: { TONG_THE } });
  }
}

function fixture(): Province {
  const p = province();
  rate(p, "A1", "DAT_DAI", "2026-08-14T09:00:00+07:00", 36, 4);
  rate(p, "X1", "HO_TICH", "2026-08-14T10:00:00+07:00", 40, 0);
  rate(p, "X2", "HO_TICH", "2026-08-14T11:00:00+07:00", 38, 2);
  rate(p, "A1", "DAT_DAI", "2026-05-14T09:00:00+07:00", 1, 0);
  rate(p, "X1", "HO_TICH", "2026-05-14T10:00:00+07:00", 28, 1);
  rate(p, "X2", "HO_TICH", "2026-05-14T11:00:00+07:00", 30, 0);
  return p;
}

describe("the dashboard, the report and the public page state one verdict per row", () => {
  const p = fixture();
  const dashboard = getDashboard(p.db, p.surveys, {
    params: { survey: SURVEY, period: "2026-Q3" },
    focus: null,
    linkAgencies: true,
    locale: "vi",
    today: TODAY,
  });
  const report = buildReport(p.db, p.surveys, { key: { survey: SURVEY, period: "2026-Q3", scope: "province" }, today: TODAY, province: "Điện Biên" });
  const published = buildSnapshot(p.db, p.surveys, { survey: SURVEY, period: "2026-Q3" }, TODAY);
  const doc = reportDocument(report);
  // One agency's page and report (the test file's database closes after the first test: build everything now).
  const one = getDashboard(p.db, p.surveys, {
    params: { survey: SURVEY, period: "2026-Q3" },
    focus: "A1",
    linkAgencies: true,
    locale: "vi",
    today: TODAY,
  });
  const agencyReport = buildReport(p.db, p.surveys, { key: { survey: SURVEY, period: "2026-Q3", scope: "A1" }, today: TODAY, province: "Điện Biên" });

  it("a change only where the previous quarter had 30 answers (1 and 29 give none), the same on all three", () => {
    const expected = { A1: null, X1: null, X2: -5 };
    const byKey = <R extends { key: string }>(rows: R[]) => new Map(rows.map((r) => [r.key, r]));
    const d = byKey(dashboard.ranking.rows);
    const r = byKey(report.data.ranking.rows);
    const pub = new Map(published.agencies.map((u) => [u.code, u]));
    for (const [key, delta] of Object.entries(expected)) {
      expect(d.get(key)!.delta, `dashboard ${key}`).toBe(delta);
      expect(r.get(key)!.delta, `report ${key}`).toBe(delta);
      const u = pub.get(key)!;
      expect(u.enough && u.delta, `public ${key}`).toBe(delta);
    }
    // The report's printed table says the same: «−5,00» for X2, «—» for the two others.
    const ranking = doc.blocks.find((b) => b.kind === "table" && b.table.head.includes("Tăng/giảm (điểm %)") && b.table.head.includes("Hạng"));
    const cells = ranking && ranking.kind === "table" ? new Map(ranking.table.rows.map((row) => [row[1], row[4]])) : new Map();
    expect(Object.fromEntries(["Trung tâm Phục vụ hành chính công tỉnh", "Xã Một", "Xã Hai"].map((name) => [name, cells.get(name)]))).toEqual({
      "Trung tâm Phục vụ hành chính công tỉnh": formatDelta(null),
      "Xã Một": formatDelta(null),
      "Xã Hai": formatDelta(-5),
    });
  });

  it("every agency and field row: the same status, rank, change and rank change on the dashboard, in the report and on the public page", () => {
    for (const [rows, reportRows, publicRows] of [
      [dashboard.ranking.rows, report.data.ranking.rows, published.agencies],
      [dashboard.fields, report.data.fields, published.fields],
    ] as const) {
      expect(rows.length).toBeGreaterThan(1);
      for (const row of rows) {
        const inReport = reportRows.find((x) => x.key === row.key)!;
        const verdict = (x: typeof row) => ({ status: x.status, rank: x.rank, delta: x.delta, rankChange: x.rankChange });
        expect(verdict(inReport), row.key).toEqual(verdict(row));
        const pub = publicRows.find((u) => u.code === row.key)!;
        if (pub.enough)
          expect({ status: pub.status, rank: pub.rank, delta: pub.delta }, row.key).toEqual({ status: row.status, rank: row.rank, delta: row.delta });
        else expect(row.status === "few" || row.status === "noData", row.key).toBe(true);
      }
    }
    // Field «Hộ tịch»: 59 answers then, 80 now — a change; «Đất đai»: 1 then — none.
    expect(dashboard.fields.map((f) => [f.key, f.delta])).toEqual([
      ["DAT_DAI", null],
      ["HO_TICH", -0.81],
    ]);
  });

  it("the whole province: the same verdict and change (60 answers then, 120 now) in all three", () => {
    const h = dashboard.headline;
    expect([h.responses, h.previous.responses, h.status]).toEqual([120, 60, "notMet"]);
    expect(h.delta).not.toBeNull();
    expect(report.data.headline).toMatchObject({ status: h.status, delta: h.delta, deltaNote: null });
    expect(published.province).toMatchObject({ enough: true, status: h.status, delta: h.delta });
  });

  it("units to correct: the same list (A1 below target with no change; X2 below target and falling)", () => {
    const list = (rows: { kind: string; key?: string; code?: string; belowTarget: boolean; delta: number | null }[]) =>
      rows.map((c) => [c.kind, c.key ?? c.code, c.belowTarget, c.delta]);
    expect(list(dashboard.toCorrect)).toEqual([
      ["agency", "X2", true, -5],
      ["agency", "A1", true, null],
      ["field", "HO_TICH", false, -0.81],
    ]);
    expect(list(report.data.toCorrect)).toEqual(list(dashboard.toCorrect));
    expect(list(published.toCorrect)).toEqual(list(dashboard.toCorrect));
  });

  it("a quarter before with one response: the dashboard's card says it is too few, not a change", () => {
    expect(one.headline).toMatchObject({ responses: 40, delta: null, deltaNote: "previousFew", previous: { responses: 1 } });
    expect(agencyReport.data.headline).toMatchObject({ delta: null, deltaNote: "previousFew" });
  });
});
