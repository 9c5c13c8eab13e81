/**
 * A unit made of sub-units (a province = its agencies; docs/method.md §4.4). Two figures, both labelled:
 * - `pooled`: all answers together (sum the counts, then compute) — each answer weighs the same;
 * - `meanOfSubunits`: the plain mean of the sub-units' indices (national practice: mean of provincial
 *   indices) — each sub-unit weighs the same, however many answers it has.
 * Sub-units without data are left out of the mean and listed. Callers who want to drop "ít mẫu" sub-units
 * from the mean filter the list they pass in, so the choice is visible where the report is built.
 */
import { poolGroupCounts, type GroupCounts } from "./counts";
import { computeFigures, type Figures } from "./figures";
import { mean, round2OrNull } from "./numbers";
import type { MethodDefinition } from "./scale";

export type MeanOfSubunits = {
  basis: "meanOfSubunits";
  /** Mean of the sub-units' indices; null when none has data. */
  index: number | null;
  /** Per element (SIPAS) or per question (per-dossier), the mean of the sub-units' rates. */
  components: Record<string, number | null>;
  /** Sub-units whose index entered the mean, and those left out for lack of data. */
  subunits: string[];
  leftOut: string[];
};

export type PooledFigures = { basis: "pooled" } & Figures;

function componentRates(f: Figures): Record<string, number | null> {
  const entries =
    f.kind === "elements"
      ? Object.entries(f.elements).map(([code, e]) => [code, e?.rate ?? null] as const)
      : Object.entries(f.questions).map(([code, q]) => [code, q.rate] as const);
  return Object.fromEntries(entries);
}

export function combineSubunits(
  def: MethodDefinition,
  subunits: readonly { key: string; counts: GroupCounts }[],
): { pooled: PooledFigures; meanOfSubunits: MeanOfSubunits } {
  const pooled: PooledFigures = { basis: "pooled", ...computeFigures(def, poolGroupCounts(subunits.map((s) => s.counts))) };
  const each = subunits.map((s) => ({ key: s.key, figures: computeFigures(def, s.counts) }));
  const rates = each.map((s) => componentRates(s.figures));
  const components = Object.fromEntries(Object.keys(componentRates(pooled)).map((code) => [code, mean(rates.map((r) => r[code] ?? null))] as const));
  return {
    pooled,
    meanOfSubunits: {
      basis: "meanOfSubunits",
      index: mean(each.map((s) => s.figures.index)),
      components,
      subunits: each.filter((s) => s.figures.index !== null).map((s) => s.key),
      leftOut: each.filter((s) => s.figures.index === null).map((s) => s.key),
    },
  };
}

/** The mean-of-sub-units figure rounded for publication. */
export function publishMeanOfSubunits(m: MeanOfSubunits): MeanOfSubunits {
  return {
    ...m,
    index: round2OrNull(m.index),
    components: Object.fromEntries(Object.entries(m.components).map(([k, v]) => [k, round2OrNull(v)] as const)),
  };
}
