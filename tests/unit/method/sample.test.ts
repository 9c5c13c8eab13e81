/** Sample size n = ⌈N/(1 + N·e²)⌉ and largest-remainder allocation. */
import { describe, expect, it } from "vitest";

import { allocate, planSample, sampleSize } from "../../../app/method";

describe("sampleSize", () => {
  it("follows the formula with e = 0.05", () => {
    expect(sampleSize(1000)).toBe(286); // 1000 / 3.5 = 285.71 → 286
    expect(sampleSize(0)).toBe(0);
    expect(sampleSize(1)).toBe(1);
    expect(sampleSize(400)).toBe(200); // exactly 200: floating noise must not round it up to 201
    expect(sampleSize(100)).toBe(80); // exactly 80
    expect(sampleSize(100_000)).toBe(399); // 100000 / 251 = 398.41 → 399
    expect(sampleSize(1000, 0.1)).toBe(91); // 1000 / 11 = 90.9 → 91
    expect(() => sampleSize(-1)).toThrow(RangeError);
  });
});

describe("allocate", () => {
  it("is proportional and the parts sum to the total", () => {
    const strata = [
      { key: "A", size: 500 },
      { key: "B", size: 300 },
      { key: "C", size: 200 },
    ];
    // quotas 143, 85.8, 57.2 → floors 143, 85, 57 (285); the one left goes to B (remainder .8)
    expect(allocate(286, strata)).toEqual({ A: 143, B: 86, C: 57 });
  });

  it("sums to the total for awkward shares, and ties go to the larger stratum", () => {
    const thirds = [
      { key: "A", size: 1 },
      { key: "B", size: 1 },
      { key: "C", size: 1 },
    ];
    expect(allocate(10, thirds)).toEqual({ A: 4, B: 3, C: 3 });
    // quotas 0.5 and 1.5: equal remainders, the larger stratum gets the extra one
    expect(
      allocate(2, [
        { key: "small", size: 1 },
        { key: "big", size: 3 },
      ]),
    ).toEqual({ small: 0, big: 2 });
    for (let total = 0; total <= 60; total++) {
      const parts = allocate(
        total,
        [7, 13, 1, 0, 29, 3].map((size, i) => ({ key: `S${i}`, size })),
      );
      expect(Object.values(parts).reduce((a, b) => a + b, 0)).toBe(total);
      expect(parts.S3).toBe(0);
    }
  });

  it("refuses what cannot be allocated", () => {
    expect(() => allocate(5, [{ key: "A", size: 0 }])).toThrow(RangeError);
    expect(() => allocate(1.5, [{ key: "A", size: 1 }])).toThrow(RangeError);
    expect(() =>
      allocate(2, [
        { key: "A", size: 1 },
        { key: "A", size: 1 },
      ]),
    ).toThrow(RangeError);
    expect(allocate(0, [{ key: "A", size: 0 }])).toEqual({ A: 0 });
  });

  it("plans a stratum's sample and splits it", () => {
    expect(
      planSample([
        { key: "DAT_DAI", size: 600 },
        { key: "HO_TICH", size: 400 },
      ]),
    ).toEqual({
      total: 286,
      parts: { DAT_DAI: 172, HO_TICH: 114 }, // 171.6 and 114.4 → 171 + 114 = 285, +1 to DAT_DAI
    });
  });
});
