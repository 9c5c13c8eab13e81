/**
 * `npx tsx bench/export-stall.ts --dir DIR [--survey S] [--period P] [--agency-filter]`: the production server on
 * DIR/sipas.db (a database generated before — e.g. 1 000 000 responses; the file is kept), signed in as a bench
 * administrator; first /healthz and a citizen's rating alone (the baseline), then the same probes while the raw-
 * response CSV export of S for P is read uncompressed at full speed (curl, scripts: the case that once stalled
 * the server — issue «Fast at a whole province's scale»). One JSON line per figure: the probes' p50/p99/max in
 * both phases, the export's rows, bytes and duration, and how many probes were answered while it streamed.
 */
import crypto from "node:crypto";
import http from "node:http";
import { parseArgs } from "node:util";

import { ServerProcess, UNLIMITED } from "../tests/support/server-process";
import { adminCookie } from "./server-admin";

const { values: args } = parseArgs({
  options: { dir: { type: "string" }, survey: { type: "string", default: "danh-gia-ho-so" }, period: { type: "string" } },
});
if (!args.dir) throw new Error("--dir DIR (holding sipas.db) is required");
const print = (name: string, value: number | boolean, unit: string) => console.log(JSON.stringify({ name, value, unit }));
const log = (message: string) => process.stderr.write(`${message}\n`);
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil(q * xs.length) - 1))] ?? NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const server = new ServerProcess({ dir: args.dir, env: { ...UNLIMITED } });
log("starting the production server on the kept database…");
await server.start();
try {
  const cookie = await adminCookie(server);
  const period =
    args.period ??
    server.withDb(
      (sql) =>
        sql
          .prepare("select substr(day_vn, 1, 4) from responses where survey_id = ? group by 1 order by count(*) desc limit 1")
          .pluck()
          .get(args.survey) as string,
    );
  const form = new URL(server.links().values().next().value!);

  const healthz = async () => {
    const t = performance.now();
    const r = await fetch(`${server.baseUrl}/healthz`);
    await r.arrayBuffer();
    return performance.now() - t;
  };
  const rating = async () => {
    const t = performance.now();
    const r = await fetch(`${server.baseUrl}${form.pathname}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ TONG_THE: "3", THUAN_TIEN: "2", ...server.pageFields(crypto.randomUUID()) }),
    });
    await r.arrayBuffer();
    if (r.status !== 303) throw new Error(`rating: ${r.status}`);
    return performance.now() - t;
  };
  /** Probes every 50 ms (health) and 200 ms (rating) until `until` resolves; one at a time each. */
  async function probe(until: Promise<unknown>) {
    let done = false;
    void until.finally(() => (done = true));
    const h: number[] = [];
    const p: number[] = [];
    const loop = async (f: () => Promise<number>, into: number[], every: number) => {
      while (!done) {
        into.push(await f());
        await sleep(every);
      }
    };
    await Promise.all([loop(healthz, h, 50), loop(rating, p, 200)]);
    return { h, p };
  }
  const report = (phase: string, { h, p }: { h: number[]; p: number[] }) => {
    for (const [name, xs] of [
      ["healthz", h],
      ["rating", p],
    ] as const) {
      print(`${phase}_${name}_count`, xs.length, "requests");
      print(`${phase}_${name}_p50`, Number(quantile(xs, 0.5).toFixed(1)), "ms");
      print(`${phase}_${name}_p99`, Number(quantile(xs, 0.99).toFixed(1)), "ms");
      print(`${phase}_${name}_max`, Number(Math.max(...xs).toFixed(1)), "ms");
    }
  };

  // Warm-up, then the baseline: the probes alone for 5 s.
  await healthz();
  await rating();
  report("idle", await probe(sleep(5000)));

  log(`exporting ${args.survey} ${period} uncompressed, read at full speed…`);
  const url = `${server.baseUrl}/quan-tri/bao-cao/phieu.csv?survey=${args.survey}&period=${period}&scope=province`;
  const t0 = performance.now();
  let rows = 0;
  let bytes = 0;
  let firstByte = 0;
  const exported = new Promise<void>((resolve, reject) => {
    http
      .get(url, { headers: { cookie, "accept-encoding": "identity" }, agent: false }, (res) => {
        rows = Number(res.headers["x-total-rows"]);
        res.on("data", (chunk: Buffer) => {
          firstByte ||= performance.now() - t0;
          bytes += chunk.length;
        });
        res.on("end", resolve);
        res.on("error", reject);
      })
      .on("error", reject);
  });
  // The probes start once the export is streaming (its first bytes have arrived).
  while (!firstByte) await sleep(5);
  const during = await probe(exported);
  await exported;
  const seconds = (performance.now() - t0) / 1000;
  print("export_rows", rows, "rows");
  print("export_bytes", bytes, "bytes");
  print("export_seconds", Number(seconds.toFixed(2)), "s");
  print("export_first_byte", Math.round(firstByte), "ms");
  report("during_export", during);
} finally {
  await server.stop({ keep: true });
}
