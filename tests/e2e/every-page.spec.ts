/**
 * Every page type under axe-core (WCAG 2.1 A/AA) at 360 px and on a desktop; a scan of each Vietnamese page's
 * text for raw codes (audit actions, key kinds, survey ids, HTTP statuses, ISO dates, the other name of the
 * surveyor, a signed change after «Giảm»/«Tăng»); the public results at 360 px without sideways scrolling;
 * the keyboard-only paths through the citizen's form and the dashboard's filters (issue 21, points 3–5). One
 * server of its own (a period is published here), one browser context, the pages in sequence; each test
 * gathers every finding and fails once with the whole list.
 */
import type { Page } from "@playwright/test";

import { DEMO_PASSWORD, expect, ratePage, test } from "./fixtures";
import { seriousViolations } from "./support/axe";
import { kioskScreen } from "./support/kiosk-screen";
import { ownServer, type OwnServer } from "./support/own-server";

const PHONE = { width: 360, height: 800 };
const DESKTOP = { width: 1280, height: 800 };

test.use({ bypassCSP: true, viewport: PHONE });
test.describe.configure({ mode: "serial" });

let server: OwnServer;
test.beforeAll(async () => {
  // A server of its own, with the demo province: its start takes longer than a test on a busy machine.
  test.setTimeout(120_000);
  server = await ownServer({ SIPAS_DEMO_RESPONSES: "1500", KIOSK_COOLDOWN_SECONDS: "0" });
});
test.afterAll(async () => server?.dispose());

/** What a Vietnamese page must never show (URLs are left out: an address is not a word). */
const RAW_CODES: [string, RegExp][] = [
  ["audit action", /\b(?:apikey|assignment|auth|comment|counter|device|directory|kiosk|officer|publication|report|user)\.[a-z][a-z_.]*/],
  ["key kind", /\b(?:kiosk|surveyor|integration)\b/],
  ["survey id", /\b(?:sipas|danh-gia-ho-so|y-te[a-z0-9-]*|giao-duc-[a-z0-9-]+)\b/],
  ["HTTP status", /\bmã [1-5]\d\d\b/],
  ["ISO date", /\b\d{4}-\d{2}-\d{2}\b/],
  ["the other name of the surveyor", /điều tra viên/i],
  ["a change in words with a sign («Giảm +8,73»)", /\b(?:Giảm|Tăng) [+−-]\d/],
];

async function rawCodes(page: Page): Promise<string[]> {
  const text = (await page.evaluate(() => document.body.innerText)).replace(/https?:\/\/\S+/g, " ");
  const found: string[] = [];
  for (const [what, re] of RAW_CODES) {
    const match = re.exec(text);
    if (match) found.push(`${what} «${match[0]}» in «${text.slice(Math.max(0, match.index - 40), match.index + 40).replace(/\s+/g, " ")}»`);
  }
  return found;
}

/** axe at 360 px and on a desktop, and the raw-code scan: every finding as a line naming the page. */
async function audit(page: Page, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    for (const v of await seriousViolations(page)) found.push(`${name} @${size.width}px: ${v}`);
  }
  await page.setViewportSize(PHONE);
  for (const c of await rawCodes(page)) found.push(`${name}: ${c}`);
  return found;
}

async function visit(page: Page, path: string, name: string): Promise<string[]> {
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), `${name} (${path})`).toBe(200);
  return audit(page, name);
}

async function signIn(page: Page, username: string) {
  await page.context().clearCookies();
  await page.goto(`${server.url}/dang-nhap`);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/dang-nhap"));
}

/** Presses Tab until `predicate` holds for the focused element (at most `max` presses). */
async function tabTo(page: Page, predicate: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(predicate)) return;
  }
  throw new Error(`never focused: ${predicate}`);
}

test("the citizen's pages, by keyboard only: the form, the thank-you page, and the sign-in page", async ({ page }) => {
  const found = await visit(page, "/dang-nhap", "sign-in");
  const token = (server.sql.prepare("select token from counters where code = 'TTHCC-Q01'").get() as { token: string }).token;
  found.push(...(await visit(page, `/q/${token}`, "QR page")));
  const rate = ratePage(page);
  // Tab to the faces, arrows to choose (the keyboard only chooses, q.js), Enter sends.
  await tabTo(page, `document.activeElement?.getAttribute("type") === "radio"`);
  await page.keyboard.press("ArrowRight");
  await expect(rate.face("Hài lòng")).toBeChecked();
  await page.keyboard.press("Enter");
  await expect(rate.thanks).toBeVisible();
  found.push(...(await audit(page, "thank-you page")));
  await tabTo(page, `document.activeElement?.getAttribute("name") === "Y_KIEN"`, 80);
  await page.keyboard.type("Gửi bằng bàn phím");
  await tabTo(page, `document.activeElement?.textContent?.trim() === "Gửi thêm ý kiến"`, 20);
  await page.keyboard.press("Enter");
  await expect(rate.details).toHaveCount(0);
  expect(found).toEqual([]);
});

