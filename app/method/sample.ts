/** Sample size and its allocation (docs/method.md §4.9). */

/**
 * n = ⌈N / (1 + N·e²)⌉ (Yamane), e = 0.05 by default. The tiny tolerance stops floating-point noise
 * (400 / 2.0000000000000004 = 199.99999999999997) from rounding an exact integer up.
 */
export function sampleSize(population: number, margin = 0.05): number {
  if (!Number.isFinite(population) || population < 0) throw new RangeError(`population must be ≥ 0, got ${population}`);
  if (!(margin > 0)) throw new RangeError(`margin must be > 0, got ${margin}`);
  if (population === 0) return 0;
  const exact = population / (1 + population * margin * margin);
  return Math.min(population, Math.ceil(exact - 1e-9));
}

/**
 * Splits `total` among strata in proportion to their sizes (dossier counts) by the largest-remainder
 * method, so the parts always sum to `total`. Equal remainders go to the larger stratum, then to the
 * earlier one, so the result does not depend on chance. Every stratum appears in the result.
 */
export function allocate(total: number, strata: readonly { key: string; size: number }[]): Record<string, number> {
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`total must be a whole number ≥ 0, got ${total}`);
  const keys = new Set<string>();
  for (const s of strata) {
    if (keys.has(s.key)) throw new RangeError(`stratum ${s.key} is listed twice`);
    keys.add(s.key);
    if (!Number.isFinite(s.size) || s.size < 0) throw new RangeError(`${s.key}: size must be ≥ 0, got ${s.size}`);
  }
  const sum = strata.reduce((acc, s) => acc + s.size, 0);
  const out: Record<string, number> = Object.fromEntries(strata.map((s) => [s.key, 0] as const));
  if (sum === 0 || total === 0) {
    if (total > 0) throw new RangeError("cannot allocate a sample among strata that have no dossiers");
    return out;
  }
  const parts = strata.map((s, order) => {
    const quota = (total * s.size) / sum;
    return { key: s.key, size: s.size, order, base: Math.floor(quota), remainder: quota - Math.floor(quota) };
  });
  let left = total - parts.reduce((acc, p) => acc + p.base, 0);
  const byRemainder = [...parts].sort((a, b) => b.remainder - a.remainder || b.size - a.size || a.order - b.order);
  for (const p of byRemainder) {
    out[p.key] = p.base + (left > 0 ? 1 : 0);
    if (left > 0) left--;
  }
  return out;
}

/** The sample of a stratum and its split among sub-strata (agencies, fields) in one call. */
export function planSample(strata: readonly { key: string; size: number }[], margin = 0.05): { total: number; parts: Record<string, number> } {
  const total = sampleSize(
    strata.reduce((acc, s) => acc + s.size, 0),
    margin,
  );
  return { total, parts: allocate(total, strata) };
}
