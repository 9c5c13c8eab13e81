/**
 * `npm run sipas -- backup FILE` while another process keeps writing: the copy passes SQLite's integrity
 * check and holds every response acknowledged before the backup began (SQLite online backup API).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { openDatabase } from "../../db/client";
import { demoServices } from "../support/services";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("backup while the database is taking writes", () => {
  it("copies every acknowledged response into a consistent file", async () => {
    const { db } = demoServices();
    const file = db.$client.name;
    db.$client.close();
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sipas-backup-")), "copy.db");

    const writer = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/support/ack-writer.ts"), file], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "inherit"],
    });
    const acked: string[] = [];
    let buffer = "";
    writer.stdout.on("data", (chunk: Buffer) => {
      buffer += String(chunk);
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      acked.push(...lines.filter(Boolean));
    });
    // Wait until the writer has acknowledged a good number of responses.
    while (acked.length < 300) await new Promise((resolve) => setTimeout(resolve, 20));
    const beforeBackup = [...acked];

    // Asynchronous, so that the writer's acknowledgements keep arriving while the backup runs.
    const backup = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/sipas.ts", "backup", copy], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_PATH: file },
      });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += String(chunk)));
      child.on("exit", (status) => resolve({ status, stderr }));
    });
    const duringBackup = acked.length - beforeBackup.length;
    writer.stdin.end();
    await new Promise((resolve) => writer.on("exit", resolve));

    expect(backup.status, backup.stderr).toBe(0);
    expect(duringBackup, "the writer kept writing while the backup ran").toBeGreaterThan(0);
    const restored = openDatabase(copy);
    try {
      expect(restored.$client.pragma("integrity_check", { simple: true })).toBe("ok");
      const inCopy = new Set((restored.$client.prepare("select uuid from responses").all() as { uuid: string }[]).map((r) => r.uuid));
      const missing = beforeBackup.filter((id) => !inCopy.has(id));
      expect(missing).toEqual([]);
      // Answers came along with their responses (one transaction each).
      const orphans = restored.$client
        .prepare("select count(*) as n from responses r where not exists (select 1 from answers a where a.response_id = r.id)")
        .get();
      expect(orphans).toEqual({ n: 0 });
    } finally {
      restored.$client.close();
      fs.rmSync(path.dirname(copy), { recursive: true, force: true });
    }
  });
});
