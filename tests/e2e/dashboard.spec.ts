/**
 * The dashboard in the browser, on the demo province: the headline equals `sipas results` for the same
 * survey and period (printed the way the page prints it), an agency head sees only their agency and gets
 * 403 for any other, a surveyor is sent to the tablet app, a viewer has no form that changes anything, comments stay inert
 * text, the period picker works without JavaScript; screenshots at 1366×768 and 768×1024.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { Page } from "@playwright/test";

import { formatPct } from "../../app/dashboard/format";
import { expect, MANY_FIELDS_COUNTER, sendRating, test, uniqueComment } from "./fixtures";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// The committed screenshots are refreshed on request (SIPAS_SCREENSHOTS=1); a normal run leaves the tree clean.
const SCREENSHOTS = path.join(ROOT, process.env.SIPAS_SCREENSHOTS ? "docs/screenshots" : "test-results/screenshots");
const DEMO_PASSWORD = "sipas-demo-2026";

test.use({ viewport: { width: 1366, height: 768 } });

async function signIn(page: Page, username: string) {
  await page.goto("/dang-nhap");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

/** The current year in Vietnam time: the dashboard's default period. */
const vietnamYear = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4);

type CliGroup = { key: string; label: string; index: number | null };
type CliResults = { from: string; to: string; overall: { index: number | null; responses: number }; groups: CliGroup[] };

/** `sipas results … --json` on the e2e server's database, as an analyst would run it. */
function cliResults(args: string[]): CliResults {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/sipas.ts", "results", ...args, "--json"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: process.env.SIPAS_E2E_DB, SIPAS_NO_DEMO: "1" },
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as CliResults;
}

/** Charts draw after hydration, in the browser: wait until every chart box holds its SVG. */
async function chartsDrawn(page: Page) {
  const boxes = page.locator(".chart");
  await expect(boxes.first()).toBeVisible();
  await expect(page.locator(".chart svg.recharts-surface")).toHaveCount(await boxes.count());
}

test("admin: the headline index and the agencies' indices equal `sipas results` for the same period", async ({ page }, testInfo) => {
  const scripts: { url: string; bytes: Promise<number> }[] = [];
  page.on("requestfinished", (r) => {
    if (r.resourceType() === "script") scripts.push({ url: r.url(), bytes: r.sizes().then((s) => s.responseBodySize) });
  });
  await signIn(page, "admin");
  await expect(page).toHaveURL(/\/quan-tri$/);
  await expect(page.getByRole("heading", { level: 1, name: "Tổng quan sự hài lòng" })).toBeVisible();

  // The default: the counter rating over the current year in Vietnam time.
  const year = vietnamYear();
  await expect(page.getByLabel("Khảo sát", { exact: true })).toHaveValue("danh-gia-ho-so");
  await expect(page.getByLabel("Kỳ báo cáo", { exact: true })).toHaveValue(year);
  await expect(page.getByText(`Năm ${year} (01/01/${year} – 31/12/${year})`)).toBeVisible();

  const cli = cliResults(["--survey", "danh-gia-ho-so", "--from", `${year}-01-01`, "--to", `${year}-12-31`, "--by", "agency"]);
  expect(cli.overall.index).not.toBeNull();
  const headline = page.getByRole("group", { name: "Chỉ số hài lòng chung" });
  await expect(headline.locator(".big")).toHaveText(formatPct(cli.overall.index, "vi"));
  await expect(page.getByRole("group", { name: "Số phiếu" }).locator(".big")).toHaveText(
    new Intl.NumberFormat("vi-VN").format(cli.overall.responses),
  );

  const table = page.getByRole("table", { name: `Chỉ số của từng cơ quan, Năm ${year}` });
  for (const g of cli.groups) {
    await expect(table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: g.label, exact: true }) })).toContainText(
      formatPct(g.index, "vi"),
    );
  }

  await chartsDrawn(page);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, "dashboard-1366.png"), fullPage: true });

  // What the browser downloaded to run the page (gzip, as served).
  await page.waitForLoadState("networkidle");
  const sizes = await Promise.all(scripts.map(async (s) => ({ url: new URL(s.url).pathname, bytes: await s.bytes })));
  const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
  console.log(`DASHBOARD_JS_BYTES=${total} ${JSON.stringify(sizes)}`);
  testInfo.annotations.push({ type: "DASHBOARD_JS_BYTES", description: String(total) });
  expect(sizes.every((s) => s.url.startsWith("/assets/"))).toBe(true);
});

