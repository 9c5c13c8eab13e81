/**
 * The shared offline outbox (app/offline), run for real in Chromium against a server process of its own:
 * durable items, one item per id, every state visible (pending → sent → confirmed / attention → dismissed),
 * nothing dropped on refusal, revocation or loss of network, and the heartbeat the supervisor reads.
 */
import { expect, test, type Page } from "@playwright/test";
import crypto from "node:crypto";

import type * as OfflineModule from "../../app/offline/index";
import { offlineBundle } from "./support/offline-bundle";
import { ownServer, type OwnServer } from "./support/own-server";

type Offline = typeof OfflineModule;
declare global {
  interface Window {
    sipasOffline: Offline;
  }
}

let server: OwnServer;
test.beforeAll(async () => {
  test.setTimeout(120_000); // its own server starts slower than a test on a busy machine
  server = await ownServer();
});
test.afterAll(async () => {
  await server?.dispose();
});
test.use({ bypassCSP: true });

async function load(page: Page) {
  await page.goto(`${server.url}/`);
  await page.addScriptTag({ content: offlineBundle() });
}

const body = (answers: Record<string, unknown> = { HL_TC: 4, HL_CHUNG: 5 }) => ({
  id: crypto.randomUUID(),
  survey: "sipas",
  agency: "TTHCC",
  channel: "surveyor",
  submittedAt: new Date().toISOString(),
  locale: "vi",
  answers,
});

async function pair(page: Page, device: { deviceUuid: string; key: string }) {
  await page.evaluate(
    (d) => window.sipasOffline.saveDevice({ deviceUuid: d.deviceUuid, kind: "surveyor", apiKey: d.key, name: "Máy thử", pairedAt: Date.now() }),
    device,
  );
}

test("an item is durable, kept once per id, and survives a reload", async ({ page }) => {
  await load(page);
  const b = body();
  const states = await page.evaluate(async (b) => {
    const o = window.sipasOffline;
    await o.addToOutbox(b);
    await o.addToOutbox({ ...b, answers: { HL_TC: 1 } });
    return (await o.listOutbox()).map((i) => [i.id, i.state, JSON.stringify(i.body.answers)]);
  }, b);
  expect(states).toEqual([[b.id, "pending", JSON.stringify(b.answers)]]);
  await page.reload();
  await page.addScriptTag({ content: offlineBundle() });
  const after = await page.evaluate(async () => ({ list: await window.sipasOffline.listOutbox(), counts: await window.sipasOffline.outboxCounts() }));
  expect(after.list.map((i) => i.id)).toEqual([b.id]);
  expect(after.counts).toEqual({ pending: 1, sent: 0, confirmed: 0, attention: 0, dismissed: 0 });
});

test("sync confirms with the server's receipt, marks refusals for attention, and reports to the heartbeat", async ({ page }) => {
  await load(page);
  const device = server.addDevice();
  await pair(page, device);
  const good = [body(), body({ HL_TT: 5 })];
  const bad = body({ KHONG_CO: 1 });
  const report = await page.evaluate(
    async ({ good, bad }) => {
      const o = window.sipasOffline;
      let changes = 0;
      o.onOutboxChange(() => (changes += 1));
      for (const b of [...good, bad]) await o.addToOutbox(b);
      const report = await o.syncNow({ appVersion: "e2e-1" });
      return { report, items: await o.listOutbox(), changes };
    },
    { good, bad },
  );
  expect(report.report).toMatchObject({ sent: 3, confirmed: 2, attention: 1, stillPending: 0, offline: false, revoked: false });
  expect(report.changes).toBeGreaterThan(0);
  const byId = new Map(report.items.map((i) => [i.id, i]));
  for (const g of good) {
    expect(byId.get(g.id)).toMatchObject({ state: "confirmed", attempts: 1, receipt: { status: 201, result: "created" } });
  }
  expect(byId.get(bad.id)?.state).toBe("attention");
  expect(byId.get(bad.id)?.reason).toContain("KHONG_CO");
  expect(server.countResponses(good.map((g) => g.id))).toBe(2);
  expect(server.countResponses([bad.id])).toBe(0);
  const row = server.sql
    .prepare("select pending_count as p, attention_count as a, app_version as v, last_contact_at as t from devices where id = ?")
    .get(device.id) as Record<string, unknown>;
  expect(row).toMatchObject({ p: 0, a: 1, v: "e2e-1" });
  expect(row.t).not.toBeNull();

  // A human decides: dismissed stays listed, and can still be retried (then refused again, never dropped).
  const after = await page.evaluate(async (id) => {
    const o = window.sipasOffline;
    await o.resolveItem(id, "dismiss");
    const dismissed = (await o.listOutbox()).find((i) => i.id === id)?.state;
    let forgetRefused = false;
    await o.resolveItem(id, "retry");
    await o.syncNow();
    try {
      await o.forgetDevice();
    } catch {
      forgetRefused = true;
    }
    return { dismissed, again: (await o.listOutbox()).find((i) => i.id === id), forgetRefused, device: await o.getDevice() };
  }, bad.id);
  expect(after.dismissed).toBe("dismissed");
  expect(after.again).toMatchObject({ state: "attention", attempts: 2 });
  expect(after.forgetRefused).toBe(true);
  expect(after.device?.deviceUuid).toBe(device.deviceUuid);
});

