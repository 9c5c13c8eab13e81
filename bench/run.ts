/**
 * `npm run bench -- [--responses N] [--runs R] [--raw-runs K] [--keep] [--database FILE] [--filters-only]`: N
 * synthetic responses (default 1 000 000) into a temporary database through the real write path, then one JSON
 * line per figure on stdout — {"name", "value", "unit"} — and progress on stderr. Not part of the test suite.
 * `--database FILE` reuses a database generated before (e.g. kept with `--keep`, or `sipas generate`): the
 * ingest figures are skipped and the queries read that file (migrated first). `--filters-only`: only the table
 * of filters × breakdowns (docs/decisions/0024-filtered-rollups.md).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { isDeepStrictEqual } from "node:util";

import { importDirectory } from "../app/directory/import.server";
import { vietnamDay } from "../app/method/period";
import { buildResults, getResults, resolveResultsQuery, type ResultsInput } from "../app/results/results.server";
import { ROLLUP_TABLES } from "../app/results/rollups.server";
import { registerSurveys, type SurveyRegistry } from "../app/survey/registry.server";
import { openDatabase, type Db } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { generateResponses } from "../db/seed/generate";
import { rawCounts } from "../tests/support/raw-counts";
import { bareInsert } from "./bare";
import { filteredFigures } from "./filtered";

const { values: args } = parseArgs({
  options: {
    responses: { type: "string", default: "1000000" },
    seed: { type: "string", default: "1" },
    runs: { type: "string", default: "30" },
    "raw-runs": { type: "string" },
    keep: { type: "boolean", default: false },
    database: { type: "string" },
    "filters-only": { type: "boolean", default: false },
  },
});
const N = Number(args.responses);
const RUNS = Number(args.runs);
// A GROUP BY over a million responses' raw answers takes many seconds: a few runs are enough for a ratio.
const RAW_RUNS = Number(args["raw-runs"] ?? (N > 200_000 ? 1 : 3));
if (!Number.isInteger(N) || N <= 0) throw new Error("--responses must be a positive integer");

const started = performance.now();
const log = (message: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${message}\n`);
const print = (name: string, value: number | boolean, unit: string) => console.log(JSON.stringify({ name, value, unit }));
const round = (x: number, digits = 2) => Number(x.toFixed(digits));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sipas-bench-"));
const DIRECTORY = JSON.parse(fs.readFileSync(path.resolve("db/seed/demo-directory.json"), "utf8")) as unknown;
const NOW = Date.now();
const generate = { responses: N, seed: Number(args.seed), now: NOW, days: 365 };

function fresh(name: string): { db: Db; surveys: SurveyRegistry; file: string } {
  const file = path.join(dir, name);
  const db = openDatabase(file);
  migrateDatabase(db);
  const surveys = registerSurveys(db);
  const imported = importDirectory(db, DIRECTORY);
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  return { db, surveys, file };
}

function progress(label: string, t0: number) {
  let next = 0;
  return (done: number) => {
    if (done < next && done < N) return;
    next = done + Math.max(50_000, N / 20);
    log(`${label} ${done}/${N} (${Math.round(done / ((performance.now() - t0) / 1000))}/s)`);
  };
}

function bytes(db: Db, file: string): number {
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  return fs.statSync(file).size;
}

// (a) The real write path: validation, idempotency, answers and roll-ups in one transaction per batch.
function ingestFigures(): { db: Db; surveys: SurveyRegistry; file: string; realBytes: number; bareBytes: number } {
  const real = fresh("sipas.db");
  let t0 = performance.now();
  const totals = generateResponses(real.db, real.surveys, { ...generate, onBatch: progress("ingest", t0) });
  const ingestSeconds = (performance.now() - t0) / 1000;
  if (totals.created !== N) throw new Error(`expected ${N} responses, got ${JSON.stringify(totals)}`);
  const realBytes = bytes(real.db, real.file);

  // The same rows through bare inserts, into a second database of the same schema.
  const bare = fresh("bare.db");
  t0 = performance.now();
  bareInsert(bare.db, bare.surveys, generate, progress("bare insert", t0));
  const bareSeconds = (performance.now() - t0) / 1000;
  const bareBytes = bytes(bare.db, bare.file);
  bare.db.$client.close();
  fs.rmSync(bare.file, { force: true });

  print("ingest_rate", Math.round(N / ingestSeconds), "responses/s");
  print("bare_insert_rate", Math.round(N / bareSeconds), "responses/s");
  print("ingest_to_bare_ratio", round(bareSeconds / ingestSeconds, 3), "ratio");
  return { ...real, realBytes, bareBytes };
}

function existing(file: string): { db: Db; surveys: SurveyRegistry; file: string } {
  const db = openDatabase(file);
  migrateDatabase(db);
  return { db, surveys: registerSurveys(db), file };
}

const made = args.database ? null : ingestFigures();
const real = made ?? existing(args.database!);
const N_STORED = (real.db.$client.prepare("select count(*) as n from responses").get() as { n: number }).n;

// (b) Dashboard queries: the year to date in Vietnam, as a dashboard opens, from roll-ups and from raw answers.
const today = vietnamDay(NOW);
const ytd = { survey: "sipas", from: `${today.slice(0, 4)}-01-01`, to: today };
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

function timed(f: () => unknown, runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

function unfilteredFigures() {
  const queries: [string, ResultsInput][] = [
    ["overall", { ...ytd, by: "none" }],
    ["by_agency", { ...ytd, by: "agency" }],
    ["by_field", { ...ytd, by: "field" }],
    ["by_month", { ...ytd, by: "month" }],
    ["by_criterion", { ...ytd, by: "criterion" }],
  ];
  const fast = new Map<string, number[]>();
  for (const [name, input] of queries) {
    getResults(real.db, real.surveys, input); // prepare statements, warm the cache
    fast.set(
      name,
      timed(() => getResults(real.db, real.surveys, input), RUNS),
    );
    log(`query ${name}: p50 ${quantile(fast.get(name)!, 0.5).toFixed(2)} ms`);
  }
  // A range cut mid-month at both ends: the worst case of the day roll-ups (no raw comparison).
  const mid = { survey: "sipas", by: "agency", from: vietnamDay(NOW - 250 * 86_400_000), to: vietnamDay(NOW - 40 * 86_400_000) };
  const midTimes = timed(() => getResults(real.db, real.surveys, mid), Math.max(5, Math.round(RUNS / 3)));
  // (c) Before the raw scans below, whose sorts are a benchmark artefact, not something the app does.
  appRss = process.resourceUsage().maxRSS;

  for (const [name, input] of queries) {
    log(`query ${name}: the same figures from a GROUP BY over raw answers (${RAW_RUNS}×)`);
    const query = resolveResultsQuery(real.db, real.surveys, input);
    let raw: unknown;
    const slow = timed(() => (raw = buildResults(real.db, query, rawCounts(real.db, query))), RAW_RUNS);
    const times = fast.get(name)!;
    print(`query_${name}_p50`, round(quantile(times, 0.5)), "ms");
    print(`query_${name}_p95`, round(quantile(times, 0.95)), "ms");
    print(`query_${name}_raw_p50`, round(quantile(slow, 0.5)), "ms");
    print(`query_${name}_speedup`, Math.round(quantile(slow, 0.5) / quantile(times, 0.5)), "x");
    print(`query_${name}_identical_to_raw`, isDeepStrictEqual(getResults(real.db, real.surveys, input), raw), "bool");
  }
  print("query_by_agency_midmonth_range_p50", round(quantile(midTimes, 0.5)), "ms");
  print("query_by_agency_midmonth_range_p95", round(quantile(midTimes, 0.95)), "ms");
}

let appRss = 0;
if (!args["filters-only"]) unfilteredFigures();
filteredFigures(real.db, real.surveys, { range: { from: ytd.from, to: ytd.to }, runs: Math.max(5, Math.round(RUNS / 3)), print, log, timed });
if (!appRss) appRss = process.resourceUsage().maxRSS;

// (c), (d) Memory and size.
print("peak_rss_before_raw_scans", Math.round(appRss / 1024), "MB");
print("peak_rss", Math.round(process.resourceUsage().maxRSS / 1024), "MB");
if (made) {
  print("db_bytes_per_response", Math.round(made.realBytes / N), "bytes");
  print("bare_db_bytes_per_response", Math.round(made.bareBytes / N), "bytes");
}
const rollupRows = ROLLUP_TABLES.reduce((sum, t) => sum + (real.db.$client.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n, 0);
print("rollup_rows_per_response", round(rollupRows / N_STORED), "rows");
print("elapsed", Math.round((performance.now() - started) / 1000), "s");

real.db.$client.close();
if (args.keep && made) log(`kept ${real.file}`);
else fs.rmSync(dir, { recursive: true, force: true });
