/**
 * The e2e hub (tests/playwright.hub.config.ts starts it as its web server): a throw-away PostgreSQL, the
 * production server in hub mode (HUB_DATABASE_URL) on its own SQLite file holding the fields' names, three
 * provinces registered at the hub and synced to it over HTTP with `syncNational` — the path `sipas
 * sync-national --hub` takes. HGI has too few SIPAS interviews to be ranked. Everything is removed on exit;
 * the cluster's watchdog stops PostgreSQL even if this process is killed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { importDirectory } from "../../app/directory/import.server";
import { registerProvince } from "../../app/national/hub-store.server";
import { httpTarget, syncNational } from "../../app/national/sync.server";
import { registerSurveys } from "../../app/survey/registry.server";
import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { migrateHub, openHub } from "../../hub/client";
import { makeProvince, NATIONAL_FIELDS } from "../support/national";
import { afterThisProcess, startPostgres } from "../support/postgres";
import { freePort } from "../support/server-process";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PORT = Number(process.env.PORT ?? 3937);
const NOW = Date.UTC(2026, 8, 30, 10);

const cluster = await startPostgres();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sipas-hub-e2e-"));
const file = path.join(dir, "hub.db");
// Playwright ends this process with SIGKILL: the provinces' files go under `dir`, which a watchdog removes.
process.env.TMPDIR = dir;
afterThisProcess(`rm -rf '${dir}'`);
{
  // The hub's own SQLite: sessions and the names of the national field codes.
  const db = openDatabase(file);
  migrateDatabase(db);
  registerSurveys(db);
  importDirectory(db, NATIONAL_FIELDS);
  db.$client.close();
}
/** The production server in hub mode on `port`. */
const serve = (port: number) =>
  spawn(process.execPath, ["scripts/server.mjs"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_PATH: file,
      SIPAS_NO_DEMO: "1",
      HUB_DATABASE_URL: cluster.url,
      SESSION_SECRET: "hub-e2e-secret-0123456789abcdefghijklmn",
    },
  });
const provinces: ReturnType<typeof makeProvince>[] = [];
let server: ChildProcess | null = null;
let stopping = false;
function stop(code: number) {
  if (stopping) return;
  stopping = true;
  server?.kill("SIGTERM");
  for (const p of provinces) p.close();
  cluster.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(code);
}
process.on("SIGTERM", () => stop(0));
process.on("SIGINT", () => stop(0));

try {
  const hub = openHub(cluster.url, 2);
  await migrateHub(hub);
  const specs = [
    { code: "DBP", name: "Điện Biên", responses: 700, seed: 11, counterShare: 0.6 },
    { code: "LCI", name: "Lào Cai", responses: 600, seed: 23, counterShare: 0.5 },
    { code: "HGI", name: "Hà Giang", responses: 90, seed: 37, counterShare: 0.7 },
  ];
  const keys = new Map<string, string>();
  for (const s of specs) {
    provinces.push(makeProvince(s.code, { responses: s.responses, seed: s.seed, now: NOW, days: 182, counterShare: s.counterShare }));
    keys.set(s.code, await registerProvince(hub, { code: s.code, name: s.name }));
  }
  await hub.$client.end();
  // Provinces sync over HTTP to a first server on a private port; Playwright waits for the second one, on
  // PORT, which starts only once every province is in.
  const syncPort = await freePort();
  server = serve(syncPort);
  await healthy(syncPort);
  for (const p of provinces) await syncNational(p.db, httpTarget(`http://127.0.0.1:${syncPort}`, keys.get(p.code)!));
  await new Promise((resolve) => {
    server!.once("exit", resolve);
    server!.kill("SIGTERM");
  });
  server = serve(PORT);
  server.on("exit", () => stop(1));
} catch (error) {
  console.error(error);
  stop(1);
}

async function healthy(port: number) {
  for (let i = 0; ; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    if (i > 600) throw new Error("the hub server did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
}
