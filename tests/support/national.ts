/**
 * Provinces for the national hub's tests: each a SQLite file of its own (a copy of the migrated base), a
 * small directory (national field codes, the province's own agencies and counters), and synthetic responses through the real ingest path; and readers of every
 * row the hub holds, to compare two hubs row by row.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { asc } from "drizzle-orm";

import { importDirectory } from "../../app/directory/import.server";
import { registerSurveys, type SurveyRegistry } from "../../app/survey/registry.server";
import { openDatabase, type Db } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { generateResponses } from "../../db/seed/generate";
import type { HubDb } from "../../hub/client";
import { hubMonths, nationalMonthAnswers as A, nationalMonthResponses as R } from "../../hub/schema";

/** National field codes (shared by every province) and a province's own agencies and counters. */
export const NATIONAL_FIELDS = {
  sectors: [
    { code: "NN_MT", name: "Nông nghiệp và Môi trường" },
    { code: "TP", name: "Tư pháp" },
  ],
  fields: [
    { code: "DAT_DAI", name: "Đất đai", sector: "NN_MT" },
    { code: "HO_TICH", name: "Hộ tịch", sector: "TP" },
    { code: "CHUNG_THUC", name: "Chứng thực", sector: "TP" },
  ],
};
function provinceDirectory(code: string) {
  return {
    ...NATIONAL_FIELDS,
    agencies: [
      { code: "TTHCC", name: `Trung tâm Phục vụ hành chính công ${code}`, level: "tinh" },
      { code: "XA-1", name: "Xã Một", level: "xa" },
      { code: "XA-2", name: "Xã Hai", level: "xa" },
    ],
    counters: [
      { code: "TTHCC-Q01", agency: "TTHCC", name: "Quầy đất đai", fields: ["DAT_DAI"] },
      { code: "TTHCC-Q02", agency: "TTHCC", name: "Quầy tư pháp", fields: ["HO_TICH", "CHUNG_THUC"] },
      { code: "XA-1-Q01", agency: "XA-1", name: "Quầy xã Một", fields: ["HO_TICH", "CHUNG_THUC"] },
      { code: "XA-2-Q01", agency: "XA-2", name: "Quầy xã Hai", fields: ["HO_TICH", "DAT_DAI"] },
    ],
  };
}

export type TestProvince = { code: string; db: Db; surveys: SurveyRegistry; close: () => void };

/** A province with `responses` synthetic responses spread over the `days` before `now`. */
export function makeProvince(
  code: string,
  options: { responses: number; seed: number; now: number; days: number; counterShare?: number },
): TestProvince {
  // Under vitest a copy of the migrated base file; elsewhere (the e2e hub server) migrated here.
  const base = process.env.SIPAS_TEST_BASE_DB;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sipas-province-${code}-`));
  const file = path.join(dir, "province.db");
  if (base) fs.copyFileSync(base, file);
  const db = openDatabase(file);
  if (!base) migrateDatabase(db);
  const surveys = registerSurveys(db);
  const imported = importDirectory(db, provinceDirectory(code));
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
  const months = await hub
    .select({ province: hubMonths.province, month: hubMonths.month, hash: hubMonths.contentHash })
    .from(hubMonths)
    .orderBy(asc(hubMonths.province), asc(hubMonths.month));
  return { responses, answers, months };
}

/** Empties the hub's counts (provinces and their keys stay), as before a fresh sync. */
export async function emptyHub(hub: HubDb): Promise<void> {
  await hub.delete(A);
  await hub.delete(R);
  await hub.delete(hubMonths);
}
