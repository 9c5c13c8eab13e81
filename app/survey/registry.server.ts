/**
 * Loads every definition in `surveys/`, validates it, and registers its version in the database.
 * A broken file stops the start-up with the file name and the path inside it. A registered version
 * whose content changed is refused too: responses keep the version they answered, so a changed
 * questionnaire must get a new version number.
 */
import { and, eq } from "drizzle-orm";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import type { Db } from "../../db/client";
import { surveyVersions } from "../../db/schema";
import { describeIssues, surveyDefinitionSchema, type SurveyDefinition } from "./definition";

export type RegisteredSurvey = { def: SurveyDefinition; versionId: number; contentHash: string };
export type SurveyRegistry = ReadonlyMap<string, RegisteredSurvey>;

export const SURVEYS_DIR = path.resolve(process.env.SIPAS_ROOT ?? process.cwd(), "surveys");

export class SurveyDefinitionError extends Error {
  override name = "SurveyDefinitionError";
}

/** Stable JSON (sorted keys) so that the hash does not depend on key order in the file. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function parseDefinitionFile(file: string): SurveyDefinition {
  const name = path.basename(file);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new SurveyDefinitionError(`surveys/${name}: không đọc được JSON (${(error as Error).message})`);
  }
  const parsed = surveyDefinitionSchema.safeParse(json);
  if (!parsed.success) {
    throw new SurveyDefinitionError(`surveys/${name}: định nghĩa phiếu không hợp lệ\n  ${describeIssues(parsed.error.issues).join("\n  ")}`);
  }
  if (`${parsed.data.id}.json` !== name) {
    throw new SurveyDefinitionError(`surveys/${name}: id «${parsed.data.id}» phải trùng tên tệp`);
  }
  return parsed.data;
}

export function loadDefinitions(dir = SURVEYS_DIR): SurveyDefinition[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => parseDefinitionFile(path.join(dir, f)));
}

/**
 * What a response answered: the definition without its `sector`, which says who may read the figures — so that
 * declaring a registered survey's sector needs no new version (ADR 0021).
 */
export function definitionHash(def: SurveyDefinition): string {
  const answered: Omit<SurveyDefinition, "sector"> & { sector?: undefined } = { ...def, sector: undefined };
  return crypto.createHash("sha256").update(canonicalJson(answered)).digest("hex");
}

export function registerSurveys(db: Db, defs: SurveyDefinition[] = loadDefinitions()): SurveyRegistry {
  const registry = new Map<string, RegisteredSurvey>();
  db.transaction(
    (tx) => {
      for (const def of defs) {
        const contentHash = definitionHash(def);
        const existing = tx
          .select({ id: surveyVersions.id, contentHash: surveyVersions.contentHash })
          .from(surveyVersions)
          .where(and(eq(surveyVersions.surveyId, def.id), eq(surveyVersions.version, def.version)))
          .get();
        if (existing && existing.contentHash !== contentHash) {
          throw new SurveyDefinitionError(
            `surveys/${def.id}.json: phiên bản ${def.version} đã được dùng với nội dung khác; hãy tăng "version" khi sửa phiếu`,
          );
        }
        const versionId =
          existing?.id ??
          tx
            .insert(surveyVersions)
            .values({
              surveyId: def.id,
              version: def.version,
              contentHash,
              methodVersion: def.method.version,
              definition: def,
              registeredAt: Date.now(),
            })
            .returning({ id: surveyVersions.id })
            .get().id;
        registry.set(def.id, { def, versionId, contentHash });
      }
      // Immediate: two processes starting together must not both read "absent" and both insert.
    },
    { behavior: "immediate" },
  );
  return registry;
}
