/**
 * Fuzzing in-process (issue 8): the bulk of the ≥ 10 000 generated hostile payloads
 * (tests/support/fuzz-payloads.ts), sent as real Requests to the citizen form's action and to the API's
 * action against a real SQLite file. Every answer is a 4xx with a Vietnamese message (the form's errors /
 * the API's JSON `error`; a batch: 200 with every item refused), nothing is stored.
 * In-process because it is ~20x faster than HTTP through the production server on a busy 2-core machine;
 * tests/e2e/fuzz.spec.ts sends a smaller sample of the same generators over HTTP to cover the layers around
 * the actions (express, the Remix adapter, rendering the page again, connection handling).
 */
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";

import { createApiKey } from "../../app/auth/api-keys.server";
import { readEnv } from "../../app/env.server";
import { action as apiAction } from "../../app/routes/api.v1.responses";
import { action as formAction } from "../../app/routes/q.$token";
import { provideServices } from "../../app/services.server";
import { apiPayload, formPayload, VIETNAMESE, type Payload } from "../support/fuzz-payloads";
import { settle } from "../support/route";
import { signPageToken } from "../../app/security/page-token.server";
import { demoServices, storedCounts } from "../support/services";

export const FORM_RUNS = 5_000;
export const API_RUNS = 4_000;

afterEach(() => provideServices(undefined));

function setup() {
  const s = demoServices();
  const env = readEnv({
    DATABASE_PATH: s.db.$client.name,
    RATE_QR_PER_ADDRESS: "1000000000",
    RATE_QR_PER_COUNTER: "1000000000",
    RATE_API_PER_KEY: "1000000000",
  } as never);
  provideServices({ env, db: s.db, surveys: s.surveys, secret: "x".repeat(40) });
  return s;
}

const request = (url: string, p: Payload, headers: Record<string, string> = {}) =>
  new Request(url, { method: "POST", body: p.body, headers: { ...(p.contentType ? { "content-type": p.contentType } : {}), ...headers } });

const shortReport = {
  // Payloads can be megabytes: name the failing one by its label and first bytes.
  reporter: (out: fc.RunDetails<[Payload]>) => {
    if (!out.failed) return;
    const [p] = out.counterexample ?? [];
    const head = p ? Buffer.from(p.body).subarray(0, 300).toString("latin1") : "";
    throw new Error(`seed ${out.seed}: ${p?.label} (${p?.contentType}) ${JSON.stringify(head)}…\n${String(out.errorInstance)}`);
  },
};

describe("hostile payloads, in-process", () => {
  it(`the citizen form's action refuses ${FORM_RUNS} of them in Vietnamese and stores nothing`, { timeout: 120_000 }, async () => {
    const { db } = setup();
    const before = storedCounts(db);
    for (const [code, multiField] of [["SO_YT-Q01", false], ["TTHCC-Q01", true]] as const) {
      const { token } = db.$client.prepare("select token from counters where code = ?").get(code) as { token: string };
      await fc.assert(
        fc.asyncProperty(formPayload({ multiField, sign: (rid) => signPageToken("x".repeat(40), rid, Date.now()) }), async (p) => {
          const outcome = await settle(() => formAction({ request: request(`http://test/q/${token}`, p), params: { token }, context: {} }));
          expect(outcome.kind, p.label).toBe("data");
          expect(outcome.status, p.label).toBeGreaterThanOrEqual(400);
          expect(outcome.status, p.label).toBeLessThan(500);
          const errors = outcome.kind === "data" ? (outcome.data.errors as Record<string, string>) : {};
          expect(Object.values(errors).join(" "), p.label).toMatch(VIETNAMESE);
        }),
        { numRuns: FORM_RUNS / 2, seed: 80, ...shortReport },
      );
    }
    expect(storedCounts(db)).toEqual(before);
  });

  it(`the API's action refuses ${API_RUNS} of them in Vietnamese and stores nothing`, { timeout: 120_000 }, async () => {
    const { db } = setup();
    const { key } = createApiKey(db, { kind: "integration", name: "fuzz" });
    const before = storedCounts(db);
    await fc.assert(
      fc.asyncProperty(apiPayload(), async (p) => {
        const outcome = await settle(() =>
          apiAction({ request: request("http://test/api/v1/responses", p, { authorization: `Bearer ${key}` }), params: {}, context: {} }),
        );
        expect(outcome.kind, p.label).toBe("response");
        if (outcome.kind !== "response") return;
        const body = (await outcome.response.json()) as { error?: string; created?: number; results?: { status: number; error?: string }[] };
        if (outcome.status === 200 && body.results) {
          expect(body.created, p.label).toBe(0);
          for (const [i, item] of body.results.entries()) {
            expect(item.status, `${p.label}: item ${i} ${JSON.stringify(item)}`).toBeGreaterThanOrEqual(400);
            expect(item.status, p.label).toBeLessThan(500);
            expect(item.error ?? "", p.label).toMatch(VIETNAMESE);
          }
          return;
        }
        expect(outcome.status, p.label).toBeGreaterThanOrEqual(400);
        expect(outcome.status, p.label).toBeLessThan(500);
        expect(body.error ?? "", p.label).toMatch(VIETNAMESE);
      }),
      { numRuns: API_RUNS, seed: 81, ...shortReport },
    );
    expect(storedCounts(db)).toEqual(before);
  });
});
