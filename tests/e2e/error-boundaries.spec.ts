/**
 * Error boundaries per area (issue 17, point 3; docs/decisions/0019), in Chromium against a server of its own
 * whose database a test can damage without disturbing the shared one:
 * - a staff page whose loader fails (its table is missing, as after a bad restore) renders inside the staff
 *   layout with its navigation, on a click in the navigation and on a full load alike, says in Vietnamese what
 *   happened and what to do, and shows a reference that the server's log holds with the stack — the page
 *   shows no stack; an expected failure (a 404 thrown as a Response) says its own reason, without reference;
 * - the kiosk, given a configuration it cannot use, keeps its full-screen shell and tells the citizen to call
 *   the officer, whose «Tải lại» brings the rating screen back;
 * - the surveyor app refusing a staff account keeps the app's page.
 * No test-only route or flag: the faults are real ones (a missing table, a malformed answer from the network).
 */
import type { Page } from "@playwright/test";

import { drizzleOver } from "../support/drizzle";
import { createPairingCode } from "../../app/kiosk/pairing.server";
import { expect, test } from "./fixtures";
import { kioskScreen } from "./support/kiosk-screen";
import { ownServer, type OwnServer } from "./support/own-server";

const SECRET = "e2e-own-server-secret-0123456789abcdefghij";
const PASSWORD = "sipas-demo-2026";
const REFERENCE = /^[A-HJ-NP-TW-Z2-9]{4}-[A-HJ-NP-TW-Z2-9]{4}$/;

let server: OwnServer;

test.describe.configure({ mode: "serial" });
test.use({
  viewport: { width: 1366, height: 900 },
  // The failing page's own status (500, 404, 403), and the kiosk's render error, which the boundary logs in the console.
  allowedConsoleErrors: [/status of (500|404|403)|Cannot read properties of undefined|The above error occurred/],
});

test.beforeAll(async () => {
  test.setTimeout(120_000); // its own server starts slower than a test on a busy machine
  server = await ownServer({ SESSION_SECRET: SECRET });
});
test.afterAll(async () => server?.dispose());

async function signInAdmin(page: Page) {
  await page.goto(`${server.url}/dang-nhap`);
  await page.getByLabel("Tên đăng nhập").fill("admin");
  await page.getByLabel("Mật khẩu", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("navigation", { name: "Điều hướng quản trị" })).toBeVisible();
}

/** The reference on the page, checked against the server's log: there, one JSON line with the stack. */
async function referenceInLog(page: Page, cause: RegExp): Promise<string> {
  const code = page.locator(".error-ref code");
  await expect(page.getByText("Mã tham chiếu:")).toBeVisible();
  const ref = ((await code.textContent()) ?? "").trim();
  expect(ref).toMatch(REFERENCE);
  await expect.poll(() => server.stderr()).toContain(ref);
  const line = server
    .stderr()
    .split("\n")
    .find((l) => l.includes(ref))!;
  const entry = JSON.parse(line) as { level: string; ref: string; path: string; error: string };
  expect(entry).toMatchObject({ level: "error", ref });
  expect(entry.path).toMatch(/^\/quan-tri\/cong-bo/);
  expect(entry.error).toMatch(cause);
  expect(entry.error).toMatch(/\n\s+at /);
  // The person sees the reference, not the cause or the stack.
  await expect(page.locator("body")).not.toContainText(cause);
  await expect(page.locator("body")).not.toContainText(/\bat .+\.js:\d+/);
  return ref;
}

