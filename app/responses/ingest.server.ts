/**
 * The one write path for responses: the QR form, `import-responses` and (later) the API and tablets all
 * call `ingestResponse`. It validates against the definition, resolves directory codes, and stores the
 * response exactly once: the client-made id is the idempotency key (same id + same content = duplicate,
 * same id + other content = conflict, first kept). Hot path: raw prepared statements (see INGEST_SQL), one
 * transaction.
 */
import type Database from "better-sqlite3";
import crypto from "node:crypto";

import type { Db } from "../../db/client";
import type * as schema from "../../db/schema";
import { dossierHash } from "~/dossiers/hash.server";
import { vietnamDay } from "~/method/period";
import { storedInstant } from "./privacy";
import { answerRows, buildResponseSchema, canonicalContent, responseEnvelopeSchema, type CheckedResponse } from "~/survey/response";
import type { SurveyRegistry } from "~/survey/registry.server";
import type { ResponseStatus } from "~/survey/codes";
import { isReportable } from "~/results/reportable";
import { addToRollups } from "~/results/rollups.server";
import { knownLanguage } from "~/languages/known.server";
import { compareSlots, loadStored, VOTE_CHANNELS, writeCompletion } from "./complete.server";

/** A problem with a submission: an i18n key of `validation.*` with its parameters, and where. */
export type IngestIssue = { path: string; key: string; params: Record<string, string | number> };

export type IngestResult =
  | { status: "created"; id: string; responseId: number }
  | { status: "duplicate"; id: string; responseId: number }
  /** A vote (QR, kiosk) given its details: empty slots filled, nothing changed (complete.server.ts). */
  | { status: "completed"; id: string; responseId: number }
  | { status: "conflict"; id: string }
  /** The dossier was already rated (by another submission): nothing stored, refused politely. */
  | { status: "dossierRated"; id: string }
  | { status: "invalid"; id?: string; issues: IngestIssue[] };

export type IngestOptions = {
  /** Where it came from, recorded with a conflict: "qr", "api", "import:file.jsonl"… */
  source: string;
  /** Interactive forms insist on required answers; the API and imports accept blanks. */
  requireRequired?: boolean;
  now?: () => number;
  /**
   * How dossier codes are handled: the secret keying their hash, and whether only imported dossiers are
   * accepted (REQUIRE_KNOWN_DOSSIER). Needed by every caller that may receive a `dossier`.
   */
  dossiers?: { secret: string; requireKnown: boolean };
  /** The API key that submitted it (kiosk, surveyor tablet, integration): which device, for the supervisor. */
  apiKeyId?: number;
  /**
   * Refuse a new rating for a counter that an administrator disabled (the API and the QR page; imports of
   * past paper forms may still name it). A completion or replay of a stored rating is never refused.
   */
  refuseInactiveCounter?: boolean;
  /**
   * Keep refused versions for a supervisor (default). The QR page does not: a citizen who goes Back and picks
   * another face sends a version of the same page that nobody needs to look at (the first stands).
   */
  recordConflicts?: boolean;
};

/** At most this many refused versions of one id are kept for a supervisor; later ones are refused unrecorded. */
export const MAX_CONFLICTS_PER_ID = 5;

const EARLIEST_INSTANT = Date.UTC(2000, 0, 1);
const FUTURE_TOLERANCE_MS = 2 * 86_400_000;

const ENVELOPE_KEYS = new Set([
  "dossier.invalidCode",
  "invalidId",
  "invalidCode",
  "invalidChannel",
  "invalidInstant",
  "invalidLocale",
  "invalidInterpreter",
  "invalidAnswers",
]);

