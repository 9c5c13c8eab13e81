/** A unit made of sub-units: pooled and mean-of-sub-units figures, and the policy pillar. */
import { describe, expect, it } from "vitest";

import { combineSubunits, pillarIndex, poolGroupCounts, publishMeanOfSubunits } from "../../../app/method";
import { miniSipas, uniform } from "./fixtures";

describe("combineSubunits", () => {
  // A: 90 of 100 satisfied (90 %); B: 10 of 20 (50 %); C: nobody answered.
  const subunits = [
    { key: "A", counts: uniform("HL_TC", 100, 90) },
    { key: "B", counts: uniform("HL_TC", 20, 10) },
    { key: "C", counts: { responses: 0, questions: {} } },
  ];
  const { pooled, meanOfSubunits } = combineSubunits(miniSipas(), subunits);

  it("pools the answers: 100 of 120 = 83.33 %", () => {
    expect(pooled.basis).toBe("pooled");
    expect(pooled.responses).toBe(120);
    expect(pooled.index).toBeCloseTo(100 * (100 / 120), 10);
  });

  it("averages the sub-units' indices: (90 + 50) / 2 = 70 %, the empty one left out and named", () => {
    expect(meanOfSubunits).toMatchObject({ basis: "meanOfSubunits", index: 70, subunits: ["A", "B"], leftOut: ["C"] });
    expect(meanOfSubunits.components).toEqual({ TC: 70, TT: null, PA: null });
  });

  it("rounds the mean-of-sub-units figure only when published", () => {
    const m = combineSubunits(miniSipas(), [
      { key: "A", counts: uniform("HL_TC", 3, 2) },
      { key: "B", counts: uniform("HL_TC", 3, 3) },
    ]).meanOfSubunits;
    expect(m.index).toBeCloseTo((200 / 3 + 100) / 2, 10);
    expect(publishMeanOfSubunits(m).index).toBe(83.33);
  });

  it("poolGroupCounts sums responses and every code", () => {
    expect(
      poolGroupCounts([
        { responses: 2, questions: { HL_TC: { 4: 1, 9: 1 } } },
        { responses: 3, questions: { HL_TC: { 4: 2 }, HL_TT: { 5: 3 } } },
      ]),
    ).toEqual({ responses: 5, questions: { HL_TC: { 4: 3, 9: 1 }, HL_TT: { 5: 3 } } });
  });
});

describe("pillarIndex", () => {
  it("is the weighted mean of the two pillars, 0.5 / 0.5 by default", () => {
    expect(pillarIndex({ administration: 90, policy: 80 })).toBe(85);
    expect(pillarIndex({ administration: 90, policy: 80 }, { administration: 0.75, policy: 0.25 })).toBe(87.5);
    expect(pillarIndex({ administration: 90, policy: null })).toBe(90);
    expect(pillarIndex({ administration: null, policy: null })).toBeNull();
  });
});
