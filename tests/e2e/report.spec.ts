/**
 * The official report screen: an admin edits the recommendations and downloads the .docx and PDF (status,
 * type, file name with the period); an agency head gets their own agency's report and a 403 for another's.
 * With SIPAS_SCREENSHOTS=1 the first two A4 pages of the print page go to docs/screenshots/.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

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
  for (const url of ["/quan-tri/bao-cao/bao-cao.docx?scope=SO_XD", "/quan-tri/bao-cao/phieu.csv?scope=province", "/quan-tri/bao-cao/in?scope=SO_XD", "/quan-tri/bao-cao?scope=SO_XD"]) {
    expect((await page.request.get(url)).status(), url).toBe(403);
  }
});

test("screenshots: the first two A4 pages of the report", async ({ page }) => {
  await signInDemo(page, "admin");
  // A4 at 96 dpi: 794 × 1123 px. On screen the sheet is 210 mm wide with the print margins as padding, so
  // cutting it every 297 mm gives the printed pages (the PDF itself is checked in tests/integration).
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.goto("/quan-tri/bao-cao/in?survey=sipas&scope=province");
  await expect(page.getByText("Độc lập - Tự do - Hạnh phúc")).toBeVisible();
  for (const n of [1, 2]) {
    await page.screenshot({ path: path.join(SCREENSHOTS, `report-page-${n}.png`), clip: { x: 0, y: (n - 1) * 1123, width: 794, height: 1123 }, fullPage: true });
  }
});
