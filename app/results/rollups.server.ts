/**
 * Writing the roll-ups (docs/decisions/0003-rollups.md). `addToRollups` runs inside the ingest
 * transaction, so a response and its counts commit together; `rebuildRollups` recomputes every table
 * from the raw answers through the same function.
 */
import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import {
  responses,
  ROLLUP_PAIRS,
  surveyVersions,
  type RollupDim,
  type RollupPair,
  type rollupLanguage,
  type rollupMonthCellResponses,
  type rollupMonthPairResponses,
  type rollupMonthResponses,
  type rollupProfile,
  type rollupResponses,
} from "../../db/schema";
import { surveyDefinitionSchema, type SurveyDefinition } from "../survey/definition";
import type { Channel } from "../survey/codes";
import { reportableSql } from "./reportable";
import { profileQuestions, rollupRows, type AnswerRowLike } from "./rollup-rows";

/** Where a response is counted; `fieldId`/`counterId` are 0 when absent. */
export type RollupCell = {
  surveyVersionId: number;
  dayVn: string;
  agencyId: number;
  fieldId: number;
  counterId: number;
  channel: Channel;
  /** The language the response was given in (the language roll-up). */
  locale: string;
};

export const ROLLUP_TABLES = [
  "rollup_responses",
  "rollup_answers",
  "rollup_month_responses",
  "rollup_month_answers",
  "rollup_profile",
  "rollup_month_cell_responses",
  "rollup_month_cell_answers",
  "rollup_month_pair_responses",
  "rollup_month_pair_answers",
  "rollup_language",
] as const;

const DAY = "survey_version_id, day_vn, agency_id, field_id, counter_id, channel";
const MONTH = "survey_version_id, dim, month, key";
const MONTH_CELL = "survey_version_id, month, channel, agency_id, field_id, counter_id";
const PROFILE = "survey_version_id, profile_question, month, agency_id, profile_code, question, code";
const pairs = (k: number) => Array.from({ length: k }, () => "(?, ?)").join(", ");
const upsert = (key: string) => `on conflict (${key}) do update set n = n + excluded.n`;
/** The month grouping sets of one response: [dim, key] for every breakdown kept (schema ROLLUP_DIMS). */
const DIMS = "(values ('agency', ?), ('field', ?), ('counter', ?), ('channel', ?)) d";
const DAY_KEY = "survey_version_id = ? and day_vn = ? and agency_id = ? and field_id = ? and counter_id = ? and channel = ?";
/** The pair sets of one response (docs/decisions/0028-pair-rollups.md): (pair, key_a, key_b) for each of ROLLUP_PAIRS. */
const PAIRS = `(values ${ROLLUP_PAIRS.map((p) => `('${p}', ?, ?)`).join(", ")}) p`;
const PAIR = "survey_version_id, pair, key_a, key_b";
const LANGUAGE = "survey_version_id, day_vn, agency_id, channel, locale";
const MONTH_CELL_KEY = "survey_version_id = ? and month = ? and channel = ? and agency_id = ? and field_id = ? and counter_id = ?";

/*
 * Raw prepared statements, on purpose (docs/decisions/0018-one-of-each-and-raw-hot-paths.md): the upserts run
 * inside every ingest transaction (seven statements, ~22 roll-up rows per response before the month cells of
 * docs/decisions/0024-filtered-rollups.md) and the deletes inside every
 * completion of a vote. Drizzle's query builder measured 15–25× slower per call than a raw prepared statement and
 * its own prepared statements ≈ 4× (the stack notes); through these statements `npm run bench` ingests
 * 2 066 responses/s against 13 612/s for bare inserts (ratio 0.152). Parameters are typed from db/schema.ts
 * below; tests/integration/raw-sql-columns.test.ts prepares every statement here, in every shape, against a
 * database built from db/schema.ts, so a column renamed there without the SQL fails it.
 *
 * The upserts: one multi-row statement per table and response — VALUES lists of [question, code] pairs (and of
 * grouping sets, of profile answers) cross-joined to the cell's parameters — about twice as fast as a statement
 * per row. Cached per connection and per list length, which takes few values (a definition's questions).
 */