/*
 * Raw prepared statements, on purpose (docs/decisions/0018-one-of-each-and-raw-hot-paths.md): this is the insert
 * hot path, a dozen statements per response inside one transaction. Drizzle's query builder measured 15–25×
 * slower per call than a raw prepared statement and its own prepared statements ≈ 4× (the stack notes); through
 * these statements `npm run bench` ingests 2 066 responses/s against 13 612/s for bare inserts (ratio 0.152),
 * and that figure must stay within 10 %. Parameters and rows are typed from db/schema.ts below;
 * tests/integration/raw-sql-columns.test.ts prepares every statement against a database built from
 * db/schema.ts, so a column renamed there without the SQL fails it.
 */
export const INGEST_SQL = {
  byUuid: "select id, content_hash as contentHash, status from responses where uuid = ?",
  agency: "select id from agencies where code = ?",
  officer: "select agency_id as agencyId from officers where id = ?",
  field: "select id from fields where code = ?",
  procedure: "select id from procedures where code = ?",
  counter: "select id, agency_id as agencyId, active from counters where code = ?",
  insertResponse: `insert into responses (uuid, survey_version_id, survey_id, agency_id, field_id, procedure_id, counter_id,
         channel, locale, submitted_at, day_vn, received_at, content_hash, status, dossier_hash, api_key_id, officer_id, interpreter)
       values (@uuid, @surveyVersionId, @surveyId, @agencyId, @fieldId, @procedureId, @counterId,
         @channel, @locale, @submittedAt, @dayVn, @receivedAt, @contentHash, @status, @dossierHash, @apiKeyId, @officerId, @interpreter)`,
  dossierRated: "select id from responses where dossier_hash = ?",
  dossierKnown: "select id from dossiers where code_hash = ?",
  /** All answers of a response in one statement, per row count (few values: a definition's questions). */
  insertAnswers: (count: number) =>
    `insert into answers (response_id, question, code, text) values ${Array.from({ length: count }, () => "(?, ?, ?, ?)").join(", ")}`,
  insertConflict: "insert into response_conflicts (uuid, received_at, content_hash, payload, source) values (?, ?, ?, ?, ?)",
  conflictCount: "select count(*) as n from response_conflicts where uuid = ?",
} as const;

type ResponseRow = typeof schema.responses.$inferSelect;
/** Every column of a new response but its id, each given (null where none): the named parameters above. */
type NewResponse = Required<Omit<typeof schema.responses.$inferInsert, "id">>;
type NewAnswer = Required<typeof schema.answers.$inferInsert>;
type Conflict = typeof schema.responseConflicts.$inferSelect;
type Code = (typeof schema.agencies.$inferSelect)["code"];
type Id = { id: number };

type Statements = ReturnType<typeof prepare>;
const cache = new WeakMap<Database.Database, Statements>();

function prepare(sqlite: Database.Database) {
  type AnswerValues = NewAnswer[keyof NewAnswer][];
  // One array argument (better-sqlite3 binds its items in order), as the rows are built.
  const answerStatements = new Map<number, Database.Statement<[AnswerValues]>>();
  return {
    byUuid: sqlite.prepare<[ResponseRow["uuid"]], Pick<ResponseRow, "id" | "contentHash" | "status">>(INGEST_SQL.byUuid),
    agency: sqlite.prepare<[Code], Id>(INGEST_SQL.agency),
    officer: sqlite.prepare<[number], Pick<typeof schema.officers.$inferSelect, "agencyId">>(INGEST_SQL.officer),
    field: sqlite.prepare<[Code], Id>(INGEST_SQL.field),
    procedure: sqlite.prepare<[Code], Id>(INGEST_SQL.procedure),
    // `active` as SQLite stores it (0 or 1): Drizzle's boolean mode does not apply to a raw statement.
    counter: sqlite.prepare<[Code], Pick<typeof schema.counters.$inferSelect, "id" | "agencyId"> & { active: number }>(INGEST_SQL.counter),
    insertResponse: sqlite.prepare<NewResponse>(INGEST_SQL.insertResponse),
    dossierRated: sqlite.prepare<[NonNullable<ResponseRow["dossierHash"]>], Id>(INGEST_SQL.dossierRated),
    dossierKnown: sqlite.prepare<[(typeof schema.dossiers.$inferSelect)["codeHash"]], Id>(INGEST_SQL.dossierKnown),
    /** [response_id, question, code, text] × count, flat. */
    insertAnswers: (count: number) => {
      let statement = answerStatements.get(count);
      if (!statement) answerStatements.set(count, (statement = sqlite.prepare<[AnswerValues]>(INGEST_SQL.insertAnswers(count))));
      return statement;
    },
    insertConflict: sqlite.prepare<[Conflict["uuid"], Conflict["receivedAt"], Conflict["contentHash"], Conflict["payload"], Conflict["source"]]>(
      INGEST_SQL.insertConflict,
    ),
    conflictCount: sqlite.prepare<[Conflict["uuid"]], { n: number }>(INGEST_SQL.conflictCount),
  };
}

