/**
 * `npx tsx bench/province-rollups.ts [--responses N] [--days D]`: how much a province would ship to a national
 * roll-up (docs/operations.md §Beyond one machine). N synthetic responses over D days into a temporary
 * database of the demo province, then, per full month: the rows of each roll-up table and their size as
 * JSON (what a sync would send) — one JSON line per figure, like bench/run.ts.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import { importDirectory } from "../app/directory/import.server";
import { ROLLUP_TABLES } from "../app/results/rollups.server";
import { registerSurveys } from "../app/survey/registry.server";
import { openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { generateResponses } from "../db/seed/generate";

const { values: args } = parseArgs({ options: { responses: { type: "string", default: "120000" }, days: { type: "string", default: "365" } } });
const N = Number(args.responses);
const DAYS = Number(args.days);
const print = (name: string, value: number, unit: string) => console.log(JSON.stringify({ name, value, unit }));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sipas-province-"));
try {
  const db = openDatabase(path.join(dir, "p.db"));
  migrateDatabase(db);
  const surveys = registerSurveys(db);
  const imported = importDirectory(db, JSON.parse(fs.readFileSync("db/seed/demo-directory.json", "utf8")));
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  generateResponses(db, surveys, { responses: N, seed: 1, days: DAYS });
  const sqlite = db.$client;
  // Full months only: the first and the current month of the window are partial.
  const months = (sqlite.prepare("select distinct substr(day_vn, 1, 7) as m from responses order by 1").all() as { m: string }[])
    .map((r) => r.m)
    .slice(1, -1);
  const monthOf: Record<string, string> = {
    rollup_responses: "substr(day_vn, 1, 7)",
    rollup_answers: "substr(day_vn, 1, 7)",
    rollup_month_responses: "month",
    rollup_month_answers: "month",
    rollup_profile: "month",
    rollup_month_cell_responses: "month",
    rollup_month_cell_answers: "month",
    rollup_month_pair_responses: "month",
    rollup_month_pair_answers: "month",
  };
  const perMonth = (sql: string) => sqlite.prepare(sql).get(...months) as { n: number };
  const inMonths = `in (${months.map(() => "?").join(", ")})`;
  const responses = perMonth(`select count(*) as n from responses where substr(day_vn, 1, 7) ${inMonths}`).n / months.length;
  print("province_responses_per_month", Math.round(responses), "responses");
  let monthly = 0;
  let monthlyBytes = 0;
  for (const table of ROLLUP_TABLES) {
    const rows = perMonth(`select count(*) as n from ${table} where ${monthOf[table]} ${inMonths}`).n / months.length;
    const bytes =
      perMonth(`select coalesce(sum(length(json_array(${columns(table)}))), 0) as n from ${table} where ${monthOf[table]} ${inMonths}`).n /
      months.length;
    print(`${table}_rows_per_month`, Math.round(rows), "rows");
    print(`${table}_json_bytes_per_month`, Math.round(bytes), "bytes");
    // The month cells and pair sets are local reading aids (decisions 0024, 0028), derived like the day tables: not shipped.
    const local = table.startsWith("rollup_month_cell") || table.startsWith("rollup_month_pair");
    if ((table.startsWith("rollup_month") && !local) || table === "rollup_profile") {
      monthly += rows;
      monthlyBytes += bytes;
    }
  }
  // The profile cross-tab summed over agencies: what a national view by profile needs from a province.
  const provinceProfile =
    perMonth(
      `select count(*) as n from (select distinct survey_version_id, profile_question, month, profile_code, question, code from rollup_profile where month ${inMonths})`,
    ).n / months.length;
  print("rollup_profile_province_level_rows_per_month", Math.round(provinceProfile), "rows");
  print("month_tables_rows_per_month", Math.round(monthly), "rows");
  print("month_tables_json_bytes_per_month", Math.round(monthlyBytes), "bytes");
  print("months_measured", months.length, "months");

  function columns(table: string): string {
    return (sqlite.prepare(`select name from pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name).join(", ");
  }
  db.$client.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
