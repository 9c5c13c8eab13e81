/**
 * A client that reads a long export slowly must not make the server hold it (scripts/remix-handler.mjs):
 * the raw-response CSV of ≥ 100 000 responses is requested, the client stops reading as soon as the headers
 * arrive, and the server's resident memory (/proc/<pid>/status, VmRSS) is sampled until it stops moving.
 * With @remix-run/express's own writer (no wait for 'drain') the whole file ends up in the server's socket
 * buffer (RSS grows by about the file's size); with back-pressure the route's stream is read only as the
 * socket drains, so the growth is a few chunks. Then the client reads to the end: every row arrives.
 * Both without compression and gzipped (what a browser asks for: the compression stream sits in between).
 * Playwright phase, no browser: it needs the build and a server process of its own (Linux /proc).
 */
import { expect, test } from "@playwright/test";
import fs from "node:fs";
import http from "node:http";
import zlib from "node:zlib";

import { DEMO_PASSWORD } from "../../db/seed/demo-users";
import { ServerProcess } from "../support/server-process";

const RESPONSES = 100_000;
const MB = 1024 * 1024;

let server: ServerProcess;
let cookie = "";
let year = "";

test.describe.configure({ mode: "serial" });

/** Resident memory of the server process, in bytes. */
function rss(): number {
  const status = fs.readFileSync(`/proc/${server.child!.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** The demo's busiest year of SIPAS responses, copied (new ids and uuids) until it holds RESPONSES. */
function fill(): string {
  return server.withDb((sql) => {
    const { y } = sql
      .prepare("select substr(day_vn, 1, 4) as y from responses where survey_id = 'sipas' group by y order by count(*) desc limit 1")
      .get() as { y: string };
    const cols = (sql.prepare("select name from pragma_table_info('responses')").pluck().all() as string[]).filter((c) => c !== "id");
    const select = cols.map((c) => (c === "uuid" ? "lower(hex(randomblob(16)))" : c === "dossier_hash" ? "null" : c)).join(", ");
    const base = sql.prepare("select id from responses where survey_id = 'sipas' and substr(day_vn, 1, 4) = ?").pluck().all(y) as number[];
    const count = () => sql.prepare("select count(*) from responses where survey_id = 'sipas' and substr(day_vn, 1, 4) = ?").pluck().get(y) as number;
    const ids = base.join(",");
    sql.transaction(() => {
      while (count() < RESPONSES) {
        const offset = sql.prepare("select max(id) from responses").pluck().get() as number;
        sql.prepare(`insert into responses (id, ${cols.join(", ")}) select id + ?, ${select} from responses where id in (${ids})`).run(offset);
        sql
          .prepare(
            `insert into answers (response_id, question, code, text) select response_id + ?, question, code, text from answers where response_id in (${ids})`,
          )
          .run(offset);
      }
    })();
    return y;
  });
}

async function signIn(): Promise<string> {
  const page = await fetch(`${server.baseUrl}/dang-nhap`);
  const csrfCookie = /sipas_csrf=[^;]+/.exec(page.headers.get("set-cookie") ?? "")![0];
  const token = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${server.baseUrl}/dang-nhap`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: csrfCookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username: "admin", password: DEMO_PASSWORD, csrf: token }),
  });
  return `${csrfCookie}; ${/sipas_session=[^;]+/.exec(res.headers.get("set-cookie") ?? "")![0]}`;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = new ServerProcess();
  await server.start();
  year = fill();
  cookie = await signIn();
});

