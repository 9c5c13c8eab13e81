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
import { loader as resultsLoader } from "../../app/routes/api.v1.results";
import { loader as agencyLoader } from "../../app/routes/quan-tri.co-quan.$code";
import { loader as publishLoader } from "../../app/routes/quan-tri.cong-bo";
import { loader as commentsLoader } from "../../app/routes/quan-tri.gop-y._index";
import { loader as dashboardLoader } from "../../app/routes/quan-tri._index";
import { loader as fileLoader } from "../../app/routes/quan-tri_.bao-cao.$file";
import { frontDoorRefusal, isUsableHost } from "../../app/security/origin.server";
import { provideServices } from "../../app/services.server";
import { apiPayload, formPayload, originHeaders, periodQuery, VIETNAMESE, type Payload } from "../support/fuzz-payloads";
import { settle } from "../support/route";
import { signPageToken } from "../../app/security/page-token.server";
import { args, get, staff } from "../support/staff";
import { demoServices, storedCounts } from "../support/services";

export const FORM_RUNS = 5_000;
export const API_RUNS = 4_000;
/** Each period is asked of six pages. */
export const PERIOD_RUNS = 300;
export const ORIGIN_RUNS = 3_000;

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
    for (const [code, multiField] of [
      ["SO_YT-Q01", false],
      ["TTHCC-Q01", true],
    ] as const) {
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

describe("generated periods and origins, in-process", () => {
  it(
    `every page that reads a period answers ${PERIOD_RUNS} generated periods without a 5xx, in Vietnamese when it refuses`,
    { timeout: 180_000 },
    async () => {
      const { db } = setup();
      const admin = staff(db, "x".repeat(40), "admin");
      const { key } = createApiKey(db, { kind: "integration", name: "fuzz periods" });
      const pages: [string, (q: string) => unknown][] = [
        ["dashboard", (q) => dashboardLoader(args(get(`/quan-tri?${q}`, admin)))],
        ["agency page", (q) => agencyLoader(args(get(`/quan-tri/co-quan/TTHCC?${q}`, admin), { code: "TTHCC" }))],
        ["comments", (q) => commentsLoader(args(get(`/quan-tri/gop-y?${q}`, admin)))],
        ["publishing preview", (q) => publishLoader(args(get(`/quan-tri/cong-bo?survey=sipas&${q}`, admin)))],
        ["figures workbook", (q) => fileLoader(args(get(`/quan-tri/bao-cao/so-lieu.xlsx?survey=sipas&${q}`, admin), { file: "so-lieu.xlsx" }))],
        [
          "results API",
          (q) =>
            resultsLoader({
              request: new Request(`http://test/api/v1/results?survey=sipas&${q}`, { headers: { authorization: `Bearer ${key}` } }),
              params: {},
              context: {},
            }),
        ],
      ];
      await fc.assert(
        fc.asyncProperty(periodQuery, async ({ label, query }) => {
          // The results API names its days from/to, the pages take period/from/to: the same query for all.
          for (const [name, load] of pages) {
            const outcome = await settle(() => load(query));
            const context = `${name} ${label} → ${outcome.status}`;
            expect(outcome.status, context).toBeLessThan(500);
            if (outcome.status >= 400 && outcome.kind === "response") expect(await outcome.response.text(), context).toMatch(VIETNAMESE);
          }
        }),
        { numRuns: PERIOD_RUNS, seed: 82 },
      );
    },
  );

  it(`the front door answers ${ORIGIN_RUNS} generated Origin and Host headers with a Vietnamese refusal or lets them through, never throwing`, () => {
    const host = "danhgia.example.gov.vn";
    fc.assert(
      fc.property(
        originHeaders(host),
        fc.constantFrom("POST", "PUT", "DELETE", "GET"),
        fc.constantFrom("/dang-nhap", "/q/RA5d3btm736EZMKy_rJ2IQ", "/quan-tri/mat-khau.data", "/api/v1/responses"),
        ({ headers }, method, path) => {
          const seen = { method, path, origin: headers.origin, host: headers.host ?? host, cookie: undefined };
          const refusal = frontDoorRefusal(seen);
          const foreign =
            method !== "GET" &&
            !path.startsWith("/api/") &&
            headers.origin !== undefined &&
            (!URL.canParse(headers.origin) || new URL(headers.origin).host !== seen.host);
          const usable = isUsableHost(seen.host);
          expect(refusal?.status ?? null).toBe(!usable ? 400 : foreign ? 403 : null);
          if (refusal) expect(refusal.body).toMatch(VIETNAMESE);
        },
      ),
      { numRuns: ORIGIN_RUNS, seed: 83 },
    );
  });
});
