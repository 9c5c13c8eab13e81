/**
 * Fuzzing the two ways in (issue 8) over HTTP: generated hostile payloads (tests/support/fuzz-payloads.ts)
 * against the citizen form and the API of the production server; the bulk (9 000) goes in-process in
 * tests/integration/fuzz.property.test.ts. Every answer must be a 4xx
 * with a Vietnamese message — the form page again with its alert for the citizen form, JSON `error` for the
 * API (a batch: 200 with every item refused, as docs/contracts.md specifies) — never a 5xx; nothing is stored and
 * the server still answers /healthz at the end.
 * Over HTTP against a real server process (not the route functions in-process) because the failures
 * worth finding live in the layers around the action: body parsing, content types, size limits, the
 * express adapter. It needs the build, hence the Playwright phase; no browser is started.
 */
import { expect, test } from "@playwright/test";
import fc from "fast-check";

import { DEMO_PASSWORD } from "../../db/seed/demo-users";
import { apiPayload, formPayload, originHeaders, periodQuery, VIETNAMESE, type Payload } from "../support/fuzz-payloads";
import { rawRequest } from "../support/raw-http";
import { ServerProcess, UNLIMITED } from "../support/server-process";

// With the 9 000 sent in-process by tests/integration/fuzz.property.test.ts: 10 600 payloads in all.
const FORM_RUNS = 600;
const API_RUNS = 1_000;
/** Each generated period is asked of six pages; each origin of four forms. */
const PERIOD_RUNS = 80;
const ORIGIN_RUNS = 120;

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
async function fuzz<T extends { label: string }>(arb: fc.Arbitrary<T>, runs: number, check: (p: T) => Promise<void>) {
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
          const body = p && "body" in p ? (p as unknown as Payload) : null;
          const head = body ? ` (${body.contentType}) ${JSON.stringify(Buffer.from(body.body).subarray(0, 300).toString("latin1"))}…` : "";
          throw new Error(`seed ${out.seed}: ${p?.label}${head}\n${String(out.errorInstance)}`);
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

test("every page that reads a period answers generated periods without a 5xx, in Vietnamese when it refuses", async () => {
  test.setTimeout(120_000);
  const admin = await server.signedIn("admin", DEMO_PASSWORD);
  const key = server.apiKey("integration");
  const pages = [
    ["/quan-tri?", { cookie: admin.cookie }],
    ["/quan-tri/co-quan/TTHCC?", { cookie: admin.cookie }],
    ["/quan-tri/gop-y?", { cookie: admin.cookie }],
    ["/quan-tri/cong-bo?survey=sipas&", { cookie: admin.cookie }],
    ["/quan-tri/bao-cao/so-lieu.xlsx?survey=sipas&", { cookie: admin.cookie }],
    ["/api/v1/results?survey=sipas&", { authorization: `Bearer ${key}` }],
  ] as const;
  const statuses = new Map<number, number>();
  await fuzz(periodQuery, PERIOD_RUNS, async ({ label, query }) => {
    for (const [path, headers] of pages) {
      const res = await fetch(`${server.baseUrl}${path}${query}`, { headers, redirect: "manual", signal: AbortSignal.timeout(20_000) });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const text = await res.text();
      const context = `${path} ${label} → ${res.status} ${text.slice(0, 200)}`;
      expect(res.status, context).toBeLessThan(500);
      expect([200, 400], context).toContain(res.status);
      if (res.status === 400) expect(text, context).toMatch(VIETNAMESE);
    }
  });
  console.log(`period requests: ${[...statuses].map(([st, n]) => `${st}×${n}`).join(", ")}`);
  expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
});

test("form posts with generated Origin and Host headers: a Vietnamese 403 or 400 before the page, never a 5xx", async () => {
  test.setTimeout(120_000);
  const admin = await server.signedIn("admin", DEMO_PASSWORD);
  const host = new URL(server.baseUrl).host;
  const qr = new URL(server.links().get("TTHCC-Q01")!).pathname;
  const before = server.count();
  const passwordHash = () => server.withDb((sqlite) => sqlite.prepare("select password_hash from users where username = 'admin'").pluck().get());
  const hashBefore = passwordHash();
  // Bodies the pages themselves refuse (an unknown answer code, an unknown user, a wrong current password), so
  // that a post from this site's own origin changes nothing either.
  const forms = [
    [qr, "", `_rid=${crypto.randomUUID()}&TONG_THE=7`],
    ["/dang-nhap", "", `username=khong-co-ai&password=sai&csrf=${encodeURIComponent(admin.token)}`],
    ["/quan-tri/mat-khau", admin.cookie, `current=sai&next=mat-khau-moi-2026&csrf=${encodeURIComponent(admin.token)}`],
    ["/dang-xuat.data", admin.cookie, `csrf=${encodeURIComponent(admin.token)}`],
  ] as const;
  const statuses = new Map<number, number>();
  await fuzz(originHeaders(host), ORIGIN_RUNS, async ({ label, headers }) => {
    for (const [path, cookie, body] of forms) {
      const res = await rawRequest(server.baseUrl, path, {
        headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}), ...headers },
        body,
      });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const context = `${path} ${label} → ${res.status} ${res.text.slice(0, 200)}`;
      expect(res.status, context).toBeLessThan(500);
      const sentHost = headers.host ?? host;
      const foreign = !URL.canParse(headers.origin ?? "") || new URL(headers.origin!).host !== sentHost;
      if (headers.host !== undefined && !/^[^\s/@?#]+$/.test(headers.host)) expect(res.status, context).toBe(400);
      else if (foreign && res.status !== 400) expect(res.status, context).toBe(403);
      if (res.status === 403 || res.status === 400) expect(res.text, context).toMatch(VIETNAMESE);
    }
  });
  console.log(`origin requests: ${[...statuses].map(([st, n]) => `${st}×${n}`).join(", ")}`);
  expect(server.count(), "responses stored by refused forms").toBe(before);
  expect(passwordHash(), "admin's password").toBe(hashBefore);
  expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
});
