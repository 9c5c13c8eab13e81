/**
 * Every verdict a screen, a report or the public page states about a figure, decided here once (docs/method.md
 * §4.5–4.6, §5): where a unit stands against its target, whether a change against the previous period is shown,
 * its rank, which units must be corrected, the lowest items and the channels' shares. The dashboard, the report
 * and the public page only present what these functions decide (app/figures builds the model they share).
 * Pure: no database, no labels, no clock.
 */
import { figureDelta, rankGroups } from "./change";
import { ratio, round2OrNull } from "./numbers";
import type { TargetResult } from "./targets";

/** How a figure stands against its target; "few" = ít mẫu (fewer than 30 answers), never judged. */
export type Status = "met" | "notMet" | "few" | "noTarget" | "noData";

export function statusOf(g: { index: number | null; fewAnswers: boolean; target: TargetResult | null }): Status {
  if (g.index === null) return "noData";
  if (g.fewAnswers) return "few";
  if (!g.target || g.target.met === null) return "noTarget";
  return g.target.met ? "met" : "notMet";
}

/** A figure of one period as the change rule reads it. */
export type PeriodFigure = { index: number | null; fewAnswers: boolean };

/** Why no change is shown: another method, no figure before, or too few answers on either side. */
export type ChangeNote = "methodChanged" | "noPrevious" | "previousFew" | "currentFew" | null;

/**
 * The one change rule (docs/method.md §4.6): Δ is shown only when both periods have a figure with enough
 * answers (≥ 30) and were answered under the same method. A change against a period of one response is noise,
 * not a fall or a rise, whichever screen shows it.
 */
export function changeOf(now: PeriodFigure, then: PeriodFigure | null, sameMethod: boolean): { delta: number | null; note: ChangeNote } {
  if (!sameMethod) return { delta: null, note: "methodChanged" };
  if (!then || then.index === null) return { delta: null, note: "noPrevious" };
  if (now.index === null) return { delta: null, note: "noPrevious" };
  if (then.fewAnswers) return { delta: null, note: "previousFew" };
  if (now.fewAnswers) return { delta: null, note: "currentFew" };
  return { delta: figureDelta({ value: now.index, methodVersion: "" }, { value: then.index, methodVersion: "" }), note: null };
}

/** One unit of a breakdown (agency, counter, field) in both periods; `known` = it has a directory code. */
export type UnitFigures = { key: string; known: boolean; now: PeriodFigure; then: PeriodFigure | null };

export type UnitVerdict = {
  /** Rank among known units with enough answers (1 = best, competition ranking on published values). */
  rank: number | null;
  delta: number | null;
  /** Places gained since the previous period; null without a rank in both. */
  rankChange: number | null;
  /** Did the previous period have enough answers (≥ 30) to compare with? */
  previousEnough: boolean;
};

/**
 * Rank, Δ and rank change of each unit of a breakdown. A unit without a code («không rõ …») is never ranked,
 * and, like any unit, gets a Δ only when both of its periods had enough answers.
 */
export function unitVerdicts(units: readonly UnitFigures[], sameMethod: boolean): Map<string, UnitVerdict> {
  const rankable = (pick: (u: UnitFigures) => PeriodFigure | null) =>
    units.map((u) => {
      const f = pick(u);
      return { key: u.key, value: f?.index ?? null, fewAnswers: !u.known || !f || f.fewAnswers };
    });
  const ranks = rankGroups(rankable((u) => u.now));
  const before = sameMethod ? rankGroups(rankable((u) => u.then)) : {};
  const out = new Map<string, UnitVerdict>();
  for (const u of units) {
    const rank = ranks[u.key] ?? null;
    const previousRank = before[u.key] ?? null;
    const previousEnough = sameMethod && u.then !== null && u.then.index !== null && !u.then.fewAnswers;
    out.set(u.key, {
      rank,
      delta: changeOf(u.now, u.then, sameMethod).delta,
      rankChange: rank !== null && previousRank !== null ? previousRank - rank : null,
      previousEnough,
    });
  }
  return out;
}

/** A unit as the correction rule reads it. */
export type CorrectionInput = { key: string; index: number | null; fewAnswers: boolean; status: Status; delta: number | null };

/**
 * Đơn vị cần chấn chỉnh (docs/method.md §5): units with a code and enough answers that are below their target,
 * or fell against a previous period that itself had enough answers (Δ exists only then). Below target first,
 * then the steepest fall, then the lowest index.
 */
export function unitsToCorrect<K extends string, R extends CorrectionInput>(
  lists: readonly { kind: K; rows: readonly R[] }[],
): { kind: K; row: R; belowTarget: boolean; fall: number | null }[] {
  return lists
    .flatMap(({ kind, rows }) =>
      rows
        .filter((r) => r.key !== "" && !r.fewAnswers && r.index !== null)
        .map((row) => ({ kind, row, belowTarget: row.status === "notMet", fall: row.delta !== null && row.delta < 0 ? row.delta : null }))
        .filter((c) => c.belowTarget || c.fall !== null),
    )
    .sort((a, b) => Number(b.belowTarget) - Number(a.belowTarget) || (a.fall ?? 0) - (b.fall ?? 0) || (a.row.index ?? 0) - (b.row.index ?? 0));
}

/** How many of the lowest-rated items a dashboard, report or public page lists. */
export const LOWEST_ITEMS = 5;

/** The lowest-rated items among those with enough answers; ties keep the questionnaire's order. */
export function lowestItems<R extends { key: string; rate: number | null; fewAnswers: boolean }>(
  items: readonly R[],
  wanted: ReadonlySet<string>,
  count = LOWEST_ITEMS,
): R[] {
  return items
    .filter((c) => wanted.has(c.key) && c.rate !== null && !c.fewAnswers)
    .sort((a, b) => a.rate! - b.rate!)
    .slice(0, count);
}

/** Each channel's share of the responses (channels without responses left out), published (2 decimals). */
export function channelShares<R extends { key: string; responses: number }>(groups: readonly R[]): { row: R; share: number | null }[] {
  const total = groups.reduce((s, g) => s + g.responses, 0);
  return groups.filter((g) => g.responses > 0).map((row) => ({ row, share: round2OrNull(ratio(100 * row.responses, total)) }));
}
