/**
 * Crash safety (issue 8): the production server is killed with SIGKILL — no chance to finish anything — again
 * and again while clients send unique ratings through the citizen form and the API, and restarted each time.
 * Afterwards the SQLite file passes `PRAGMA integrity_check`, every response whose submit was acknowledged
 * (a 303 to the thank-you page, a 201 from the API) is stored exactly once with its answers, nothing is
 * half-written, and the roll-up tables equal a rebuild from the raw answers.
 * Playwright phase, without a browser: it needs the production build and a real process to kill.
 */
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import { rebuildRollups, ROLLUP_TABLES } from "../../app/results/rollups.server";
import { openDatabase, type Db } from "../../db/client";
import { ratingBody } from "../support/bodies";
import { ServerProcess, UNLIMITED } from "../support/server-process";

const KILLS = 5;
const CLIENTS = 8;

test("SIGKILL during ingest loses no acknowledged response and corrupts nothing", async () => {
  test.setTimeout(120_000);
  const server = new ServerProcess({ env: { ...UNLIMITED } });
  await server.start();
  const formUrl = server.links().get("SO_YT-Q01")!;
  const key = server.apiKey("integration");
  const acked = new Set<string>();
  const attempted = new Set<string>();

  /** One client: alternates form and API posts of new ids until its request fails (the server died). */
  async function client(n: number): Promise<void> {
    for (let i = 0; ; i++) {
      const id = crypto.randomUUID();
      attempted.add(id);
      try {
        if ((n + i) % 2 === 0) {
          const res = await fetch(formUrl, {
            method: "POST",
            redirect: "manual",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ ...server.pageFields(id), TONG_THE: String(1 + (i % 3)), THAI_DO: "2", Y_KIEN: `crash ${n}/${i}` }),
          });
          await res.arrayBuffer();
          if (res.status === 303) acked.add(id);
          else throw new Error(`form answered ${res.status}`);
        } else {
          const res = await fetch(`${server.baseUrl}/api/v1/responses`, {
            method: "POST",
            headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
            body: JSON.stringify(ratingBody({ id, answers: { TONG_THE: 1 + (i % 3), DUNG_HAN: 2, Y_KIEN: `crash ${n}/${i}` } })),
          });
          await res.arrayBuffer();
          if (res.status === 201) acked.add(id);
          else throw new Error(`API answered ${res.status}`);
        }
      } catch (error) {
        // Refused connections and resets are what a kill looks like; a wrong status is a bug.
        if (error instanceof Error && /answered/.test(error.message)) throw error;
        return;
      }
    }
  }

  let ackedBeforeLastKill = 0;
  for (let round = 0; round < KILLS; round++) {
    const clients = Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    // Kill at a different moment each round, once writes are flowing.
    const target = acked.size + 30 + round * 11;
    while (acked.size < target) await new Promise((resolve) => setTimeout(resolve, 5));
    const exit = await server.signal("SIGKILL");
    expect(exit.signal).toBe("SIGKILL");
    await clients;
    ackedBeforeLastKill = acked.size;
    await server.start();
  }
  expect(server.count()).toBeGreaterThanOrEqual(ackedBeforeLastKill);
  await server.stop({ keep: true });

  // Checks on a copy, so the rebuild below cannot hide anything in the original file.
  const copy = path.join(server.dir, "check.db");
  const source = new Database(server.dbFile, { readonly: true });
  await source.backup(copy);
  source.close();
  const db = openDatabase(copy);
  try {
    expect(db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.$client.pragma("foreign_key_check")).toEqual([]);

    const stored = new Map(
      (db.$client.prepare("select uuid, count(*) as n from responses group by uuid").all() as { uuid: string; n: number }[]).map((r) => [
        r.uuid,
        r.n,
      ]),
    );
    const missing = [...acked].filter((id) => stored.get(id) !== 1);
    expect(missing, "acknowledged responses not stored exactly once").toEqual([]);
    // Not acknowledged (the kill came first): stored once or not at all, never twice.
    expect([...attempted].filter((id) => (stored.get(id) ?? 0) > 1)).toEqual([]);
    // No response without its answers, no answers without their response (one transaction each).
    const halfWritten = db.$client
      .prepare("select count(*) as n from responses r where not exists (select 1 from answers a where a.response_id = r.id)")
      .get() as { n: number };
    expect(halfWritten.n).toBe(0);

    const before = snapshot(db);
    rebuildRollups(db);
    expect(snapshot(db), "roll-ups after the crashes equal a rebuild from the raw answers").toEqual(before);
    console.log(`crash safety: ${KILLS} SIGKILLs survived, ${acked.size} acknowledged responses checked, ${stored.size} stored in all`);
  } finally {
    db.$client.close();
    fs.rmSync(server.dir, { recursive: true, force: true });
  }
});

function snapshot(db: Db): Record<string, string[]> {
  return Object.fromEntries(
    ROLLUP_TABLES.map((t) => [
      t,
      db.$client
        .prepare(`select * from ${t}`)
        .all()
        .map((r) => JSON.stringify(r))
        .sort(),
    ]),
  );
}
