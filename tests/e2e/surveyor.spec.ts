/**
 * Issue 6, end to end in Chromium with a persistent profile (IndexedDB, service worker and caches survive
 * closing the browser), through a fault proxy in front of a server process of its own:
 * sign in → set the tablet up → offline (server unreachable) record 5 interviews, reload, close and reopen →
 * online: the server is SIGKILLed right after it committed the batch and restarts → the retry confirms →
 * exactly 5 rows with the right answers; a replayed batch stores nothing; a conflicting copy shows
 * "Cần xử lý" on the tablet and a conflict on the supervisor's screen.
 */
import { chromium, expect, test, type BrowserContext, type Page } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { createApiKey } from "../../app/auth/api-keys.server";
import { hashPasswordSync } from "../../app/auth/password.server";
import { vietnamDay } from "../../app/method/period";
import { drizzleOver } from "../support/drizzle";
import { faultProxy, type FaultProxy } from "./support/fault-proxy";
import { ownServer, type OwnServer } from "./support/own-server";
import { readKey, readStore } from "./support/offline-store";

const PASSWORD = "mat-khau-dieu-tra-vien-1";
let server: OwnServer;
let proxy: FaultProxy;
let profile: string;

test.beforeAll(async () => {
  test.setTimeout(120_000); // its own server starts slower than a test on a busy machine
  server = await ownServer();
  proxy = await faultProxy(() => server.port, { kill: () => server.kill("SIGKILL"), restart: () => server.start() });
  profile = fs.mkdtempSync(path.join(os.tmpdir(), "sipas-e2e-profile-"));
});
test.afterAll(async () => {
  await proxy?.close();
  await server?.dispose();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});
test.setTimeout(150_000);

// Where the test was, with the time: printed only when it fails, so a rare failure in CI names its step.
const phases: string[] = [];
let t0 = Date.now();
const phase = (name: string) => phases.push(`+${((Date.now() - t0) / 1000).toFixed(1)} s ${name}`);
test.afterEach(({}, info) => {
  if (info.status !== info.expectedStatus) console.log(`surveyor phases:\n  ${phases.join("\n  ")}`);
});

function addUser(username: string, role: string): number {
  const info = server.sql
    .prepare("insert into users (username, display_name, role, password_hash, created_at) values (?, ?, ?, ?, ?)")
    .run(username, `Người dùng ${username}`, role, hashPasswordSync(PASSWORD), Date.now());
  return Number(info.lastInsertRowid);
}

const launch = async () => {
  const context = await chromium.launchPersistentContext(profile, {
    timeout: 60_000,
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    viewport: { width: 800, height: 1280 },
    locale: "vi-VN",
  });
  // A stuck step fails on its own line instead of eating the whole test's time.
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
};

/**
 * Closing a persistent context waits for Chromium to exit, with no time limit of its own; a browser that never
 * exits would eat the whole test's time without naming the step. Bounded here so it fails by name.
 */
async function closeBrowser(context: BrowserContext) {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("Chromium did not exit within 30 s of closing the persistent context")), 30_000);
  });
  try {
    await Promise.race([context.close(), limit]);
  } finally {
    clearTimeout(timer);
  }
}

