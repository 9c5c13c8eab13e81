/**
 * Counts per group from the roll-ups (never from raw answers). SQL sums roll-up rows — the whole months'
 * own rows for the breakdown, and the cells of the days at either end — grouped by the breakdown's key;
 * the method module turns the counts into figures. Sectors and quarters are pooled from fields and months.
 * A filter is a WHERE on the roll-ups' key columns: whole months still come from a month set when the
 * filter names only that set's breakdown (agency A by month: the agency set, `key = A`); a filter across
 * breakdowns reads whole months from the pair set of its filter and breakdown when one is kept (channel = paper
 * by agency, agency A by field: docs/decisions/0028-pair-rollups.md), else from the month cells (agency A and
 * field F by channel), and the days at either end from the day cells, which both hold every breakdown at once.
 */
import type Database from "better-sqlite3";
import { inArray } from "drizzle-orm";

import type { Db } from "../../db/client";
import { counters, fields, ROLLUP_DIMS, ROLLUP_PAIRS, type RollupDim, type RollupPair } from "../../db/schema";
import { addDays, periodKey, periodRange, type DayRange } from "../method/period";
import { poolGroupCounts, type GroupCounts } from "../method";
import { CHANNELS } from "../survey/codes";
import { planRange, type By, type RangePlan } from "./query";

/** Group key → counts. Keys are directory ids, channel codes, period keys or profile codes; "" = none. */
export type CountedGroups = { overall: GroupCounts; groups: Map<string, GroupCounts> };
/**
 * Keys a request is limited to, per breakdown, as the month sets store them (ids as text, channel codes).
 * A present but empty list matches nothing (a field outside the filtered sector).
 */
export type CountFilter = Partial<Record<RollupDim, readonly string[]>>;
export type CountRequest = { versionIds: readonly number[]; range: DayRange; by: By; filter?: CountFilter | null };

/** The day roll-up's column for each month grouping set. */
export const DAY_KEY: Record<RollupDim, string> = { agency: "agency_id", field: "field_id", counter: "counter_id", channel: "channel" };

/*
 * Raw prepared statements, kept so on purpose (docs/decisions/0018-one-of-each-and-raw-hot-paths.md): these few
 * shapes are the read side of the roll-ups behind every dashboard figure, report and publication, which
 * `npm run bench` times (query_*_p50: 12–58 ms for a year to date over 100 000 responses). Their text is
 * assembled from pieces chosen per request (key column, month, filter lists, day list) and cached per text;
 * their rows are read as tuples (`raw(true)`) straight into `tally`. Rows are typed by Row, parameters by Param;
 * tests/integration/raw-sql-columns.test.ts prepares every shape against a database built from db/schema.ts, so
 * a column renamed there without the SQL fails it.
 */
/*
 * `key`: the group column ('' sums the set's keys into one whole — channels, the smallest set);
 * `month`: keep months apart (for by month / quarter).
 */
/*
 * `where`: the filter's conditions ("" without one), each ` and column in (?, …)`. `days`: how the day
 * cells' days are chosen — a range, or (with an agency filter) the list of days, so that SQLite seeks
 * (day, agency) pairs in the primary key instead of reading every agency's cells of every day.
 */