export const ROLLUP_SQL = {
  responsesDay: () => `insert into rollup_responses (${DAY}, n) values (?, ?, ?, ?, ?, ?, ?) ${upsert(DAY)}`,
  responsesMonth: () =>
    `insert into rollup_month_responses (${MONTH}, n) select ?, d.column1, ?, d.column2, ? from ${DIMS} where true ${upsert(MONTH)}`,
  answersDay: (k: number) =>
    `insert into rollup_answers (${DAY}, question, code, n) select ?, ?, ?, ?, ?, ?, column1, column2, ?
       from (values ${pairs(k)}) where true ${upsert(`${DAY}, question, code`)}`,
  answersMonth: (k: number) =>
    `insert into rollup_month_answers (${MONTH}, question, code, n) select ?, d.column1, ?, d.column2, a.column1, a.column2, ?
       from ${DIMS}, (values ${pairs(k)}) a where true ${upsert(`${MONTH}, question, code`)}`,
  responsesMonthCell: () => `insert into rollup_month_cell_responses (${MONTH_CELL}, n) values (?, ?, ?, ?, ?, ?, ?) ${upsert(MONTH_CELL)}`,
  answersMonthCell: (k: number) =>
    `insert into rollup_month_cell_answers (${MONTH_CELL}, question, code, n) select ?, ?, ?, ?, ?, ?, column1, column2, ?
       from (values ${pairs(k)}) where true ${upsert(`${MONTH_CELL}, question, code`)}`,
  responsesMonthPair: () =>
    `insert into rollup_month_pair_responses (${PAIR}, month, n) select ?, p.column1, p.column2, p.column3, ?, ? from ${PAIRS} where true
       ${upsert(`${PAIR}, month`)}`,
  answersMonthPair: (k: number) =>
    `insert into rollup_month_pair_answers (${PAIR}, question, code, month, n) select ?, p.column1, p.column2, p.column3, a.column1, a.column2, ?, ?
       from ${PAIRS}, (values ${pairs(k)}) a where true ${upsert(`${PAIR}, question, code, month`)}`,
  /** One row of the language roll-up: the response (question '') or its index question's answer. */
  language: () =>
    `insert into rollup_language (${LANGUAGE}, question, code, n) values (?, ?, ?, ?, ?, ?, ?, ?) ${upsert(`${LANGUAGE}, question, code`)}`,
  profile: (k: number, j: number) =>
    `insert into rollup_profile (${PROFILE}, n) select ?, p.column1, ?, ?, p.column2, a.column1, a.column2, ?
       from (values ${pairs(k)}) p, (values ${pairs(j)}) a where true ${upsert(PROFILE)}`,
  /** Keyed deletes of the rows a negative delta brought to zero (removeEmptyRollups). */
  emptyResponsesDay: () => `delete from rollup_responses where ${DAY_KEY} and n = 0`,
  emptyAnswersDay: () => `delete from rollup_answers where ${DAY_KEY} and n = 0`,
  emptyResponsesMonth: () => "delete from rollup_month_responses where survey_version_id = ? and dim = ? and month = ? and key = ? and n = 0",
  emptyAnswersMonth: () => "delete from rollup_month_answers where survey_version_id = ? and dim = ? and month = ? and key = ? and n = 0",
  emptyResponsesMonthCell: () => `delete from rollup_month_cell_responses where ${MONTH_CELL_KEY} and n = 0`,
  emptyAnswersMonthCell: () => `delete from rollup_month_cell_answers where ${MONTH_CELL_KEY} and n = 0`,
  emptyResponsesMonthPair: () =>
    "delete from rollup_month_pair_responses where survey_version_id = ? and pair = ? and key_a = ? and key_b = ? and month = ? and n = 0",
  emptyAnswersMonthPair: () =>
    "delete from rollup_month_pair_answers where survey_version_id = ? and pair = ? and key_a = ? and key_b = ? and month = ? and n = 0",
  emptyLanguage: () =>
    "delete from rollup_language where survey_version_id = ? and day_vn = ? and agency_id = ? and channel = ? and locale = ? and n = 0",
  emptyProfile: () => "delete from rollup_profile where survey_version_id = ? and profile_question = ? and month = ? and agency_id = ? and n = 0",
} as const;

