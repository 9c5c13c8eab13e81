/**
 * The officer on duty and the submitting key travel with a response: an officer of another agency or an
 * unknown one is refused (nothing stored), the officer is part of the content (same id, other officer =
 * conflict), and responses stored before officers existed keep their content hash.
 */
import { describe, expect, it } from "vitest";

import { contentHash, ingestResponse } from "../../app/responses/ingest.server";
import { buildResponseSchema } from "../../app/survey/response";
import { ratingBody, uuid } from "../support/bodies";
import { demoServices, type TestServices } from "../support/services";

const NOW = Date.UTC(2027, 0, 14, 3, 0, 0);

function addOfficer({ db }: TestServices, agency: string, name: string): number {
  const info = db.$client
    .prepare("insert into officers (agency_id, name, title, created_at) select id, ?, 'Chuyên viên', 0 from agencies where code = ?")
    .run(name, agency);
  return Number(info.lastInsertRowid);
}

function stored({ db }: TestServices, id: string) {
  return db.$client.prepare("select officer_id as officerId, api_key_id as apiKeyId from responses where uuid = ?").get(id) as
    { officerId: number | null; apiKeyId: number | null } | undefined;
}

describe("ingest: officer on duty and submitting key", () => {
  it("records the officer and the API key of a kiosk rating", () => {
    const s = demoServices();
    const officer = addOfficer(s, "TTHCC", "Nguyễn Thị Hoa");
    const key = s.db.$client
      .prepare("insert into api_keys (kind, name, prefix, key_hash, created_at) values ('kiosk', 'Máy quầy 1', 'abcd1234', 'h1', 0)")
      .run();
    const result = ingestResponse(s.db, s.surveys, ratingBody({ officer }), {
      source: "test",
      now: () => NOW,
      apiKeyId: Number(key.lastInsertRowid),
    });
    expect(result.status).toBe("created");
    expect(stored(s, uuid(1))).toEqual({ officerId: officer, apiKeyId: Number(key.lastInsertRowid) });
  });

  it("refuses an officer of another agency or an unknown officer, naming it in Vietnamese, and stores nothing", () => {
    const s = demoServices();
    const other = addOfficer(s, "SO_XD", "Trần Văn Nam");
    for (const officer of [other, 999_999]) {
      const result = ingestResponse(s.db, s.surveys, ratingBody({ officer }), { source: "test", now: () => NOW });
      expect(result).toMatchObject({
        status: "invalid",
        issues: [{ path: "officer", key: "unknownOfficer", params: { value: officer, agency: "TTHCC" } }],
      });
    }
    expect(stored(s, uuid(1))).toBeUndefined();
    const wrongType = ingestResponse(s.db, s.surveys, ratingBody({ officer: "Hoa" }), { source: "test", now: () => NOW });
    expect(wrongType.status).toBe("invalid");
    expect(stored(s, uuid(1))).toBeUndefined();
  });

  it("treats another officer under the same id as a conflict: the first is kept", () => {
    const s = demoServices();
    const a = addOfficer(s, "TTHCC", "Nguyễn Thị Hoa");
    const b = addOfficer(s, "TTHCC", "Lê Văn Bình");
    expect(ingestResponse(s.db, s.surveys, ratingBody({ officer: a }), { source: "test", now: () => NOW }).status).toBe("created");
    expect(ingestResponse(s.db, s.surveys, ratingBody({ officer: a }), { source: "test", now: () => NOW }).status).toBe("duplicate");
    expect(ingestResponse(s.db, s.surveys, ratingBody({ officer: b }), { source: "test", now: () => NOW }).status).toBe("conflict");
    expect(stored(s, uuid(1))?.officerId).toBe(a);
  });

  it("leaves the content hash of a response without an officer as it was before officers existed", () => {
    const s = demoServices();
    const def = s.surveys.get("danh-gia-ho-so")!.def;
    const parsed = buildResponseSchema(def).parse(ratingBody());
    // Computed with canonicalContent as it was before the officer field existed: a change here would turn
    // replays of old kiosk ratings into conflicts.
    expect(contentHash(parsed)).toBe("faafd9c42c666280852dd6cbc18b0121c6937119978c8db4f1a50d81171df18f");
    expect(contentHash({ ...parsed, officer: 7 })).not.toBe(contentHash(parsed));
  });
});
