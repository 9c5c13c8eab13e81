/**
 * Raw responses as CSV, streamed: one row per response (envelope columns, then one column per question
 * code of the survey's latest definition), UTF-8 with a BOM so that Excel shows Vietnamese. Responses come
 * from one SQLite iterator in (day, stored time, UUID) order — the days in index order, SQLite sorting only
 * a day's responses — and each one's answers from a lookup by `answers_response_idx`. Never by row id: that
 * is the order of arrival, and QR and kiosk times are cut to the hour so that the n-th rating of an hour
 * cannot be matched with a queue log (issue 16, finding 3); the UUIDs of those ratings are random (made by
 * the page and the kiosk). A separate read-only connection inside one read transaction: the expected total
 * and the rows are one snapshot, and the app's connection stays free for other requests while a long export
 * runs. Chunks of ~16 KB are made only when the reader asks for them (pull), so memory does not grow with
 * the number of responses. Lines are written by the app's one CSV writer (app/csv/write.server.ts), which
 * also makes formula-like free text inert.
 */
import Database from "better-sqlite3";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";

import * as schema from "../../db/schema";
import { agencies, answers, counters, fields, responses, surveyVersions } from "../../db/schema";
import { countResponses, responseWhere, type ResponseFilter } from "../responses/filter.server";
import { CSV_BOM, csvRows, type CsvCell } from "../csv/write.server";
import { vietnamIso } from "../i18n/vn-time";
import { allQuestions, type SurveyDefinition } from "../survey/definition";

/** Agency code (an agency head's own, or chosen), field code, channel. */
export type CsvFilter = Pick<ResponseFilter, "survey" | "from" | "to" | "agency" | "field" | "channel">;

const ENVELOPE = ["ma_phieu", "khao_sat", "phien_ban", "co_quan", "linh_vuc", "quay", "kenh", "ngon_ngu", "thoi_diem", "ngay"] as const;
/*
 * ~16 KB, Node's own stream buffer size. A chunk stays alive while the next ones are written (the pipe reads
 * one ahead, gzip compresses it on another thread); if writing them makes enough garbage for V8 to collect
 * twice meanwhile, the chunk moves to the old generation and its bytes stay until a full collection. With
 * 64 KB chunks and csv-stringify's garbage per cell, a gzipped export to a client that stopped reading left
 * the server holding about the file's size (tests/e2e/slow-client.spec.ts: +17 MB for 17.9 MB); at 16 KB,
 * under 1 MB, as before.
 */
const CHUNK = 16 * 1024;
/** Responses per call of the CSV writer: a few KB, so chunks stay near CHUNK. */
const BATCH = 16;

type Row = [
  id: number,
  uuid: string,
  version: number,
  agency: string,
  field: string | null,
  counter: string | null,
  channel: string,
  locale: string,
  at: number,
  day: string,
];
type AnswerRow = [question: string, code: number | null, text: string | null];

/**
 * Opens the export: `total` is the number of rows it will write (for the progress bar), `stream` the
 * bytes. `dbFile` is the live database's path; the export opens its own read-only connection and closes
 * it when the stream ends or is cancelled.
 */
export function csvExport(dbFile: string, def: SurveyDefinition, filter: CsvFilter): { total: number; stream: ReadableStream<Uint8Array> } {
  const questions = allQuestions(def).map((q) => q.code);
  const column = new Map(questions.map((q, i) => [q, i]));
  const sqlite = new Database(dbFile, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema });
  sqlite.exec("begin"); // one snapshot for the count and the rows
  const total = countResponses(db, filter);
  // Responses only are sorted (within each day: the day comes from the index); their answers are read one
  // response at a time by answers_response_idx, so no day's answers are ever held for a sort. `sql` templates
  // over the schema's columns, run as raw positional statements: Drizzle can say neither `indexed by` (without
  // it a field filter would pick responses_field_idx and sort the field's whole period) nor a lazy iterator,
  // and mapping each of a year's millions of answer rows to an object is the cost a long export cannot afford.
  const dialect = new SQLiteSyncDialect();
  const rowsQuery = dialect.sqlToQuery(sql`
    select ${responses.id}, ${responses.uuid}, ${surveyVersions.version}, ${agencies.code}, ${fields.code}, ${counters.code},
           ${responses.channel}, ${responses.locale}, ${responses.submittedAt}, ${responses.dayVn}
      from ${responses} indexed by responses_survey_day_idx
      join ${surveyVersions} on ${eq(surveyVersions.id, responses.surveyVersionId)}
      join ${agencies} on ${eq(agencies.id, responses.agencyId)}
      left join ${fields} on ${eq(fields.id, responses.fieldId)}
      left join ${counters} on ${eq(counters.id, responses.counterId)}
     where ${responseWhere(db, filter)}
     order by ${responses.dayVn}, ${responses.submittedAt}, ${responses.uuid}`);
  // Positional rows in the order selected (`Row`, `AnswerRow`).
  const rows = sqlite
    .prepare(rowsQuery.sql)
    .raw(true)
    .iterate(...rowsQuery.params) as IterableIterator<Row>;
  const answersOf = sqlite
    .prepare<[number], AnswerRow>(
      dialect.sqlToQuery(sql`select ${answers.question}, ${answers.code}, ${answers.text} from ${answers} where ${answers.responseId} = ?`).sql,
    )
    .raw(true);

  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    rows.return?.();
    if (sqlite.inTransaction) sqlite.exec("commit");
    sqlite.close();
  };

  /** One response's cells: its envelope, then its answers by question (multi-select codes joined by ";"). */
  const cellsOf = (r: Row): CsvCell[] => {
    const cells: CsvCell[] = questions.map(() => null);
    for (const [question, code, text] of answersOf.all(r[0]) as AnswerRow[]) {
      const at = column.get(question);
      if (at === undefined) continue; // a question of an older version
      if (text !== null) cells[at] = text;
      else if (code !== null) cells[at] = cells[at] === null ? code : `${cells[at]};${code}`;
    }
    return [r[1], filter.survey, r[2], r[3], r[4], r[5], r[6], r[7], vietnamIso(r[8]), r[9], ...cells];
  };
  /** The next `BATCH` responses as CSV lines (fewer at the end); `ended` once the rows are exhausted. */
  const nextLines = (): { text: string; ended: boolean } => {
    const batch: CsvCell[][] = [];
    for (let next = rows.next(); !next.done; next = rows.next()) {
      batch.push(cellsOf(next.value));
      if (batch.length === BATCH) return { text: csvRows(batch), ended: false };
    }
    return { text: batch.length ? csvRows(batch) : "", ended: true };
  };
  const encoder = new TextEncoder();
  let pending = CSV_BOM + csvRows([[...ENVELOPE, ...questions]]);

  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      try {
        let ended = false;
        while (pending.length < CHUNK && !ended) {
          const next = nextLines();
          pending += next.text;
          ended = next.ended;
        }
        if (pending) controller.enqueue(encoder.encode(pending));
        pending = "";
        if (ended) {
          close();
          controller.close();
        }
      } catch (error) {
        close();
        controller.error(error);
      }
    },
    cancel() {
      close();
    },
  });
  return { total, stream };
}

/** File name with the period and scope: "phieu-sipas-2026-07-01-2026-09-30-TTHCC.csv". */
export function csvFileName(f: CsvFilter): string {
  return `phieu-${f.survey}-${f.from}-${f.to}-${f.agency ?? "tinh"}.csv`;
}