type DayRow = typeof rollupResponses.$inferSelect;
type MonthRow = typeof rollupMonthResponses.$inferSelect;
type ProfileRow = typeof rollupProfile.$inferSelect;
type MonthCellRow = typeof rollupMonthCellResponses.$inferSelect;
type LanguageRow = typeof rollupLanguage.$inferSelect;
type LanguageKey = [LanguageRow["surveyVersionId"], LanguageRow["dayVn"], LanguageRow["agencyId"], LanguageRow["channel"], LanguageRow["locale"]];
/** A day cell's key, in the order of DAY. */
type DayKey = [DayRow["surveyVersionId"], DayRow["dayVn"], DayRow["agencyId"], DayRow["fieldId"], DayRow["counterId"], DayRow["channel"]];
/** The grouping sets' keys (agency, field, counter, channel), in the order of DIMS. */
/** A month cell's key, in the order of MONTH_CELL. */
type MonthCellKey = [
  MonthCellRow["surveyVersionId"],
  MonthCellRow["month"],
  MonthCellRow["channel"],
  MonthCellRow["agencyId"],
  MonthCellRow["fieldId"],
  MonthCellRow["counterId"],
];
type SetKeys = [MonthRow["key"], MonthRow["key"], MonthRow["key"], MonthRow["key"]];
type PairRow = typeof rollupMonthPairResponses.$inferSelect;
/** key_a, key_b of each pair set, flat, in the order of ROLLUP_PAIRS. */
type PairKeys = PairRow["keyA"][];
type Delta = DayRow["n"];
/** [question, code] pairs, flat. */
type Pairs = (string | number)[];

/** Each statement's parameters, in order. */
type Params = {
  responsesDay: [...DayKey, Delta];
  responsesMonth: [MonthRow["surveyVersionId"], MonthRow["month"], Delta, ...SetKeys];
  answersDay: [...DayKey, Delta, ...Pairs];
  answersMonth: [MonthRow["surveyVersionId"], MonthRow["month"], Delta, ...SetKeys, ...Pairs];
  responsesMonthCell: [...MonthCellKey, Delta];
  answersMonthCell: [...MonthCellKey, Delta, ...Pairs];
  responsesMonthPair: [PairRow["surveyVersionId"], PairRow["month"], Delta, ...PairKeys];
  /** The pair keys, then the [question, code] pairs. */
  answersMonthPair: [PairRow["surveyVersionId"], PairRow["month"], Delta, ...(PairKeys[number] | Pairs[number])[]];
  language: [...LanguageKey, LanguageRow["question"], LanguageRow["code"], Delta];
  profile: [ProfileRow["surveyVersionId"], ProfileRow["month"], ProfileRow["agencyId"], Delta, ...Pairs];
  emptyResponsesDay: DayKey;
  emptyAnswersDay: DayKey;
  emptyResponsesMonth: [MonthRow["surveyVersionId"], MonthRow["dim"], MonthRow["month"], MonthRow["key"]];
  emptyAnswersMonth: [MonthRow["surveyVersionId"], MonthRow["dim"], MonthRow["month"], MonthRow["key"]];
  emptyResponsesMonthCell: MonthCellKey;
  emptyAnswersMonthCell: MonthCellKey;
  emptyResponsesMonthPair: [PairRow["surveyVersionId"], PairRow["pair"], PairRow["keyA"], PairRow["keyB"], PairRow["month"]];
  emptyAnswersMonthPair: [PairRow["surveyVersionId"], PairRow["pair"], PairRow["keyA"], PairRow["keyB"], PairRow["month"]];
  emptyLanguage: LanguageKey;
  emptyProfile: [ProfileRow["surveyVersionId"], ProfileRow["profileQuestion"], ProfileRow["month"], ProfileRow["agencyId"]];
};
type Name = keyof typeof ROLLUP_SQL;

