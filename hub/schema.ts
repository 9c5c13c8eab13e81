/**
 * The national hub's PostgreSQL schema (issue 22, docs/operations.md §national roll-up, docs/decisions/0025):
 * provinces with the hash of their key, and their month roll-ups as counts only. Kept apart from the
 * province's SQLite schema (db/), with its own migrations (hub/migrations). Nothing here can hold free text,
 * a dossier hash, a device or an officer: every column is a code, a month, a count or a stamp.
 */
import { bigint, check, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

/** A province registered at the hub: `code` ("DBP") names it in every row; only the sha256 of its key is kept. */
export const hubProvinces = pgTable("hub_provinces", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  /** First 8 characters of the key, to tell keys apart in a listing without seeing them. */
  keyPrefix: text("key_prefix").notNull(),
  keyHash: text("key_hash").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastSyncAt: timestamp("last_sync_at", { withTimezone: true }),
});

/**
 * One row per (province, month) the hub holds: what the province said the month was as of its last upload.
 * `asOf` (the province's highest response id when it read the month) orders two uploads of the same month:
 * an older snapshot arriving after a newer one is refused, so two syncs at once cannot leave the older.
 */
export const hubMonths = pgTable(
  "hub_months",
  {
    province: text("province")
      .notNull()
      .references(() => hubProvinces.code),
    month: text("month").notNull(),
    asOf: bigint("as_of", { mode: "number" }).notNull(),
    /** sha256 of the month's rows as the province sent them (the province compares it before sending again). */
    contentHash: text("content_hash").notNull(),
    syncedAt: timestamp("synced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.province, t.month] }), check("hub_months_month_check", sql`${t.month} ~ '^[0-9]{4}-[0-1][0-9]$'`)],
);

/**
 * The cell of a month roll-up: `dim` is agency | field | counter | channel, or `profile:<QUESTION>` for the
 * profile cross-tab summed over agencies; `key` is a code, never a province's local id (agency and counter
 * codes prefixed with the province code, "DBP:TTHCC"; fields and channels national; a profile answer's code).
 */
const cell = () => ({
  province: text("province").notNull(),
  survey: text("survey").notNull(),
  methodVersion: text("method_version").notNull(),
  dim: text("dim").notNull(),
  month: text("month").notNull(),
  key: text("key").notNull(),
});

/** Reportable responses per province, survey, method version, breakdown, month and key. */
export const nationalMonthResponses = pgTable("national_month_responses", { ...cell(), n: integer("n").notNull() }, (t) => [
  primaryKey({ columns: [t.province, t.month, t.survey, t.methodVersion, t.dim, t.key] }),
  index("national_month_responses_read_idx").on(t.survey, t.methodVersion, t.dim, t.month),
  check("national_month_responses_n_check", sql`${t.n} >= 0`),
]);

/** Answers per province, survey, method version, breakdown, month, key, question and code. */
export const nationalMonthAnswers = pgTable(
  "national_month_answers",
  { ...cell(), question: text("question").notNull(), code: integer("code").notNull(), n: integer("n").notNull() },
  (t) => [
    primaryKey({ columns: [t.province, t.month, t.survey, t.methodVersion, t.dim, t.key, t.question, t.code] }),
    index("national_month_answers_read_idx").on(t.survey, t.methodVersion, t.dim, t.month),
    check("national_month_answers_n_check", sql`${t.n} >= 0`),
  ],
);
