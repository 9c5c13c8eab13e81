/** Rankings (competition, few answers excluded) and change against the previous period. */
import { describe, expect, it } from "vitest";

import { comparePeriods, figureDelta, rankGroups } from "../../../app/method";

describe("rankGroups", () => {
  it("gives ties the same rank and skips the next ones (1, 2, 2, 4)", () => {
    expect(
      rankGroups([
        { key: "A", value: 97.5, fewAnswers: false },
        { key: "B", value: 95.02, fewAnswers: false },
        { key: "C", value: 95.0200001, fewAnswers: false }, // published 95.02 too
        { key: "D", value: 90, fewAnswers: false },
      ]),
    ).toEqual({ A: 1, B: 2, C: 2, D: 4 });
  });

  it("leaves out groups with few answers or no data, without pushing others down", () => {
    expect(
      rankGroups([
        { key: "small", value: 100, fewAnswers: true },
        { key: "A", value: 92, fewAnswers: false },
        { key: "empty", value: null, fewAnswers: true },
        { key: "B", value: 96, fewAnswers: false },
      ]),
    ).toEqual({ small: null, A: 2, empty: null, B: 1 });
  });
});

describe("change", () => {
  it("is the difference of the published values, in points", () => {
    expect(figureDelta({ value: 93.4149, methodVersion: "v" }, { value: 92.0049, methodVersion: "v" })).toBe(1.41);
    expect(figureDelta({ value: 90, methodVersion: "v" }, { value: 92.5, methodVersion: "v" })).toBe(-2.5);
    expect(figureDelta({ value: 90, methodVersion: "v" }, null)).toBeNull();
    expect(figureDelta({ value: null, methodVersion: "v" }, { value: 90, methodVersion: "v" })).toBeNull();
  });

  it("is null across method versions", () => {
    expect(figureDelta({ value: 93, methodVersion: "qd1001-2023" }, { value: 90, methodVersion: "qd2640-2017" })).toBeNull();
    const items = [{ key: "A", value: 90, fewAnswers: false }];
    expect(comparePeriods({ methodVersion: "qd1001-2023", items }, { methodVersion: "qd2640-2017", items })).toBeNull();
  });

  it("compares each group with its previous self: Δ value and places gained", () => {
    const rows = comparePeriods(
      {
        methodVersion: "v",
        items: [
          { key: "A", value: 96, fewAnswers: false },
          { key: "B", value: 94, fewAnswers: false },
          { key: "C", value: 99, fewAnswers: true },
          { key: "NEW", value: 91, fewAnswers: false },
        ],
      },
      {
        methodVersion: "v",
        items: [
          { key: "B", value: 97, fewAnswers: false },
          { key: "A", value: 93.5, fewAnswers: false },
          { key: "C", value: 95, fewAnswers: false },
        ],
      },
    );
    expect(rows).toEqual([
      { key: "A", fewAnswers: false, value: 96, rank: 1, previousValue: 93.5, previousRank: 3, delta: 2.5, rankChange: 2 },
      { key: "B", fewAnswers: false, value: 94, rank: 2, previousValue: 97, previousRank: 1, delta: -3, rankChange: -1 },
      { key: "C", fewAnswers: true, value: 99, rank: null, previousValue: 95, previousRank: 2, delta: 4, rankChange: null },
      { key: "NEW", fewAnswers: false, value: 91, rank: 3, previousValue: null, previousRank: null, delta: null, rankChange: null },
    ]);
  });
});
