/**
 * Opens the national hub's PostgreSQL database through Drizzle's node-postgres driver and applies the hub's
 * migrations (hub/migrations). Import only from `*.server.ts` modules, scripts and tests.
 */
import path from "node:path";

import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

import * as schema from "./schema";

export type HubDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export const HUB_MIGRATIONS_DIR = path.resolve(process.env.SIPAS_ROOT ?? process.cwd(), "hub/migrations");

/** A small pool: the hub serves one page or one province's month at a time per request. */
export function openHub(url: string, max = 5): HubDb {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 10_000 });
  // An idle client losing its connection (server restarted) must not crash the process.
  pool.on("error", () => {});
  return drizzle(pool, { schema }) as HubDb;
}

export async function migrateHub(db: HubDb): Promise<void> {
  await migrate(db, { migrationsFolder: HUB_MIGRATIONS_DIR });
}