async function signIn(page: Page, username: string, next = "") {
  await page.goto(`${proxy.url}/dang-nhap${next}`);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

const pick = (page: Page, code: string, value: number | string) => page.locator(`label[for="${code}-${value}"]`).click();
const next = (page: Page) => page.getByRole("button", { name: /^(Tiếp tục|Xem lại trước khi lưu)$/ }).click();

/** One interview; returns the answers the server must hold. */
async function interview(page: Page, k: number, { reloadMidway = false } = {}): Promise<Record<string, number | string | number[]>> {
  await page.getByRole("button", { name: "Bắt đầu phỏng vấn" }).click();
  await expect(page.getByText("Phần 1/7")).toBeVisible();
  await pick(page, "GIOI_TINH", 1 + (k % 2));
  await next(page);
  await pick(page, "HL_TC", 4);
  await next(page);
  if (reloadMidway) {
    // The draft is in IndexedDB: a reload (here offline, from the service worker's copy) resumes it.
    await page.reload();
    await page.getByRole("button", { name: "Tiếp tục phiếu đang làm dở" }).click();
    await expect(page.getByText("Phần 3/7")).toBeVisible();
  }
  await pick(page, "HL_TT", 5);
  await next(page);
  await pick(page, "HL_CC", 3);
  await next(page);
  await next(page);
  const answers: Record<string, number | string | number[]> = { GIOI_TINH: 1 + (k % 2), HL_TC: 4, HL_TT: 5, HL_CC: 3 };
  if (k === 0) {
    await pick(page, "PA0", 1);
    // PA1 and HL_PA appear only after "Có".
    await pick(page, "PA1", 5);
    await pick(page, "HL_PA", 4);
    Object.assign(answers, { PA0: 1, PA1: 5, HL_PA: 4 });
  } else {
    await pick(page, "PA0", 2);
    await expect(page.locator('label[for="PA1-5"]')).toHaveCount(0);
    answers.PA0 = 2;
  }
  await next(page);
  // HL_CHUNG is required: "next" refuses without it.
  await next(page);
  await expect(page.getByRole("alert")).toBeVisible();
  await pick(page, "HL_CHUNG", 1 + (k % 5));
  answers.HL_CHUNG = 1 + (k % 5);
  if (k === 0) {
    for (const c of [1, 2, 3, 4]) await pick(page, "MONG_DOI", c);
    await next(page);
    await expect(page.locator("#q-MONG_DOI .err")).toBeVisible();
    await pick(page, "MONG_DOI", 4);
    answers.MONG_DOI = [1, 2, 3];
  }
  await page
    .getByLabel(/Ông\/Bà có ý kiến|ý kiến|góp ý/i)
    .last()
    .fill(`Phỏng vấn số ${k}`);
  answers.Y_KIEN = `Phỏng vấn số ${k}`;
  await next(page);
  await expect(page.getByRole("heading", { name: "Xem lại phiếu" })).toBeVisible();
  if (k === 1) {
    // Edit before saving: back to part A, change the answer, through to the review again.
    await page.getByRole("button", { name: /Sửa phần «Phần A/ }).click();
    await pick(page, "GIOI_TINH", 1);
    answers.GIOI_TINH = 1;
    for (let i = 0; i < 7; i++) await next(page);
    await expect(page.getByRole("heading", { name: "Xem lại phiếu" })).toBeVisible();
  }
  await page.getByRole("button", { name: "Lưu phiếu" }).click();
  await expect(page.getByText("Đã lưu phiếu vào máy")).toBeVisible();
  return answers;
}

function outbox(page: Page) {
  return readStore<{ id: string; state: string; body: { answers: Record<string, unknown> } }>(page, "outbox");
}

function storedAnswers(uuid: string): Record<string, number | string | number[]> {
  const rows = server.sql
    .prepare("select a.question, a.code, a.text from answers a join responses r on r.id = a.response_id where r.uuid = ? order by a.question, a.code")
    .all(uuid) as { question: string; code: number | null; text: string | null }[];
  const out: Record<string, number | string | number[]> = {};
  for (const r of rows) {
    const v = r.text ?? r.code!;
    if (r.question === "MONG_DOI") out[r.question] = [...((out[r.question] as number[] | undefined) ?? []), v as number];
    else out[r.question] = v;
  }
  return out;
}

test("offline for days, synced exactly once, watched by the supervisor", async ({ browser }) => {
  t0 = Date.now();
  phase("set-up: users and assignment");
  const surveyorId = addUser("dtv1", "surveyor");
  addUser("giamsat1", "admin");
  const today = vietnamDay(Date.now());
  const agency = server.sql.prepare("select id from agencies where code = 'TTHCC'").get() as { id: number };
  server.sql
    .prepare("insert into assignments (user_id, survey_id, agency_id, quota, from_day, to_day, created_at) values (?, 'sipas', ?, 10, ?, ?, ?)")
    .run(surveyorId, agency.id, today, "2099-12-31", Date.now());

  phase("launch the tablet browser");
  let context: BrowserContext = await launch();
  let page = context.pages()[0] ?? (await context.newPage());
  // A surveyor signing in lands on the tablet app, not on a 403.
  phase("sign in and set the tablet up");
  await signIn(page, "dtv1");
  await expect(page).toHaveURL(/\/khao-sat-vien$/);
  await expect(page.getByText("Khảo sát viên: Người dùng dtv1")).toBeVisible();
  await page.getByLabel("Tên máy").fill("Máy tính bảng số 3");
  await page.getByRole("button", { name: "Cài đặt máy này" }).click();
  await expect(page.getByText("Máy đã cài đặt: Máy tính bảng số 3")).toBeVisible();
  phase("wait until the tablet says it is ready offline");
  // What the surveyor is shown before leaving coverage: the worker is active and holds the page and its files.
  await expect(page.getByText("Máy đã sẵn sàng làm việc khi mất mạng.")).toBeVisible({ timeout: 60_000 });
  expect(await page.evaluate(async () => Boolean(await caches.match("/khao-sat-vien")))).toBe(true);
  // An active worker handles the next navigation: after a reload it controls the page.
  await page.reload();
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));

  // No network: the browser offline and the server unreachable.
  phase("offline: reload from the service worker");
  await context.setOffline(true);
  proxy.mode = "down";
  await page.reload();
  await expect(page.getByText(/Đang mất mạng/)).toBeVisible();
  // Opened from the worker's cache, the page still knows it can work offline.
  await expect(page.getByText("Máy đã sẵn sàng làm việc khi mất mạng.")).toBeVisible({ timeout: 30_000 });
  const expected: Record<string, number | string | number[]>[] = [];
  for (let k = 0; k < 5; k++) expected.push(await interview(page, k, { reloadMidway: k === 2 }));
  phase("five interviews saved; reload");
  await expect(page.getByText("Chờ gửi: 5")).toBeVisible();
  await page.reload();
  await expect(page.getByText("Chờ gửi: 5")).toBeVisible();
  const saved = await outbox(page);
  expect(saved).toHaveLength(5);

  // Close the browser, reopen with the same profile, still offline.
  phase("close and relaunch the browser");
  await closeBrowser(context);
  context = await launch();
  await context.setOffline(true);
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${proxy.url}/khao-sat-vien`);
  await expect(page.getByText("Chờ gửi: 5")).toBeVisible();
  expect(server.countResponses(saved.map((s) => s.id))).toBe(0);

  // The network returns; the server commits the batch and is SIGKILLed before the tablet hears the answer.
  phase("online: the server is killed after committing the batch");
  proxy.mode = "killAfter";
  await context.setOffline(false);
  await expect.poll(() => proxy.stats.kills, { timeout: 30_000 }).toBe(1);
  await expect
    .poll(async () => (await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5_000) }).catch(() => null))?.ok ?? false, {
      timeout: 30_000,
    })
    .toBe(true);
  expect(server.countResponses(saved.map((s) => s.id))).toBe(5);
  phase("sync again after the restart");
  await page.getByRole("button", { name: "Gửi ngay" }).click();
  await expect(page.getByText("Đã xác nhận: 5")).toBeVisible();
  expect(server.countResponses(saved.map((s) => s.id))).toBe(5);
  const after = await outbox(page);
  for (const item of after) expect(item.state).toBe("confirmed");
  // The right answers: each stored interview is one of the five recorded, all five present.
  const storedSets = saved.map((s) => JSON.stringify(storedAnswers(s.id)));
  for (const e of expected) {
    const want = JSON.stringify(Object.fromEntries(Object.entries(e).sort(([a], [b]) => (a < b ? -1 : 1))));
    expect(storedSets).toContain(want);
  }

  // A replayed batch (the tablet's own key) stores nothing new.
  phase("replay the batch");
  const key = (await readKey<{ apiKey: string }>(page, "device", "self"))!.apiKey;

  const replay = await fetch(`${server.url}/api/v1/responses`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ responses: after.map((i) => i.body) }),
    signal: AbortSignal.timeout(15_000),
  }).then((r) => r.json() as Promise<{ created: number; duplicates: number }>);
  expect(replay).toMatchObject({ created: 0, duplicates: 5 });
  expect(server.countResponses(saved.map((s) => s.id))).toBe(5);

  // A conflicting copy: a sixth interview, made offline, whose id already reached the server with other answers.
  phase("a sixth interview that conflicts");
  proxy.mode = "down";
  await context.setOffline(true);
  await interview(page, 5);
  const sixth = (await outbox(page)).find((i) => !saved.some((s) => s.id === i.id))!;
  const other = createApiKey(drizzleOver(server.sql), { kind: "integration", name: "Bản sao khác" });
  const first = await fetch(`${server.url}/api/v1/responses`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${other.key}` },
    body: JSON.stringify({ ...sixth.body, answers: { HL_CHUNG: 1 } }),
    signal: AbortSignal.timeout(15_000),
  });
  expect(first.status).toBe(201);
  proxy.mode = "none";
  await context.setOffline(false);
  await page.getByRole("button", { name: "Gửi ngay" }).click();
  const flagged = page.locator(`li[data-id="${sixth.id}"]`);
  await expect(flagged.getByText("Cần xử lý")).toBeVisible();
  await expect(flagged.getByText(/Lý do/)).toBeVisible();
  expect(server.countResponses([sixth.id])).toBe(1);
  phase("close the tablet browser");
  await closeBrowser(context);

  // The supervisor sees the device, its 5 + 0 received, and the conflict.
  phase("the supervisor's screen");
  const admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const adminPage = await admin.newPage();
  await signIn(adminPage, "giamsat1", "?tiep=%2Fquan-tri%2Fgiam-sat");
  await expect(adminPage.getByRole("heading", { name: "Giám sát khảo sát viên" })).toBeVisible();
  const row = adminPage.getByRole("row", { name: /Người dùng dtv1/ }).first();
  await expect(row).toContainText("Máy tính bảng số 3");
  await expect(adminPage.getByText(sixth.id)).toBeVisible();
  const figures = row.locator("td");
  await expect(figures.nth(4)).toHaveText("5"); // received
  await expect(figures.nth(5)).toHaveText("1"); // conflicts
  await expect(adminPage.getByRole("row", { name: /Người dùng dtv1/ }).last()).toContainText("5/10");
  await admin.close();
});
