/**
 * The national page of the hub (issue 22): three provinces synced over HTTP; the two with enough answers are
 * ranked with their change of rank against the previous quarter, the third is marked «ít phiếu», unranked.
 */
import { expect, test } from "@playwright/test";

test("ranks the provinces, shows Δ rank and marks the province under 30 responses", async ({ page }) => {
  const response = await page.goto("/quoc-gia");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kết quả đo lường sự hài lòng toàn quốc");
  await expect(page.getByRole("heading", { name: /Xếp hạng các tỉnh — Quý III\/2026/ })).toBeVisible();
  const table = page.locator("table").first();
  await expect(table.locator("thead th")).toHaveText(["Tỉnh", "Hạng", "Δ hạng", "Chỉ số", "Δ chỉ số", "Số phiếu"]);
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(3);
  // Ranked first, in order; the few-answers province last, without a rank.
  await expect(rows.nth(0).locator("td").nth(0)).toHaveText("1");
  await expect(rows.nth(1).locator("td").nth(0)).toHaveText("2");
  await expect(rows.nth(2).locator("th")).toHaveText("Hà Giang");
  await expect(rows.nth(2).locator("td").nth(0)).toHaveText("—");
  await expect(rows.nth(2)).toContainText("ít phiếu");
  for (const i of [0, 1]) {
    await expect(rows.nth(i)).not.toContainText("ít phiếu");
    // Δ rank against Quý II: ↑n, ↓n or = with its words for a screen reader.
    await expect(rows.nth(i).locator(".rank-change")).toHaveText(/^(↑\d+tăng \d+ bậc|↓\d+giảm \d+ bậc|=giữ nguyên)$/);
    await expect(rows.nth(i).locator("td").nth(3)).toHaveText(/^([+−]\d+,\d\d|0,00)$/);
  }
  const names = await rows.locator("th").allTextContents();
  expect(names.slice(0, 2).sort()).toEqual(["Lào Cai", "Điện Biên"].sort());
  // Pooled beside the mean of provinces, and the chart beside the table.
  await expect(page.getByRole("table", { name: "Toàn quốc: gộp chung và trung bình các tỉnh" })).toContainText("Trung bình các tỉnh");
  await expect(page.getByRole("img", { name: "Chỉ số các tỉnh" })).toBeVisible();
  await expect(page.getByText("Không tính vào trung bình (ít phiếu): Hà Giang")).toBeVisible();
});

test("a bad period reads as a Vietnamese message, not an error page", async ({ page }) => {
  const response = await page.goto("/quoc-gia?ky=2026-Q9");
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("Kỳ «2026-Q9» không hợp lệ.");
});
