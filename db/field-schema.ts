/**
 * Devices in the field: surveyors' tablets and counter kiosks, their pairing codes, and surveyors'
 * assignments. A device holds its own API key (revoking the key cuts the device off at once); what it
 * reports on each sync (pending items, app version) is kept so the supervisor sees what is still on it.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { users } from "./auth-schema";
import { agencies, apiKeys, counters, fields } from "./schema";

export const DEVICE_KINDS = ["kiosk", "surveyor"] as const;

export const devices = sqliteTable(
  "devices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Made on the device (a UUID) when it is first set up; it names the device in every sync. */
    deviceUuid: text("device_uuid").notNull().unique(),
    kind: text("kind", { enum: DEVICE_KINDS }).notNull(),
    name: text("name").notNull(),
    apiKeyId: integer("api_key_id")
      .notNull()
      .references(() => apiKeys.id),
    /** The surveyor who set the tablet up (surveyor devices). */
    userId: integer("user_id").references(() => users.id),
    /** The counter a kiosk is paired with (kiosk devices). */
    counterId: integer("counter_id").references(() => counters.id),
    createdAt: integer("created_at").notNull(),
    /** Unpaired / withdrawn: its key is revoked in the same transaction. */
    revokedAt: integer("revoked_at"),
    lastContactAt: integer("last_contact_at"),
    appVersion: text("app_version"),
    /** As reported by the device on its last contact. */
    pendingCount: integer("pending_count").notNull().default(0),
    attentionCount: integer("attention_count").notNull().default(0),
    /** Kiosks: seconds between two ratings, and ratings per Vietnam day (null = no cap). */
    cooldownSeconds: integer("cooldown_seconds"),
    dailyCap: integer("daily_cap"),
  },
  (t) => [
    index("devices_api_key_idx").on(t.apiKeyId),
    index("devices_user_idx").on(t.userId),
    index("devices_counter_idx").on(t.counterId),
    check("devices_kind_check", sql`${t.kind} in ('kiosk', 'surveyor')`),
  ],
);

/** Short-lived codes an administrator shows to pair a kiosk with a counter; only a hash is kept. */
export const pairingCodes = sqliteTable(
  "pairing_codes",
  {
    codeHash: text("code_hash").primaryKey(),
    counterId: integer("counter_id")
      .notNull()
      .references(() => counters.id),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    deviceId: integer("device_id").references(() => devices.id),
  },
  (t) => [index("pairing_codes_counter_idx").on(t.counterId)],
);

/** A surveyor's assignment: interview at an agency (optionally one field) in a period, with a quota. */
export const assignments = sqliteTable(
  "assignments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    surveyId: text("survey_id").notNull(),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id),
    fieldId: integer("field_id").references(() => fields.id),
    quota: integer("quota").notNull(),
    /** Vietnam calendar days, inclusive. */
    fromDay: text("from_day").notNull(),
    toDay: text("to_day").notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("assignments_user_idx").on(t.userId),
    index("assignments_agency_idx").on(t.agencyId),
    index("assignments_field_idx").on(t.fieldId),
    check("assignments_quota_check", sql`${t.quota} > 0`),
  ],
);
