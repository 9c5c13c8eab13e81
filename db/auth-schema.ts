/**
 * Accounts, sessions, login throttling and the audit log (re-exported by schema.ts).
 * Session ids and API keys are stored only as sha256 hashes: a copied database opens no doors.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { STORED_ROLES } from "../app/auth/roles";
import { SERVICE_SECTORS } from "../app/survey/codes";
import { agencies } from "./schema";

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    username: text("username").notNull().unique(),
    displayName: text("display_name").notNull(),
    role: text("role", { enum: STORED_ROLES }).notNull(),
    /** The one agency an `agency` head (or a scoped surveyor) may see; null for province-wide roles. */
    agencyId: integer("agency_id").references(() => agencies.id),
    passwordHash: text("password_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    disabledAt: integer("disabled_at"),
    passwordChangedAt: integer("password_changed_at"),
    /** A sector department's sector (a `viewer` read back as role `sector`, app/auth/roles.ts); null otherwise. Last: added by migration 0005. */
    serviceSector: text("service_sector", { enum: SERVICE_SECTORS }),
  },
  (t) => [
    index("users_agency_idx").on(t.agencyId),
    check("users_role_check", sql`${t.role} in ('admin', 'agency', 'surveyor', 'viewer')`),
    check("users_agency_scope_check", sql`${t.role} <> 'agency' or ${t.agencyId} is not null`),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** sha256 of the cookie's random id. */
    idHash: text("id_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/** Failed sign-ins per key (username, client address) in a sliding window: throttling survives restarts. */
export const loginFailures = sqliteTable(
  "login_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("login_failures_key_at_idx").on(t.key, t.at)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    userId: integer("user_id").references(() => users.id),
    /** What was done, a stable code: "user.create", "apikey.revoke", "directory.import"… */
    action: text("action").notNull(),
    target: text("target"),
    details: text("details"),
  },
  (t) => [index("audit_log_user_idx").on(t.userId), index("audit_log_at_idx").on(t.at)],
);
