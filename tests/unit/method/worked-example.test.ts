/**
 * Ten hand-made responses, every figure computed by hand below, then checked against the method.
 *
 *  #  | TC1 TC2 HL_TC | TT1 HL_TT | PA0 PA1 HL_PA | MONG_DOI
 *  1  |  5   5    5   |  4    4   |  1   4    5   | 1,2
 *  2  |  4   4    5   |  4    4   |  1   2    2   | 1,3
 *  3  |  4   3    4   |  4    4   |  2   –    –   | 1
 *  4  |  4   9    4   |  4    4   |  2   –    –   | 2,3,4
 *  5  |  3   4    4   |  5    4   |  2   –    –   | 1,2
 *  6  |  2   4    4   |  3    4   |  2   –    –   | 1
 *  7  |  4   5    3   |  4    4   |  2   –    –   | 3
 *  8  |  5   2    2   |  4    4   |  2   –    –   | –
 *  9  |  4   4    9   |  2    4   |  2   –    –   | 2,3
 * 10  |  –   3    –   |  4    1   |  2   –    –   | –
 *
 * HL_TC: valid 5,5,4,4,4,4,3,2 (the 9 and the blank are out) → n = 8, satisfied 6 → 75.00 %.
 *   mean = 31 / 8 = 3.875 → 3.88. Distribution 1:0 2:1 3:1 4:4 5:2 → 0, 12.5, 12.5, 50, 25 %;
 *   "không có ý kiến" 1 of 9 answers given = 11.11 %.
 *   Wilson, p = .75, n = 8, z² = 3.841459: d = 1 + z²/n = 1.480182; centre = (.75 + .240091) / d = .668898;
 *   half = (z/d) √(.75·.25/8 + z²/(4·64)) = 1.324136 · √(.0234375 + .0150057) = .259623
 *   → 40.93 – 92.85.
 * HL_TT: 4 ×9 and 1 → n = 10, satisfied 9 → 90.00 %; mean 37/10 = 3.70; Wilson 9/10 → 59.58 – 98.21.
 * HL_PA: 5, 2 → n = 2, satisfied 1 → 50.00 %; mean 3.50; Wilson 1/2 → 9.45 – 90.55.
 * Index (weights 1,1,1) = (75 + 90 + 50) / 3 = 71.666… → 71.67. With weights 2,1,1: (150+90+50)/4 = 72.50.
 * Criteria source: TC1 7/9 = 77.78, TC2 6/9 = 66.67 → TC = 72.22 (n = min 9); TT1 8/10 = 80;
 *   PA1 1/2 = 50 → index (72.222… + 80 + 50) / 3 = 67.41.
 * Previous period (same method version): HL_TC 7/10 = 70, HL_TT 8/10 = 80, PA nobody → PA left out,
 *   index (70 + 80)/2 = 75.00. Δ = 71.67 − 75.00 = −3.33 points.
 * Expectations: 8 respondents answered; ticks 1:5 2:4 3:4 4:1 → 62.5, 50, 50, 12.5 % (ranks 1, 2, 2, 4);
 *   dividing by the 14 ticks instead would give 35.71 % for option 1.
 * 10 responses < 30 → fewAnswers, and target > 95 has met: null.
 */
import { describe, expect, it } from "vitest";

import { buildCriterionGroup, buildGroup, computeFigures, expectationShares, figureDelta, targetFor } from "../../../app/method";
import { countAnswers, miniSipas } from "./fixtures";

const responses: Record<string, number | number[]>[] = [
  { TC1: 5, TC2: 5, HL_TC: 5, TT1: 4, HL_TT: 4, PA0: 1, PA1: 4, HL_PA: 5, MONG_DOI: [1, 2] },
  { TC1: 4, TC2: 4, HL_TC: 5, TT1: 4, HL_TT: 4, PA0: 1, PA1: 2, HL_PA: 2, MONG_DOI: [1, 3] },
  { TC1: 4, TC2: 3, HL_TC: 4, TT1: 4, HL_TT: 4, PA0: 2, MONG_DOI: [1] },
  { TC1: 4, TC2: 9, HL_TC: 4, TT1: 4, HL_TT: 4, PA0: 2, MONG_DOI: [2, 3, 4] },
  { TC1: 3, TC2: 4, HL_TC: 4, TT1: 5, HL_TT: 4, PA0: 2, MONG_DOI: [1, 2] },
  { TC1: 2, TC2: 4, HL_TC: 4, TT1: 3, HL_TT: 4, PA0: 2, MONG_DOI: [1] },
  { TC1: 4, TC2: 5, HL_TC: 3, TT1: 4, HL_TT: 4, PA0: 2, MONG_DOI: [3] },
  { TC1: 5, TC2: 2, HL_TC: 2, TT1: 4, HL_TT: 4, PA0: 2 },
  { TC1: 4, TC2: 4, HL_TC: 9, TT1: 2, HL_TT: 4, PA0: 2, MONG_DOI: [2, 3] },
  { TC2: 3, TT1: 4, HL_TT: 1, PA0: 2 },
];
const counts = countAnswers(responses);
const def = miniSipas();
const overallTarget = { op: ">", pct: 95 } as const;

