/**
 * Issue 6 follow-up: the interview language switch on the tablet. One tap changes the section titles, the
 * question and option labels (from the definition's vi/en) and the app's own strings (the `field` namespace),
 * offline (no server round trip), without losing an answer; the saved response records the language in use,
 * and the outbox list follows the switch too.
 */
import { expect, test, type Page } from "@playwright/test";

import { assignedSurveyor } from "./support/fixture-language";
import { ownServer, type OwnServer } from "./support/own-server";
import { readStore } from "./support/offline-store";

const PASSWORD = "mat-khau-dieu-tra-vien-2";
let server: OwnServer;

test.beforeAll(async () => {
  test.setTimeout(120_000); // its own server starts slower than a test on a busy machine
  server = await ownServer();
  assignedSurveyor(server.sql, "dtv-ngon-ngu", "Điều tra viên Ngôn Ngữ", PASSWORD);
});
test.afterAll(async () => {
  await server?.dispose();
});
test.use({ viewport: { width: 360, height: 800 } });
test.setTimeout(60_000);

const radio = (page: Page, code: string, value: number) => page.locator(`#${code}-${value}`);
const pick = (page: Page, code: string, value: number) => page.locator(`label[for="${code}-${value}"]`).click();

function outbox(page: Page) {
  return readStore<{ body: { locale: string; answers: Record<string, unknown> } }>(page, "outbox");
}

test("one tap switches the interview between Vietnamese and English, offline, keeping the answers", async ({ page, context }) => {
  await page.goto(`${server.url}/dang-nhap?tiep=%2Fkhao-sat-vien`);
  await page.getByLabel("Tên đăng nhập").fill("dtv-ngon-ngu");
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Bắt đầu phỏng vấn" })).toBeEnabled();

  // From here on the tablet has no network: switching must not need the server.
  await context.setOffline(true);
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));

  const group = page.getByRole("group", { name: "Ngôn ngữ phỏng vấn" });
  await expect(group.getByRole("button")).toHaveText(["Tiếng Việt", "English"]);
  await expect(group.getByRole("button", { name: "Tiếng Việt" })).toHaveAttribute("aria-pressed", "true");

  await page.getByRole("button", { name: "Bắt đầu phỏng vấn" }).click();
  await expect(page.getByRole("heading", { name: "Phần A. Thông tin về người trả lời" })).toBeVisible();
  await pick(page, "GIOI_TINH", 2);
  await expect(radio(page, "GIOI_TINH", 2)).toBeChecked();

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Part A. About the respondent" })).toBeVisible();
  await expect(page.getByText("Your sex")).toBeVisible();
  await expect(page.locator('label[for="GIOI_TINH-2"]')).toHaveText(/Female/);
  await expect(radio(page, "GIOI_TINH", 2)).toBeChecked();
  await expect(page.getByText("Part 1/7")).toBeVisible();
  await expect(page.getByRole("group", { name: "Interview language" }).getByRole("button", { name: "English" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(page.locator("main")).toHaveAttribute("lang", "en");

  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await expect(page.getByText("Giới tính của Ông/Bà")).toBeVisible();
  await expect(page.locator('label[for="GIOI_TINH-2"]')).toHaveText(/Nữ/);
  await expect(radio(page, "GIOI_TINH", 2)).toBeChecked();

  // Through the rest in English: buttons, the next section's labels, the review.
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { name: "Access to the service" })).toBeVisible();
  await expect(page.getByText("The waiting area has enough seats")).toBeVisible();
  for (let i = 0; i < 5; i++) await page.getByRole("button", { name: "Next" }).click();
  await pick(page, "HL_CHUNG", 4);
  await page.getByRole("button", { name: "Review before saving" }).click();
  await expect(page.getByRole("heading", { name: "Review the interview" })).toBeVisible();
  await expect(page.locator(".review-row", { hasText: "Your sex" }).locator("dd")).toHaveText("Female");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Interview saved on this device.")).toBeVisible();

  // The outbox list follows the switch.
  const item = page.locator(".outbox-item").first();
  await expect(item.locator(".badge")).toHaveText("Waiting");
  await expect(page.getByRole("heading", { name: "Interviews on this device" })).toBeVisible();
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await expect(item.locator(".badge")).toHaveText("Chờ gửi");
  await expect(page.getByRole("heading", { name: "Phiếu trên máy" })).toBeVisible();

  const saved = await outbox(page);
  expect(saved).toHaveLength(1);
  expect(saved[0]!.body.locale).toBe("en");
  expect(saved[0]!.body.answers).toMatchObject({ GIOI_TINH: 2, HL_CHUNG: 4 });
  // Nothing left the browser for the switch (offline: any attempt would have been recorded here).
  expect(requests.filter((u) => u.startsWith(server.url) && !u.includes("/api/"))).toEqual([]);

  // The choice is the tablet's: it survives a reload.
  await context.setOffline(false);
  await page.getByRole("button", { name: "English" }).click();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Interviews on this device" })).toBeVisible();
});
