/** The one migrate function, used by start-up, the CLI and the test setup. */
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import path from "node:path";

import type { Db } from "./client";

export const MIGRATIONS_DIR = path.resolve(process.env.SIPAS_ROOT ?? process.cwd(), "db/migrations");

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
}
