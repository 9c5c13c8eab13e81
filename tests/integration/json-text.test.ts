/**
 * Text that cannot be stored as UTF-8 (issue 16, finding 11): a JSON `\ud800` escape parses to half of a
 * UTF-16 surrogate pair; stored, SQLite held bytes that are not UTF-8 and other clients could not read the row.
 * The API now refuses such a body with a Vietnamese 400 and stores nothing; a real pair (an emoji) is stored
 * and reads back as valid UTF-8. The same reader bounds nesting (MAX_JSON_DEPTH), so no route ever walks a body
 * 100 000 levels deep. The citizen form refuses the same text (it arrives only as invalid UTF-8 there).
 */
import { isUtf8 } from "node:buffer";

import { afterEach, describe, expect, it } from "vitest";

import { MAX_JSON_DEPTH } from "../../app/api/json.server";
import { createApiKey } from "../../app/auth/api-keys.server";
import { action as responsesAction } from "../../app/routes/api.v1.responses";
import { action as formAction } from "../../app/routes/q.$token";
import { provideServices } from "../../app/services.server";
import { ratingBody, uuid } from "../support/bodies";
import { VIETNAMESE } from "../support/fuzz-payloads";
import { settle } from "../support/route";
import { providedDemoServices, storedCounts } from "../support/services";

afterEach(() => provideServices(undefined));

function setup() {
  const s = providedDemoServices("x".repeat(40));
  const { key } = createApiKey(s.db, { kind: "integration", name: "text" });
  return { ...s, key };
}

async function post(key: string, text: string): Promise<{ status: number; body: { error?: string; results?: { status: number }[] } }> {
  const request = new Request("http://test/api/v1/responses", {
    method: "POST",
    body: text,
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
  });
  const outcome = await settle(() => responsesAction({ request, params: {}, context: {} }));
  if (outcome.kind !== "response") throw new Error(`expected a Response, got ${JSON.stringify(outcome)}`);
  return { status: outcome.status, body: (await outcome.response.json()) as { error?: string } };
}

/** The JSON text of a rating whose comment is `comment`, written with a raw escape where asked. */
const rating = (n: number, comment: string) =>
  JSON.stringify(ratingBody({ id: uuid(n), channel: "paper", answers: { TONG_THE: 3, Y_KIEN: "COMMENT" } })).replace('"COMMENT"', comment);

describe("lone surrogates in API bodies", () => {
  it("refuses \\ud800, \\udc00 and a reversed pair in a value or a key with a Vietnamese 400, storing nothing", async () => {
    const { db, key } = setup();
    const before = storedCounts(db);
    const bodies = [
      rating(1, '"Cán bộ \\ud800 nhiệt tình"'),
      rating(2, '"\\udc00"'),
      rating(3, '"\\ude00\\ud83d"'),
      rating(4, '"tốt"').replace('"Y_KIEN"', '"Y_KIEN\\ud800"'),
      `{"responses":[${rating(5, '"tốt"')},${rating(6, '"x\\ud800"')}]}`,
    ];
    for (const text of bodies) {
      const { status, body } = await post(key, text);
      expect(status, text).toBe(400);
      expect(body.error ?? "", text).toMatch(VIETNAMESE);
      expect(body.error, text).toContain("nửa cặp thay thế UTF-16");
    }
    expect(storedCounts(db)).toEqual(before);
  });

  it("stores a real pair (an emoji written as two escapes) as valid UTF-8", async () => {
    const { db, key } = setup();
    expect((await post(key, rating(7, '"Rất tốt \\ud83d\\ude00"'))).status).toBe(201);
    const stored = db.$client
      .prepare("select cast(text as blob) as bytes from answers where question = 'Y_KIEN' and text like 'Rất tốt %'")
      .get() as { bytes: Buffer };
    expect(isUtf8(stored.bytes)).toBe(true);
    expect(stored.bytes.toString("utf8")).toBe("Rất tốt 😀");
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels anywhere in the body, storing nothing`, async () => {
    const { db, key } = setup();
    const before = storedCounts(db);
    for (const depth of [MAX_JSON_DEPTH + 1, 1_000, 100_000]) {
      const deep = `${"[".repeat(depth)}${"]".repeat(depth)}`;
      const text = rating(8, '"tốt"').replace('"answers":', `"extra":${deep},"answers":`);
      const { status, body } = await post(key, text);
      expect(status, String(depth)).toBe(400);
      expect(body.error, String(depth)).toBe(`Nội dung JSON lồng nhau quá sâu (tối đa ${MAX_JSON_DEPTH} cấp).`);
    }
    expect(storedCounts(db)).toEqual(before);
  });
});

describe("lone surrogates in the citizen form", () => {
  it("refuses a comment holding one (percent-escaped or raw bytes) in Vietnamese, storing nothing", async () => {
    const { db } = setup();
    const { token } = db.$client.prepare("select token from counters where code = 'SO_YT-Q01'").get() as { token: string };
    const before = storedCounts(db);
    const bodies: BodyInit[] = [
      `_rid=${crypto.randomUUID()}&TONG_THE=1&Y_KIEN=%ED%A0%80`,
      new Uint8Array(Buffer.concat([Buffer.from(`_rid=${crypto.randomUUID()}&TONG_THE=1&Y_KIEN=`), Buffer.from([0xed, 0xa0, 0x80])])),
    ];
    for (const body of bodies) {
      const request = new Request(`http://test/q/${token}`, {
        method: "POST",
        body,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      const outcome = await settle(() => formAction({ request, params: { token }, context: {} }));
      expect(outcome.status).toBe(400);
      const errors = outcome.kind === "data" ? (outcome.data.errors as Record<string, string>) : {};
      expect(Object.values(errors).join(" ")).toMatch(VIETNAMESE);
    }
    expect(storedCounts(db)).toEqual(before);
  });
});
