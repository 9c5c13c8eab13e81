/**
 * Backups (issue 8) against the production server itself: `npm run sipas -- backup FILE` while the server is
 * taking API writes at full speed; the copy passes integrity_check, holds every response acknowledged before
 * the backup began, and a server restored onto it starts and serves them (the restore drill of
 * docs/operations.md). tests/integration/backup.test.ts does the same against a bare writer process.
 */
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import { ratingBody } from "../support/bodies";
import { ServerProcess, UNLIMITED } from "../support/server-process";

const ROOT = path.resolve(import.meta.dirname, "../..");

test("a backup taken under load restores to a server holding every acknowledged response", async () => {
  test.setTimeout(90_000);
  const live = new ServerProcess({ env: { ...UNLIMITED } });
  await live.start();
  const restoredDir = fs.mkdtempSync(path.join(path.dirname(live.dir), "sipas-restored-"));
  const copy = path.join(restoredDir, "sipas.db");
  const restored = new ServerProcess({ dir: restoredDir });
  try {
    const key = live.apiKey("integration");
    const acked: string[] = [];
    let running = true;
    const writer = async () => {
      while (running) {
        const id = crypto.randomUUID();
        const res = await fetch(`${live.baseUrl}/api/v1/responses`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: JSON.stringify(ratingBody({ id })),
        });
        await res.arrayBuffer();
        if (res.status !== 201) throw new Error(`API answered ${res.status}`);
        acked.push(id);
      }
    };
    const writers = Promise.all([writer(), writer(), writer()]);
    while (acked.length < 200) await new Promise((resolve) => setTimeout(resolve, 10));
    const beforeBackup = [...acked];

    const backup = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/sipas.ts", "backup", copy], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_PATH: live.dbFile },
      });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += String(chunk)));
      child.on("exit", (code) => resolve({ code, stderr }));
    });
    const duringBackup = acked.length - beforeBackup.length;
    running = false;
    await writers;
    expect(backup.code, backup.stderr).toBe(0);
    expect(duringBackup, "the server kept taking writes while the backup ran").toBeGreaterThan(0);

    const check = new Database(copy, { readonly: true });
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    check.close();

    // Restore: a server started on the copy (as after `cp backup.db sipas.db`) serves what it holds.
    await restored.start();
    const stored = new Set(restored.withDb((db) => (db.prepare("select uuid from responses").all() as { uuid: string }[]).map((r) => r.uuid)));
    expect(
      beforeBackup.filter((id) => !stored.has(id)),
      "acknowledged before the backup, missing from the copy",
    ).toEqual([]);
    expect((await fetch(`${restored.baseUrl}/healthz`)).status).toBe(200);
  } finally {
    await restored.stop();
    await live.stop();
  }
});
