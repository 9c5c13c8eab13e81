/**
 * Counts per group from the roll-ups (never from raw answers): SQL sums the roll-up rows of the period
 * — whole months from the month tables, the days at either end from the day tables — grouped by the
 * breakdown's key; the method module turns the counts into figures. Sectors and quarters are pooled here
 * from fields and months, so SQL only ever groups by a column of the roll-up.
 */
import type Database from "better-sqlite3";

import type { Db } from "../../db/client";
import { periodKey, type DayRange } from "../method/period";
import { poolGroupCounts, type GroupCounts } from "../method";
import { splitRange, type By } from "./query";

/** Group key → counts. Keys are directory ids, channel codes, period keys or profile codes; "" = none. */
export type CountedGroups = { overall: GroupCounts; groups: Map<string, GroupCounts> };
export type CountRequest = { versionIds: readonly number[]; range: DayRange; by: By };

type Dim = "none" | "agency" | "field" | "counter" | "channel" | "month";
const KEY: Record<Dim, { day: string; month: string }> = {
  none: { day: "''", month: "''" },
  agency: { day: "agency_id", month: "agency_id" },
  field: { day: "field_id", month: "field_id" },
  counter: { day: "counter_id", month: "counter_id" },
  channel: { day: "channel", month: "channel" },
  month: { day: "substr(day_vn, 1, 7)", month: "month" },
};
type Grain = "day" | "month";
const TABLES = {
  day: { answers: "rollup_answers", responses: "rollup_responses", period: "day_vn" },
  month: { answers: "rollup_answers_month", responses: "rollup_responses_month", period: "month" },
};

type Row = [key: string | number, question: string, code: number, n: number];
const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function statement(sqlite: Database.Database, name: string, sql: () => string): Database.Statement {
  let map = cache.get(sqlite);
  if (!map) cache.set(sqlite, (map = new Map()));
  let s = map.get(name);
  if (!s) map.set(name, (s = sqlite.prepare(sql()).raw(true)));
  return s;
}

function answersSql(dim: Dim, grain: Grain) {
  const t = TABLES[grain];
  return `select ${KEY[dim][grain]}, question, code, sum(n) from ${t.answers}
           where survey_version_id = ? and ${t.period} between ? and ? group by 1, 2, 3`;
}
function responsesSql(dim: Dim, grain: Grain) {
  const t = TABLES[grain];
  return `select ${KEY[dim][grain]}, '', 0, sum(n) from ${t.responses}
           where survey_version_id = ? and ${t.period} between ? and ? group by 1`;
}
const PROFILE_SQL = `select profile_code, question, code, sum(n) from rollup_profile
  where survey_version_id = ? and profile_question = ? and month between ? and ? group by 1, 2, 3`;

/** Accumulates [key, question, code, n] rows (question "" = a response count) into GroupCounts. */
class Tally {
  readonly groups = new Map<string, { responses: number; questions: Record<string, Record<number, number>> }>();
  add(rows: Iterable<Row>, keyOf: (raw: string | number) => string = normalKey) {
    for (const [raw, question, code, n] of rows) {
      const key = keyOf(raw);
      let g = this.groups.get(key);
      if (!g) this.groups.set(key, (g = { responses: 0, questions: {} }));
      if (question === "") g.responses += n;
      else (g.questions[question] ??= {})[code] = (g.questions[question]?.[code] ?? 0) + n;
    }
  }
}
const normalKey = (raw: string | number) => (raw === 0 || raw === "" || raw === null ? "" : String(raw));

function sumDim(sqlite: Database.Database, req: CountRequest, dim: Dim, keyOf?: (raw: string | number) => string): Map<string, GroupCounts> {
  const tally = new Tally();
  const split = splitRange(req.range);
  const segments: [Grain, string, string][] = [
    ...(split.months ? [["month", split.months.from, split.months.to] as [Grain, string, string]] : []),
    ...split.days.map((d) => ["day", d.from, d.to] as [Grain, string, string]),
  ];
  for (const v of req.versionIds) {
    for (const [grain, from, to] of segments) {
      tally.add(statement(sqlite, `a:${dim}:${grain}`, () => answersSql(dim, grain)).all(v, from, to) as Row[], keyOf);
      tally.add(statement(sqlite, `r:${dim}:${grain}`, () => responsesSql(dim, grain)).all(v, from, to) as Row[], keyOf);
    }
  }
  return tally.groups;
}

const EMPTY: GroupCounts = { responses: 0, questions: {} };

/** Counts of every group of the breakdown, and of the whole scope (`overall`). */
export function rollupCounts(db: Db, req: CountRequest): CountedGroups {
  const sqlite = db.$client;
  const by = req.by;
  switch (by.kind) {
    case "none":
    case "criterion": {
      const overall = sumDim(sqlite, req, "none").get("") ?? EMPTY;
      return { overall, groups: new Map() };
    }
    case "profile":
      return profileCounts(sqlite, req, by.question);
    default: {
      const groups = sumDim(sqlite, req, ...dimOf(sqlite, by.kind));
      return { overall: poolGroupCounts([...groups.values()]), groups };
    }
  }
}

/** The roll-up column of a breakdown, and how its values map to group keys (fields → sectors, months → quarters). */
function dimOf(sqlite: Database.Database, kind: Exclude<By["kind"], "none" | "criterion" | "profile">): [Dim, ((raw: string | number) => string)?] {
  if (kind === "quarter") return ["month", (m) => periodKey(`${m}-01`, "quarter")];
  if (kind === "sector") {
    const rows = sqlite.prepare("select id, sector_id from fields").raw(true).all() as [number, number | null][];
    const sectorOf = new Map(rows.map(([id, sector]) => [id, normalKey(sector ?? 0)]));
    return ["field", (f) => sectorOf.get(Number(f)) ?? ""];
  }
  return [kind];
}

/**
 * Profile groups from `rollup_profile`; a group's response count is its profile answer crossed with
 * itself. Those who left the question blank form the group "" = overall − the answered groups.
 */
function profileCounts(sqlite: Database.Database, req: CountRequest, question: string): CountedGroups {
  const overall = sumDim(sqlite, { ...req, by: { kind: "none" } }, "none").get("") ?? EMPTY;
  const split = splitRange(req.range);
  const tally = new Tally();
  const s = statement(sqlite, "profile", () => PROFILE_SQL);
  for (const v of req.versionIds) tally.add(s.all(v, question, split.months!.from, split.months!.to) as Row[]);
  const groups = new Map<string, GroupCounts>();
  for (const [key, g] of tally.groups) groups.set(key, { ...g, responses: g.questions[question]?.[Number(key)] ?? 0 });
  const blank = subtract(overall, poolGroupCounts([...groups.values()]));
  if (blank.responses > 0) groups.set("", blank);
  return { overall, groups };
}

function subtract(a: GroupCounts, b: GroupCounts): GroupCounts {
  const questions: Record<string, Record<number, number>> = {};
  for (const [q, codes] of Object.entries(a.questions)) {
    for (const [code, n] of Object.entries(codes)) {
      const rest = n - (b.questions[q]?.[Number(code)] ?? 0);
      if (rest !== 0) (questions[q] ??= {})[Number(code)] = rest;
    }
  }
  return { responses: a.responses - b.responses, questions };
}
