/**
 * Small SQL pieces the Drizzle builder has no word for, written once over the schema's columns.
 */
import { sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";

/** `excluded.<column>` of an upsert's DO UPDATE: the value the refused insert carried. */
export function excluded(column: AnySQLiteColumn): SQL {
  return sql.raw(`excluded."${column.name}"`);
}