test.afterAll(async () => {
  await server.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const encoding of ["identity", "gzip"] as const) {
  test(`a client that stops reading the CSV export (${encoding}) does not make the server hold it`, async () => {
    test.setTimeout(120_000);
    // Warm up — route code compiled, SQLite's and the allocator's memory for this very export taken once — with the
    // same export read fast: without it the first export's own working memory (measured 0.5 to 9 MB, depending on
    // the machine's load) was counted as growth.
    await (
      await fetch(`${server.baseUrl}/quan-tri/bao-cao/phieu.csv?survey=sipas&period=${year}&scope=province`, {
        headers: { cookie, "accept-encoding": encoding },
      })
    ).arrayBuffer();
    const before = rss();
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.get(
        `${server.baseUrl}/quan-tri/bao-cao/phieu.csv?survey=sipas&period=${year}&scope=province`,
        { headers: { cookie, "accept-encoding": encoding }, agent: false },
        resolve,
      );
      req.on("error", reject);
    });
    response.pause();
    expect(response.statusCode).toBe(200);
    // The export is big: it reads the raw rows, RESPONSES of them and more. (Its X-Total-Rows comes from the
    // roll-ups, which the copies made in SQL behind the server's back do not reach: not checked here.)
    const total = server.withDb(
      (sql) =>
        sql
          .prepare("select count(*) from responses where survey_id = 'sipas' and status = 'accepted' and substr(day_vn, 1, 4) = ?")
          .pluck()
          .get(year) as number,
    );
    expect(total).toBeGreaterThanOrEqual(RESPONSES);
    // Not reading: sample the server until its memory has not moved by more than 1 MB for 2 s (at most 30 s).
    let peak = before;
    let last = before;
    let still = 0;
    for (let i = 0; i < 120 && still < 8; i++) {
      await sleep(250);
      const now = rss();
      peak = Math.max(peak, now);
      still = Math.abs(now - last) < MB ? still + 1 : 0;
      last = now;
    }
    // Now read it all (uncompressed), slowly at first no more: every row must arrive.
    const body = encoding === "gzip" ? response.pipe(zlib.createGunzip()) : response;
    let bytes = 0;
    let lines = 0;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
    }
    const growth = peak - before;
    console.info(
      `slow client (${encoding}): ${total} responses, ${(bytes / MB).toFixed(1)} MB of CSV; server RSS ${(before / MB).toFixed(1)} MB → peak ${(peak / MB).toFixed(1)} MB while the client did not read (+${(growth / MB).toFixed(1)} MB)`,
    );
    expect(lines).toBeGreaterThanOrEqual(total + 1);
    // Holding the file would grow the server by at least its size; a few chunks in flight is what may remain.
    expect(growth, `server RSS grew by ${(growth / MB).toFixed(1)} MB for a ${(bytes / MB).toFixed(1)} MB export`).toBeLessThan(bytes / 4);
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  });
}

// Issue «Fast at a whole province's scale»: an export read as fast as the server writes it, uncompressed (curl,
// scripts), must leave the event loop to other requests. No timing: a health check and a citizen's rating sent
// once the export has started must be answered before the export ends.
test("an uncompressed export read at full speed does not stop a health check or a citizen's rating", async () => {
  test.setTimeout(120_000);
  const finished: string[] = [];
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.get(
      `${server.baseUrl}/quan-tri/bao-cao/phieu.csv?survey=sipas&period=${year}&scope=province`,
      { headers: { cookie, "accept-encoding": "identity" }, agent: false },
      resolve,
    );
    req.on("error", reject);
  });
  expect(response.statusCode).toBe(200);
  const form = new URL(server.links().values().next().value!);
  let bytes = 0;
  let others: Promise<void> | null = null;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    others ??= Promise.all([
      fetch(`${server.baseUrl}/healthz`).then((r) => {
        expect(r.status).toBe(200);
        finished.push("healthz");
      }),
      fetch(`${server.baseUrl}${form.pathname}`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ TONG_THE: "3", ...server.pageFields(crypto.randomUUID()) }),
      }).then((r) => {
        expect(r.status).toBe(303);
        finished.push("rating");
      }),
    ]).then(() => undefined);
  }
  finished.push("export");
  await others;
  expect(bytes).toBeGreaterThan(10 * MB);
  expect(finished).toEqual([expect.stringMatching(/healthz|rating/), expect.stringMatching(/healthz|rating/), "export"]);
});
