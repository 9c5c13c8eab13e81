/**
 * Raw responses as CSV, streamed: one row per response (envelope columns, then one column per question
 * code of the survey's latest definition), UTF-8 with a BOM so that Excel shows Vietnamese. Responses come
 * from one SQLite iterator in (day, stored time, UUID) order — the days in index order, SQLite sorting only
 * a day's responses — and each one's answers from a lookup by `answers_response_idx`. Never by row id: that
 * is the order of arrival, and QR and kiosk times are cut to the hour so that the n-th rating of an hour
 * cannot be matched with a queue log (issue 16, finding 3); the UUIDs of those ratings are random (made by
 * the page and the kiosk). A separate read-only connection inside one read transaction: the expected total
 * and the rows are one snapshot, and the app's connection stays free for other requests while a long export
 * runs. Chunks of ~64 KB are made only when the reader asks for them (pull), so memory does not grow with
 * the number of responses.
 */
import Database from "better-sqlite3";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";

import * as schema from "../../db/schema";
import { agencies, answers, counters, fields, responses, surveyVersions } from "../../db/schema";
import { countResponses, responseWhere, type ResponseFilter } from "../responses/filter.server";
import { allQuestions, type SurveyDefinition } from "../survey/definition";

/** Agency code (an agency head's own, or chosen), field code, channel. */
export type CsvFilter = Pick<ResponseFilter, "survey" | "from" | "to" | "agency" | "field" | "channel">;

const ENVELOPE = ["ma_phieu", "khao_sat", "phien_ban", "co_quan", "linh_vuc", "quay", "kenh", "ngon_ngu", "thoi_diem", "ngay"] as const;
const CHUNK = 64 * 1024;
const BOM = "\uFEFF";

/**
 * A cell as Excel reads it safely: free text starting with = + - @ (or a tab / carriage return) would be
 * taken for a formula ("CSV injection"), so it gets a leading apostrophe; quotes, separators and line
 * breaks are quoted.
 */
export function csvText(value: string): string {
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) || inert !== value ? `"${inert.replace(/"/g, '""')}"` : inert;
}

type Row = [id: number, uuid: string, version: number, agency: string, field: string | null, counter: string | null, channel: string, locale: string, at: number, day: string];
type AnswerRow = [question: string, code: number | null, text: string | null];

/** ISO 8601 in Vietnam time: "2026-08-14T09:12:00+07:00" (the API's own format). */
const vietnamIso = (ms: number) => `${new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;

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
  const rows = sqlite.prepare(rowsQuery.sql).raw(true).iterate(...rowsQuery.params) as IterableIterator<Row>;
  const answersOf = sqlite
    .prepare<[number], AnswerRow>(dialect.sqlToQuery(sql`select ${answers.question}, ${answers.code}, ${answers.text} from ${answers} where ${answers.responseId} = ?`).sql)
    .raw(true);

  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    rows.return?.();
    if (sqlite.inTransaction) sqlite.exec("commit");
    sqlite.close();
  };

  /** One response's line: its envelope, then its answers by question (multi-select codes joined by ";"). */
  const line = (r: Row) => {
    const cells = questions.map(() => "");
    for (const [question, code, text] of answersOf.all(r[0]) as AnswerRow[]) {
      const at = column.get(question);
      if (at === undefined) continue; // a question of an older version
      if (text !== null) cells[at] = csvText(text);
      else if (code !== null) cells[at] = cells[at] ? `${cells[at]};${code}` : String(code);
    }
    const envelope = [r[1], filter.survey, String(r[2]), r[3], r[4] ?? "", r[5] ?? "", r[6], r[7], vietnamIso(r[8]), r[9]].map(csvText);
    return `${[...envelope, ...cells].join(",")}\r\n`;
  };
  const encoder = new TextEncoder();
  let pending = BOM + [...ENVELOPE, ...questions].join(",") + "\r\n";

  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      try {
        while (pending.length < CHUNK) {
          const next = rows.next();
          if (next.done) {
            close();
            if (pending) controller.enqueue(encoder.encode(pending));
            pending = "";
            controller.close();
            return;
          }
          pending += line(next.value);
        }
        controller.enqueue(encoder.encode(pending));
        pending = "";
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
