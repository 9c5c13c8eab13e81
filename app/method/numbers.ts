/**
 * Arithmetic shared by every figure: guarded ratios, weighted means, the Wilson interval and the one
 * rounding used when figures are published. Everything else in `app/method` keeps full precision.
 */

/** z for a two-sided 95% interval (the 0.975 quantile of the standard normal). */
export const Z95 = 1.959963984540054;

/**
 * Rounds to 2 decimals, half away from zero, on the number's shortest decimal form — so 1.005 gives
 * 1.01 (plain `Math.round(x * 100) / 100` gives 1.00 because 1.005 × 100 = 100.49999…).
 * Use it only when producing output.
 */
export function round2(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`round2: ${x} is not a finite number`);
  const [mantissa, exponent] = x.toExponential().split("e") as [string, string];
  const shifted = Number(`${mantissa}e${Number(exponent) + 2}`);
  const rounded = Math.sign(shifted) * Math.round(Math.abs(shifted));
  const result = Number(`${rounded}e-2`);
  return result === 0 ? 0 : result; // no "-0" in published figures
}

/** `round2` that lets "no data" (null) through unchanged. */
export function round2OrNull(x: number | null): number | null {
  return x === null ? null : round2(x);
}

/** a / b, or null when there is nothing to divide by: "no data" is never 0 and never NaN. */
export function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

/**
 * Weighted mean of the values that have data; items whose value is null are left out and the remaining
 * weights renormalised. Null when no item has data.
 */
export function weightedMean(items: readonly { value: number | null; weight: number }[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const { value, weight } of items) {
    if (!(weight > 0) || !Number.isFinite(weight)) throw new RangeError(`weight must be positive, got ${weight}`);
    if (value === null) continue;
    sum += value * weight;
    weights += weight;
  }
  return ratio(sum, weights);
}

/** Unweighted mean of the values with data (null when none). */
export function mean(values: readonly (number | null)[]): number | null {
  return weightedMean(values.map((value) => ({ value, weight: 1 })));
}

/**
 * Wilson score interval for `successes` out of `n`, as percentages. Chosen over the normal ("Wald")
 * interval because it stays inside [0, 100] and behaves at rates near 100%, where most units sit.
 * Null when n = 0.
 */
export function wilson(successes: number, n: number, z: number = Z95): { low: number; high: number } | null {
  if (!(n > 0)) return null;
  const p = Math.min(Math.max(successes / n, 0), 1);
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: 100 * Math.max(0, centre - half), high: 100 * Math.min(1, centre + half) };
}
