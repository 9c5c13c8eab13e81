/**
 * A merged agency in the results: by default it stays a group under its old name; with `mergeSuccessors`
 * its responses are counted under the successor (following a chain of mergers). Figures as in
 * results.test.ts: A1 has 6 responses (index 79.33), X1 4 (73.33), together the overall 10 (75.94).
 */
import { describe, expect, it } from "vitest";

import { getDashboard } from "../../app/dashboard/dashboard.server";
import { parseDashboardParams } from "../../app/dashboard/params.server";
import { getGroupCounts, getResults } from "../../app/results/results.server";
import { province, submit } from "../support/results-fixture";

const ROWS: [string, string | undefined, number[], number | undefined, number | undefined][] = [
  ["A1", "DAT_DAI", [5, 4, 5, 4], 1, 5],
  ["A1", "DAT_DAI", [4, 4, 3, 4], 1, 2],
  ["A1", "DAT_DAI", [3, 5, 4, 9], 2, undefined],
  ["A1", "HO_TICH", [4, 2, 4, 4], 2, undefined],
  ["A1", "HO_TICH", [9, 4, 5, 5], 2, undefined],
  ["A1", undefined, [5, 4, 4], 2, undefined],
  ["X1", "HO_TICH", [2, 3, 4, 4], 1, 4],
  ["X1", "HO_TICH", [4, 4, 2, 5], 2, undefined],
  ["X1", "HO_TICH", [5, 5, 5, 5], 2, undefined],
  ["X1", "HO_TICH", [4, 1, 9, 3], undefined, undefined],
];

function merged() {
  const p = province();
  for (const [agency, field, [TC, TT, CC, KQ], PA0, HL_PA] of ROWS) {
    const answers = { HL_TC: TC, HL_TT: TT, HL_CC: CC, HL_KQ: KQ, PA0, HL_PA };
    submit(p, { agency, field, answers: Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined)) });
  }
  // X1 merged into A1 after the responses were given.
  p.db.$client
    .prepare("update agencies set valid_to = '2026-08-31', successor_id = (select id from agencies where code = 'A1') where code = 'X1'")
    .run();
  return p;
}

const AUGUST = { survey: "sipas", from: "2026-08-01", to: "2026-08-31", by: "agency" };

describe("merged agencies in the results", () => {
  it("without the option, the merged agency stays reportable under its old name", () => {
    const { db, surveys } = merged();
    const r = getResults(db, surveys, AUGUST);
    expect(r.groups).toMatchObject([
      { key: "A1", responses: 6, index: 79.33 },
      { key: "X1", label: "Xã Một", responses: 4, index: 73.33 },
    ]);
  });

  it("with mergeSuccessors, its responses roll up to the successor; the whole is unchanged", () => {
    const { db, surveys } = merged();
    const r = getResults(db, surveys, { ...AUGUST, mergeSuccessors: true });
    expect(r.overall).toMatchObject({ responses: 10, index: 75.94 });
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0]).toMatchObject({ key: "A1", responses: 10, index: 75.94 });
    expect(getGroupCounts(db, surveys, { ...AUGUST, mergeSuccessors: true }).groups.map((g) => [g.key, g.counts.responses])).toEqual([["A1", 10]]);
  });

  it("only by agency: other breakdowns are untouched by the option", () => {
    const { db, surveys } = merged();
    const byField = (mergeSuccessors: boolean) => getResults(db, surveys, { ...AUGUST, by: "field", mergeSuccessors }).groups;
    expect(byField(true)).toEqual(byField(false));
  });

  it("the dashboard's ranking of agencies follows the gop=1 parameter", () => {
    const { db, surveys } = merged();
    const ranking = (query: string) => {
      const { params, invalid } = parseDashboardParams(new URLSearchParams(query));
      const data = getDashboard(db, surveys, { params, invalid, focus: null, linkAgencies: true, locale: "vi", today: "2026-09-15" });
      return { merged: data.mergeSuccessors, invalid: data.invalid, rows: data.ranking.rows.map((r) => r.key).sort() };
    };
    expect(ranking("survey=sipas&period=2026-08")).toEqual({ merged: false, invalid: [], rows: ["A1", "X1"] });
    expect(ranking("survey=sipas&period=2026-08&gop=1")).toEqual({ merged: true, invalid: [], rows: ["A1"] });
    expect(ranking("survey=sipas&period=2026-08&gop=yes").invalid).toEqual(["gop"]);
  });
});