describe("worked example (10 responses)", () => {
  const group = buildGroup({ def, key: "TTHCC", label: "Trung tâm", counts, target: overallTarget });

  it("publishes every element rate with n and its Wilson interval", () => {
    expect(group).toMatchObject({
      key: "TTHCC",
      label: "Trung tâm",
      responses: 10,
      index: 71.67,
      elements: {
        TC: { rate: 75, n: 8, ciLow: 40.93, ciHigh: 92.85, fewAnswers: true },
        TT: { rate: 90, n: 10, ciLow: 59.58, ciHigh: 98.21, fewAnswers: true },
        PA: { rate: 50, n: 2, ciLow: 9.45, ciHigh: 90.55, fewAnswers: true },
      },
      usedElements: ["TC", "TT", "PA"],
    });
  });

  it("marks the group as few answers, so the target is neither met nor missed", () => {
    expect(group.fewAnswers).toBe(true);
    expect(group.target).toEqual({ op: ">", pct: 95, met: null });
  });

  it("gives the distribution over every option, the excluded code apart, and the mean", () => {
    const tc = buildCriterionGroup({ def, question: "HL_TC", counts: counts.questions.HL_TC });
    expect(tc).toMatchObject({ key: "HL_TC", rate: 75, n: 8, mean: 3.88, ciLow: 40.93, ciHigh: 92.85 });
    expect(tc.distribution).toEqual([
      { code: 1, count: 0, share: 0 },
      { code: 2, count: 1, share: 12.5 },
      { code: 3, count: 1, share: 12.5 },
      { code: 4, count: 4, share: 50 },
      { code: 5, count: 2, share: 25 },
    ]);
    expect(tc.excluded).toEqual([{ code: 9, count: 1, share: 11.11 }]);
    expect(buildCriterionGroup({ def, question: "HL_TT", counts: counts.questions.HL_TT }).mean).toBe(3.7);
    expect(buildCriterionGroup({ def, question: "HL_PA", counts: counts.questions.HL_PA }).mean).toBe(3.5);
  });

  it("uses the element weights of the definition", () => {
    const weighted = buildGroup({ def: miniSipas({ weights: [2, 1, 1] }), key: "x", label: "x", counts, target: null });
    expect(weighted.index).toBe(72.5);
    expect(weighted.target).toBeNull();
  });

  it("can take the element index from the mean of its criteria", () => {
    const f = computeFigures(miniSipas({ elementSource: "criteria" }), counts);
    expect(f.kind).toBe("elements");
    if (f.kind !== "elements") return;
    expect(f.elements.TC?.rate).toBeCloseTo((700 / 9 + 600 / 9) / 2, 10);
    expect(f.elements.TC?.n).toBe(9);
    expect(f.elements.TC?.ciLow).toBeNull();
    expect(f.elements.TT?.rate).toBe(80);
    expect(f.index).toBeCloseTo(((700 / 9 + 600 / 9) / 2 + 80 + 50) / 3, 10);
    const published = buildGroup({ def: miniSipas({ elementSource: "criteria" }), key: "x", label: "x", counts, target: null });
    expect(published.index).toBe(67.41);
  });

  it("computes Δ against the previous period, which left PA out of its index", () => {
    const previous = countAnswers([
      ...Array.from({ length: 7 }, () => ({ HL_TC: 4, HL_TT: 5 })),
      { HL_TC: 3, HL_TT: 5 },
      { HL_TC: 2, HL_TT: 2 },
      { HL_TC: 1, HL_TT: 1 },
    ]);
    const before = computeFigures(def, previous);
    expect(before.index).toBe(75);
    expect(before.kind === "elements" && before.used).toEqual(["TC", "TT"]);
    expect(before.kind === "elements" && before.leftOut).toEqual(["PA"]);
    const now = computeFigures(def, counts);
    expect(figureDelta({ value: now.index, methodVersion: "mini-2023" }, { value: before.index, methodVersion: "mini-2023" })).toBe(-3.33);
  });

  it("ranks expectations by the share of respondents, not of ticks", () => {
    const { respondents, options } = expectationShares(def, "MONG_DOI", counts.questions.MONG_DOI, 8);
    expect(respondents).toBe(8);
    expect(options.map((o) => [o.code, o.count, o.share, o.rank])).toEqual([
      [1, 5, 62.5, 1],
      [2, 4, 50, 2],
      [3, 4, 50, 2],
      [4, 1, 12.5, 4],
    ]);
  });

  it("holds a field group to its field's target and everything else to the overall target", () => {
    const fieldTargets = { DAT_DAI: { op: ">=", pct: 90 } as const };
    expect(targetFor({ by: "field", key: "DAT_DAI", fieldTargets, overallTarget })).toEqual({ op: ">=", pct: 90 });
    expect(targetFor({ by: "field", key: "HO_TICH", fieldTargets, overallTarget })).toEqual(overallTarget);
    expect(targetFor({ by: "agency", key: "DAT_DAI", fieldTargets, overallTarget })).toEqual(overallTarget);
  });
});