function statements(db: Db): Statements {
  let s = cache.get(db.$client);
  if (!s) cache.set(db.$client, (s = prepare(db.$client)));
  return s;
}

function zodIssues(issues: readonly { path: PropertyKey[]; message: string; params?: unknown }[]): IngestIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    const field = String(issue.path[0] ?? "");
    const params = { field, ...((issue.params as Record<string, string | number> | undefined) ?? {}) };
    const key = path.startsWith("answers.") || issue.message === "unknownSurvey" || ENVELOPE_KEYS.has(issue.message) ? issue.message : "invalidField";
    return { path, key, params };
  });
}

/** Validates and resolves a submission without writing anything. */
export function checkSubmission(
  db: Db,
  surveys: SurveyRegistry,
  body: unknown,
  options: Pick<IngestOptions, "requireRequired" | "now"> = {},
): { ok: true; response: CheckedResponse; ids: ResolvedIds; versionId: number } | { ok: false; id?: string; issues: IngestIssue[] } {
  const envelope = responseEnvelopeSchema.safeParse(body);
  if (!envelope.success) {
    const id = typeof (body as { id?: unknown })?.id === "string" ? (body as { id: string }).id : undefined;
    return { ok: false, id, issues: zodIssues(envelope.error.issues) };
  }
  const survey = surveys.get(envelope.data.survey);
  if (!survey) {
    return {
      ok: false,
      id: envelope.data.id,
      issues: [{ path: "survey", key: "unknownSurvey", params: { value: envelope.data.survey } }],
    };
  }
  const parsed = buildResponseSchema(survey.def, { requireRequired: options.requireRequired ?? false }).safeParse(body);
  if (!parsed.success) return { ok: false, id: envelope.data.id, issues: zodIssues(parsed.error.issues) };
  // A device with a wrong clock, or a typo in an import: refused rather than filed in year 10000.
  const instant = new Date(parsed.data.submittedAt).getTime();
  const now = options.now?.() ?? Date.now();
  if (!(instant >= EARLIEST_INSTANT && instant <= now + FUTURE_TOLERANCE_MS)) {
    return { ok: false, id: parsed.data.id, issues: [{ path: "submittedAt", key: "instantOutOfRange", params: {} }] };
  }
  if (!knownLanguage(db, parsed.data.locale)) {
    return { ok: false, id: parsed.data.id, issues: [{ path: "locale", key: "invalidLocale", params: {} }] };
  }
  const resolved = resolveCodes(db, parsed.data);
  if (!resolved.ok) return { ok: false, id: parsed.data.id, issues: resolved.issues };
  return { ok: true, response: parsed.data, ids: resolved.ids, versionId: survey.versionId };
}

type ResolvedIds = {
  agencyId: number;
  fieldId: number | null;
  counterId: number | null;
  procedureId: number | null;
  /** false when the counter was disabled by an administrator. */
  counterActive: boolean;
};

