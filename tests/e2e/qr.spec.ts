/**
 * QR posters in the browser: an admin opens "Mã QR", prints a counter's A5 poster, the QR code read from a
 * screenshot of the poster (jsQR) opens the rating page; after "Đổi mã" the old address is the 404 page and
 * the new poster works. Uses a counter no other spec rates (the database is shared by the whole run).
 */
import type { Locator, Page } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { expect, test } from "./fixtures";

const COUNTER = "X_SIN_THAU-Q01";
// The committed poster screenshot is refreshed on request (SIPAS_SCREENSHOTS=1); a normal run leaves the tree clean.
const SCREENSHOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  process.env.SIPAS_SCREENSHOTS ? "../../docs/screenshots/poster-a5.png" : "../../test-results/screenshots/poster-a5.png",
);

test.use({ viewport: { width: 1366, height: 768 }, allowedConsoleErrors: [/status of 404/] });

async function signIn(page: Page, username: string, displayName: string) {
  await page.goto("/dang-nhap");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill("sipas-demo-2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByText(`Đăng nhập: ${displayName}`)).toBeVisible();
}

const signInAsAdmin = (page: Page) => signIn(page, "admin", "Quản trị Sở Nội vụ");

/** The URL in the poster's QR code, read from a screenshot of the poster as a phone camera would. */
async function readPoster(poster: Locator, saveTo?: string): Promise<string> {
  const image = PNG.sync.read(await poster.screenshot(saveTo ? { path: saveTo } : {}));
  const code = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
  expect(code, "a QR code in the poster's screenshot").not.toBeNull();
  return code!.data;
}

const counterRow = (page: Page) => page.getByRole("row").filter({ hasText: COUNTER });

async function openPosterA5(page: Page): Promise<Locator> {
  await page.getByRole("navigation", { name: "Điều hướng quản trị" }).getByRole("link", { name: "Mã QR" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mã QR các quầy" })).toBeVisible();
  await counterRow(page).getByRole("link", { name: "In áp phích A5" }).click();
  await expect(page).toHaveURL(/\/quan-tri\/ma-qr\/in\?quay=X_SIN_THAU-Q01&kho=A5$/);
  const poster = page.getByRole("article", { name: `Áp phích mã QR ${COUNTER}` });
  await expect(poster.getByText("Quét mã để đánh giá — chỉ mất 1 phút")).toBeVisible();
  await expect(page.getByRole("button", { name: "In" })).toBeVisible();
  return poster;
}

test("an admin prints a counter's A5 poster; its QR opens the rating page, and after rotation the old one is refused", async ({ page, baseURL }) => {
  await signInAsAdmin(page);
  const poster = await openPosterA5(page);
  const url = await readPoster(poster, SCREENSHOT);
  expect(url).toMatch(new RegExp(`^${baseURL}/q/[A-Za-z0-9_-]{22}$`));
  // The short URL printed under the code is the one in the code, for people who type it.
  await expect(poster.getByText(url, { exact: true })).toBeVisible();

  const rating = await page.goto(url);
  expect(rating?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Đánh giá việc giải quyết thủ tục hành chính" })).toBeVisible();

  // Rotate in the UI: the confirmation box says the printed posters stop working.
  await page.goto("/quan-tri/ma-qr");
  const row = counterRow(page);
  await row.getByRole("checkbox", { name: /áp phích và mã QR đã in của quầy này sẽ ngừng hoạt động/ }).check();
  await row.getByRole("button", { name: "Đổi mã" }).click();
  await expect(page.getByRole("status")).toContainText(`Đã đổi mã của quầy ${COUNTER}`);

  const refused = await page.goto(url);
  expect(refused?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Không tìm thấy trang" })).toBeVisible();

  await page.goto("/quan-tri");
  const newPoster = await openPosterA5(page);
  const newUrl = await readPoster(newPoster);
  expect(newUrl).not.toBe(url);
  expect((await page.goto(newUrl))?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Đánh giá việc giải quyết thủ tục hành chính" })).toBeVisible();
});

test("a forged token is the 404 page", async ({ page }) => {
  const response = await page.goto("/q/AAAAAAAAAAAAAAAAAAAAAA");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Không tìm thấy trang" })).toBeVisible();
});

test("an agency's posters print one per A4 sheet, without the toolbar", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/quan-tri/ma-qr?co-quan=TTHCC");
  await page.getByRole("link", { name: "In áp phích tất cả quầy của cơ quan (A4)" }).click();
  // The poster sheet itself (not the list it was opened from) before anything is counted or measured.
  await expect(page).toHaveURL(/\/quan-tri\/ma-qr\/in\?co-quan=TTHCC&kho=A4$/);
  await expect(page.getByRole("button", { name: "In" })).toBeVisible();
  const posters = page.getByRole("article");
  await expect(posters).toHaveCount(4);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "In" })).toBeHidden();
  const style = await posters.first().evaluate((el) => {
    const s = getComputedStyle(el);
    return { breakAfter: s.breakAfter, page: s.getPropertyValue("page"), width: el.getBoundingClientRect().width };
  });
  // 210 mm at 96 px per inch.
  expect(style).toMatchObject({ breakAfter: "page", page: "a4" });
  expect(style.width).toBeCloseTo((210 / 25.4) * 96, 0);
  // Every poster is readable by a phone, not only the first.
  for (const poster of await posters.all()) expect(await readPoster(poster)).toMatch(/\/q\/[A-Za-z0-9_-]{22}$/);
});

test.describe("an agency head", () => {
  test.use({ allowedConsoleErrors: [/status of 403/] });

  test("is not offered the QR screen and gets the 403 page for it, its posters and its downloads", async ({ page }) => {
    await signIn(page, "tthcc", "Giám đốc Trung tâm PVHCC");
    await expect(page.getByRole("navigation", { name: "Điều hướng quản trị" }).getByRole("link", { name: "Mã QR" })).toHaveCount(0);
    for (const url of ["/quan-tri/ma-qr", "/quan-tri/ma-qr/in?quay=TTHCC-Q01&kho=A5", "/quan-tri/ma-qr/in?co-quan=TTHCC&kho=A4"]) {
      expect((await page.goto(url))?.status(), url).toBe(403);
      await expect(page.getByRole("heading", { level: 1, name: "Không có quyền truy cập" })).toBeVisible();
    }
    expect((await page.request.get("/quan-tri/ma-qr/TTHCC-Q01.png")).status()).toBe(403);
  });
});
