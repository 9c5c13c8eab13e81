/**
 * The official report screen: an admin edits the recommendations and downloads the .docx and PDF (status,
 * type, file name with the period); an agency head gets their own agency's report and a 403 for another's.
 * With SIPAS_SCREENSHOTS=1 the first two pages of the server's PDF go to docs/screenshots/.
 */
import JSZip from "jszip";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { drawPdfPages } from "../support/pdf-pages";
import { expect, signInDemo, test } from "./fixtures";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SCREENSHOTS = path.join(ROOT, process.env.SIPAS_SCREENSHOTS ? "docs/screenshots" : "test-results/screenshots");

test("admin edits the recommendations and downloads the report as .docx and PDF", async ({ page }) => {
  test.setTimeout(90_000);
  await signInDemo(page, "admin");
  await page.getByRole("link", { name: "Báo cáo", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Báo cáo định kỳ và xuất số liệu" })).toBeVisible();
  const period = await page.getByLabel("Kỳ báo cáo").inputValue();
  const text = `Đề nghị các xã rút ngắn thời gian trả kết quả ${Date.now()}`;
  await page.getByLabel("IV. Đề xuất, kiến nghị").fill(text);
  await page.getByLabel("Số, ký hiệu").fill("88/BC-SNV");
  await page.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã lưu phần do cơ quan soạn." })).toBeVisible();
  await expect(page.getByLabel("IV. Đề xuất, kiến nghị")).toHaveValue(text);

  const search = `?survey=danh-gia-ho-so&period=${period}&scope=province`;
  const html = await page.request.get(`/quan-tri/bao-cao/in${search}`);
  expect(html.status()).toBe(200);
  const body = await html.text();
  expect(body).toContain(text);
  expect(body).toContain("Độc lập - Tự do - Hạnh phúc");

  const docx = await page.request.get(`/quan-tri/bao-cao/bao-cao.docx${search}`);
  expect(docx.status()).toBe(200);
  expect(docx.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  expect(docx.headers()["content-disposition"]).toBe(`attachment; filename="bao-cao-danh-gia-ho-so-${period}-tinh.docx"`);
  expect((await docx.body()).subarray(0, 2).toString()).toBe("PK");
  // The built server draws the charts into the .docx too (tests/integration/report-presentation.test.ts checks them).
  const media = Object.keys((await JSZip.loadAsync(await docx.body())).files).filter((n) => /^word\/media\/.+\.png$/.test(n));
  expect(media.length).toBeGreaterThan(0);

  // The link on the screen downloads the PDF rendered by the server's Chromium.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "PDF", exact: true }).click()]);
  expect(download.suggestedFilename()).toBe(`bao-cao-danh-gia-ho-so-${period}-tinh.pdf`);
  const pdf = await page.request.get(`/quan-tri/bao-cao/bao-cao.pdf${search}`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  const xlsx = await page.request.get(`/quan-tri/bao-cao/so-lieu.xlsx${search}`);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()["content-disposition"]).toContain(`so-lieu-danh-gia-ho-so-${period}-tinh.xlsx`);
});

test("the CSV export shows its progress and downloads the file", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await signInDemo(page, "admin");
  await page.goto("/quan-tri/bao-cao");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Xuất phiếu thô (CSV)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^phieu-danh-gia-ho-so-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-tinh\.csv$/);
  await expect(page.getByRole("status").filter({ hasText: /Đã xuất [\d.]+ phiếu/ })).toBeVisible();
});

test("an agency head gets their own agency's report, and 403 for another's", async ({ page }) => {
  await signInDemo(page, "tthcc");
  await page.goto("/quan-tri/bao-cao");
  await expect(page.getByLabel("Phạm vi")).toHaveValue("TTHCC");
  const own = await page.request.get("/quan-tri/bao-cao/bao-cao.docx?scope=TTHCC");
  expect(own.status()).toBe(200);
  for (const url of [
    "/quan-tri/bao-cao/bao-cao.docx?scope=SO_XD",
    "/quan-tri/bao-cao/phieu.csv?scope=province",
    "/quan-tri/bao-cao/in?scope=SO_XD",
    "/quan-tri/bao-cao?scope=SO_XD",
  ]) {
    expect((await page.request.get(url)).status(), url).toBe(403);
  }
});

test("screenshots: the first two pages of the report's PDF", async ({ page }) => {
  test.setTimeout(90_000);
  await signInDemo(page, "admin");
  const pdf = await page.request.get("/quan-tri/bao-cao/bao-cao.pdf?survey=sipas&scope=province");
  expect(pdf.status()).toBe(200);
  const bytes = await pdf.body();
  // The PDF's own pages, as printed (Tinos, page numbers), drawn by pdf.js in this browser.
  expect(await drawPdfPages(page, bytes, 2, ROOT)).toBeGreaterThanOrEqual(2);
  for (const n of [1, 2]) await page.locator(`#page-${n}`).screenshot({ path: path.join(SCREENSHOTS, `report-page-${n}.png`) });
});
