/**
 * A throw-away PostgreSQL cluster for the hub's tests (Debian's `postgresql` package, never a mock): initdb in
 * a temporary directory, a server on 127.0.0.1 and a free port, trust authentication for user `sipas`, and
 * `stop()` removes it all. The server refuses to run as root, so as root every binary runs as `postgres`
 * (`runuser`) and the directory is handed to it. A killed test run must not leave a server behind: a detached
 * watchdog shell polls the test process and, once it is gone, stops the cluster and deletes its directory
 * (docs/decisions/0025-national-hub.md).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { freePort } from "./server-process";

export type PgCluster = { url: string; port: number; dir: string; stop: () => void };

/** The newest /usr/lib/postgresql/<version>/bin (or PG_BIN), where Debian puts initdb and pg_ctl. */
export function pgBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const bin = versions.map((v) => path.join(root, v, "bin")).find((b) => fs.existsSync(path.join(b, "pg_ctl")));
  if (!bin) throw new Error("PostgreSQL is not installed: apt-get install -y postgresql (or set PG_BIN).");
  return bin;
}

const asRoot = process.getuid?.() === 0;
/** Runs a PostgreSQL binary as the user that owns the cluster. */
function pgCommand(bin: string, args: string[]): [string, string[]] {
  return asRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
}
function run(bin: string, args: string[]) {
  const [cmd, argv] = pgCommand(bin, args);
  execFileSync(cmd, argv, { stdio: ["ignore", "pipe", "pipe"] });
}

/** Runs a shell command once this process is gone, however it ends (SIGKILL included): a detached poller. */
export function afterThisProcess(command: string): ChildProcess {
  const watchdog = spawn("sh", ["-c", `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ${command}`], { detached: true, stdio: "ignore" });
  watchdog.unref();
  return watchdog;
}

export async function startPostgres(): Promise<PgCluster> {
  const bin = pgBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sipas-pg-"));
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  const port = await freePort();
  const pgCtl = path.join(bin, "pg_ctl");
  run(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "sipas", "--no-sync", "-E", "UTF8", "--locale", "C"]);
  // fsync off: a test cluster is thrown away; unix socket in the temp dir, TCP on loopback only.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run(pgCtl, ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]);
  const [stopCmd, stopArgs] = pgCommand(pgCtl, ["-D", data, "-m", "immediate", "-w", "stop"]);
  const stopLine = [stopCmd, ...stopArgs].map((a) => `'${a}'`).join(" ");
  const watchdog = afterThisProcess(`${stopLine} >/dev/null 2>&1; rm -rf '${dir}'`);
  let stopped = false;
  return {
    url: `postgres://sipas@127.0.0.1:${port}/postgres`,
    port,
    dir,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        execFileSync(stopCmd, stopArgs, { stdio: "ignore" });
      } finally {
        if (watchdog.pid) {
          try {
            process.kill(watchdog.pid);
          } catch {
            // already gone
          }
        }
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
