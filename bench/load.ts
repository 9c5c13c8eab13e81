/**
 * `npm run bench:load [-- --requests N] [--connections 10,50,200] [--batch B]`: the production server (build in
 * SIPAS_BUILD_DIR or build/) on a temporary database and a free 127.0.0.1 port, rate limits lifted; then, for
 * each number of concurrent clients, autocannon against
 *   - the citizen form POST /q/<token> (a fresh page per request, `_rid` and its signed `_t`: every post is a new
 *     rating → 303),
 *   - POST /api/v1/responses with batches of B new responses (→ 200, all created),
 *   - POST /bench/noop, a Remix action that does nothing (SIPAS_BENCH_ROUTES=1): the floor of this stack
 *     on this machine in this run, which the two real endpoints are divided by.
 * One JSON line per figure on stdout ({"name","value","unit"}), progress on stderr. Finally the number of
 * stored responses must equal the number of acknowledged posts (303s of the form, 200s × B of the API).
 * Bounded by count, not time — N form posts, N/4 API batches and 2N no-op posts per run (default N = 1000),
 * 9 runs — so that every request sent is answered and counted (a timed run drops the answers still in flight
 * when it stops, though the server stores them). Loopback only. Not part of the test suite.
 */
import autocannon, { type Instance } from "autocannon";
import crypto from "node:crypto";
import { parseArgs } from "node:util";

import { ratingBody } from "../tests/support/bodies";
import { ServerProcess, UNLIMITED } from "../tests/support/server-process";

const { values: args } = parseArgs({
  options: {
    requests: { type: "string", default: "1000" },
    connections: { type: "string", default: "10,50,200" },
    batch: { type: "string", default: "20" },
  },
});
const N = Number(args.requests);
const LEVELS = args.connections.split(",").map(Number);
const BATCH = Number(args.batch);

const started = performance.now();
const log = (message: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${message}\n`);
const print = (name: string, value: number | boolean, unit: string) => console.log(JSON.stringify({ name, value, unit }));
const round = (x: number, digits = 2) => Number(x.toFixed(digits));

const server = new ServerProcess({ env: { ...UNLIMITED, SIPAS_BENCH_ROUTES: "1" } });
log("starting the production server…");
await server.start();
const formUrl = new URL(server.links().get("SO_YT-Q01")!);
const key = server.apiKey("integration");
const keyId = server.count("select max(id) as n from api_keys");
const FORM = new URLSearchParams({ TONG_THE: "3", THUAN_TIEN: "2", DUNG_HAN: "3", THAI_DO: "2", Y_KIEN: "Cán bộ hướng dẫn tận tình" }).toString();
const now = new Date(Date.now() - 3_600_000).toISOString();

/** `amount` POSTs to `path`, each with a fresh body (a new id: every one must be stored). */
const postEach = (path: string, headers: Record<string, string>, body: () => string, connections: number, amount: number) =>
  autocannon({
    url: server.baseUrl,
    connections,
    amount,
    requests: [{ method: "POST", path, headers, setupRequest: (req) => ({ ...req, body: body() }) }],
  });

type Target = { name: string; ok: number; amount: number; run: (connections: number, amount: number) => Instance };
const targets: Target[] = [
  {
    name: "noop",
    ok: 204,
    amount: 2 * N,
    run: (connections, amount) =>
      autocannon({
        url: `${server.baseUrl}/bench/noop`,
        connections,
        amount,
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: FORM,
      }),
  },
  {
    name: "form",
    ok: 303,
    amount: N,
    run: (connections, amount) =>
      postEach(
        formUrl.pathname,
        { "content-type": "application/x-www-form-urlencoded" },
        // A fresh page each time: its id signed into its token, as the server renders it.
        () => `${FORM}&${new URLSearchParams(server.pageFields(crypto.randomUUID()))}`,
        connections,
        amount,
      ),
  },
  {
    name: "api",
    ok: 200,
    amount: Math.ceil(N / 4),
    run: (connections, amount) =>
      postEach(
        "/api/v1/responses",
        { "content-type": "application/json", authorization: `Bearer ${key}` },
        () => JSON.stringify({ responses: Array.from({ length: BATCH }, () => ratingBody({ id: crypto.randomUUID(), submittedAt: now })) }),
        connections,
        amount,
      ),
  },
];

const acknowledged = { form: 0, api: 0 };
const qrBefore = server.count("select count(*) as n from responses where channel = 'qr'");
try {
  // Warm-up (not reported): JIT, statement caches, SQLite pages.
  for (const t of targets) {
    const r = await t.run(10, Math.ceil(t.amount / 10));
    if (t.name === "form") acknowledged.form += r.statusCodeStats["303"]?.count ?? 0;
    if (t.name === "api") acknowledged.api += (r.statusCodeStats["200"]?.count ?? 0) * BATCH;
  }
  for (const connections of LEVELS) {
    const rate = new Map<string, number>();
    for (const t of targets) {
      const amount = Math.max(t.amount, connections * 2);
      log(`${t.name}: ${amount} requests from ${connections} clients…`);
      // Timed here, from the start to the last answer: autocannon's own `duration` — and its promise — only come at
      // its next 1-second sample tick after the last answer, so a run that took 1.23 s was reported as 2.0 s, and
      // a clock around the promise rounds the same way (issue «Fast at a whole province's scale»). Its figure is
      // printed beside ours for comparison.
      const t0 = performance.now();
      let last = t0;
      const r = await t.run(connections, amount).on("response", () => (last = performance.now()));
      const elapsed = (last - t0) / 1000;
      const total = Object.values(r.statusCodeStats).reduce((sum, s) => sum + s.count, 0);
      const ok = r.statusCodeStats[String(t.ok)]?.count ?? 0;
      const rps = total / elapsed;
      rate.set(t.name, rps);
      if (t.name === "form") acknowledged.form += ok;
      if (t.name === "api") acknowledged.api += ok * BATCH;
      const prefix = `load_${t.name}_c${connections}`;
      print(`${prefix}_elapsed`, round(elapsed, 3), "s");
      print(`${prefix}_autocannon_duration`, round(r.duration, 3), "s");
      print(`${prefix}_requests_per_s`, Math.round(rps), "requests/s");
      if (t.name === "api") print(`${prefix}_responses_per_s`, Math.round(rps * BATCH), "responses/s");
      print(`${prefix}_latency_p50`, r.latency.p50, "ms");
      print(`${prefix}_latency_p99`, r.latency.p99, "ms");
      print(`${prefix}_errors`, r.errors + r.timeouts + (total - ok), "requests");
    }
    for (const name of ["form", "api"]) {
      print(`load_${name}_c${connections}_ratio_to_noop`, round(rate.get(name)! / rate.get("noop")!, 3), "ratio");
    }
  }
  const storedForm = server.count("select count(*) as n from responses where channel = 'qr'") - qrBefore;
  const storedApi = server.count("select count(*) as n from responses where api_key_id = ?", keyId);
  print("load_form_stored_equals_acknowledged", storedForm === acknowledged.form, "bool");
  print("load_api_stored_equals_acknowledged", storedApi === acknowledged.api, "bool");
  print("load_responses_stored", storedForm + storedApi, "responses");
  print("elapsed", Math.round((performance.now() - started) / 1000), "s");
  if (storedForm !== acknowledged.form || storedApi !== acknowledged.api) {
    log(`MISMATCH form stored ${storedForm} acknowledged ${acknowledged.form}; api stored ${storedApi} acknowledged ${acknowledged.api}`);
    process.exitCode = 1;
  }
} finally {
  await server.stop();
}
