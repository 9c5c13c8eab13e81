/**
 * Abuse control on the public rating page: limits count stored ratings per counter and per client address, so
 * junk and refused posts never stop an honest citizen; past a limit, a Vietnamese "wait and press again"
 * answer (429) that stores nothing; other counters and addresses are unaffected.
 */
import { afterEach, describe, expect, it } from "vitest";

import { readEnv } from "../../app/env.server";
import { action } from "../../app/routes/q.$token";
import { signPageToken } from "../../app/security/page-token.server";
import { checkAll, hit, hitAll, recordAll } from "../../app/security/rate-limit.server";
import { provideServices } from "../../app/services.server";
import { uuid } from "../support/bodies";
import { demoServices, storedCounts } from "../support/services";

afterEach(() => provideServices(undefined));

const SECRET = "x".repeat(40);

function setup(limits: Record<string, string> = {}) {
  const s = demoServices();
  provideServices({ env: readEnv({ DATABASE_PATH: s.db.$client.name, ...limits } as never), db: s.db, surveys: s.surveys, secret: SECRET });
  const token = (code: string) => (s.db.$client.prepare("select token from counters where code = ?").get(code) as { token: string }).token;
  return { ...s, token };
}

/** A post of rating id `n` from a page rendered for it; `entries` replace the answers. */
async function post(token: string, n: number, clientAddress = "203.0.113.7", entries: [string, string][] = [["TONG_THE", "3"]]) {
  const request = new Request(`http://test/q/${token}?lng=vi`, {
    method: "POST",
    body: new URLSearchParams([["_rid", uuid(n)], ["_t", signPageToken(SECRET, uuid(n), Date.now())], ...entries]),
  });
  try {
    const value = await action({ request, params: { token }, context: { clientAddress } });
    const init = (value as { init?: ResponseInit }).init;
    return { status: init?.status ?? 200, data: (value as { data: { errors: Record<string, string> } }).data, headers: new Headers(init?.headers) };
  } catch (thrown) {
    return { status: (thrown as Response).status, data: null, headers: (thrown as Response).headers };
  }
}

describe("rate limits on the QR page", () => {
  it("refuses a counter's ratings past its limit per minute with a Vietnamese message and stores nothing", async () => {
    const s = setup({ RATE_QR_PER_COUNTER: "2" });
    const token = s.token("SO_YT-Q01");
    expect((await post(token, 1)).status).toBe(303);
    expect((await post(token, 2)).status).toBe(303);
    const before = storedCounts(s.db);
    const refused = await post(token, 3);
    expect(refused.status).toBe(429);
    expect(refused.data?.errors._form).toBe(
      "Quầy này vừa nhận rất nhiều đánh giá trong thời gian ngắn nên tạm dừng nhận. Lựa chọn của Ông/Bà vẫn được giữ: xin chờ khoảng 1 phút rồi bấm «Gửi đánh giá» lần nữa.",
    );
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(storedCounts(s.db)).toEqual(before);
    // Another counter is not affected, and the replay of a stored rating is still acknowledged.
    expect((await post(s.token("SO_XD-Q01"), 4)).status).toBe(303);
    expect((await post(token, 1)).status).toBe(303);
  });

  it("limits one client address across counters, not other addresses", async () => {
    const s = setup({ RATE_QR_PER_ADDRESS: "1" });
    expect((await post(s.token("SO_YT-Q01"), 1, "198.51.100.1")).status).toBe(303);
    expect((await post(s.token("SO_XD-Q01"), 2, "198.51.100.1")).status).toBe(429);
    expect((await post(s.token("SO_XD-Q01"), 3, "198.51.100.2")).status).toBe(303);
  });

  it("20 invalid posts at a counter (and from one address) leave the next valid rating accepted", async () => {
    const s = setup();
    const token = s.token("TTHCC-Q01");
    const junk: [string, string][][] = [
      [["TONG_THE", "7"]],
      [],
      [
        ["TONG_THE", "3"],
        ["_field", "KHONG_CO"],
      ],
      [
        ["TONG_THE", "3"],
        ["Y_KIEN", "x".repeat(2000)],
      ],
    ];
    for (let i = 0; i < 20; i++) {
      const refused = await post(token, 100 + i, "203.0.113.66", junk[i % junk.length]);
      expect(refused.status).toBe(400);
    }
    // Forged pages too (no valid token): refused, not counted.
    for (let i = 0; i < 20; i++) {
      const request = new Request(`http://test/q/${token}?lng=vi`, {
        method: "POST",
        body: new URLSearchParams([
          ["_rid", uuid(200 + i)],
          ["_t", "1.x"],
          ["TONG_THE", "3"],
        ]),
      });
      expect(((await action({ request, params: { token }, context: { clientAddress: "203.0.113.66" } })) as { init: ResponseInit }).init.status).toBe(
        400,
      );
    }
    expect(storedCounts(s.db).responses).toBe(0);
    expect((await post(token, 1, "203.0.113.66")).status).toBe(303);
    expect((await post(token, 2, "203.0.113.67")).status).toBe(303);
    expect(storedCounts(s.db).responses).toBe(2);
  });

  it("opens a new window when the old one ends; `check` counts nothing, `record` counts a success", () => {
    const limit = { max: 1, windowMs: 1000 };
    expect(hit("k", limit, 0).ok).toBe(true);
    expect(hit("k", limit, 500)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(hit("k", limit, 1000).ok).toBe(true);
    expect(
      hitAll(
        [
          ["a", limit],
          ["b", limit],
        ],
        5000,
      ).ok,
    ).toBe(true);
    expect(
      hitAll(
        [
          ["a", limit],
          ["c", limit],
        ],
        5001,
      ).ok,
    ).toBe(false);
    for (let i = 0; i < 5; i++) expect(checkAll([["s", limit]], 10_000).ok).toBe(true);
    recordAll([["s", limit]], 10_000);
    expect(checkAll([["s", limit]], 10_001)).toEqual({ ok: false, retryAfterSeconds: 1 });
  });
});