test("a staff page whose loader fails renders inside the staff layout, with its navigation and a reference in the log", async ({ page }) => {
  await signInAdmin(page);
  const nav = page.getByRole("navigation", { name: "Điều hướng quản trị" });
  server.sql.exec("alter table publications rename to publications_lost");
  try {
    // A click in the navigation (a client-side data request)…
    await nav.getByRole("link", { name: "Công bố kết quả" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Trang này đang gặp lỗi" })).toBeVisible();
    await expect(page.getByText("Đã xảy ra một lỗi ngoài dự kiến, không phải do thao tác của Ông/Bà.")).toBeVisible();
    await expect(page.getByText(/^Xin thử lại sau ít phút\. Nếu vẫn lỗi, xin báo quản trị hệ thống mã tham chiếu/)).toBeVisible();
    await expect(nav).toBeVisible();
    await expect(page.getByText("Đăng nhập: Quản trị Sở Nội vụ")).toBeVisible();
    const first = await referenceInLog(page, /no such table: publications/);

    // …and a full load of the address (the server renders the boundary): a 500, the same shell, a new reference.
    const response = await page.goto(`${server.url}/quan-tri/cong-bo`);
    expect(response?.status()).toBe(500);
    await expect(page.getByRole("heading", { level: 1, name: "Trang này đang gặp lỗi" })).toBeVisible();
    await expect(nav).toBeVisible();
    const second = await referenceInLog(page, /no such table: publications/);
    expect(second).not.toBe(first);

    // The navigation still works from the error page.
    await nav.getByRole("link", { name: "Tổng quan" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Trang này đang gặp lỗi" })).toHaveCount(0);
  } finally {
    server.sql.exec("alter table publications_lost rename to publications");
  }
  await page.goto(`${server.url}/quan-tri/cong-bo`);
  await expect(page.getByRole("heading", { level: 1, name: "Công bố kết quả" })).toBeVisible();
});

test("an expected failure of a staff page says its own reason inside the layout, without a reference", async ({ page }) => {
  await signInAdmin(page);
  const response = await page.goto(`${server.url}/quan-tri/danh-muc/khong-co`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("navigation", { name: "Điều hướng quản trị" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Không tìm thấy trang" })).toBeVisible();
  await expect(page.getByText("Không tìm thấy danh mục", { exact: true })).toBeVisible();
  await expect(page.getByText("Xin chọn lại từ thanh điều hướng ở trên, hoặc quay lại trang trước.")).toBeVisible();
  await expect(page.getByText("Mã tham chiếu:")).toHaveCount(0);
});

test("the surveyor app refusing a staff account keeps the app's page and says why", async ({ page }) => {
  await signInAdmin(page);
  const response = await page.goto(`${server.url}/khao-sat-vien`);
  expect(response?.status()).toBe(403);
  await expect(page.locator("main.field-app")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Không có quyền truy cập" })).toBeVisible();
  await expect(page.getByText("Trang này dành cho khảo sát viên.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Tải lại" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Về trang chủ" })).toHaveCount(0);
});

test("a kiosk error keeps the kiosk shell and tells the citizen what to do; «Tải lại» brings the rating screen back", async ({ page }) => {
  test.setTimeout(60_000);
  // The counter's configuration arrives in a shape this page cannot use (another application's answer).
  await page.route("**/api/v1/kiosk/config", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ version: 2 }) }),
  );
  const { id: counterId } = server.sql.prepare("select id from counters where code = 'TTHCC-Q01'").get() as { id: number };
  const { id: userId } = server.sql.prepare("select id from users where username = 'admin'").get() as { id: number };
  const code = createPairingCode(drizzleOver(server.sql), { secret: SECRET, counterId, userId }).code;
  await page.goto(`${server.url}/kiosk?ma=${code}`);

  await expect(page.getByRole("heading", { level: 1, name: "Máy đánh giá đang gặp sự cố" })).toBeVisible();
  await expect(page.getByText(/^Các đánh giá đã lưu trên máy không bị mất\. Xin mời báo cán bộ tại quầy/)).toBeVisible();
  // The kiosk's shell: its full-screen container and stylesheet, its title, no way out to the public site.
  await expect(page.locator("div.kiosk main.kiosk-fault")).toBeVisible();
  await expect(page.locator("div.kiosk")).toHaveCSS("min-height", "900px");
  await expect(page).toHaveTitle("Đánh giá tại quầy");
  await expect(page.getByRole("link", { name: "Về trang chủ" })).toHaveCount(0);

  // The network answers properly again: the officer's «Tải lại» opens the rating screen (the bad configuration
  // the tablet kept is replaced by the server's at the first start, so it may take a second tap).
  await page.unroute("**/api/v1/kiosk/config");
  await expect(async () => {
    await page.getByRole("button", { name: "Tải lại" }).click();
    await expect(kioskScreen(page).face("Rất hài lòng")).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
});
