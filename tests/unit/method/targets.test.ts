/** Targets are judged on the published (2-decimal) rate; few answers or no data give met: null. */
import { describe, expect, it } from "vitest";

import { buildGroup, isFewAnswers, isTargetMet } from "../../../app/method";
import { miniSipas, uniform } from "./fixtures";

const def = miniSipas();

describe("targets", () => {
  it("exactly 90.00 % against ≥ 90 is met (27 of 30)", () => {
    const g = buildGroup({ def, key: "DAT_DAI", label: "Đất đai", counts: uniform("HL_TC", 30, 27), target: { op: ">=", pct: 90 } });
    expect(g.index).toBe(90);
    expect(g.fewAnswers).toBe(false);
    expect(g.target).toEqual({ op: ">=", pct: 90, met: true });
  });

  it("exactly 95.00 % against > 95 is not met (38 of 40)", () => {
    const g = buildGroup({ def, key: "TTHCC", label: "TT", counts: uniform("HL_TC", 40, 38), target: { op: ">", pct: 95 } });
    expect(g.index).toBe(95);
    expect(g.target).toEqual({ op: ">", pct: 95, met: false });
  });

  it("compares the value as published, rounded to 2 decimals", () => {
    expect(isTargetMet(89.996, { op: ">=", pct: 90 }, false)).toBe(true); // published 90.00
    expect(isTargetMet(89.994, { op: ">=", pct: 90 }, false)).toBe(false); // published 89.99
    expect(isTargetMet(95.004, { op: ">", pct: 95 }, false)).toBe(false); // published 95.00
    expect(isTargetMet(95.005, { op: ">", pct: 95 }, false)).toBe(true); // published 95.01
  });

  it("a group under 30 responses has met: null even at 100 %", () => {
    const g = buildGroup({ def, key: "X", label: "X", counts: uniform("HL_TC", 29, 29), target: { op: ">=", pct: 90 } });
    expect(g.index).toBe(100);
    expect(g.fewAnswers).toBe(true);
    expect(g.target?.met).toBeNull();
    expect(isTargetMet(null, { op: ">=", pct: 90 }, false)).toBeNull();
  });

  it("the few-answers threshold is a parameter", () => {
    expect(isFewAnswers(29)).toBe(true);
    expect(isFewAnswers(30)).toBe(false);
    const g = buildGroup({ def, key: "X", label: "X", counts: uniform("HL_TC", 29, 29), target: { op: ">=", pct: 90 }, minAnswers: 20 });
    expect(g.fewAnswers).toBe(false);
    expect(g.target?.met).toBe(true);
  });
});
