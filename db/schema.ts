/**
 * The database: directory, survey versions, responses and their long-format answers.
 * snake_case in SQL, camelCase in TypeScript; an index on every foreign key and every report filter.
 * Instants are integers (milliseconds since the epoch, UTC); calendar days are `YYYY-MM-DD` text in
 * Vietnam time, computed once on write so that reports never convert time zones.
 */
import { sql } from "drizzle-orm";
import { check, index, type AnySQLiteColumn, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { AGENCY_LEVELS, API_KEY_KINDS, CHANNELS, RESPONSE_STATUSES, SERVICE_SECTORS, TARGET_OPS } from "../app/survey/codes";
import { DOSSIER_CHANNELS } from "../app/dossiers/code";

export const sectors = sqliteTable("sectors", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
});

export const fields = sqliteTable(
  "fields",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    sectorId: integer("sector_id").references(() => sectors.id),
  },
  (t) => [index("fields_sector_idx").on(t.sectorId)],
);

export const agencies = sqliteTable(
  "agencies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    level: text("level", { enum: AGENCY_LEVELS }).notNull(),
    sectorId: integer("sector_id").references(() => sectors.id),
    /** First and last day (Vietnam time, inclusive) the unit exists; null = open. Mergers keep history. */
    validFrom: text("valid_from"),
    validTo: text("valid_to"),
    successorId: integer("successor_id").references((): AnySQLiteColumn => agencies.id),
    /** The service sector of a health facility or a school (its department reads it, ADR 0021); null otherwise. */
    serviceSector: text("service_sector", { enum: SERVICE_SECTORS }),
  },
  (t) => [
    index("agencies_sector_idx").on(t.sectorId),
    index("agencies_successor_idx").on(t.successorId),
    check("agencies_level_check", sql`${t.level} in ('tinh', 'xa')`),
  ],
);

export const procedures = sqliteTable(
  "procedures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The national code of the procedure (Cơ sở dữ liệu quốc gia về TTHC), e.g. 1.001234. */
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    fieldId: integer("field_id").references(() => fields.id),
  },
  (t) => [index("procedures_field_idx").on(t.fieldId)],
);

export const counters = sqliteTable(
  "counters",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull().unique(),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    name: text("name").notNull(),
    /** The secret in the counter's QR URL: 128 random bits, base64url. Replacing it revokes the old poster. */
    token: text("token").notNull().unique(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [index("counters_agency_idx").on(t.agencyId)],
);

export const counterFields = sqliteTable(
  "counter_fields",
  {
    counterId: integer("counter_id")
      .notNull()
      .references(() => counters.id, { onDelete: "cascade" }),
    fieldId: integer("field_id")
      .notNull()
      .references(() => fields.id),
  },
  (t) => [primaryKey({ columns: [t.counterId, t.fieldId] }), index("counter_fields_field_idx").on(t.fieldId)],
);

/**
 * Targets are data with a period: the overall target (no field, no agency), a field's target, and
 * optionally an agency's. The one in force for a period is the latest `valid_from` not after its start.
 */
export const targets = sqliteTable(
  "targets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fieldId: integer("field_id").references(() => fields.id),
    agencyId: integer("agency_id").references(() => agencies.id),
    op: text("op", { enum: TARGET_OPS }).notNull(),
    pct: real("pct").notNull(),
    validFrom: text("valid_from").notNull().default("2000-01-01"),
  },
  (t) => [
    index("targets_field_idx").on(t.fieldId),
    index("targets_agency_idx").on(t.agencyId),
    uniqueIndex("targets_scope_unique").on(sql`coalesce(${t.fieldId}, 0)`, sql`coalesce(${t.agencyId}, 0)`, t.validFrom),
    check("targets_op_check", sql`${t.op} in ('>', '>=')`),
    check("targets_pct_check", sql`${t.pct} >= 0 and ${t.pct} <= 100`),
  ],
);

/**
 * Officers (công chức) of an agency who serve at its counters. Kiosk ratings credit the officer on duty;
 * figures per officer are seen only by that agency's head and by administrators, never on public pages.
 */
export const officers = sqliteTable(
  "officers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    name: text("name").notNull(),
    title: text("title").notNull().default(""),
    /** A small JPEG/PNG/WebP as a data URL (bounded on upload), or null. */
    photo: text("photo"),
    /** scrypt hash of the officer's short kiosk PIN, or null when the officer is only chosen from a list. */
    pinHash: text("pin_hash"),
    createdAt: integer("created_at").notNull(),
    disabledAt: integer("disabled_at"),
  },
  (t) => [index("officers_agency_idx").on(t.agencyId)],
);

