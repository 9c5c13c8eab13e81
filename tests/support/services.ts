/** A test database holding the demo directory and the registered surveys, plus small readers and factories. */
import { importDirectory } from "../../app/directory/import.server";
import { readEnv } from "../../app/env.server";
import { provideServices } from "../../app/services.server";
import { registerSurveys, type SurveyRegistry } from "../../app/survey/registry.server";
import type { Db } from "../../db/client";
import demo from "../../db/seed/demo-directory.json";
import { testDatabase } from "./db";
import { realDefinitions } from "./surveys";

export type TestServices = { db: Db; surveys: SurveyRegistry };

/** A fresh migrated file with the demo province's directory and both surveys registered. */
export function demoServices(): TestServices {
  const db = testDatabase();
  const imported = importDirectory(db, demo);
  if (!imported.ok) throw new Error(`demo directory refused: ${JSON.stringify(imported.errors)}`);
  const surveys = registerSurveys(db, realDefinitions());
  return { db, surveys };
}

/**
 * demoServices handed to the routes (provideServices), signing with `secret`, with these settings on top of the
 * defaults. The test file clears them with `afterEach(() => provideServices(undefined))`.
 */
export function providedDemoServices(secret: string, settings: Record<string, string> = {}): TestServices {
  const s = demoServices();
  provideServices({ env: readEnv({ DATABASE_PATH: s.db.$client.name, ...settings } as never), db: s.db, surveys: s.surveys, secret });
  return s;
}

export function count(db: Db, table: "responses" | "answers" | "response_conflicts" | "survey_versions"): number {
  return (db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

/** The three tables a submission can write to: "nothing stored" means this does not change. */
export function storedCounts(db: Db) {
  return { responses: count(db, "responses"), answers: count(db, "answers"), conflicts: count(db, "response_conflicts") };
}

export type StoredResponse = {
  id: number;
  uuid: string;
  surveyId: string;
  surveyVersionId: number;
  agency: string;
  field: string | null;
  counter: string | null;
  channel: string;
  locale: string;
  submittedAt: number;
  dayVn: string;
  status: string;
};

/** Every stored response with its directory codes, in insertion order. */
export function storedResponses(db: Db): StoredResponse[] {
  return db.$client
    .prepare(
      `select r.id, r.uuid, r.survey_id as surveyId, r.survey_version_id as surveyVersionId, a.code as agency,
              f.code as field, c.code as counter, r.channel, r.locale, r.submitted_at as submittedAt,
              r.day_vn as dayVn, r.status
         from responses r join agencies a on a.id = r.agency_id
         left join fields f on f.id = r.field_id left join counters c on c.id = r.counter_id
        order by r.id`,
    )
    .all() as StoredResponse[];
}

/** The long-format answer rows of one response, in a stable order. */
export function storedAnswers(db: Db, responseId: number): { question: string; code: number | null; text: string | null }[] {
  return db.$client.prepare("select question, code, text from answers where response_id = ? order by question, code, text").all(responseId) as {
    question: string;
    code: number | null;
    text: string | null;
  }[];
}
