/** registerSurveys: a version is registered once, never changed in place; responses keep the version they answered. */
import { describe, expect, it } from "vitest";

import { importDirectory } from "../../app/directory/import.server";
import { ingestResponse } from "../../app/responses/ingest.server";
import { getResults, resolveResultsQuery } from "../../app/results/results.server";
import { surveyDefinitionSchema, type SurveyDefinition } from "../../app/survey/definition";
import { definitionHash, registerSurveys, SurveyDefinitionError } from "../../app/survey/registry.server";
import type { Db } from "../../db/client";
import demo from "../../db/seed/demo-directory.json";
import { ratingBody, uuid } from "../support/bodies";
import { testDatabase } from "../support/db";
import { count, storedResponses } from "../support/services";
import { realDefinition, realDefinitions, validDefinitionFile } from "../support/surveys";

function versions(db: Db) {
  return db.$client
    .prepare(
      "select id, survey_id as surveyId, version, content_hash as contentHash, method_version as methodVersion from survey_versions order by id",
    )
    .all() as { id: number; surveyId: string; version: number; contentHash: string; methodVersion: string }[];
}

/** danh-gia-ho-so with its intro changed (and optionally a new version number). */
function changedDossier(version?: number): SurveyDefinition {
  const def = structuredClone(realDefinition("danh-gia-ho-so"));
  def.intro = { vi: "Lời giới thiệu mới.", en: "A new introduction." };
  if (version !== undefined) def.version = version;
  return surveyDefinitionSchema.parse(def);
}