function resolveCodes(db: Db, r: CheckedResponse): { ok: true; ids: ResolvedIds } | { ok: false; issues: IngestIssue[] } {
  const s = statements(db);
  const issues: IngestIssue[] = [];
  const agency = s.agency.get(r.agency);
  if (!agency) issues.push({ path: "agency", key: "unknownAgency", params: { value: r.agency } });
  const field = r.field === undefined ? undefined : s.field.get(r.field);
  if (r.field !== undefined && !field) issues.push({ path: "field", key: "unknownField", params: { value: r.field } });
  const procedure = r.procedure === undefined ? undefined : s.procedure.get(r.procedure);
  if (r.procedure !== undefined && !procedure) {
    issues.push({ path: "procedure", key: "unknownProcedure", params: { value: r.procedure } });
  }
  const counter = r.counter === undefined ? undefined : s.counter.get(r.counter);
  if (r.counter !== undefined && !counter) {
    issues.push({ path: "counter", key: "unknownCounter", params: { value: r.counter } });
  } else if (counter && agency && counter.agencyId !== agency.id) {
    issues.push({ path: "counter", key: "counterNotInAgency", params: { value: r.counter!, agency: r.agency } });
  }
  if (r.officer !== undefined) {
    const officer = s.officer.get(r.officer);
    // An officer disabled since the rating was made still counts: the rating was made while on duty.
    if (!officer || (agency && officer.agencyId !== agency.id)) {
      issues.push({ path: "officer", key: "unknownOfficer", params: { value: r.officer, agency: r.agency } });
    }
  }
  if (issues.length || !agency) return { ok: false, issues };
  return {
    ok: true,
    ids: {
      agencyId: agency.id,
      fieldId: field?.id ?? null,
      counterId: counter?.id ?? null,
      procedureId: procedure?.id ?? null,
      counterActive: counter ? counter.active === 1 : true,
    },
  };
}

/** Checked under the write lock: two phones sending the same code at once cannot both be stored. */
function dossierProblem(s: Statements, options: IngestOptions, key: string, id: string): IngestResult | null {
  if (s.dossierRated.get(key)) return { status: "dossierRated", id };
  if (options.dossiers!.requireKnown && !s.dossierKnown.get(key)) {
    return { status: "invalid", id, issues: [{ path: "dossier", key: "dossier.unknownCode", params: {} }] };
  }
  return null;
}

/** sha256 of the canonical content, plus the dossier's keyed hash when there is one (never the code). */
export function contentHash(r: CheckedResponse, dossierKey?: string): string {
  const hash = crypto.createHash("sha256").update(canonicalContent(r));
  if (dossierKey) hash.update(`\u0000dossier:${dossierKey}`);
  return hash.digest("hex");
}

/**
 * Stores one submission exactly once. Safe to call inside an outer transaction (it becomes a savepoint),
 * which is how batches commit many responses at once while refusing rows one by one.
 */
