/** A fresh, migrated SQLite file for one test: a copy of the base file made by the global setup. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach } from "vitest";

import { openDatabase, type Db } from "../../db/client";

const open: { db: Db; dir: string }[] = [];

afterEach(() => {
  for (const { db, dir } of open.splice(0)) {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

export function testDatabase(): Db {
  const base = process.env.SIPAS_TEST_BASE_DB;
  if (!base) throw new Error("SIPAS_TEST_BASE_DB is not set: run through vitest (global setup).");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sipas-db-"));
  const file = path.join(dir, "test.db");
  fs.copyFileSync(base, file);
  const db = openDatabase(file);
  open.push({ db, dir });
  return db;
}