/** Which officers serve at which counter: the kiosk's list of who may be on duty. */
export const counterOfficers = sqliteTable(
  "counter_officers",
  {
    counterId: integer("counter_id")
      .notNull()
      .references(() => counters.id, { onDelete: "cascade" }),
    officerId: integer("officer_id")
      .notNull()
      .references(() => officers.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.counterId, t.officerId] }), index("counter_officers_officer_idx").on(t.officerId)],
);

/** Every definition in `surveys/` as registered at start-up; a response keeps the version it answered. */
export const surveyVersions = sqliteTable(
  "survey_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    surveyId: text("survey_id").notNull(),
    version: integer("version").notNull(),
    /** sha256 of the definition's canonical JSON: the same version must never change content. */
    contentHash: text("content_hash").notNull(),
    methodVersion: text("method_version").notNull(),
    /** The definition as registered, so that old responses can always be read with their questions. */
    definition: text("definition", { mode: "json" }).notNull(),
    registeredAt: integer("registered_at").notNull(),
  },
  (t) => [uniqueIndex("survey_versions_survey_version_unique").on(t.surveyId, t.version)],
);

export const responses = sqliteTable(
  "responses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Made by the client; the idempotency key. */
    uuid: text("uuid").notNull().unique(),
    surveyVersionId: integer("survey_version_id")
      .notNull()
      .references(() => surveyVersions.id),
    surveyId: text("survey_id").notNull(),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    fieldId: integer("field_id").references(() => fields.id),
    procedureId: integer("procedure_id").references(() => procedures.id),
    counterId: integer("counter_id").references(() => counters.id),
    channel: text("channel", { enum: CHANNELS }).notNull(),
    /** `vi`, `en` or the code of a language added by an administrator (`languages.code`, docs/decisions/0023). */
    locale: text("locale").notNull(),
    submittedAt: integer("submitted_at").notNull(),
    /** Calendar day of `submitted_at` in Vietnam time (UTC+07:00): what every period filters on. */
    dayVn: text("day_vn").notNull(),
    receivedAt: integer("received_at").notNull(),
    /** sha256 of the canonical content: tells a replay (same) from a conflict (different). */
    contentHash: text("content_hash").notNull(),
    status: text("status", { enum: RESPONSE_STATUSES }).notNull().default("accepted"),
    /**
     * HMAC-SHA256 (server secret) of the normalised dossier receipt code, when the citizen gave one; never the
     * code itself. Unique: one rating per dossier (docs/decisions/0008-privacy-of-ratings.md).
     */
    dossierHash: text("dossier_hash"),
    /** The API key (kiosk, surveyor tablet, integration) that submitted it; null for QR forms and imports. */
    apiKeyId: integer("api_key_id").references((): AnySQLiteColumn => apiKeys.id),
    /** The officer on duty who handled the dossier (kiosk ratings); figures per officer stay internal. */
    officerId: integer("officer_id").references((): AnySQLiteColumn => officers.id),
    /** Surveyor interviews: whether an interpreter helped (true/false); null when not said (other channels). */
    interpreter: integer("interpreter", { mode: "boolean" }),
  },
  (t) => [
    index("responses_survey_day_idx").on(t.surveyId, t.dayVn),
    index("responses_survey_version_idx").on(t.surveyVersionId),
    index("responses_agency_day_idx").on(t.agencyId, t.dayVn),
    index("responses_field_idx").on(t.fieldId),
    index("responses_procedure_idx").on(t.procedureId),
    index("responses_counter_idx").on(t.counterId),
    index("responses_channel_idx").on(t.channel),
    uniqueIndex("responses_dossier_hash_unique").on(t.dossierHash),
    index("responses_api_key_idx").on(t.apiKeyId),
    index("responses_officer_idx").on(t.officerId),
    check("responses_channel_check", sql`${t.channel} in ('qr', 'kiosk', 'surveyor', 'paper', 'phone', 'web')`),
    check("responses_day_check", sql`${t.dayVn} glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`),
  ],
);

/**
 * Imported dossier lists (`import-dossiers`, the integration API): each dossier's life — received, due, returned —
 * by agency, field and procedure. Only the keyed hash of the receipt code is kept. They let a province accept
 * ratings of real dossiers only (REQUIRE_KNOWN_DOSSIER), give the denominators of response rates and sample
 * sizes, and the QĐ 766 indicators (app/qd766/).
 */
