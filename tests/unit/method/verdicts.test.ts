/** The verdicts every presenter shows (app/method/verdicts.ts): one change rule, ranks, units to correct. */
import { describe, expect, it } from "vitest";

import { isGroupFewAnswers } from "../../../app/method/targets";
import { changeOf, channelShares, lowestItems, unitsToCorrect, unitVerdicts } from "../../../app/method/verdicts";

/** A period's figure with `n` responses (and as many answers behind its index). */
const period = (index: number | null, n: number) => ({ index, fewAnswers: isGroupFewAnswers({ responses: n, indexN: n }) });

describe("changeOf: Δ only when both periods have enough answers and one method", () => {
  it("a previous period of 1 or 29 answers gives no change; 30 gives one", () => {
    expect(changeOf(period(90, 40), period(100, 1), true)).toEqual({ delta: null, note: "previousFew" });
    expect(changeOf(period(90, 40), period(96.55, 29), true)).toEqual({ delta: null, note: "previousFew" });
    expect(changeOf(period(90, 40), period(100, 30), true)).toEqual({ delta: -10, note: null });
  });

  it("none when this period is ít mẫu, when there was no figure, or under another method", () => {
    expect(changeOf(period(90, 29), period(100, 30), true)).toEqual({ delta: null, note: "currentFew" });
    expect(changeOf(period(90, 40), period(null, 0), true)).toEqual({ delta: null, note: "noPrevious" });
    expect(changeOf(period(90, 40), null, true)).toEqual({ delta: null, note: "noPrevious" });
    expect(changeOf(period(90, 40), period(100, 300), false)).toEqual({ delta: null, note: "methodChanged" });
  });

  it("on the published values: Δ is the difference of the two printed figures", () => {
    expect(changeOf(period(93.415, 40), period(90.004, 40), true).delta).toBe(3.42);
  });
});

describe("unitVerdicts", () => {
  it("ranks known units with enough answers (1, 2, 2, 4), never «không rõ»; Δ and rank change by the same rule", () => {
    const v = unitVerdicts(
      [
        { key: "A", known: true, now: period(95, 40), then: period(90, 40) },
        { key: "B", known: true, now: period(90, 40), then: period(99, 1) },
        { key: "C", known: true, now: period(90, 40), then: period(80, 30) },
        { key: "D", known: true, now: period(85, 40), then: null },
        { key: "E", known: true, now: period(99, 10), then: period(50, 40) },
        { key: "", known: false, now: period(70, 40), then: period(60, 40) },
      ],
      true,
    );
    expect(Object.fromEntries([...v].map(([k, x]) => [k, [x.rank, x.delta, x.rankChange, x.previousEnough]]))).toEqual({
      A: [1, 5, 0, true],
      B: [2, null, null, false],
      C: [2, 10, 0, true],
      D: [4, null, null, false],
      E: [null, null, null, true],
      "": [null, 10, null, true],
    });
  });
});

describe("units to correct, lowest items, channel shares", () => {
  it("below target first, then the steepest fall; never a unit with few answers or without a code", () => {
    const row = (key: string, status: "met" | "notMet" | "few", delta: number | null, index = 90) => ({
      key,
      index,
      fewAnswers: status === "few",
      status,
      delta,
    });
    const out = unitsToCorrect([
      { kind: "agency", rows: [row("A", "met", -3), row("B", "notMet", null), row("C", "few", -20), row("", "notMet", -9), row("D", "met", 2)] },
      { kind: "field", rows: [row("F", "met", -5), row("G", "notMet", -1)] },
    ]);
    expect(out.map((c) => [c.kind, c.row.key, c.belowTarget, c.fall])).toEqual([
      ["field", "G", true, -1],
      ["agency", "B", true, null],
      ["field", "F", false, -5],
      ["agency", "A", false, -3],
    ]);
  });

  it("the lowest rated items with enough answers, ties in questionnaire order; shares of the channels that have responses", () => {
    const items = [
      { key: "Q1", rate: 80, fewAnswers: false },
      { key: "Q2", rate: 70, fewAnswers: true },
      { key: "Q3", rate: 80, fewAnswers: false },
      { key: "Q4", rate: 60, fewAnswers: false },
    ];
    expect(lowestItems(items, new Set(["Q1", "Q2", "Q3", "Q4"]), 2).map((i) => i.key)).toEqual(["Q4", "Q1"]);
    expect(
      channelShares([
        { key: "qr", responses: 2 },
        { key: "kiosk", responses: 0 },
        { key: "paper", responses: 1 },
      ]).map((c) => [c.row.key, c.share]),
    ).toEqual([
      ["qr", 66.67],
      ["paper", 33.33],
    ]);
  });
});
