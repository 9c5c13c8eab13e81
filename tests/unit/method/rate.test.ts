/** Item rates, the Wilson interval, rounding, empty input and "no opinion". */
import { describe, expect, it } from "vitest";

import { Z95, type CodeCounts, buildGroup, buildOverall, itemRate, round2, weightedMean, wilson } from "../../../app/method";
import { miniSipas } from "./fixtures";

/** Every number anywhere inside a value. */
function numbersIn(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(numbersIn);
  return [];
}

const SAT5 = { options: [1, 2, 3, 4, 5], satisfied: [4, 5], excluded: [9] };

describe("wilson", () => {
  it("matches the known interval for 81/100 (72.22 – 87.49)", () => {
    const ci = wilson(81, 100)!;
    expect(round2(ci.low)).toBe(72.22);
    expect(round2(ci.high)).toBe(87.49);
  });

  it("returns the two roots of (p̂ − p)² = z²·p(1 − p)/n, the definition of the Wilson bounds", () => {
    for (const [x, n] of [
      [81, 100],
      [6, 8],
      [1, 2],
      [999, 1000],
      [3, 31],
    ] as const) {
      const ci = wilson(x, n)!;
      for (const bound of [ci.low / 100, ci.high / 100]) {
        const lhs = (x / n - bound) ** 2;
        const rhs = (Z95 * Z95 * bound * (1 - bound)) / n;
        expect(lhs).toBeCloseTo(rhs, 12);
      }
    }
  });

  it("stays inside 0–100 at the edges and is null without answers", () => {
    expect(wilson(0, 10)).toEqual({ low: 0, high: expect.closeTo(27.7533, 3) });
    expect(round2(wilson(10, 10)!.high)).toBe(100);
    expect(round2(wilson(10, 10)!.low)).toBe(72.25);
    expect(wilson(0, 0)).toBeNull();
  });
});

describe("round2", () => {
  it("rounds half away from zero on the decimal value, not its binary approximation", () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(-1.005)).toBe(-1.01);
    expect(round2(71.66666666)).toBe(71.67);
    expect(round2(89.994999)).toBe(89.99);
    expect(Object.is(round2(-0.001), 0)).toBe(true);
    expect(round2(1e-9)).toBe(0);
    expect(() => round2(Number.NaN)).toThrow();
  });
});

describe("itemRate", () => {
  it("leaves code 9 out of the denominator but reports it", () => {
    const r = itemRate({ 5: 3, 4: 6, 2: 1, 9: 40 }, SAT5);
    expect(r.n).toBe(10);
    expect(r.rate).toBe(90);
    expect(r.excluded).toEqual([{ code: 9, count: 40, share: 80 }]);
  });

  it("pre-seeds every option, in the scale's display order", () => {
    const r = itemRate({ 3: 1 }, { options: [3, 2, 1], satisfied: [2, 3], excluded: [9] });
    expect(r.distribution).toEqual([
      { code: 3, count: 1, share: 100 },
      { code: 2, count: 0, share: 0 },
      { code: 1, count: 0, share: 0 },
    ]);
  });

  it("gives null, never NaN or 0, when there is no valid answer", () => {
    for (const counts of [undefined, {}, { 9: 12 }] as (CodeCounts | undefined)[]) {
      const r = itemRate(counts, SAT5);
      expect(r).toMatchObject({ n: 0, rate: null, mean: null, ciLow: null, ciHigh: null });
      expect(r.distribution.every((d) => d.count === 0 && d.share === null)).toBe(true);
    }
  });

  it("accepts summed design weights", () => {
    const r = itemRate({ 5: 1.5, 1: 0.5 }, SAT5);
    expect(r.n).toBe(2);
    expect(r.rate).toBe(75);
    expect(r.mean).toBe(4);
  });

  it("counts codes the scale does not know apart instead of in the rate", () => {
    const r = itemRate({ 4: 1, 7: 2 }, SAT5);
    expect(r).toMatchObject({ n: 1, rate: 100, unknown: 2 });
  });

  it("refuses impossible counts", () => {
    expect(() => itemRate({ 4: -1 }, SAT5)).toThrow(RangeError);
    expect(() => itemRate({ 4: Number.NaN }, SAT5)).toThrow(RangeError);
  });
});

describe("weightedMean", () => {
  it("leaves out items without data and renormalises", () => {
    expect(
      weightedMean([
        { value: 80, weight: 3 },
        { value: null, weight: 5 },
        { value: 100, weight: 1 },
      ]),
    ).toBe(85);
    expect(weightedMean([{ value: null, weight: 1 }])).toBeNull();
    expect(() => weightedMean([{ value: 1, weight: 0 }])).toThrow(RangeError);
  });
});

describe("empty groups", () => {
  it("publish nulls and an untouched target, never NaN", () => {
    const g = buildGroup({
      def: miniSipas(),
      key: "X",
      label: "X",
      counts: { responses: 0, questions: {} },
      target: { op: ">", pct: 95 },
    });
    expect(g.index).toBeNull();
    expect("elements" in g && g.elements.TC).toEqual({ rate: null, n: 0, ciLow: null, ciHigh: null, fewAnswers: true });
    expect("usedElements" in g && g.usedElements).toEqual([]);
    expect(g.target).toEqual({ op: ">", pct: 95, met: null });
    expect(numbersIn(g).some(Number.isNaN)).toBe(false); // JSON.stringify would hide NaN as null
  });

  it("an overall with responses but every index answer blank is few answers", () => {
    const o = buildOverall({ def: miniSipas(), counts: { responses: 50, questions: { HL_TC: { 9: 50 } } }, target: null });
    expect(o.fewAnswers).toBe(true);
    expect(o.index).toBeNull();
  });
});