export const dossiers = sqliteTable(
  "dossiers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    codeHash: text("code_hash").notNull().unique(),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    fieldId: integer("field_id").references(() => fields.id),
    procedureId: integer("procedure_id").references(() => procedures.id),
    /** The day the result was returned, in Vietnam time (YYYY-MM-DD); null while the dossier is open (QĐ 766). */
    returnedDay: text("returned_day"),
    importedAt: integer("imported_at").notNull(),
    /** The day the dossier was received and the day its result is due (Vietnam days); null in lists of the earlier header. */
    receivedDay: text("received_day"),
    dueDay: text("due_day"),
    /** How it was submitted (trực tiếp, trực tuyến, bưu chính); null when the source does not say. */
    channel: text("channel", { enum: DOSSIER_CHANNELS }),
  },
  (t) => [
    index("dossiers_agency_day_idx").on(t.agencyId, t.returnedDay),
    index("dossiers_field_idx").on(t.fieldId),
    index("dossiers_procedure_idx").on(t.procedureId),
    index("dossiers_returned_day_idx").on(t.returnedDay),
    check("dossiers_day_check", sql`${t.returnedDay} glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`),
    check("dossiers_channel_check", sql`${t.channel} in ('truc-tiep', 'truc-tuyen', 'buu-chinh')`),
  ],
);

/** Long format: one row per answered question, one per selected option of a multi-select. */
export const answers = sqliteTable(
  "answers",
  {
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    question: text("question").notNull(),
    code: integer("code"),
    text: text("text"),
  },
  (t) => [
    index("answers_response_idx").on(t.responseId),
    index("answers_question_code_idx").on(t.question, t.code),
    check("answers_value_check", sql`(${t.code} is null) <> (${t.text} is null)`),
  ],
);

/** A second submission of a known id with other content: refused (409), recorded for the supervisor. */
export const responseConflicts = sqliteTable(
  "response_conflicts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    uuid: text("uuid").notNull(),
    receivedAt: integer("received_at").notNull(),
    contentHash: text("content_hash").notNull(),
    /** The refused submission as received, for a human to look at; never a source of figures. */
    payload: text("payload").notNull(),
    source: text("source").notNull(),
  },
  (t) => [index("response_conflicts_uuid_idx").on(t.uuid)],
);

/**
 * API keys of kiosks, surveyors' tablets and integrations. Only the sha256 of a key is stored; `prefix`
 * (its first 8 characters) lets an administrator tell keys apart without seeing them.
 */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: API_KEY_KINDS }).notNull(),
    name: text("name").notNull(),
    agencyId: integer("agency_id").references(() => agencies.id),
    counterId: integer("counter_id").references(() => counters.id),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [
    index("api_keys_agency_idx").on(t.agencyId),
    index("api_keys_counter_idx").on(t.counterId),
    check("api_keys_kind_check", sql`${t.kind} in (${sql.raw(API_KEY_KINDS.map((k) => `'${k}'`).join(", "))})`),
  ],
);

/*
 * Roll-ups (docs/decisions/0003-rollups.md): counts of reportable responses and of their coded answers,
 * kept in the same transaction as every insert, so that figures never scan raw answers. Derived data:
 * `rebuild-rollups` recomputes them from `responses` and `answers`. Key columns hold 0 (or '') for "none"
 * (no field, no counter) so that ON CONFLICT sees one row per cell; hence no foreign keys here. The
 * migration declares these tables WITHOUT ROWID (hand edit: drizzle cannot say it), since every column
 * but `n` is key. A `code` of 0 counts the responses that answered a multi-select or text question.
 */
const dayCell = () => ({
  surveyVersionId: integer("survey_version_id").notNull(),
  dayVn: text("day_vn").notNull(),
  agencyId: integer("agency_id").notNull(),
  fieldId: integer("field_id").notNull(),
  counterId: integer("counter_id").notNull(),
  channel: text("channel", { enum: CHANNELS }).notNull(),
});

/** Reportable responses per Vietnam day and cell (agency × field × counter × channel). */
export const rollupResponses = sqliteTable("rollup_responses", { ...dayCell(), n: integer("n").notNull() }, (t) => [
  primaryKey({ columns: [t.surveyVersionId, t.dayVn, t.agencyId, t.fieldId, t.counterId, t.channel] }),
]);

