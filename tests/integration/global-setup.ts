/** Migrates one base SQLite file per test run; each test copies it (fast, and every test starts clean). */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";

export default function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sipas-test-"));
  const base = path.join(dir, "base.db");
  const db = openDatabase(base);
  migrateDatabase(db);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  process.env.SIPAS_TEST_BASE_DB = base;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