export function ingestResponse(db: Db, surveys: SurveyRegistry, body: unknown, options: IngestOptions): IngestResult {
  const checked = checkSubmission(db, surveys, body, options);
  if (!checked.ok) return { status: "invalid", id: checked.id, issues: checked.issues };
  const { response, ids, versionId } = checked;
  const survey = surveys.get(response.survey)!;
  if (response.dossier !== undefined && !options.dossiers) throw new Error("ingestResponse: a dossier code needs options.dossiers");
  const dossierKey = response.dossier === undefined ? null : dossierHash(options.dossiers!.secret, response.dossier);
  // For QR and kiosk the hash covers the hour only: an exact time must not be recoverable from it either.
  const coarse = new Date(storedInstant(response.channel, new Date(response.submittedAt).getTime())).toISOString();
  const hash = contentHash({ ...response, submittedAt: coarse }, dossierKey ?? undefined);
  const s = statements(db);
  const now = options.now?.() ?? Date.now();

  const rows = answerRows(survey.def, response.answers);
  const { counterActive, ...cellIds } = ids;

  // IMMEDIATE: take the write lock before reading, so two processes replaying the same id cannot both
  // see "absent" and both insert (the unique index would refuse the second anyway).
  const store = db.$client.transaction((): IngestResult => {
    const existing = s.byUuid.get(response.id);
    if (existing) {
      if (existing.contentHash === hash) return { status: "duplicate", id: response.id, responseId: existing.id };
      if (VOTE_CHANNELS.includes(response.channel)) {
        // A vote and its details: the same id with slots filled in (complete.server.ts).
        const stored = loadStored(db, existing.id);
        const verdict = compareSlots(stored, {
          ...cellIds,
          surveyVersionId: versionId,
          channel: response.channel,
          locale: response.locale,
          submittedAt: new Date(coarse).getTime(),
          dossierHash: dossierKey,
          officerId: response.officer ?? null,
          rows,
        });
        if (verdict.kind === "same") return { status: "duplicate", id: response.id, responseId: existing.id };
        if (verdict.kind === "adds") {
          if (verdict.slots.dossierHash) {
            const refused = dossierProblem(s, options, verdict.slots.dossierHash, response.id);
            if (refused) return refused;
          }
          writeCompletion(db, survey.def, stored, verdict, hash, isReportable(existing.status));
          return { status: "completed", id: response.id, responseId: existing.id };
        }
      }
      // The refused version is kept for a supervisor as validated content (bounded by the definition, unknown
      // fields dropped, a dossier only as its keyed hash, times as stored), and only a few times per id.
      if (options.recordConflicts !== false && s.conflictCount.get(response.id)!.n < MAX_CONFLICTS_PER_ID) {
        const payload = { ...response, submittedAt: coarse, ...(dossierKey === null ? {} : { dossier: `hmac:${dossierKey}` }) };
        s.insertConflict.run(response.id, storedInstant(response.channel, now), hash, JSON.stringify(payload), options.source);
      }
      return { status: "conflict", id: response.id };
    }
    if (options.refuseInactiveCounter && !counterActive) {
      return { status: "invalid", id: response.id, issues: [{ path: "counter", key: "counterDisabled", params: { value: response.counter ?? "" } }] };
    }
    if (dossierKey !== null) {
      const refused = dossierProblem(s, options, dossierKey, response.id);
      if (refused) return refused;
    }
    const exact = new Date(response.submittedAt).getTime();
    // The day from the exact instant; QR and kiosk times are then kept to the hour (privacy.ts).
    const dayVn = vietnamDay(exact);
    const submittedAt = storedInstant(response.channel, exact);
    const status: ResponseStatus = "accepted";
    const info = s.insertResponse.run({
      uuid: response.id,
      surveyVersionId: versionId,
      surveyId: response.survey,
      ...cellIds,
      channel: response.channel,
      locale: response.locale,
      submittedAt,
      dayVn,
      receivedAt: storedInstant(response.channel, now),
      contentHash: hash,
      status,
      dossierHash: dossierKey,
      apiKeyId: options.apiKeyId ?? null,
      officerId: response.officer ?? null,
      // better-sqlite3 binds numbers, not booleans: the column holds Drizzle's boolean mode (1/0).
      interpreter: (response.interpreter === undefined ? null : Number(response.interpreter)) as unknown as boolean | null,
    });
    const responseId = Number(info.lastInsertRowid);
    if (rows.length) s.insertAnswers(rows.length).run(rows.flatMap((r) => [responseId, r.question, r.code, r.text]));
    // Same transaction: a response is never stored without its counts, nor counted without being stored.
    if (isReportable(status)) {
      const cell = { surveyVersionId: versionId, dayVn, agencyId: ids.agencyId, fieldId: ids.fieldId ?? 0, counterId: ids.counterId ?? 0 };
      addToRollups(db, survey.def, { ...cell, channel: response.channel, locale: response.locale }, rows);
    }
    return { status: "created", id: response.id, responseId };
  });
  return db.$client.inTransaction ? store() : store.immediate();
}