/** Answers per day, cell, question and code: any day range, any breakdown or filter. */
export const rollupAnswers = sqliteTable(
  "rollup_answers",
  { ...dayCell(), question: text("question").notNull(), code: integer("code").notNull(), n: integer("n").notNull() },
  (t) => [
    primaryKey({
      columns: [t.surveyVersionId, t.dayVn, t.agencyId, t.fieldId, t.counterId, t.channel, t.question, t.code],
    }),
  ],
);

/**
 * The breakdowns a month roll-up is kept for; `key` is the id ('0' = none) or the channel code. The whole
 * (no breakdown) is the sum over the few channels, and a sector the sum of its fields.
 */
export const ROLLUP_DIMS = ["agency", "field", "counter", "channel"] as const;
export type RollupDim = (typeof ROLLUP_DIMS)[number];

/**
 * Per month, one row set per breakdown ("grouping sets"): whole months of a breakdown are read from their
 * own few rows, instead of summing every agency × field × counter × channel cell of every day. The month
 * comes right after the set in the key: a range is one contiguous read, and inserts keep updating the
 * same few pages of the current month.
 */
export const rollupMonthResponses = sqliteTable(
  "rollup_month_responses",
  {
    surveyVersionId: integer("survey_version_id").notNull(),
    dim: text("dim", { enum: ROLLUP_DIMS }).notNull(),
    month: text("month").notNull(),
    key: text("key").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyVersionId, t.dim, t.month, t.key] })],
);

export const rollupMonthAnswers = sqliteTable(
  "rollup_month_answers",
  {
    surveyVersionId: integer("survey_version_id").notNull(),
    dim: text("dim", { enum: ROLLUP_DIMS }).notNull(),
    month: text("month").notNull(),
    key: text("key").notNull(),
    question: text("question").notNull(),
    code: integer("code").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyVersionId, t.dim, t.month, t.key, t.question, t.code] })],
);

/**
 * Profile breakdowns: each profile answer (GIOI_TINH = 2…) crossed with every coded answer of the same
 * response, per month and agency. Month granularity only (a day grain would outgrow the raw answers), so
 * profile breakdowns need whole-month ranges. The profile question crossed with itself gives a group's
 * response count. Keyed by profile question, then month: a breakdown reads one contiguous range.
 */
export const rollupProfile = sqliteTable(
  "rollup_profile",
  {
    surveyVersionId: integer("survey_version_id").notNull(),
    profileQuestion: text("profile_question").notNull(),
    month: text("month").notNull(),
    agencyId: integer("agency_id").notNull(),
    profileCode: integer("profile_code").notNull(),
    question: text("question").notNull(),
    code: integer("code").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({
      columns: [t.surveyVersionId, t.profileQuestion, t.month, t.agencyId, t.profileCode, t.question, t.code],
    }),
  ],
);

/**
 * Languages of the citizen screens besides the built-in `vi` and `en` (docs/decisions/0023): a code (`hmn`,
 * `tai-dam`…), the language's name written in itself, and whether citizens are offered it yet.
 */
export const languages = sqliteTable("languages", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(false),
  createdAt: integer("created_at").notNull(),
});

/**
 * One translated citizen-facing text: `key` names the text (`ui:rate.submit`, `danh-gia-ho-so:q.TONG_THE.label`),
 * `source` is the Vietnamese it translates. A translation whose source is no longer the text's Vietnamese (a
 * new survey version reworded it) is not shown: the Vietnamese is.
 */
export const translations = sqliteTable(
  "translations",
  {
    languageCode: text("language_code")
      .notNull()
      .references(() => languages.code, { onDelete: "cascade" }),
    key: text("key").notNull(),
    source: text("source").notNull(),
    text: text("text").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.languageCode, t.key] })],
);

/** A recorded voice of one text in one language; the audio itself is a file named by its sha256 beside the database. */
export const recordings = sqliteTable(
  "recordings",
  {
    languageCode: text("language_code").notNull(),
    key: text("key").notNull(),
    sha256: text("sha256").notNull(),
    mime: text("mime").notNull(),
    bytes: integer("bytes").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.languageCode, t.key] }), index("recordings_sha256_idx").on(t.sha256)],
);