test.describe("on a tablet", () => {
  test.use({ viewport: { width: 768, height: 1024 } });

  test("768×1024: no sideways scroll, every chart drawn beside its table", async ({ page }) => {
    await signIn(page, "admin");
    await expect(page.getByRole("heading", { level: 1, name: "Tổng quan sự hài lòng" })).toBeVisible();
    await chartsDrawn(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    // Every chart has a table with a caption in the same section.
    for (const section of await page.locator("section.panel:has(.chart)").all()) {
      await expect(section.locator("table caption")).not.toHaveCount(0);
    }
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, "dashboard-768.png"), fullPage: true });
  });
});

test.describe("scope", () => {
  test.use({ allowedConsoleErrors: [/status of 403/] });

  test("an agency head (tthcc) sees only TTHCC; another agency by path, by ?agency= or as data → 403", async ({ page }) => {
    await signIn(page, "tthcc");
    await expect(page.getByRole("heading", { level: 1, name: "Sự hài lòng: Trung tâm Phục vụ hành chính công tỉnh Điện Biên" })).toBeVisible();
    // No choice of agency, the counters of TTHCC instead of a ranking of agencies, the province beside.
    await expect(page.getByLabel("Cơ quan", { exact: true })).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 2, name: "Các quầy của cơ quan" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Xếp hạng cơ quan" })).toHaveCount(0);
    await expect(page.getByRole("group", { name: "Toàn tỉnh" })).toBeVisible();
    const counters = page.getByRole("table", { name: /^Chỉ số của từng quầy/ }).getByRole("rowheader");
    for (const name of await counters.allTextContents()) expect(name).not.toMatch(/Sở|Xã|Phường/);
    const main = page.getByRole("main");
    for (const other of ["Sở Xây dựng", "Sở Y tế", "Xã Tuần Giáo", "Phường Mường Thanh"]) await expect(main).not.toContainText(other);

    for (const url of ["/quan-tri/co-quan/SO_XD", "/quan-tri?agency=SO_XD", "/quan-tri/co-quan/SO_XD?agency=TTHCC"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(403);
      await expect(page.getByRole("heading", { level: 1, name: "Không có quyền truy cập" })).toBeVisible();
    }
    // The data requests of client-side navigation are checked by the same loaders.
    expect((await page.request.get("/quan-tri/co-quan/SO_XD.data")).status()).toBe(403);
    expect((await page.request.get("/quan-tri.data?agency=SO_XD")).status()).toBe(403);
    // Its own page opens.
    expect((await page.goto("/quan-tri/co-quan/TTHCC"))?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 2, name: "Ý kiến của người dân" })).toBeVisible();
  });

  test("a surveyor (ksv) is sent to the tablet app from every dashboard route and sees no figures", async ({ page }) => {
    await signIn(page, "ksv");
    for (const url of ["/quan-tri", "/quan-tri/co-quan/TTHCC", "/quan-tri?agency=TTHCC"]) {
      await page.goto(url);
      await expect(page, url).toHaveURL(/\/khao-sat-vien$/);
      await expect(page.getByRole("heading", { level: 1, name: "Tổng quan sự hài lòng" })).toHaveCount(0);
    }
    // The data URL of a dashboard route redirects too: no figures leave the server.
    const data = await page.request.get("/quan-tri/co-quan/TTHCC.data", { maxRedirects: 0 });
    expect(await data.text()).not.toContain("TTHCC-Q01");
  });
});