export const DAY_RANGE = "day_vn between ? and ?";
export const dayList = (n: number) => `day_vn in (${placeholders(n)})`;
/** One condition of a filter: ` and column in (?, …)`. */
export const inList = (column: string, n: number) => ` and ${column} in (${placeholders(n)})`;
export const COUNT_SQL = {
  monthAnswers: (key: string, month: string, where = "") =>
    `select ${key}, question, code, ${month}, sum(n) from rollup_month_answers
      where survey_version_id = ? and month between ? and ? and dim = ?${where} group by 1, 2, 3, 4`,
  monthResponses: (key: string, month: string, where = "") =>
    `select ${key}, '', 0, ${month}, sum(n) from rollup_month_responses
      where survey_version_id = ? and month between ? and ? and dim = ?${where} group by 1, 4`,
  dayAnswers: (key: string, where = "", days = DAY_RANGE) => `select ${key}, question, code, '', sum(n) from rollup_answers
      where survey_version_id = ? and ${days}${where} group by 1, 2, 3`,
  dayResponses: (key: string, where = "", days = DAY_RANGE) => `select ${key}, '', 0, '', sum(n) from rollup_responses
      where survey_version_id = ? and ${days}${where} group by 1`,
  /**
   * The month cells (docs/decisions/0024-filtered-rollups.md): whole months under a filter across breakdowns.
   * `months` listed and `where` from `cellWhere`, so that SQLite seeks each month's filtered cells in the key.
   */
  cellAnswers: (key: string, month: string, months: number, where = "") =>
    `select ${key}, question, code, ${month}, sum(n) from rollup_month_cell_answers
      where survey_version_id = ? and month in (${placeholders(months)})${where} group by 1, 2, 3, 4`,
  cellResponses: (key: string, month: string, months: number, where = "") =>
    `select ${key}, '', 0, ${month}, sum(n) from rollup_month_cell_responses
      where survey_version_id = ? and month in (${placeholders(months)})${where} group by 1, 4`,
  /**
   * The pair sets (docs/decisions/0028-pair-rollups.md): whole months of a figure whose filter and breakdown are
   * a kept pair. `key`: key_a, key_b or '' (the whole); `a`, `b`: how many keys each side is limited to (0: all).
   * Limited on key_a alone, the rows come in the order of (key_b, question, code, month) and are summed unsorted
   * — as long as no constant is grouped by: SQLite then sorts them all (18 ms instead of 9 for a year of paper
   * interviews by agency). The response counts, a few rows, keep the plain grouping.
   */
  pairAnswers: (key: string, month: string, a: number, b: number) =>
    `select ${key}, question, code, ${month}, sum(n) from rollup_month_pair_answers
      where survey_version_id = ? and pair = ?${a ? inList("key_a", a) : ""}${b ? inList("key_b", b) : ""} and month between ? and ?
      group by ${[key, "question", "code", month].flatMap((c, i) => (c === "''" ? [] : [i + 1])).join(", ")}`,
  pairResponses: (key: string, month: string, a: number, b: number) =>
    `select ${key}, '', 0, ${month}, sum(n) from rollup_month_pair_responses
      where survey_version_id = ? and pair = ?${a ? inList("key_a", a) : ""}${b ? inList("key_b", b) : ""} and month between ? and ?
      group by 1, 4`,
  /** The first and last day a version has counts for (min/max of the day cells' key: one seek each). */
  firstDay: () => "select min(day_vn), '', 0, '', 0 from rollup_responses where survey_version_id = ?",
  lastDay: () => "select max(day_vn), '', 0, '', 0 from rollup_responses where survey_version_id = ?",
  profile: (where = "") => `select profile_code, question, code, '', sum(n) from rollup_profile
      where survey_version_id = ? and month between ? and ? and profile_question = ?${where} group by 1, 2, 3`,
};

/** The month cells' key columns after the month, in key order, and how to list every value of one. */
const CELL_KEY: [RollupDim, string][] = [
  ["channel", `channel in (${CHANNELS.map((c) => `'${c}'`).join(", ")})`],
  ["agency", "agency_id in (select id from agencies)"],
  ["field", "field_id in (select id from fields union all select 0)"],
  ["counter", ""],
];

/**
 * The month cells' conditions for a filter: the filtered columns' lists, and every value of the key columns
 * before the last filtered one (six channels, the agencies, the fields and "none"), so that SQLite seeks each
 * combination instead of reading the month's other cells. Columns after the last filtered one are read whole.
 */
export function cellWhere(filter: CountFilter | null | undefined): { where: string; params: Param[] } {
  const last = CELL_KEY.findLastIndex(([dim]) => filter?.[dim] !== undefined);
  const parts: string[] = [];
  const params: Param[] = [];
  CELL_KEY.slice(0, last + 1).forEach(([dim, every]) => {
    const keys = filter?.[dim];
    if (keys) {
      parts.push(inList(DAY_KEY[dim], keys.length));
      params.push(...keys.map((k) => dayValue(dim, k)));
    } else parts.push(` and ${every}`);
  });
  return { where: parts.join(""), params };
}

/** A pair set read: which pair, the group column, and the keys each side is limited to (null: all). */
type PairRead = { pair: RollupPair; key: string; a: readonly string[] | null; b: readonly string[] | null };

/**
 * The pair set that gives `dim`'s groups (or the whole) under the filter, if one does: every filtered
 * breakdown and the one asked for must be its two sides. A pair limited on its first side is preferred (read
 * in key order); else it is read the other way round (docs/decisions/0028-pair-rollups.md).
 */
