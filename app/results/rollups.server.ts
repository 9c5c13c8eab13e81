/**
 * Writing the roll-ups (docs/decisions/0003-rollups.md). `addToRollups` runs inside the ingest
 * transaction, so a response and its counts commit together; `rebuildRollups` recomputes every table
 * from the raw answers through the same function. Raw prepared statements: this is the insert hot path.
 */
import type Database from "better-sqlite3";

import type { Db } from "../../db/client";
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
};

export const ROLLUP_TABLES = [
  "rollup_responses",
  "rollup_answers",
  "rollup_month_responses",
  "rollup_month_answers",
  "rollup_profile",
] as const;

const DAY = "survey_version_id, day_vn, agency_id, field_id, counter_id, channel";
const MONTH = "survey_version_id, dim, month, key";
const PROFILE = "survey_version_id, profile_question, month, agency_id, profile_code, question, code";
const pairs = (k: number) => Array.from({ length: k }, () => "(?, ?)").join(", ");
const upsert = (key: string) => `on conflict (${key}) do update set n = n + excluded.n`;
/** The month grouping sets of one response: [dim, key] for every breakdown kept (schema ROLLUP_DIMS). */
const DIMS = "(values ('agency', ?), ('field', ?), ('counter', ?), ('channel', ?)) d";

/*
 * One multi-row upsert per table and response — VALUES lists of [question, code] pairs (and of grouping
 * sets, of profile answers) cross-joined to the cell's parameters — about twice as fast as a statement
 * per row. Cached per connection and per list length, which takes few values (a definition's questions).
 */
const SQL: Record<string, (k: number, j: number) => string> = {
  responsesDay: () => `insert into rollup_responses (${DAY}, n) values (?, ?, ?, ?, ?, ?, ?) ${upsert(DAY)}`,
  responsesMonth: () =>
    `insert into rollup_month_responses (${MONTH}, n) select ?, d.column1, ?, d.column2, ? from ${DIMS} where true ${upsert(MONTH)}`,
  answersDay: (k) =>
    `insert into rollup_answers (${DAY}, question, code, n) select ?, ?, ?, ?, ?, ?, column1, column2, ?
       from (values ${pairs(k)}) where true ${upsert(`${DAY}, question, code`)}`,
  answersMonth: (k) =>
    `insert into rollup_month_answers (${MONTH}, question, code, n) select ?, d.column1, ?, d.column2, a.column1, a.column2, ?
       from ${DIMS}, (values ${pairs(k)}) a where true ${upsert(`${MONTH}, question, code`)}`,
  profile: (k, j) =>
    `insert into rollup_profile (${PROFILE}, n) select ?, p.column1, ?, ?, p.column2, a.column1, a.column2, ?
       from (values ${pairs(k)}) p, (values ${pairs(j)}) a where true ${upsert(PROFILE)}`,
};

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function statement(sqlite: Database.Database, name: string, k = 1, j = 1): Database.Statement {
  let map = cache.get(sqlite);
  if (!map) cache.set(sqlite, (map = new Map()));
  const key = `${name}:${k}:${j}`;
  let s = map.get(key);
  if (!s) map.set(key, (s = sqlite.prepare(SQL[name]!(k, j))));
  return s;
}

/**
 * Adds one reportable response (delta 1) or takes it away (delta −1, e.g. when it is voided) in every
 * roll-up. Call it inside the transaction that writes or changes the response.
 */
export function addToRollups(db: Db, def: SurveyDefinition, cell: RollupCell, rows: readonly AnswerRowLike[], delta = 1): void {
  const sqlite = db.$client;
  const { surveyVersionId: v, dayVn, agencyId, fieldId, counterId, channel } = cell;
  const month = dayVn.slice(0, 7);
  const sets = [String(agencyId), String(fieldId), String(counterId), channel];
  statement(sqlite, "responsesDay").run(v, dayVn, agencyId, fieldId, counterId, channel, delta);
  statement(sqlite, "responsesMonth").run(v, month, delta, ...sets);
  const { answers, profile } = rollupRows(def, rows);
  if (answers.length === 0) return;
  const flat = answers.flat();
  statement(sqlite, "answersDay", answers.length).run(v, dayVn, agencyId, fieldId, counterId, channel, delta, ...flat);
  statement(sqlite, "answersMonth", answers.length).run(v, month, delta, ...sets, ...flat);
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
  const dayKey = `survey_version_id = ? and day_vn = ? and agency_id = ? and field_id = ? and counter_id = ? and channel = ?`;
  const dayArgs = [v, dayVn, agencyId, fieldId, counterId, channel];
  sqlite.prepare(`delete from rollup_responses where ${dayKey} and n = 0`).run(...dayArgs);
  sqlite.prepare(`delete from rollup_answers where ${dayKey} and n = 0`).run(...dayArgs);
  const sets: [string, string][] = [["agency", String(agencyId)], ["field", String(fieldId)], ["counter", String(counterId)], ["channel", channel]];
  for (const table of ["rollup_month_responses", "rollup_month_answers"]) {
    const remove = sqlite.prepare(`delete from ${table} where survey_version_id = ? and dim = ? and month = ? and key = ? and n = 0`);
    for (const [dim, key] of sets) remove.run(v, dim, month, key);
  }
  const removeProfile = sqlite.prepare(
    "delete from rollup_profile where survey_version_id = ? and profile_question = ? and month = ? and agency_id = ? and n = 0",
  );
  for (const question of profileQuestions(def)) removeProfile.run(v, question, month, agencyId);
}

type RawRow = RollupCell & { responseId: number; question: string | null; code: number | null };

/**
 * Empties the roll-ups and counts every reportable response again from `responses` and `answers`, in one
 * transaction (readers keep seeing the old counts until it commits). Returns the responses counted.
 */
export function rebuildRollups(db: Db, { chunk = 5000 } = {}): { responses: number } {
  const sqlite = db.$client;
  const defs = new Map<number, SurveyDefinition>();
  for (const row of sqlite.prepare("select id, definition from survey_versions").all() as { id: number; definition: string }[]) {
    defs.set(row.id, surveyDefinitionSchema.parse(JSON.parse(row.definition)));
  }
  // A statement cannot run while another is being iterated on the same connection: read in id chunks.
  const read = sqlite.prepare<[number, number], RawRow>(
    `select r.id as responseId, r.survey_version_id as surveyVersionId, r.day_vn as dayVn, r.agency_id as agencyId,
            coalesce(r.field_id, 0) as fieldId, coalesce(r.counter_id, 0) as counterId, r.channel,
            a.question, a.code
       from responses r left join answers a on a.response_id = r.id
      where r.id between ? and ? and ${reportableSql("r")}
      order by r.id`,
  );
  const bounds = sqlite.prepare("select coalesce(min(id), 0) as lo, coalesce(max(id), -1) as hi from responses").get() as {
    lo: number;
    hi: number;
  };
  let responses = 0;
  sqlite.transaction(() => {
    for (const table of ROLLUP_TABLES) sqlite.prepare(`delete from ${table}`).run();
    for (let lo = bounds.lo; lo <= bounds.hi; lo += chunk) {
      let current: RawRow | undefined;
      let rows: AnswerRowLike[] = [];
      const flush = () => {
        if (!current) return;
        addToRollups(db, defs.get(current.surveyVersionId)!, current, rows);
        responses++;
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
  }).immediate();
  return { responses };
}
