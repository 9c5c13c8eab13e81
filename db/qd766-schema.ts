/**
 * QĐ 766/QĐ-TTg: the PAKN (phản ánh, kiến nghị) that indicators 5.2–5.4 count, and the months whose indicators
 * an administrator published on /cong-khai. Dossiers' lives are in `dossiers` (db/schema.ts).
 */
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { users } from "./auth-schema";
import { agencies, responses } from "./schema";

/**
 * One PAKN, imported from the province's PAKN system (`import-pakn`, keyed by its `id` there) or created by staff
 * from a citizen's comment (`sourceId` "gop-y-<response id>"). The dossier it concerns is kept as the keyed hash
 * of its receipt code, as in `dossiers`.
 */
export const pakn = sqliteTable(
  "pakn",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The source system's id: the idempotency key of imports. */
    sourceId: text("source_id").notNull().unique(),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    receivedDay: text("received_day").notNull(),
    dueDay: text("due_day").notNull(),
    /** Null while it is being handled. */
    handledDay: text("handled_day"),
    /** HMAC of the receipt code of the dossier it concerns (app/dossiers/hash.server.ts), when it names one. */
    dossierHash: text("dossier_hash"),
    /** The citizen was unsatisfied with how it was handled. */
    unsatisfied: integer("unsatisfied", { mode: "boolean" }).notNull().default(false),
    /** The comment it was created from, when staff created it. */
    responseId: integer("response_id").references(() => responses.id),
    createdBy: integer("created_by").references(() => users.id),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("pakn_agency_received_idx").on(t.agencyId, t.receivedDay),
    index("pakn_received_idx").on(t.receivedDay),
    index("pakn_dossier_idx").on(t.dossierHash),
    index("pakn_response_idx").on(t.responseId),
    check(
      "pakn_days_check",
      sql`${t.receivedDay} glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' and ${t.dueDay} glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`,
    ),
  ],
);

/**
 * A closed month whose QĐ 766 indicators an administrator froze and published on /cong-khai/qd766. The figures
 * are the JSON of `indicators-766 --by agency` at that moment, so a later import never changes a published
 * number; withdrawing keeps the row and hides it. One live publication per month.
 */
export const qd766Publications = sqliteTable(
  "qd766_publications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** YYYY-MM */
    month: text("month").notNull(),
    snapshot: text("snapshot", { mode: "json" }).notNull(),
    methodVersion: text("method_version").notNull(),
    publishedAt: integer("published_at").notNull(),
    publishedBy: integer("published_by").references(() => users.id),
    withdrawnAt: integer("withdrawn_at"),
    withdrawnBy: integer("withdrawn_by").references(() => users.id),
  },
  (t) => [
    index("qd766_publications_month_idx").on(t.month),
    uniqueIndex("qd766_publications_live_unique")
      .on(t.month)
      .where(sql`${t.withdrawnAt} is null`),
  ],
);