test("no network keeps items pending; a replay of confirmed items is acknowledged as duplicate", async ({ page, context }) => {
  await load(page);
  const device = server.addDevice();
  await pair(page, device);
  const items = [body(), body()];
  await context.setOffline(true);
  const offline = await page.evaluate(async (items) => {
    for (const b of items) await window.sipasOffline.addToOutbox(b);
    return window.sipasOffline.syncNow();
  }, items);
  expect(offline).toMatchObject({ offline: true, confirmed: 0, stillPending: 2 });
  expect(server.countResponses(items.map((i) => i.id))).toBe(0);
  await context.setOffline(false);
  expect(await page.evaluate(() => window.sipasOffline.syncNow())).toMatchObject({ confirmed: 2, stillPending: 0 });
  // The same batch again (a tablet restored from a backup): acknowledged, nothing new stored.
  const replay = await page.evaluate(
    async ({ items, key }) => {
      const r = await fetch("/api/v1/responses", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${key}` },
        body: JSON.stringify({ responses: items }),
      });
      return r.json();
    },
    { items, key: device.key },
  );
  expect(replay).toMatchObject({ created: 0, duplicates: 2 });
  expect(server.countResponses(items.map((i) => i.id))).toBe(2);
});

test("a revoked device key sends every item to attention with the reason, and nothing is stored", async ({ page }) => {
  await load(page);
  const device = server.addDevice();
  await pair(page, device);
  server.sql.prepare("update api_keys set revoked_at = ? where id = ?").run(Date.now(), device.keyId);
  const b = body();
  const result = await page.evaluate(async (b) => {
    await window.sipasOffline.addToOutbox(b);
    const report = await window.sipasOffline.syncNow();
    return { report, item: (await window.sipasOffline.listOutbox())[0] };
  }, b);
  expect(result.report).toMatchObject({ revoked: true, attention: 1, confirmed: 0 });
  expect(result.item?.state).toBe("attention");
  expect(result.item?.reason).toMatch(/thu hồi/);
  expect(server.countResponses([b.id])).toBe(0);
});

// Pruning (the only deletion) runs on the first sync after a load, then at most every PRUNE_EVERY_MS (app/offline/sync.ts).
test("the first sync after a load prunes confirmed items older than 30 days and nothing else; later syncs skip it", async ({ page }) => {
  const device = server.addDevice();
  await load(page);
  const left = await page.evaluate(async (d) => {
    const o = window.sipasOffline;
    await o.saveDevice({ deviceUuid: d.deviceUuid, kind: "surveyor", apiKey: d.key, name: "Máy thử", pairedAt: Date.now() });
    const day = 24 * 3600_000;
    const old = Date.now() - o.CONFIRMED_RETENTION_MS - day;
    const db = await o.offlineDb();
    const item = (id: string, state: OfflineModule.OutboxState, updatedAt: number) => ({
      id,
      body: { id },
      state,
      createdAt: updatedAt,
      updatedAt,
      attempts: 1,
    });
    const put = async (...items: ReturnType<typeof item>[]) => {
      for (const i of items) await db.put("outbox", i);
    };
    await put(
      item("old-confirmed", "confirmed", old),
      item("new-confirmed", "confirmed", Date.now() - day),
      item("old-attention", "attention", old),
      item("old-dismissed", "dismissed", old),
    );
    await o.syncNow();
    const afterFirst = (await o.listOutbox()).map((i) => i.id).sort();
    // Another old confirmed item: the next sync, within PRUNE_EVERY_MS, does not read the confirmed items again.
    await put(item("old-confirmed-2", "confirmed", old));
    await o.syncNow();
    const afterSecond = (await o.listOutbox()).map((i) => i.id).sort();
    return { afterFirst, afterSecond };
  }, device);
  expect(left.afterFirst).toEqual(["new-confirmed", "old-attention", "old-dismissed"]);
  expect(left.afterSecond).toEqual(["new-confirmed", "old-attention", "old-confirmed-2", "old-dismissed"]);
});
