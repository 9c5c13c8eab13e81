/**
 * Opens the SQLite file with the settings every process uses (server, CLI, tests, benchmarks).
 * Import only from `*.server.ts` modules, scripts and tests: this must never reach the browser.
 */
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import fs from "node:fs";
import path from "node:path";

import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function openDatabase(file: string): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  // WAL: readers never block the writer. NORMAL is durable against a crashed process in WAL mode
  // (an acknowledged commit survives SIGKILL); FULL would also survive power loss at ~10x the cost.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // 64 MiB of page cache (SQLite's default is 2 MiB): every insert also updates roll-up and index pages
  // spread over the file, and re-reading them from the OS on each response halves the ingest rate.
  // Memory is taken only as pages are read.
  sqlite.pragma("cache_size = -65536");
  // Savepoint and statement journals in memory, not in temporary files: a batch gives each response its
  // own savepoint, and journaling the pages it touches to a file cost ~60 µs per response (measured).
  sqlite.pragma("temp_store = memory");
  return drizzle(sqlite, { schema }) as Db;
}