test("the kiosk and the surveyor's app", async ({ page }) => {
  await page.goto(`${server.url}/kiosk?ma=${server.pairingCode("TTHCC-Q02")}`);
  const k = kioskScreen(page);
  await expect(k.fieldGroup).toBeVisible();
  const found = await audit(page, "kiosk");
  await k.face("Hài lòng").click();
  await expect(k.recorded).toBeVisible();
  found.push(...(await audit(page, "kiosk details")));

  await signIn(page, "ksv");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  found.push(...(await audit(page, "surveyor app")));
  expect(found).toEqual([]);
});

test("the staff pages, and the dashboard's filters by keyboard only", async ({ page }) => {
  // Fourteen pages, each checked twice by axe: several seconds each on a shared machine.
  test.setTimeout(300_000);
  await signIn(page, "admin");
  const found = await visit(page, "/quan-tri", "dashboard");
  // Keyboard: Tab to the period, choose another with the arrows, Tab on to «Xem», Enter.
  const period = page.locator("#f-period");
  const before = await period.inputValue();
  await tabTo(page, `document.activeElement?.id === "f-period"`, 60);
  await page.keyboard.press("ArrowDown");
  const chosen = await period.inputValue();
  expect(chosen).not.toBe(before);
  await tabTo(page, `document.activeElement?.classList.contains("apply")`, 30);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]period=${encodeURIComponent(chosen)}`));

  // Publish a period, so that the public pages below have one.
  await page.goto(`${server.url}/quan-tri/cong-bo`);
  await page.getByRole("button", { name: "Xem trước" }).click();
  await expect(page.getByRole("button", { name: "Công bố kỳ này" })).toBeVisible();
  found.push(...(await audit(page, "publishing (preview)")));
  await page.getByRole("button", { name: "Công bố kỳ này" }).click();
  await expect(page.getByRole("status")).toContainText("Đã công bố");

  for (const [path, name] of [
    ["/quan-tri/co-quan/TTHCC", "agency page"],
    ["/quan-tri/bao-cao", "report screen"],
    ["/quan-tri/cong-bo", "publishing"],
    ["/quan-tri/gop-y", "comments"],
    ["/quan-tri/danh-muc", "directory"],
    ["/quan-tri/danh-muc/nhap", "directory import"],
    ["/quan-tri/tai-khoan", "accounts"],
    ["/quan-tri/ma-qr", "QR codes"],
    ["/quan-tri/may-tai-quay", "counter tablets"],
    ["/quan-tri/can-bo", "officers"],
    ["/quan-tri/giam-sat", "supervision"],
    ["/quan-tri/mat-khau", "password"],
  ] as const) {
    found.push(...(await visit(page, path, name)));
  }
  await page.goto(`${server.url}/quan-tri/gop-y`);
  const comment = page.locator('main a[href^="/quan-tri/gop-y/"]').first();
  if (await comment.count()) {
    await comment.click();
    found.push(...(await audit(page, "a comment")));
  }
  expect(found).toEqual([]);
});

test("the public pages: readable at 360 px without sideways scrolling", async ({ page }) => {
  await page.context().clearCookies();
  const found = await visit(page, "/cong-khai", "public list");
  const id = (server.sql.prepare("select id from publications where withdrawn_at is null order by id desc").get() as { id: number } | undefined)?.id;
  expect(id, "a period published by the previous test").toBeDefined();
  found.push(...(await visit(page, `/cong-khai/${id}`, "public period")));
  for (const path of ["/cong-khai", `/cong-khai/${id}`]) {
    await page.goto(`${server.url}${path}`);
    const widths = await page.evaluate(() => ({
      page: document.scrollingElement!.scrollWidth,
      tables: [...document.querySelectorAll("table")].map((t) => Math.ceil(t.getBoundingClientRect().right)),
    }));
    expect(widths.page, `${path}: the page scrolls sideways`).toBeLessThanOrEqual(PHONE.width);
    for (const right of widths.tables) expect(right, `${path}: a table wider than the phone`).toBeLessThanOrEqual(PHONE.width);
  }
  expect(found).toEqual([]);
});