/*
 * The day cells summed per month (docs/decisions/0024-filtered-rollups.md): every agency × field × counter ×
 * channel cell of a month in one row set. A filter that crosses breakdowns (channel = paper by agency; an
 * agency's page by field with a channel) cannot use a month grouping set, which keeps one breakdown at a
 * time; reading these instead of the day cells costs a month's cells where the day cells cost ~30 days' worth.
 * Keyed month, channel, agency, field, counter: a filter on any of them seeks within each month (the columns
 * before it listed in full: six channels, the agencies), so a year filtered by agency, field or channel reads
 * the rows it sums, not the whole year's cells.
 */
const monthCell = () => ({
  surveyVersionId: integer("survey_version_id").notNull(),
  month: text("month").notNull(),
  channel: text("channel", { enum: CHANNELS }).notNull(),
  agencyId: integer("agency_id").notNull(),
  fieldId: integer("field_id").notNull(),
  counterId: integer("counter_id").notNull(),
});

export const rollupMonthCellResponses = sqliteTable("rollup_month_cell_responses", { ...monthCell(), n: integer("n").notNull() }, (t) => [
  primaryKey({ columns: [t.surveyVersionId, t.month, t.channel, t.agencyId, t.fieldId, t.counterId] }),
]);

export const rollupMonthCellAnswers = sqliteTable(
  "rollup_month_cell_answers",
  { ...monthCell(), question: text("question").notNull(), code: integer("code").notNull(), n: integer("n").notNull() },
  (t) => [
    primaryKey({
      columns: [t.surveyVersionId, t.month, t.channel, t.agencyId, t.fieldId, t.counterId, t.question, t.code],
    }),
  ],
);

/**
 * The pairs of breakdowns kept per month (docs/decisions/0028-pair-rollups.md), each as "filter:breakdown": a
 * figure filtered on the first and broken down by the second reads its own few rows, in key order, where the
 * month cells would make SQLite sort a month's every agency × field × counter cell of the filter. Agency and
 * field are kept both ways (an agency's page by field; a field's figures by agency); the other pairs are also
 * read the other way round, by a scan of the pair's rows, which are few.
 */
export const ROLLUP_PAIRS = [
  "channel:agency",
  "channel:field",
  "channel:counter",
  "agency:field",
  "field:agency",
  "field:counter",
  "counter:agency",
] as const;
export type RollupPair = (typeof ROLLUP_PAIRS)[number];

/*
 * Keyed pair, first key, second key, [question, code,] and the month LAST, unlike every other month roll-up: a
 * figure filtered on `key_a` and broken down by `key_b` then reads its rows already ordered by its groups, and
 * SQLite sums them as they come instead of sorting them (the sort was most of the cost: 70 of 96 ms for a year
 * of paper interviews by agency at 1 000 000 responses). The price: a range reads every month of the pair's
 * prefix and skips those outside it, which is cheap (~0.05 µs a row) next to a sort (~0.35 µs a row).
 */
const monthPair = () => ({
  surveyVersionId: integer("survey_version_id").notNull(),
  pair: text("pair", { enum: ROLLUP_PAIRS }).notNull(),
  keyA: text("key_a").notNull(),
  keyB: text("key_b").notNull(),
});

export const rollupMonthPairResponses = sqliteTable(
  "rollup_month_pair_responses",
  { ...monthPair(), month: text("month").notNull(), n: integer("n").notNull() },
  (t) => [primaryKey({ columns: [t.surveyVersionId, t.pair, t.keyA, t.keyB, t.month] })],
);

export const rollupMonthPairAnswers = sqliteTable(
  "rollup_month_pair_answers",
  {
    ...monthPair(),
    question: text("question").notNull(),
    code: integer("code").notNull(),
    month: text("month").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyVersionId, t.pair, t.keyA, t.keyB, t.question, t.code, t.month] })],
);

/**
 * Responses by the language they were given in (docs/decisions/0023, 0028): per day, agency and channel, how many
 * (question '') and — for a survey whose index is one question — that question's answers by code. The dashboard's
 * language breakdown reads these instead of grouping a period's raw responses, which at 1 000 000 responses was
 * the slowest read of a dashboard page.
 */
export const rollupLanguage = sqliteTable(
  "rollup_language",
  {
    surveyVersionId: integer("survey_version_id").notNull(),
    dayVn: text("day_vn").notNull(),
    agencyId: integer("agency_id").notNull(),
    channel: text("channel", { enum: CHANNELS }).notNull(),
    locale: text("locale").notNull(),
    question: text("question").notNull(),
    code: integer("code").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyVersionId, t.dayVn, t.agencyId, t.channel, t.locale, t.question, t.code] })],
);
