/**
 * What the province last sent to the national hub (`sipas sync-national`, docs/decisions/0025-national-hub.md):
 * per hub and month, the sha256 of the month's counts as sent. A month whose counts hash differently now
 * (a late tablet upload, a paper form, `rebuild-rollups`) is sent again; the others are not.
 */
import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const nationalSync = sqliteTable(
  "national_sync",
  {
    /** The hub's address without credentials ("https://hub.example/", "postgres://host:5432/hub"). */
    hub: text("hub").notNull(),
    month: text("month").notNull(),
    contentHash: text("content_hash").notNull(),
    syncedAt: integer("synced_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.hub, t.month] })],
);
