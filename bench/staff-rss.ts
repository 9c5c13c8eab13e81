/**
 * `npx tsx bench/staff-rss.ts --dir DIR [--staff 4] [--seconds 60]`: the production server on DIR/sipas.db (a
 * database generated before, kept), and STAFF signed-in administrators browsing at once, each walking the same
 * pages in its own order — the province dashboard of both surveys, with a channel, a field and a sector filter,
 * agencies' pages (with a channel), the report — for SECONDS. The server's resident memory is sampled every
 * 200 ms (/proc). One JSON line per figure: RSS at start and peak, and each page's p50/p99.
 */
import { parseArgs } from "node:util";

import { ServerProcess } from "../tests/support/server-process";
import { adminCookie, serverRssMb } from "./server-admin";

const { values: args } = parseArgs({
  options: {
    dir: { type: "string" },
    staff: { type: "string", default: "4" },
    seconds: { type: "string", default: "60" },
    "node-options": { type: "string" },
  },
});
if (!args.dir) throw new Error("--dir DIR (holding sipas.db) is required");
const print = (name: string, value: number, unit: string) => console.log(JSON.stringify({ name, value, unit }));
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil(q * xs.length) - 1))] ?? NaN;

const PAGES: [string, string][] = [
  ["province_counter", "/quan-tri?survey=danh-gia-ho-so"],
  ["province_sipas", "/quan-tri?survey=sipas"],
  ["sipas_paper", "/quan-tri?survey=sipas&channel=paper"],
  ["sipas_field", "/quan-tri?survey=sipas&field=DAT_DAI"],
  ["counter_sector", "/quan-tri?survey=danh-gia-ho-so&sector=NN_MT"],
  ["agency_counter", "/quan-tri/co-quan/TTHCC?survey=danh-gia-ho-so"],
  ["agency_kiosk", "/quan-tri/co-quan/TTHCC?survey=danh-gia-ho-so&channel=kiosk"],
  ["agency_sipas", "/quan-tri/co-quan/P_DBP?survey=sipas"],
  ["report", "/quan-tri/bao-cao?survey=sipas"],
];

// `--node-options "--max-semi-space-size=…"`: the server's V8 settings, to compare memory under the same load.
const server = new ServerProcess({ dir: args.dir, env: args["node-options"] ? { NODE_OPTIONS: args["node-options"] } : {} });
await server.start();
try {
  const cookie = await adminCookie(server);
  const start = serverRssMb(server);
  let peak = start;
  const sampler = setInterval(() => {
    if (server.child?.exitCode !== null || server.child?.signalCode !== null) {
      clearInterval(sampler);
      console.error(`the server stopped (${server.child?.exitCode ?? server.child?.signalCode}): ${server.stderr.slice(-3000)}`);
      return;
    }
    peak = Math.max(peak, serverRssMb(server));
  }, 200);
  const times = new Map<string, number[]>(PAGES.map(([name]) => [name, []]));
  const failed: string[] = [];
  const until = performance.now() + Number(args.seconds) * 1000;
  await Promise.all(
    Array.from({ length: Number(args.staff) }, async (_, who) => {
      for (let i = who; performance.now() < until; i++) {
        const [name, path] = PAGES[i % PAGES.length]!;
        const t = performance.now();
        const res = await fetch(`${server.baseUrl}${path}`, { headers: { cookie, "accept-encoding": "gzip" } });
        await res.arrayBuffer();
        if (res.status === 200) times.get(name)!.push(performance.now() - t);
        else failed.push(`${path}: ${res.status}`);
      }
    }),
  );
  clearInterval(sampler);
  if (failed.length) console.error(`not 200: ${[...new Set(failed)].join(", ")}`);
  print("pages_not_200", failed.length, "requests");
  print("staff", Number(args.staff), "browsers");
  print("rss_start", Math.round(start), "MB");
  print("rss_peak", Math.round(peak), "MB");
  for (const [name, xs] of times) {
    print(`page_${name}_count`, xs.length, "requests");
    print(`page_${name}_p50`, Math.round(quantile(xs, 0.5)), "ms");
    print(`page_${name}_p99`, Math.round(quantile(xs, 0.99)), "ms");
  }
} finally {
  await server.stop({ keep: true });
}