export function pairFor(filter: [RollupDim, readonly string[]][], dim: RollupDim, whole: boolean): PairRead | null {
  const keysOf = (d: RollupDim) => filter.find(([f]) => f === d)?.[1] ?? null;
  let found: PairRead | null = null;
  for (const pair of ROLLUP_PAIRS) {
    const [a, b] = pair.split(":") as [RollupDim, RollupDim];
    if (!filter.every(([d]) => d === a || d === b) || (!whole && dim !== a && dim !== b)) continue;
    const read = { pair, key: whole ? "''" : dim === a ? "key_a" : "key_b", a: keysOf(a), b: keysOf(b) };
    if (read.a) return read;
    found ??= read;
  }
  return found;
}

/** The filter's non-empty-or-empty lists, in a fixed order (so equal filters give equal SQL text). */
function filterEntries(filter: CountFilter | null | undefined): [RollupDim, readonly string[]][] {
  return ROLLUP_DIMS.flatMap((d) => (filter?.[d] ? [[d, filter[d]] as [RollupDim, readonly string[]]] : []));
}
const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");
/** Ids are compared as numbers in the day cells (integer columns) and as text in the month sets' `key`. */
const dayValue = (dim: RollupDim, key: string) => (dim === "channel" ? key : Number(key));

/** Every day of a segment (at most a month). */
function daysOf({ from, to }: DayRange): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** A roll-up sum as every statement above returns it (raw rows): group key, question ('' = responses), code, month, n. */
type Row = [key: string | number, question: string, code: number, month: string, n: number];
/** Version ids, months, days, dimension names and filter keys (ids as numbers in day cells, text in month sets). */
type Param = string | number;
const cache = new WeakMap<Database.Database, Map<string, Database.Statement<Param[], Row>>>();
function statement(sqlite: Database.Database, sql: string): Database.Statement<Param[], Row> {
  let map = cache.get(sqlite);
  if (!map) cache.set(sqlite, (map = new Map()));
  let s = map.get(sql);
  if (!s) map.set(sql, (s = sqlite.prepare<Param[], Row>(sql).raw(true)));
  return s;
}

type Mutable = { responses: number; questions: Record<string, Record<number, number>> };
const noneKey = (raw: string | number) => (raw === 0 || raw === "0" || raw === "" ? "" : String(raw));

/** Sums rows into groups; question "" carries a response count. `keyOf` sees the raw key and its month. */
type KeyOf = (raw: string | number, month: string) => string;
function tally(into: Map<string, Mutable>, rows: Row[], keyOf: KeyOf, sign: number, month = "") {
  for (const [raw, question, code, rowMonth, n] of rows) {
    const key = keyOf(raw, rowMonth || month);
    let g = into.get(key);
    if (!g) into.set(key, (g = { responses: 0, questions: {} }));
    if (question === "") g.responses += sign * n;
    else (g.questions[question] ??= {})[code] = (g.questions[question]?.[code] ?? 0) + sign * n;
  }
}

/**
 * Counts of one grouping set over the range. `whole`: sum the set's keys into one group (the set is then
 * only the cheapest way to read everything); `withMonth`: keep months apart. With a filter on another
 * breakdown than `dim`, the month set cannot say which of its rows qualify: whole months are then read from
 * the month cells, which keep every breakdown at once, and the parts of months from the day cells — the
 * same plan, the same columns (docs/decisions/0024-filtered-rollups.md).
 */
