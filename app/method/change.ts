/**
 * Ranking and change against the previous comparable period (docs/method.md §4.5–4.6).
 * Ranks and Δ are computed on the published (2-decimal) values, like targets, so that the table a
 * reader sees is self-consistent: two units shown as 95,02 share a rank, and Δ equals the difference of
 * the two printed values. Periods answered under different method versions are never compared.
 */
import { round2 } from "./numbers";

export type RankInput = { key: string; value: number | null; fewAnswers: boolean };

/**
 * Competition ranking, highest first (1, 2, 2, 4). Groups with few answers or no data get no rank and
 * do not push others down.
 */
export function rankGroups(items: readonly RankInput[]): Record<string, number | null> {
  const ranked = items.filter((i) => i.value !== null && !i.fewAnswers).map((i) => round2(i.value as number));
  const out: Record<string, number | null> = {};
  for (const item of items) {
    if (item.value === null || item.fewAnswers) {
      out[item.key] = null;
      continue;
    }
    const published = round2(item.value);
    out[item.key] = 1 + ranked.filter((v) => v > published).length;
  }
  return out;
}

export type Comparable = { value: number | null; methodVersion: string };

/**
 * Δ in percentage points (published values). Null when not comparable: different method versions, no
 * previous figure, or no data on either side. Few answers do not hide Δ (§4.5 takes them out of rankings
 * only); the row keeps its "ít mẫu" flag so the page can say so.
 */
export function figureDelta(current: Comparable, previous: Comparable | null | undefined): number | null {
  if (!previous || previous.methodVersion !== current.methodVersion) return null;
  if (current.value === null || previous.value === null) return null;
  return round2(round2(current.value) - round2(previous.value));
}

export type PeriodValues = { methodVersion: string; items: readonly RankInput[] };

export type Comparison = {
  key: string;
  fewAnswers: boolean;
  value: number | null;
  rank: number | null;
  previousValue: number | null;
  previousRank: number | null;
  delta: number | null;
  /** Places gained: previous rank − rank (+2 = moved up two places); null without both ranks. */
  rankChange: number | null;
};

/**
 * Each current group beside its previous-period self, in the current order; null when the two periods
 * were answered under different method versions (SIPAS changed design in 2022).
 */
export function comparePeriods(current: PeriodValues, previous: PeriodValues): Comparison[] | null {
  if (current.methodVersion !== previous.methodVersion) return null;
  const ranks = rankGroups(current.items);
  const previousRanks = rankGroups(previous.items);
  const previousByKey = new Map(previous.items.map((i) => [i.key, i] as const));
  return current.items.map((item) => {
    const before = previousByKey.get(item.key);
    const rank = ranks[item.key] ?? null;
    const previousRank = before ? (previousRanks[before.key] ?? null) : null;
    return {
      key: item.key,
      fewAnswers: item.fewAnswers,
      value: item.value,
      rank,
      previousValue: before?.value ?? null,
      previousRank,
      delta: figureDelta(
        { value: item.value, methodVersion: current.methodVersion },
        before ? { value: before.value, methodVersion: previous.methodVersion } : null,
      ),
      rankChange: rank !== null && previousRank !== null ? previousRank - rank : null,
    };
  });
}
