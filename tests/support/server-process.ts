/**
 * The production server (scripts/server.mjs over the build in SIPAS_BUILD_DIR or build/) as a child process
 * on its own temporary SQLite file and a free 127.0.0.1 port: for the tests that must kill, restart or stop
 * it (crash safety, graceful shutdown), attack it (fuzzing, authorization) and for `npm run bench:load`.
 * The first start migrates and fills the file with the demo province, as a real first start does.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import Database from "better-sqlite3";

import { createApiKey } from "../../app/auth/api-keys.server";
import type { ApiKeyKind } from "../../app/auth/roles";
import { counterLinks } from "../../app/counters/lookup.server";
import { publicRef } from "../../app/responses/public-ref.server";
import { signPageToken } from "../../app/security/page-token.server";
import { drizzleOver } from "./drizzle";

const ROOT = path.resolve(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Settings that let a test or a benchmark post at machine speed (the limits are tested on their own). */
export const UNLIMITED = {
  RATE_QR_PER_ADDRESS: "1000000000",
  RATE_QR_PER_COUNTER: "1000000000",
  RATE_API_PER_KEY: "1000000000",
} as const;

/** The secret the server signs with, unless a test sets SESSION_SECRET itself: tests sign page tokens and references with it. */
const SERVER_SECRET = "server-process-test-secret-0123456789abcdef";

export type ServerOptions = { env?: Record<string, string>; dir?: string };

export class ServerProcess {
  readonly dir: string;
  readonly dbFile: string;
  child: ChildProcess | null = null;
  port = 0;
  /** Everything the server wrote on stdout (the request log) and stderr, across restarts. */
  stdout = "";
  stderr = "";
  private readonly env: Record<string, string>;

  constructor(options: ServerOptions = {}) {
    this.dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "sipas-server-"));
    this.dbFile = path.join(this.dir, "sipas.db");
    this.env = options.env ?? {};
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts (a restart keeps the port) and resolves once /healthz answers 200. */
  async start(): Promise<void> {
    this.port ||= await freePort();
    // The heap limit of `npm start` and of docs/operations.md (decision 0029), so that benches measure that server.
    const child = spawn(process.execPath, ["--max-old-space-size=512", path.join(ROOT, "scripts/server.mjs")], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "production",
        SIPAS_BUILD_DIR: process.env.SIPAS_BUILD_DIR ?? "build",
        DATABASE_PATH: this.dbFile,
        HOST: "127.0.0.1",
        PORT: String(this.port),
        PUBLIC_URL: `http://127.0.0.1:${this.port}`,
        SESSION_SECRET: SERVER_SECRET,
        // These servers' tests never read the demo's figures: a smaller demo starts them sooner.
        SIPAS_DEMO_RESPONSES: "1500",
        ...this.env,
      },
    });
    this.child = child;
    child.stdout!.on("data", (chunk: Buffer) => (this.stdout += String(chunk)));
    child.stderr!.on("data", (chunk: Buffer) => (this.stderr += String(chunk)));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the server exited while starting (${child.exitCode ?? child.signalCode}): ${this.stderr}`);
      }
      try {
        const res = await fetch(`${this.baseUrl}/healthz`);
        if (res.status === 200) return;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) throw new Error(`the server did not become healthy: ${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Sends a signal and resolves with the exit code (null when killed by the signal). */
  async signal(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return { code: child?.exitCode ?? null, signal: child?.signalCode ?? null };
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, sig) => resolve({ code, signal: sig })),
    );
    child.kill(signal);
    const result = await exited;
    this.child = null;
    return result;
  }

  /** Stops the server (SIGTERM: graceful) and removes its files unless `keep`. */
  async stop({ keep = false } = {}): Promise<void> {
    await this.signal("SIGTERM");
    if (!keep) fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** The hidden fields of a rating page this server would render for the rating id `rid`: its id and signed token. */
  pageFields(rid: string): { _rid: string; _t: string } {
    return { _rid: rid, _t: signPageToken(String(this.env.SESSION_SECRET ?? SERVER_SECRET), rid, Date.now()) };
  }

  /** A short-lived connection to the server's file (WAL: readers and a second writer coexist with it). */
  withDb<T>(f: (sqlite: Database.Database) => T): T {
    const sqlite = new Database(this.dbFile);
    sqlite.pragma("busy_timeout = 5000");
    try {
      return f(sqlite);
    } finally {
      sqlite.close();
    }
  }

  /** The CSRF cookie a new browser gets on the sign-in page, and the token its forms carry. */
  async csrfPair(): Promise<{ cookie: string; token: string }> {
    const res = await fetch(`${this.baseUrl}/dang-nhap`, { signal: AbortSignal.timeout(10_000) });
    const cookie = /sipas_csrf=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0];
    const token = /name="csrf" value="([^"]+)"/.exec(await res.text())?.[1];
    if (!cookie || !token) throw new Error("no CSRF cookie or token on /dang-nhap");
    return { cookie, token };
  }

  /** The sign-in form posted by a new browser, or by the one holding `pair` (303 with the session cookie when right). */
  async signIn(
    username: string,
    password: string,
    headers: Record<string, string> = {},
    pair?: { cookie: string; token: string },
  ): Promise<Response> {
    pair ??= await this.csrfPair();
    return fetch(`${this.baseUrl}/dang-nhap`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: pair.cookie, "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ username, password, csrf: pair.token }),
      signal: AbortSignal.timeout(10_000),
    });
  }

  /** A browser signed in as `username`: its Cookie header (CSRF cookie and session) and its forms' CSRF token. */
  async signedIn(username: string, password: string): Promise<{ cookie: string; token: string }> {
    const pair = await this.csrfPair();
    const res = await this.signIn(username, password, {}, pair);
    const session = /sipas_session=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0];
    if (res.status !== 303 || !session) throw new Error(`could not sign in as ${username}: ${res.status}`);
    return { cookie: `${pair.cookie}; ${session}`, token: pair.token };
  }

  /** A response's public reference as this server makes it: the address of a comment is /quan-tri/gop-y/<ref>. */
  ref(responseId: number): string {
    return publicRef(this.env.SESSION_SECRET ?? SERVER_SECRET, responseId);
  }

  /** The QR address of every active counter (`sipas links`), by counter code. */
  links(): Map<string, string> {
    return this.withDb((sqlite) => new Map(counterLinks(drizzleOver(sqlite), this.baseUrl).map((l) => [l.code, l.url])));
  }

  /** A new API key (`sipas create-api-key`), optionally bound to an agency. */
  apiKey(kind: ApiKeyKind, agency?: string): string {
    return this.withDb((sqlite) => {
      const agencyId = agency ? (sqlite.prepare("select id from agencies where code = ?").get(agency) as { id: number }).id : null;
      return createApiKey(drizzleOver(sqlite), { kind, name: `test ${kind}`, agencyId }).key;
    });
  }

  count(sql = "select count(*) as n from responses", ...params: unknown[]): number {
    return this.withDb((sqlite) => (sqlite.prepare(sql).get(...params) as { n: number }).n);
  }
}
