/**
 * The demo province: the directory of `demo-directory.json`, one account per role, officers at the counters, and
 * DEMO_RESPONSES responses over the last DEMO_DAYS days — a year and a half, so that the last complete quarter can
 * be compared with the one before and with the same quarter a year earlier — then the health facilities' and
 * schools' responses to their sector's surveys (demo-sectors.ts).
 */
import fs from "node:fs";
import path from "node:path";

import type { Db } from "../client";
import { importDirectory } from "../../app/directory/import.server";
import type { SurveyRegistry } from "../../app/survey/registry.server";
import { seedDemoOfficers } from "./demo-officers";
import { seedDemoUsers } from "./demo-users";
import { DEMO_DAYS, DEMO_RESPONSES } from "./demo-size";
import { generateResponses } from "./generate";
import { generateSectorResponses } from "./demo-sectors";
import { createAssignment } from "../../app/field/assignments.server";
import { periodKey, periodRange, vietnamDay } from "../../app/method/period";

export const DEMO_DIRECTORY = path.resolve(process.env.SIPAS_ROOT ?? process.cwd(), "db/seed/demo-directory.json");

export function seedDemo(
  db: Db,
  surveys: SurveyRegistry,
  { responses = DEMO_RESPONSES, seed = 2025, password }: { responses?: number; seed?: number; password?: string } = {},
) {
  const result = importDirectory(db, JSON.parse(fs.readFileSync(DEMO_DIRECTORY, "utf8")));
  if (!result.ok) {
    throw new Error(`Danh mục mẫu không hợp lệ:\n  ${result.errors.map((e) => `${e.path}: ${e.message}`).join("\n  ")}`);
  }
  seedDemoUsers(db, password);
  seedDemoOfficers(db);
  seedDemoAssignments(db, surveys);
  const now = Date.now();
  const totals = generateResponses(db, surveys, { responses, seed, days: DEMO_DAYS, now });
  // The health facilities' and schools' own surveys, apart: the counter and SIPAS figures stay as they were.
  return { ...totals, sectors: generateSectorResponses(db, surveys, { responses, seed, now }) };
}

/**
 * The demo surveyor `ksv` can start an interview at once: SIPAS interviews at the provincial centre and at a
 * commune for the current quarter, given by the demo admin (a real province's supervisor makes them on
 * /quan-tri/giam-sat).
 */
export const DEMO_ASSIGNMENTS = [
  { agency: "TTHCC", quota: 30 },
  { agency: "X_MUONG_ANG", quota: 20 },
] as const;

function seedDemoAssignments(db: Db, surveys: SurveyRegistry, today = vietnamDay(Date.now())): void {
  const user = (name: string) => (db.$client.prepare("select id from users where username = ?").get(name) as { id: number } | undefined)?.id;
  const surveyor = user("ksv");
  const admin = user("admin");
  if (!surveyor || !admin || !surveys.has("sipas")) return;
  const { from, to } = periodRange(periodKey(today, "quarter"));
  for (const a of DEMO_ASSIGNMENTS) {
    const made = createAssignment(
      db,
      { userId: surveyor, survey: "sipas", agency: a.agency, field: null, quota: a.quota, from, to },
      { createdBy: admin, surveys: new Set(surveys.keys()) },
    );
    if (!made.ok) throw new Error(`Phân công mẫu không hợp lệ: ${made.error}`);
  }
}