const cache = new WeakMap<Database.Database, Map<string, Database.Statement<unknown[]>>>();
function statement<N extends Name>(sqlite: Database.Database, name: N, k = 1, j = 1): Database.Statement<Params[N]> {
  let map = cache.get(sqlite);
  if (!map) cache.set(sqlite, (map = new Map()));
  const key = `${name}:${k}:${j}`;
  let s = map.get(key);
  if (!s) map.set(key, (s = sqlite.prepare(ROLLUP_SQL[name](k, j))));
  // The map holds every name's statement; the key says which one this is.
  return s as Database.Statement<Params[N]>;
}

/**
 * Adds one reportable response (delta 1) or takes it away (delta −1, e.g. when it is voided) in every
 * roll-up. Call it inside the transaction that writes or changes the response.
 */
export function addToRollups(db: Db, def: SurveyDefinition, cell: RollupCell, rows: readonly AnswerRowLike[], delta = 1): void {
  const sqlite = db.$client;
  const { surveyVersionId: v, dayVn, agencyId, fieldId, counterId, channel } = cell;
  const month = dayVn.slice(0, 7);
  const sets: SetKeys = [String(agencyId), String(fieldId), String(counterId), channel];
  statement(sqlite, "responsesDay").run(v, dayVn, agencyId, fieldId, counterId, channel, delta);
  statement(sqlite, "responsesMonth").run(v, month, delta, ...sets);
  statement(sqlite, "responsesMonthCell").run(v, month, channel, agencyId, fieldId, counterId, delta);
  const pairKeys = pairKeysOf(cell).flatMap(([, a, b]) => [a, b]);
  statement(sqlite, "responsesMonthPair").run(v, month, delta, ...pairKeys);
  const language: LanguageKey = [v, dayVn, agencyId, channel, cell.locale];
  statement(sqlite, "language").run(...language, "", 0, delta);
  if (def.method.index === "question") {
    const index = def.method.question;
    for (const row of rows) if (row.question === index && row.code !== null) statement(sqlite, "language").run(...language, index, row.code, delta);
  }
  const { answers, profile } = rollupRows(def, rows);
  if (answers.length === 0) return;
  const flat = answers.flat();
  statement(sqlite, "answersDay", answers.length).run(v, dayVn, agencyId, fieldId, counterId, channel, delta, ...flat);
  statement(sqlite, "answersMonth", answers.length).run(v, month, delta, ...sets, ...flat);
  statement(sqlite, "answersMonthCell", answers.length).run(v, month, channel, agencyId, fieldId, counterId, delta, ...flat);
  statement(sqlite, "answersMonthPair", answers.length).run(v, month, delta, ...pairKeys, ...flat);
  if (profile.length > 0) {
    statement(sqlite, "profile", profile.length, answers.length).run(v, month, agencyId, delta, ...profile.flat(), ...flat);
  }
}

/**
 * Deletes the rows of one cell (its day cell, its month grouping sets, its profile rows) whose count fell to
 * zero after a negative delta, so that the tables hold exactly what `rebuildRollups` would write: readers
 * list a group when it has a row, and a group of zero responses must not appear. Keyed deletes only.
 */
