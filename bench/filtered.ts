/**
 * The table of docs/decisions/0024-filtered-rollups.md: every filter the dashboard offers (channel, field, sector,
 * agency, counter, and the agency page's agency + another), crossed with every breakdown, over the year to date —
 * the p50 from the roll-ups, one GROUP BY over the raw answers, the speed-up and whether the figures are equal.
 * The counter filter reads the counter rating (SIPAS interviews have no counter); the others SIPAS, the larger.
 */
import { isDeepStrictEqual } from "node:util";

import { buildResults, getResults, resolveResultsQuery, type ResultsFilter, type ResultsInput } from "../app/results/results.server";
import type { SurveyRegistry } from "../app/survey/registry.server";
import type { Db } from "../db/client";
import { rawCounts } from "../tests/support/raw-counts";

export const FILTERS: [name: string, survey: string, filter: ResultsFilter][] = [
  ["channel", "sipas", { channel: "paper" }],
  ["field", "sipas", { field: "DAT_DAI" }],
  ["sector", "sipas", { sector: "NN_MT" }],
  ["agency", "sipas", { agency: "TTHCC" }],
  ["counter", "danh-gia-ho-so", { counter: "TTHCC-Q01" }],
  ["agency_channel", "danh-gia-ho-so", { agency: "TTHCC", channel: "kiosk" }],
  ["agency_field", "sipas", { agency: "TTHCC", field: "DAT_DAI" }],
];
export const BREAKDOWNS = ["none", "agency", "sector", "field", "counter", "channel", "month", "quarter", "criterion"];

type Print = (name: string, value: number | boolean, unit: string) => void;
type Timed = (f: () => unknown, runs: number) => number[];

export function filteredFigures(
  db: Db,
  surveys: SurveyRegistry,
  o: { range: { from: string; to: string }; runs: number; print: Print; log: (m: string) => void; timed: Timed },
): { slowest: number; allEqual: boolean } {
  const p50 = (times: number[]) => times[Math.ceil(times.length / 2) - 1]!;
  let slowest = Infinity;
  let allEqual = true;
  const table: string[] = ["| filter | " + BREAKDOWNS.join(" | ") + " |", "|---|" + BREAKDOWNS.map(() => "---").join("|") + "|"];
  for (const [name, survey, filter] of FILTERS) {
    const cells: string[] = [];
    for (const by of BREAKDOWNS) {
      const input: ResultsInput = { survey, ...o.range, by, filter };
      getResults(db, surveys, input); // prepare, warm
      const fast = p50(o.timed(() => getResults(db, surveys, input), o.runs));
      const q = resolveResultsQuery(db, surveys, input);
      let raw: unknown;
      const slow = p50(o.timed(() => (raw = buildResults(db, q, rawCounts(db, q))), 1));
      const equal = isDeepStrictEqual(getResults(db, surveys, input), raw);
      const speedup = Math.round(slow / fast);
      const prefix = `filter_${name}_by_${by}`;
      o.print(`${prefix}_p50`, Number(fast.toFixed(2)), "ms");
      o.print(`${prefix}_raw`, Math.round(slow), "ms");
      o.print(`${prefix}_speedup`, speedup, "x");
      o.print(`${prefix}_identical_to_raw`, equal, "bool");
      o.log(`${prefix}: ${fast.toFixed(2)} ms vs raw ${Math.round(slow)} ms = ${speedup}× ${equal ? "equal" : "DIFFERENT"}`);
      slowest = Math.min(slowest, speedup);
      allEqual &&= equal;
      cells.push(`${speedup}×${equal ? "" : " ≠"}`);
    }
    table.push(`| ${name} (${survey}) | ${cells.join(" | ")} |`);
  }
  process.stderr.write(`${table.join("\n")}\n`);
  o.print("filter_min_speedup", slowest, "x");
  o.print("filter_all_identical_to_raw", allEqual, "bool");
  return { slowest, allEqual };
}