describe("registerSurveys", () => {
  it("registers every definition once, with its hash, method version and full definition", () => {
    const db = testDatabase();
    const registry = registerSurveys(db, realDefinitions());
    // Every file of surveys/ (the list itself is pinned in tests/unit/survey/definitions.test.ts).
    expect([...registry.keys()].sort()).toEqual(
      realDefinitions()
        .map((d) => d.id)
        .sort(),
    );
    const rows = versions(db);
    expect(rows.map((r) => [r.surveyId, r.version, r.methodVersion])).toEqual([
      ["danh-gia-ho-so", 1, "dgtthc-2025"],
      ["giao-duc-mam-non", 1, "qd3476-2019"],
      ["giao-duc-thcs", 1, "qd3476-2019"],
      ["giao-duc-thpt", 1, "qd3476-2019"],
      ["giao-duc-tieu-hoc", 1, "qd3476-2019"],
      ["sipas", 1, "qd1001-2023"],
      ["y-te-noi-tru", 1, "qd56-2024"],
      ["y-te-tiem-chung", 1, "qd56-2024"],
      ["y-te", 2, "qd56-2024"],
    ]);
    for (const row of rows) {
      const entry = registry.get(row.surveyId)!;
      expect(entry.versionId).toBe(row.id);
      expect(entry.contentHash).toBe(row.contentHash);
      expect(row.contentHash).toBe(definitionHash(entry.def));
    }
    const stored = db.$client.prepare("select definition from survey_versions where survey_id = 'sipas'").get() as { definition: string };
    expect(JSON.parse(stored.definition)).toEqual(realDefinition("sipas"));
  });

  it("reuses the version row when registering the same definitions again (every start-up)", () => {
    const db = testDatabase();
    const first = registerSurveys(db, realDefinitions());
    const before = versions(db);
    const second = registerSurveys(db, realDefinitions());
    expect(versions(db)).toEqual(before);
    for (const id of ["danh-gia-ho-so", "sipas"]) expect(second.get(id)!.versionId).toBe(first.get(id)!.versionId);
  });

  it("hashes the definition, not the key order of its file", () => {
    const def = realDefinition("danh-gia-ho-so");
    const reversed = Object.fromEntries(Object.entries(structuredClone(def)).reverse());
    expect(definitionHash(surveyDefinitionSchema.parse(reversed))).toBe(definitionHash(def));
    expect(definitionHash(changedDossier())).not.toBe(definitionHash(def));
  });

  it("refuses a changed definition under a registered version number, and changes nothing", () => {
    const db = testDatabase();
    registerSurveys(db, realDefinitions());
    const before = versions(db);
    expect(() => registerSurveys(db, [changedDossier()])).toThrow(SurveyDefinitionError);
    expect(() => registerSurveys(db, [changedDossier()])).toThrow(/danh-gia-ho-so\.json.*version/);
    expect(versions(db)).toEqual(before);
  });

  it("registers nothing of a set when one definition is refused (all or nothing)", () => {
    const db = testDatabase();
    registerSurveys(db, [realDefinition("danh-gia-ho-so")]);
    // sipas would be new, but the changed danh-gia-ho-so after it is refused: sipas must not be left registered.
    expect(() => registerSurveys(db, [realDefinition("sipas"), changedDossier()])).toThrow(SurveyDefinitionError);
    expect(versions(db).map((r) => r.surveyId)).toEqual(["danh-gia-ho-so"]);
  });

  it("registers a new version number alongside the old one; old responses keep their version", () => {
    const db = testDatabase();
    expect(importDirectory(db, demo).ok).toBe(true);
    const v1 = registerSurveys(db, realDefinitions());
    expect(ingestResponse(db, v1, ratingBody({ id: uuid(1) }), { source: "test" }).status).toBe("created");

    const v2 = registerSurveys(db, [changedDossier(2), realDefinition("sipas")]);
    const v1Id = v1.get("danh-gia-ho-so")!.versionId;
    const v2Id = v2.get("danh-gia-ho-so")!.versionId;
    expect(v2Id).not.toBe(v1Id);
    expect(v2.get("sipas")!.versionId).toBe(v1.get("sipas")!.versionId);
    expect(versions(db).map((r) => [r.surveyId, r.version])).toEqual([
      ["danh-gia-ho-so", 1],
      ["giao-duc-mam-non", 1],
      ["giao-duc-thcs", 1],
      ["giao-duc-thpt", 1],
      ["giao-duc-tieu-hoc", 1],
      ["sipas", 1],
      ["y-te-noi-tru", 1],
      ["y-te-tiem-chung", 1],
      ["y-te", 2],
      ["danh-gia-ho-so", 2],
    ]);
    expect(count(db, "survey_versions")).toBe(10);

    expect(ingestResponse(db, v2, ratingBody({ id: uuid(2) }), { source: "test" }).status).toBe("created");
    expect(storedResponses(db).map((r) => [r.uuid, r.surveyVersionId])).toEqual([
      [uuid(1), v1Id],
      [uuid(2), v2Id],
    ]);
    // Replaying the first response under the new version is still a duplicate of the stored one, which keeps v1.
    expect(ingestResponse(db, v2, ratingBody({ id: uuid(1) }), { source: "test" }).status).toBe("duplicate");
    expect(storedResponses(db)[0]!.surveyVersionId).toBe(v1Id);

    // Going back to the old file is allowed: version 1 is unchanged and still registered.
    expect(registerSurveys(db, [realDefinition("danh-gia-ho-so")]).get("danh-gia-ho-so")!.versionId).toBe(v1Id);
  });

  it("keeps an existing database's y-te version 1 and its responses beside version 2 (QĐ 56), out of version 2's figures", () => {
    const db = testDatabase();
    expect(importDirectory(db, demo).ok).toBe(true);
    // A stand-in for the invented version 1 that databases registered before QĐ 56: same id, its own method version.
    const v1 = surveyDefinitionSchema.parse({
      ...validDefinitionFile("y-te"),
      method: { index: "question", version: "y-te-2026", question: "TONG_THE" },
    });
    const before = registerSurveys(db, [v1]);
    const old = {
      id: uuid(7),
      survey: "y-te",
      agency: "TTHCC",
      channel: "paper",
      submittedAt: "2026-08-14T09:12:00+07:00",
      answers: { TONG_THE: 3 },
    };
    expect(ingestResponse(db, before, old, { source: "test" }).status).toBe("created");

    const now = registerSurveys(db, realDefinitions());
    expect(
      versions(db)
        .filter((r) => r.surveyId === "y-te")
        .map((r) => [r.version, r.methodVersion]),
    ).toEqual([
      [1, "y-te-2026"],
      [2, "qd56-2024"],
    ]);
    expect(storedResponses(db).map((r) => r.surveyVersionId)).toEqual([before.get("y-te")!.versionId]);
    const query = { survey: "y-te", from: "2026-08-01", to: "2026-08-31" };
    expect(resolveResultsQuery(db, now, query).versionIds).toEqual([now.get("y-te")!.versionId]);
    expect(getResults(db, now, query).overall.responses).toBe(0);
  });
});
