/**
 * A server process of its own for the offline specs: they kill it mid-sync (SIGKILL) and restart it on the
 * same port and database, which the shared webServer of playwright.config.ts cannot allow. Production build
 * (SIPAS_BUILD_DIR honoured), 127.0.0.1, a fresh temporary SQLite file, removed by `dispose()`.
 */
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { createApiKey } from "../../../app/auth/api-keys.server";
import { createPairingCode } from "../../../app/kiosk/pairing.server";
import { drizzleOver } from "../../support/drizzle";

const root = fileURLToPath(new URL("../../..", import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type OwnServer = {
  port: number;
  url: string;
  dbFile: string;
  /** Read-write access to the server's file (WAL: both may write; busy_timeout waits for the lock). */
  sql: Database.Database;
  start(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  dispose(): Promise<void>;
  /** What the server wrote on stderr so far, across restarts: its error log. */
  stderr(): string;
  /** A device row with its own API key, as the tablet set-up makes it. */
  addDevice(opts?: { kind?: "surveyor" | "kiosk"; userId?: number | null; name?: string }): {
    id: number;
    deviceUuid: string;
    key: string;
    keyId: number;
  };
  countResponses(uuids: string[]): number;
  /** A fresh pairing code for a counter, as the admin's «Ghép máy» makes it: `/kiosk?ma=<code>` pairs a tablet. */
  pairingCode(counterCode: string): string;
};

const DEFAULT_SECRET = "e2e-own-server-secret-0123456789abcdefghij";

export async function ownServer(env: Record<string, string> = {}): Promise<OwnServer> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sipas-e2e-own-"));
  const dbFile = path.join(dir, "own.db");
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let sql: Database.Database | null = null;
  let log = "";

  async function start() {
    child = spawn(process.execPath, ["scripts/server.mjs"], {
      cwd: root,
      stdio: ["ignore", "ignore", "pipe"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_PATH: dbFile,
        HOST: "127.0.0.1",
        PORT: String(port),
        PUBLIC_URL: url,
        SESSION_SECRET: DEFAULT_SECRET,
        // These servers' tests never read the demo's figures: a smaller demo starts them sooner.
        SIPAS_DEMO_RESPONSES: "1500",
        ...env,
      },
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      log += chunk.toString();
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr}`);
      try {
        if ((await fetch(`${url}/healthz`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`server did not start: ${stderr}`);
      // Polled often: the randomized test restarts the server after each SIGKILL and waits for it.
      await new Promise((r) => setTimeout(r, 25));
    }
    if (!sql) {
      sql = new Database(dbFile);
      sql.pragma("busy_timeout = 5000");
    }
  }

  async function kill(signal: NodeJS.Signals = "SIGKILL") {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once("exit", r));
    c.kill(signal);
    await exited;
  }

  await start();
  return {
    port,
    url,
    dbFile,
    get sql() {
      return sql!;
    },
    start,
    kill,
    stderr: () => log,
    async dispose() {
      await kill("SIGTERM");
      sql?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
    addDevice({ kind = "surveyor", userId = null, name = "Máy tính bảng thử" } = {}) {
      const key = createApiKey(drizzleOver(sql!), { kind, name });
      const deviceUuid = crypto.randomUUID();
      const info = sql!
        .prepare("insert into devices (device_uuid, kind, name, api_key_id, user_id, created_at) values (?, ?, ?, ?, ?, ?)")
        .run(deviceUuid, kind, name, key.id, userId, Date.now());
      return { id: Number(info.lastInsertRowid), deviceUuid, key: key.key, keyId: key.id };
    },
    pairingCode(counterCode) {
      const { id: counterId } = sql!.prepare("select id from counters where code = ?").get(counterCode) as { id: number };
      const { id: userId } = sql!.prepare("select id from users where username = 'admin'").get() as { id: number };
      return createPairingCode(drizzleOver(sql!), { secret: env.SESSION_SECRET ?? DEFAULT_SECRET, counterId, userId }).code;
    },
    countResponses(uuids) {
      if (uuids.length === 0) return 0;
      const row = sql!.prepare(`select count(*) as n from responses where uuid in (${uuids.map(() => "?").join(",")})`).get(...uuids) as {
        n: number;
      };
      return row.n;
    },
  };
}
