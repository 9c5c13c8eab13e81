/**
 * Fuzzing the two ways in (issue 8) over HTTP: generated hostile payloads (tests/support/fuzz-payloads.ts)
 * against the citizen form and the API of the production server; the bulk (9 000) goes in-process in
 * tests/integration/fuzz.property.test.ts. Every answer must be a 4xx
 * with a Vietnamese message — the form page again with its alert for the citizen form, JSON `error` for the
 * API (a batch: 200 with every item refused, as contracts.md specifies) — never a 5xx; nothing is stored and
 * the server still answers /healthz at the end.
 * Over HTTP against a real server process (not the route functions in-process) because the failures
 * worth finding live in the layers around the action: body parsing, content types, size limits, the
 * express adapter. It needs the build, hence the Playwright phase; no browser is started.
 */
import { expect, test } from "@playwright/test";
import fc from "fast-check";

import { apiPayload, formPayload, VIETNAMESE, type Payload } from "../support/fuzz-payloads";
import { ServerProcess, UNLIMITED } from "../support/server-process";

// With the 9 000 sent in-process by tests/integration/fuzz.property.test.ts: 10 600 payloads in all.
const FORM_RUNS = 600;
const API_RUNS = 1_000;

test.describe.configure({ mode: "serial" });

let server: ServerProcess;

test.beforeAll(async () => {
  server = new ServerProcess({ env: { ...UNLIMITED } });
  await server.start();
});

test.afterAll(async () => {
  await server.stop();
});

async function post(url: string, payload: Payload, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { ...(payload.contentType ? { "content-type": payload.contentType } : {}), ...headers },
    body: payload.body,
  });
  return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
}

/** Runs a property with `runs` samples, `lanes` of them in flight at a time (each lane its own seed). */
async function fuzz(arb: fc.Arbitrary<Payload>, runs: number, check: (p: Payload) => Promise<void>) {
  const lanes = 3;
  await Promise.all(
    Array.from({ length: lanes }, (_, lane) =>
      fc.assert(fc.asyncProperty(arb, check), {
        numRuns: Math.ceil(runs / lanes),
        seed: 8_000 + lane,
        endOnFailure: true,
        // Payloads can be megabytes: report the failing one by its label and first bytes, not in full.
        reporter: (out) => {
          if (!out.failed) return;
          const [p] = out.counterexample ?? [];
          const head = p ? Buffer.from(p.body).subarray(0, 300).toString("latin1") : "";
          throw new Error(`seed ${out.seed}: ${p?.label} (${p?.contentType}) ${JSON.stringify(head)}…\n${String(out.errorInstance)}`);
        },
      }),
    ),
  );
}

test("the citizen form refuses every hostile payload in Vietnamese, stores nothing, never 5xx", async () => {
  test.setTimeout(90_000);
  const links = server.links();
  const before = server.count();
  const counters = [
    { url: links.get("SO_YT-Q01")!, multiField: false },
    { url: links.get("TTHCC-Q01")!, multiField: true },
  ];
  const statuses = new Map<number, number>();
  for (const counter of counters) {
    await fuzz(formPayload(counter), FORM_RUNS / counters.length, async (payload) => {
      const res = await post(counter.url, payload);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const context = `${payload.label} → ${res.status}`;
      expect(res.status, context).toBeGreaterThanOrEqual(400);
      expect(res.status, context).toBeLessThan(500);
      expect(res.type, context).toContain("text/html");
      // The page again, with the alert summarising what to fix (role="alert"), in Vietnamese.
      const alert = /<p class="err-summary" role="alert">([^<]+)<\/p>/.exec(res.text)?.[1] ?? "";
      expect(alert, context).toMatch(VIETNAMESE);
    });
  }
  console.log(`form payloads: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(", ")}`);
  expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(FORM_RUNS);
  expect(server.count(), "responses stored by refused forms").toBe(before);
  expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
});

test("the API refuses every hostile payload in Vietnamese, stores nothing, never 5xx", async () => {
  test.setTimeout(90_000);
  const key = server.apiKey("integration");
  const url = `${server.baseUrl}/api/v1/responses`;
  const before = server.count();
  const statuses = new Map<number, number>();
  await fuzz(apiPayload(), API_RUNS, async (payload) => {
    const res = await post(url, payload, { authorization: `Bearer ${key}` });
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    const context = `${payload.label} → ${res.status} ${res.text.slice(0, 300)}`;
    expect(res.type, context).toContain("application/json");
    const body = JSON.parse(res.text) as { error?: string; created?: number; results?: { status: number; error?: string }[] };
    if (res.status === 200 && body.results) {
      // A batch: each item answered on its own; every one must be refused, none created.
      expect(body.created, context).toBe(0);
      for (const item of body.results) {
        expect(item.status, context).toBeGreaterThanOrEqual(400);
        expect(item.status, context).toBeLessThan(500);
        expect(item.error ?? "", context).toMatch(VIETNAMESE);
      }
      return;
    }
    expect(res.status, context).toBeGreaterThanOrEqual(400);
    expect(res.status, context).toBeLessThan(500);
    expect(body.error ?? "", context).toMatch(VIETNAMESE);
  });
  console.log(`API payloads: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(", ")}`);
  expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(API_RUNS);
  expect(server.count(), "responses stored by refused payloads").toBe(before);
  expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
});
