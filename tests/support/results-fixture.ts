/**
 * A small province for the results tests: two sectors, two fields (land with its own ≥ 90 target), three
 * agencies at both levels, one counter each, the overall target > 95; and `submit`, which stores a
 * response through the real write path (`ingestResponse`, hence the roll-ups too).
 */
import { expect } from "vitest";

import { importDirectory } from "../../app/directory/import.server";
import type { GroupResult } from "../../app/method";
import { ingestResponse } from "../../app/responses/ingest.server";
import type { Results } from "../../app/results/results.server";
import type { Channel } from "../../app/survey/codes";
import type { SurveyDefinition } from "../../app/survey/definition";
import { loadDefinitions, registerSurveys, type SurveyRegistry } from "../../app/survey/registry.server";
import type { Db } from "../../db/client";
import { testDatabase } from "./db";

export const DIRECTORY = {
  sectors: [
    { code: "NN_MT", name: "Nông nghiệp và Môi trường" },
    { code: "TP", name: "Tư pháp" },
  ],
  fields: [
    { code: "DAT_DAI", name: "Đất đai", sector: "NN_MT", target: { op: ">=", pct: 90 } },
    { code: "HO_TICH", name: "Hộ tịch", sector: "TP" },
  ],
  agencies: [
    { code: "A1", name: "Trung tâm Phục vụ hành chính công tỉnh", level: "tinh" },
    { code: "X1", name: "Xã Một", level: "xa" },
    { code: "X2", name: "Xã Hai", level: "xa" },
  ],
  counters: [
    { code: "A1-Q01", agency: "A1", name: "Quầy 1", fields: ["DAT_DAI"] },
    { code: "X1-Q01", agency: "X1", name: "Quầy xã Một", fields: ["HO_TICH"] },
    { code: "X2-Q01", agency: "X2", name: "Quầy xã Hai", fields: ["HO_TICH"] },
  ],
  overallTarget: { op: ">", pct: 95 },
};

let definitions: SurveyDefinition[] | undefined;
/** The definitions of `surveys/`, parsed once per test file. */
export const surveyDefinitions = () => (definitions ??= loadDefinitions());

export type Province = { db: Db; surveys: SurveyRegistry };

export function province(defs: SurveyDefinition[] = surveyDefinitions()): Province {
  const db = testDatabase();
  const surveys = registerSurveys(db, defs);
  expect(importDirectory(db, DIRECTORY)).toMatchObject({ ok: true });
  return { db, surveys };
}

export type Submission = {
  survey?: string;
  agency: string;
  field?: string;
  counter?: string;
  channel?: Channel;
  /** An instant with its offset; the day it falls on in Vietnam is what periods filter on. */
  at?: string;
  answers: Record<string, unknown>;
};

let sequence = 0;
const NOW = Date.UTC(2027, 0, 1);

/** Stores one response through `ingestResponse` and insists that it was created. */
export function submit({ db, surveys }: Province, s: Submission): number {
  const id = `00000000-0000-4000-8000-${String(++sequence).padStart(12, "0")}`;
  const body = { id, survey: "sipas", channel: "surveyor", at: "2026-08-14T09:00:00+07:00", ...s };
  const { at, ...rest } = body;
  const result = ingestResponse(db, surveys, { ...rest, submittedAt: at, locale: "vi" }, { source: "test", now: () => NOW });
  expect(result, JSON.stringify(result)).toMatchObject({ status: "created" });
  return result.status === "created" ? result.responseId : -1;
}

/** Every number in a results answer is finite: an empty scope gives zeros and nulls, never NaN. */
export function allFinite(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value && typeof value === "object") return Object.values(value).every(allFinite);
  return true;
}

/** The groups of a breakdown other than `criterion`. */
export function groupsOf(r: Results): GroupResult[] {
  expect(r.by).not.toBe("criterion");
  return r.groups as GroupResult[];
}