test("a viewer (xem) reads the province and an agency, with no form that changes anything", async ({ page }) => {
  await signIn(page, "xem");
  await expect(page.getByRole("heading", { level: 1, name: "Tổng quan sự hài lòng" })).toBeVisible();
  for (const url of ["/quan-tri", "/quan-tri/co-quan/SO_XD"]) {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // The page's own forms only read (GET); the one POST form on screen is signing out, in the header.
    await expect(page.getByRole("main").locator("form")).not.toHaveCount(0);
    const methods = await page
      .getByRole("main")
      .locator("form")
      .evaluateAll((forms) => forms.map((f) => (f as HTMLFormElement).method));
    expect(methods.every((m) => m === "get")).toBe(true);
    const posts = await page
      .locator('form[method="post" i]')
      .evaluateAll((forms) => forms.map((f) => new URL((f as HTMLFormElement).action).pathname));
    expect(posts).toEqual(["/dang-xuat"]);
    await expect(page.getByRole("link", { name: "Tài khoản và khóa API" })).toHaveCount(0);
  }
});

test("admin drills down to an agency: its counters, fields and the newest comments, shown as inert text", async ({ page, db }) => {
  // A citizen's comment that looks like markup, sent through the QR page of a TTHCC counter.
  const comment = `${uniqueComment("dashboard")} <img src=x onerror="window.__xss=1"><b>đậm</b>`;
  await sendRating(page, db.counterPath(MANY_FIELDS_COUNTER), { face: "Không hài lòng", comment });

  await signIn(page, "admin");
  await page
    .getByRole("table", { name: /^Chỉ số của từng cơ quan/ })
    .getByRole("link", { name: "Trung tâm Phục vụ hành chính công tỉnh Điện Biên" })
    .click();
  await expect(page).toHaveURL(/\/quan-tri\/co-quan\/TTHCC/);
  await expect(page.getByRole("heading", { level: 1, name: "Sự hài lòng: Trung tâm Phục vụ hành chính công tỉnh Điện Biên" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Các quầy của cơ quan" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Lĩnh vực so với mục tiêu" })).toBeVisible();

  const comments = page.locator("#y-kien");
  await expect(comments.getByRole("heading", { level: 2, name: "Ý kiến của người dân" })).toBeVisible();
  // The comment just sent is on the first page (newest first), as plain text; nothing in it became markup.
  await expect(comments.locator(".comments blockquote").filter({ hasText: comment.slice(0, 60) })).toHaveText(comment);
  await expect(comments.locator(".comments img, .comments b")).toHaveCount(0);
  const times = (await comments.locator(".comments li p").allTextContents()).map((line) => {
    const [d, m, y, hh, mm] = line.match(/^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})/)!.slice(1);
    return `${y}${m}${d}${hh}${mm}`;
  });
  expect(times).toEqual([...times].sort().reverse());
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();

  // A counter's row leads to that counter's comments.
  await page
    .getByRole("table", { name: /^Chỉ số của từng quầy/ })
    .getByRole("link")
    .first()
    .click();
  await expect(page).toHaveURL(/counter=TTHCC-Q\d+/);
  await expect(page.getByRole("link", { name: "Xem tất cả ý kiến" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the period picker and filters are a plain GET form", async ({ page }) => {
    await signIn(page, "admin");
    await expect(page.getByRole("heading", { level: 1, name: "Tổng quan sự hài lòng" })).toBeVisible();
    const year = vietnamYear();
    await page.getByLabel("Kỳ báo cáo", { exact: true }).selectOption(`${year}-Q3`);
    await page.getByLabel("Lĩnh vực", { exact: true }).selectOption({ label: "Đất đai" });
    await page.getByRole("button", { name: "Xem", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`period=${year}-Q3.*field=DAT_DAI`));
    await expect(page.getByText(`Quý III/${year} (01/07/${year} – 30/09/${year})`)).toBeVisible();
    // Held to land's own target; every table is there, drawn on the server.
    await expect(page.getByRole("group", { name: "Chỉ số hài lòng chung" })).toContainText("≥\u00a090\u00a0%");
    await expect(page.getByRole("table", { name: new RegExp(`^Chỉ số của từng cơ quan, Quý III/${year}`) })).toBeVisible();
  });
});
