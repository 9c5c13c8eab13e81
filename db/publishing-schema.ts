/**
 * Publishing: periods published on the public page (with the figures frozen at publication), drafts of the
 * official report (the editable parts), and the follow-up of citizens' comments.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { users } from "./auth-schema";
import { responses } from "./schema";

/**
 * A period an administrator published on /cong-khai. The figures are frozen as JSON when published, so a
 * late upload never changes a published number; withdrawing keeps the row (audited) and hides it.
 */
export const publications = sqliteTable(
  "publications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    surveyId: text("survey_id").notNull(),
    /** "month" | "quarter" | "half" | "year" | "custom" */
    periodKind: text("period_kind").notNull(),
    fromDay: text("from_day").notNull(),
    toDay: text("to_day").notNull(),
    /** Aggregated figures only (no text, no response, no number for a group under 30). */
    snapshot: text("snapshot", { mode: "json" }).notNull(),
    methodVersion: text("method_version").notNull(),
    publishedAt: integer("published_at").notNull(),
    publishedBy: integer("published_by").references(() => users.id),
    withdrawnAt: integer("withdrawn_at"),
    withdrawnBy: integer("withdrawn_by").references(() => users.id),
  },
  (t) => [index("publications_survey_period_idx").on(t.surveyId, t.fromDay, t.toDay)],
);

/** The parts of an official report staff write themselves, kept per survey, period and scope. */
export const reportDrafts = sqliteTable(
  "report_drafts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    surveyId: text("survey_id").notNull(),
    fromDay: text("from_day").notNull(),
    toDay: text("to_day").notNull(),
    /** "province" or an agency code. */
    scope: text("scope").notNull(),
    /** Số/ký hiệu, e.g. "125/BC-SNV". */
    number: text("number").notNull().default(""),
    recommendations: text("recommendations").notNull().default(""),
    recipients: text("recipients").notNull().default(""),
    signerTitle: text("signer_title").notNull().default(""),
    signerName: text("signer_name").notNull().default(""),
    updatedAt: integer("updated_at").notNull(),
    updatedBy: integer("updated_by").references(() => users.id),
  },
  (t) => [uniqueIndex("report_drafts_unique").on(t.surveyId, t.fromDay, t.toDay, t.scope)],
);

export const COMMENT_STATUSES = ["moi", "dang_xu_ly", "da_tra_loi"] as const;

/** The follow-up of one response's free-text comment; no row means "mới" (new), not hidden, untagged. */
export const commentFollowUps = sqliteTable(
  "comment_follow_ups",
  {
    responseId: integer("response_id")
      .primaryKey()
      .references(() => responses.id, { onDelete: "cascade" }),
    status: text("status", { enum: COMMENT_STATUSES }).notNull().default("moi"),
    hiddenAt: integer("hidden_at"),
    hiddenBy: integer("hidden_by").references(() => users.id),
    hiddenReason: text("hidden_reason"),
    replyText: text("reply_text"),
    repliedBy: integer("replied_by").references(() => users.id),
    repliedAt: integer("replied_at"),
    updatedAt: integer("updated_at").notNull(),
    updatedBy: integer("updated_by").references(() => users.id),
  },
  (t) => [
    index("comment_follow_ups_status_idx").on(t.status),
    check("comment_follow_ups_status_check", sql`${t.status} in ('moi', 'dang_xu_ly', 'da_tra_loi')`),
  ],
);

export const commentTags = sqliteTable(
  "comment_tags",
  {
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.tag] }), index("comment_tags_tag_idx").on(t.tag)],
);
