/** The demo province: the directory of `demo-directory.json`, one account per role, officers at the counters, and ~1 500 responses over a year. */
import fs from "node:fs";
import path from "node:path";

import type { Db } from "../client";
import { importDirectory } from "../../app/directory/import.server";
import type { SurveyRegistry } from "../../app/survey/registry.server";
import { seedDemoOfficers } from "./demo-officers";
import { seedDemoUsers } from "./demo-users";
import { generateResponses } from "./generate";

export const DEMO_DIRECTORY = path.resolve(process.env.SIPAS_ROOT ?? process.cwd(), "db/seed/demo-directory.json");

export function seedDemo(db: Db, surveys: SurveyRegistry, { responses = 1500, seed = 2025, password }: { responses?: number; seed?: number; password?: string } = {}) {
  const result = importDirectory(db, JSON.parse(fs.readFileSync(DEMO_DIRECTORY, "utf8")));
  if (!result.ok) {
    throw new Error(`Danh mục mẫu không hợp lệ:\n  ${result.errors.map((e) => `${e.path}: ${e.message}`).join("\n  ")}`);
  }
  seedDemoUsers(db, password);
  seedDemoOfficers(db);
  return generateResponses(db, surveys, { responses, seed, days: 365 });
}