function sumSet(sqlite: Database.Database, req: CountRequest, dim: RollupDim, keyOf: KeyOf, { whole = false, withMonth = false } = {}) {
  const groups = new Map<string, Mutable>();
  const filter = filterEntries(req.filter);
  if (filter.some(([, keys]) => keys.length === 0)) return groups;
  const monthUsable = filter.every(([d]) => d === dim);
  const cells = cellWhere(req.filter);
  const monthKey = whole ? "''" : "key";
  const month = withMonth ? "month" : "''";
  const dayKey = whole ? "''" : DAY_KEY[dim];
  const own = req.filter?.[dim];
  const monthWhere = own ? inList("key", own.length) : "";
  const monthParams = own ?? [];
  const dayWhere = filter.map(([d, keys]) => inList(DAY_KEY[d], keys.length)).join("");
  const dayParams = filter.flatMap(([d, keys]) => keys.map((k) => dayValue(d, k)));
  const byDay = req.filter?.agency !== undefined;
  const paired = monthUsable ? null : pairFor(filter, dim, whole);
  for (const v of req.versionIds) {
    const range = widened(sqlite, v, req.range);
    if (!range) continue;
    const plan: RangePlan = planRange(range);
    if (plan.months && monthUsable) {
      const params = [v, plan.months.from, plan.months.to, dim, ...monthParams];
      tally(groups, statement(sqlite, COUNT_SQL.monthAnswers(monthKey, month, monthWhere)).all(...params), keyOf, 1);
      tally(groups, statement(sqlite, COUNT_SQL.monthResponses(monthKey, month, monthWhere)).all(...params), keyOf, 1);
    } else if (plan.months && paired) {
      const { pair, key, a, b } = paired;
      const params = [v, pair, ...(a ?? []), ...(b ?? []), plan.months.from, plan.months.to];
      const n = [a?.length ?? 0, b?.length ?? 0] as const;
      tally(groups, statement(sqlite, COUNT_SQL.pairAnswers(key, month, ...n)).all(...params), keyOf, 1);
      tally(groups, statement(sqlite, COUNT_SQL.pairResponses(key, month, ...n)).all(...params), keyOf, 1);
    } else if (plan.months) {
      const months = monthsOf(plan.months);
      const params = [v, ...months, ...cells.params];
      tally(groups, statement(sqlite, COUNT_SQL.cellAnswers(dayKey, month, months.length, cells.where)).all(...params), keyOf, 1);
      tally(groups, statement(sqlite, COUNT_SQL.cellResponses(dayKey, month, months.length, cells.where)).all(...params), keyOf, 1);
    }
    for (const seg of plan.days) {
      const days = byDay ? daysOf(seg) : [seg.from, seg.to];
      const cond = byDay ? dayList(days.length) : DAY_RANGE;
      const params = [v, ...days, ...dayParams];
      tally(groups, statement(sqlite, COUNT_SQL.dayAnswers(dayKey, dayWhere, cond)).all(...params), keyOf, seg.sign, seg.month);
      tally(groups, statement(sqlite, COUNT_SQL.dayResponses(dayKey, dayWhere, cond)).all(...params), keyOf, seg.sign, seg.month);
    }
  }
  return dropZeros(groups);
}

/** Every month from `from` to `to` (YYYY-MM). */
function monthsOf({ from, to }: { from: string; to: string }): string[] {
  const months: string[] = [];
  for (let m = from; m <= to; m = addDays(`${m}-28`, 7).slice(0, 7)) months.push(m);
  return months;
}

/**
 * The range stretched to whole months where nothing lies beyond it: no version has counts after its last day
 * (nor before its first), so "1 January to today" reads the same as the whole year — from month rows alone,
 * where cutting the current month would read its days from the day cells. Null: the version has no counts.
 */
function widened(sqlite: Database.Database, v: number, range: DayRange): DayRange | null {
  const first = statement(sqlite, COUNT_SQL.firstDay()).get(v)?.[0];
  const last = statement(sqlite, COUNT_SQL.lastDay()).get(v)?.[0];
  if (typeof first !== "string" || typeof last !== "string" || range.to < first || range.from > last) return null;
  const from = range.from <= first ? `${range.from.slice(0, 7)}-01` : range.from;
  const to = range.to >= last ? periodRange(periodKey(range.to, "month")).to : range.to;
  return { from, to };
}

/** A complement can leave 0 behind; a group or code with nothing in it is not there. */
function dropZeros(groups: Map<string, Mutable>): Map<string, GroupCounts> {
  for (const [key, g] of groups) {
    for (const [q, codes] of Object.entries(g.questions)) {
      for (const code of Object.keys(codes)) if (codes[Number(code)] === 0) delete codes[Number(code)];
      if (Object.keys(codes).length === 0) delete g.questions[q];
    }
    if (g.responses === 0 && Object.keys(g.questions).length === 0) groups.delete(key);
  }
  return groups;
}

const EMPTY: GroupCounts = { responses: 0, questions: {} };

