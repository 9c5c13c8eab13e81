/**
 * Provinces for the national hub's tests: each a SQLite file of its own (a copy of the migrated base), the
 * results fixture's directory, and synthetic responses through the real ingest path; and readers of every
 * row the hub holds, to compare two hubs row by row.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { asc } from "drizzle-orm";

import { importDirectory } from "../../app/directory/import.server";
import { registerSurveys, type SurveyRegistry } from "../../app/survey/registry.server";
import { openDatabase, type Db } from "../../db/client";
import { generateResponses } from "../../db/seed/generate";
import type { HubDb } from "../../hub/client";
import { hubMonths, nationalMonthAnswers as A, nationalMonthResponses as R } from "../../hub/schema";
import { DIRECTORY } from "./results-fixture";

export type TestProvince = { code: string; db: Db; surveys: SurveyRegistry; close: () => void };

/** A province with `responses` synthetic responses spread over the `days` before `now`. */
export function makeProvince(code: string, options: { responses: number; seed: number; now: number; days: number; counterShare?: number }): TestProvince {
  const base = process.env.SIPAS_TEST_BASE_DB;
  if (!base) throw new Error("SIPAS_TEST_BASE_DB is not set: run through vitest (global setup).");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sipas-province-${code}-`));
  const file = path.join(dir, "province.db");
  fs.copyFileSync(base, file);
  const db = openDatabase(file);
  const surveys = registerSurveys(db);
  const imported = importDirectory(db, DIRECTORY);
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  generateResponses(db, surveys, options);
  return {
    code,
    db,
    surveys,
    close: () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every count row the hub holds, in key order (what "the same rows" compares). */
export async function hubRows(hub: HubDb) {
  const responses = await hub.select().from(R).orderBy(asc(R.province), asc(R.month), asc(R.survey), asc(R.methodVersion), asc(R.dim), asc(R.key));
  const answers = await hub
    .select()
    .from(A)
    .orderBy(asc(A.province), asc(A.month), asc(A.survey), asc(A.methodVersion), asc(A.dim), asc(A.key), asc(A.question), asc(A.code));
  const months = await hub.select({ province: hubMonths.province, month: hubMonths.month, hash: hubMonths.contentHash }).from(hubMonths).orderBy(asc(hubMonths.province), asc(hubMonths.month));
  return { responses, answers, months };
}

/** Empties the hub's counts (provinces and their keys stay), as before a fresh sync. */
export async function emptyHub(hub: HubDb): Promise<void> {
  await hub.delete(A);
  await hub.delete(R);
  await hub.delete(hubMonths);
}
