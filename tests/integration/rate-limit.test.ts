/**
 * Abuse control on the public rating page: per counter and per client address, a Vietnamese
 * "try later" answer (429) that stores nothing; other counters and addresses are unaffected.
 */
import { afterEach, describe, expect, it } from "vitest";

import { readEnv } from "../../app/env.server";
import { action } from "../../app/routes/q.$token";
import { hit, hitAll } from "../../app/security/rate-limit.server";
import { provideServices } from "../../app/services.server";
import { uuid } from "../support/bodies";
import { demoServices, storedCounts } from "../support/services";

afterEach(() => provideServices(undefined));

function setup(limits: Record<string, string>) {
  const s = demoServices();
  provideServices({
    env: readEnv({ DATABASE_PATH: s.db.$client.name, RATE_QR_MIN_SECONDS: "0", ...limits } as never),
    db: s.db,
    surveys: s.surveys,
    secret: "x".repeat(40),
  });
  const token = (code: string) => (s.db.$client.prepare("select token from counters where code = ?").get(code) as { token: string }).token;
  return { ...s, token };
}

async function post(token: string, n: number, clientAddress = "203.0.113.7") {
  const request = new Request(`http://test/q/${token}?lng=vi`, {
    method: "POST",
    body: new URLSearchParams([["_rid", uuid(n)], ["TONG_THE", "3"]]),
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
    expect(refused.data?.errors._form).toBe("Có quá nhiều lượt đánh giá trong thời gian ngắn. Xin Ông/Bà thử lại sau ít phút.");
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(storedCounts(s.db)).toEqual(before);
    // Another counter is not affected.
    expect((await post(s.token("SO_XD-Q01"), 4)).status).toBe(303);
  });

  it("limits one client address across counters, not other addresses", async () => {
    const s = setup({ RATE_QR_PER_ADDRESS: "1" });
    expect((await post(s.token("SO_YT-Q01"), 1, "198.51.100.1")).status).toBe(303);
    expect((await post(s.token("SO_XD-Q01"), 2, "198.51.100.1")).status).toBe(429);
    expect((await post(s.token("SO_XD-Q01"), 3, "198.51.100.2")).status).toBe(303);
  });

  it("opens a new window when the old one ends", () => {
    const limit = { max: 1, windowMs: 1000 };
    expect(hit("k", limit, 0).ok).toBe(true);
    expect(hit("k", limit, 500)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(hit("k", limit, 1000).ok).toBe(true);
    expect(hitAll([["a", limit], ["b", limit]], 5000).ok).toBe(true);
    expect(hitAll([["a", limit], ["c", limit]], 5001).ok).toBe(false);
  });
});