/** Counts of every group of the breakdown, and of the whole scope (`overall`). */
export function rollupCounts(db: Db, req: CountRequest): CountedGroups {
  const sqlite = db.$client;
  // The whole is read from the channel set (the smallest), or from the one breakdown a filter names.
  const filtered = filterEntries(req.filter).map(([d]) => d);
  const wholeDim: RollupDim = filtered.length === 1 ? filtered[0]! : "channel";
  const overallOf = () => sumSet(sqlite, req, wholeDim, () => "", { whole: true }).get("") ?? EMPTY;
  if (req.by.kind === "profile") return profileCounts(sqlite, req, req.by.question, overallOf());
  const by = req.by.kind;
  if (by === "none" || by === "criterion") return { overall: overallOf(), groups: new Map() };
  let groups: Map<string, GroupCounts>;
  if (by === "month" || by === "quarter") {
    const keyOf: KeyOf = (_raw, month) => (by === "month" ? month : periodKey(`${month}-01`, "quarter"));
    groups = sumSet(sqlite, req, wholeDim, keyOf, { whole: true, withMonth: true });
  } else if (by === "sector") {
    const rows = db.select({ id: fields.id, sector: fields.sectorId }).from(fields).all();
    const sectorOf = new Map(rows.map(({ id, sector }) => [String(id), noneKey(sector ?? 0)]));
    groups = sumSet(sqlite, req, "field", (raw) => sectorOf.get(String(raw)) ?? "");
  } else if (by === "counter" && filtered.length === 1 && filtered[0] === "agency") {
    groups = countersOfAgencies(db, req);
  } else {
    groups = sumSet(sqlite, req, by, noneKey);
  }
  // Every response is in exactly one group, so the groups add up to the whole.
  return { overall: poolGroupCounts([...groups.values()]), groups };
}

/**
 * An agency's counters without the day cells: a counter belongs to one agency (ingest checks it), so
 * "agency A by counter" is the month counter set limited to A's counters, and A's responses without a
 * counter are A's whole minus those counters.
 */
function countersOfAgencies(db: Db, req: CountRequest): Map<string, GroupCounts> {
  const sqlite = db.$client;
  const agencies = (req.filter?.agency ?? []).map(Number);
  const ids = agencies.length
    ? db
        .select({ id: counters.id })
        .from(counters)
        .where(inArray(counters.agencyId, agencies))
        .all()
        .map(({ id }) => String(id))
    : [];
  const groups = sumSet(sqlite, { ...req, filter: { counter: ids } }, "counter", noneKey);
  const whole = sumSet(sqlite, req, "agency", () => "", { whole: true }).get("") ?? EMPTY;
  const rest = dropZeros(new Map([["", subtract(whole, poolGroupCounts([...groups.values()]))]])).get("");
  if (rest) groups.set("", rest);
  return groups;
}

/**
 * Profile groups from `rollup_profile` (whole months only); a group's response count is its profile
 * answer crossed with itself. Those who left the question blank form the group "": the whole minus the
 * groups of those who answered. The table keeps agencies apart, so only an agency filter applies here
 * (`resolveResultsQuery` refuses the others for profile breakdowns).
 */
function profileCounts(sqlite: Database.Database, req: CountRequest, question: string, overall: GroupCounts): CountedGroups {
  const tallied = new Map<string, Mutable>();
  const { months } = planRange(req.range); // whole months: resolvePeriod refuses anything else
  const agencies = req.filter?.agency;
  const where = agencies ? inList("agency_id", agencies.length) : "";
  const params = (agencies ?? []).map(Number);
  for (const v of req.versionIds) {
    if (months && agencies?.length !== 0) {
      tally(tallied, statement(sqlite, COUNT_SQL.profile(where)).all(v, months.from, months.to, question, ...params), String, 1);
    }
  }
  const groups = new Map<string, GroupCounts>();
  for (const [key, g] of tallied) groups.set(key, { ...g, responses: g.questions[question]?.[Number(key)] ?? 0 });
  const answered = poolGroupCounts([...groups.values()]);
  const blank = dropZeros(new Map([["", subtract(overall, answered)]])).get("");
  if (blank) groups.set("", blank);
  return { overall, groups };
}

function subtract(a: GroupCounts, b: GroupCounts): Mutable {
  const questions: Record<string, Record<number, number>> = {};
  for (const [q, codes] of Object.entries(a.questions)) {
    for (const [code, n] of Object.entries(codes)) (questions[q] ??= {})[Number(code)] = n - (b.questions[q]?.[Number(code)] ?? 0);
  }
  return { responses: a.responses - b.responses, questions };
}