export function removeEmptyRollups(db: Db, def: SurveyDefinition, cell: RollupCell): void {
  const sqlite = db.$client;
  const { surveyVersionId: v, dayVn, agencyId, fieldId, counterId, channel } = cell;
  const month = dayVn.slice(0, 7);
  const day: DayKey = [v, dayVn, agencyId, fieldId, counterId, channel];
  statement(sqlite, "emptyResponsesDay").run(...day);
  statement(sqlite, "emptyAnswersDay").run(...day);
  const monthCell: MonthCellKey = [v, month, channel, agencyId, fieldId, counterId];
  statement(sqlite, "emptyResponsesMonthCell").run(...monthCell);
  statement(sqlite, "emptyAnswersMonthCell").run(...monthCell);
  const sets = [
    ["agency", String(agencyId)],
    ["field", String(fieldId)],
    ["counter", String(counterId)],
    ["channel", channel],
  ] as const;
  for (const name of ["emptyResponsesMonth", "emptyAnswersMonth"] as const) {
    for (const [dim, key] of sets) statement(sqlite, name).run(v, dim, month, key);
  }
  statement(sqlite, "emptyLanguage").run(v, dayVn, agencyId, channel, cell.locale);
  for (const [pair, a, b] of pairKeysOf(cell)) {
    statement(sqlite, "emptyResponsesMonthPair").run(v, pair, a, b, month);
    statement(sqlite, "emptyAnswersMonthPair").run(v, pair, a, b, month);
  }
  for (const question of profileQuestions(def)) statement(sqlite, "emptyProfile").run(v, question, month, agencyId);
}

/** The cell's keys in each pair set, as the month sets write them (ids as text, '0' = none; channel codes). */
function pairKeysOf(cell: RollupCell): [RollupPair, string, string][] {
  const keys: Record<RollupDim, string> = {
    agency: String(cell.agencyId),
    field: String(cell.fieldId),
    counter: String(cell.counterId),
    channel: cell.channel,
  };
  return ROLLUP_PAIRS.map((pair) => {
    const [a, b] = pair.split(":") as [RollupDim, RollupDim];
    return [pair, keys[a], keys[b]];
  });
}

type RawRow = RollupCell & { responseId: number; question: string | null; code: number | null };

/**
 * The rebuild's one read, raw like the writes it feeds: every reportable response with its answers, by id
 * chunk (a statement cannot run while another is being iterated on the same connection). Typed by RawRow.
 */
export const REBUILD_READ_SQL = `select r.id as responseId, r.survey_version_id as surveyVersionId, r.day_vn as dayVn, r.agency_id as agencyId,
            coalesce(r.field_id, 0) as fieldId, coalesce(r.counter_id, 0) as counterId, r.channel, r.locale,
            a.question, a.code
       from responses r left join answers a on a.response_id = r.id
      where r.id between ? and ? and ${reportableSql("r")}
      order by r.id`;

/**
 * Empties the roll-ups and counts every reportable response again from `responses` and `answers`, in one
 * transaction (readers keep seeing the old counts until it commits). Returns the responses counted.
 */
export function rebuildRollups(db: Db, { chunk = 5000 } = {}): { responses: number } {
  const sqlite = db.$client;
  const defs = new Map<number, SurveyDefinition>();
  for (const row of db.select({ id: surveyVersions.id, definition: surveyVersions.definition }).from(surveyVersions).all()) {
    defs.set(row.id, surveyDefinitionSchema.parse(row.definition));
  }
  const read = sqlite.prepare<[lo: number, hi: number], RawRow>(REBUILD_READ_SQL);
  const bounds = db
    .select({ lo: sql<number>`coalesce(min(${responses.id}), 0)`, hi: sql<number>`coalesce(max(${responses.id}), -1)` })
    .from(responses)
    .get()!;
  let counted = 0;
  sqlite
    .transaction(() => {
      // Whole tables emptied, once per rebuild (the names are checked against the schema with the statements above).
      for (const table of ROLLUP_TABLES) sqlite.prepare(`delete from ${table}`).run();
      for (let lo = bounds.lo; lo <= bounds.hi; lo += chunk) {
        let current: RawRow | undefined;
        let rows: AnswerRowLike[] = [];
        const flush = () => {
          if (!current) return;
          addToRollups(db, defs.get(current.surveyVersionId)!, current, rows);
          counted++;
        };
        for (const row of read.all(lo, lo + chunk - 1)) {
          if (row.responseId !== current?.responseId) {
            flush();
            current = row;
            rows = [];
          }
          if (row.question !== null) rows.push({ question: row.question, code: row.code });
        }
        flush();
      }
    })
    .immediate();
  return { responses: counted };
}
