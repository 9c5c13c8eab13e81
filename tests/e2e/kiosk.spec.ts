/**
 * The counter kiosk end to end, in Chromium against a server of its own (short thank-you delay through its
 * environment, not by sleeping): the agency head adds an officer with a PIN, an admin pairs a tablet with a
 * code, the officer signs in on the tablet; three ratings (each screen reset, no trace of the previous
 * answers), two more with the network cut, restored → exactly five stored, each credited to the officer;
 * after unpairing, the tablet's next sync is refused and its pending ratings show as "needs attention".
 */
import type { Browser, Page } from "@playwright/test";
import crypto from "node:crypto";

import { expect, test } from "./fixtures";
import { kioskScreen } from "./support/kiosk-screen";
import { ownServer, type OwnServer } from "./support/own-server";

const COUNTER = "TTHCC-Q03";
const PASSWORD = "sipas-demo-2026";

let server: OwnServer;

test.describe.configure({ mode: "serial" });
test.use({
  viewport: { width: 1024, height: 768 },
  // Requests the browser reports while the network is cut, the wrong PIN (403, then 423 once locked), the
  // refused sync after unpairing.
  // One pattern: Playwright reads an option array whose second element is an object as [value, options].
  allowedConsoleErrors: [/ERR_INTERNET_DISCONNECTED|status of (40[13]|423)|Failed to fetch/],
});

test.beforeAll(async () => {
  test.setTimeout(120_000); // its own server starts slower than a test on a busy machine
  server = await ownServer({ KIOSK_THANKS_SECONDS: "1", KIOSK_IDLE_SECONDS: "60" });
});
test.afterAll(async () => server?.dispose());

async function staffPage(browser: Browser, username: string, displayName: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "vi-VN", baseURL: server.url });
  const page = await context.newPage();
  await page.goto("/dang-nhap");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByText(`Đăng nhập: ${displayName}`)).toBeVisible();
  return page;
}

/** Ratings this test's kiosks stored, with the officer they credit. */
function kioskRatings(): { uuid: string; officer: number | null; channel: string }[] {
  return server.sql
    .prepare(
      `select r.uuid, r.officer_id as officer, r.channel from responses r
        where r.api_key_id in (select d.api_key_id from devices d join counters c on c.id = d.counter_id where c.code = ?)`,
    )
    .all(COUNTER) as { uuid: string; officer: number | null; channel: string }[];
}

/** One citizen: overall face, the criteria, optionally a receipt code; checks nothing is pre-filled. */
async function rate(page: Page, overall: string, opts: { dossier?: string } = {}) {
  const k = kioskScreen(page);
  await expect(k.face(overall)).toBeEnabled();
  await k.face(overall).click();
  // A fresh screen: no answer chosen, the receipt code empty.
  await expect(page.getByRole("radio", { checked: true })).toHaveCount(0);
  await expect(k.dossier).toHaveValue("");
  await k.group("Mức độ thuận tiện").getByRole("radio", { name: "Hài lòng", exact: true }).check();
  await k.group("Mức độ đúng hạn trong trả kết quả").getByRole("radio", { name: "Rất hài lòng", exact: true }).check();
  await k
    .group(/^Thái độ của cán bộ/)
    .getByRole("radio", { name: "Rất hài lòng", exact: true })
    .check();
  if (opts.dossier) await k.dossier.fill(opts.dossier);
  await k.send.click();
  await expect(k.thanks).toBeVisible();
  // Resets by itself (1 s here) to the empty first screen.
  await expect(k.thanks).toBeHidden();
  await expect(k.face("Rất hài lòng")).toBeVisible();
}

test("pair, rate through a network cut, credit the officer, unpair: refused ratings stay as needing attention", async ({
  page,
  browser,
  context,
}) => {
  // A whole working day at one counter in one test: generous, so a loaded CI machine does not cut it short.
  test.setTimeout(120_000);
  const officerName = `Lò Thị Kiốt ${crypto.randomBytes(2).toString("hex")}`;

  // The agency head adds the officer, with a PIN, at the counter.
  const head = await staffPage(browser, "tthcc", "Giám đốc Trung tâm PVHCC");
  await head.getByRole("navigation", { name: "Điều hướng quản trị" }).getByRole("link", { name: "Cán bộ" }).click();
  await head.getByLabel("Họ và tên").fill(officerName);
  await head.getByLabel("Chức danh").fill("Chuyên viên một cửa");
  await head.getByLabel(/^Mã PIN đăng nhập tại máy/).fill("2468");
  await head.getByRole("checkbox", { name: new RegExp(`\\(${COUNTER}\\)`) }).check();
  await head.getByRole("button", { name: "Thêm cán bộ" }).click();
  await expect(head.getByRole("status").filter({ hasText: `Đã thêm cán bộ ${officerName}.` })).toBeVisible();
  const officerId = (server.sql.prepare("select id from officers where name = ?").get(officerName) as { id: number }).id;

  // The admin makes a pairing code for the counter.
  const admin = await staffPage(browser, "admin", "Quản trị Sở Nội vụ");
  await admin.goto("/quan-tri/may-tai-quay");
  await admin.getByLabel("Quầy", { exact: true }).selectOption(COUNTER);
  await admin.getByRole("button", { name: "Ghép máy" }).click();
  const code = (await admin.getByRole("status").getByLabel("Mã ghép").textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(admin.getByRole("img", { name: /^Mã QR ghép máy cho/ })).toBeVisible();

  // The tablet redeems it.
  await page.goto(`${server.url}/kiosk`);
  await page.getByLabel("Mã ghép").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Ghép máy" }).click();
  const k = kioskScreen(page);
  await expect(k.face("Rất hài lòng")).toBeVisible();
  await expect(page.getByText("Quầy 3 – Đầu tư, Đăng ký kinh doanh")).toBeVisible();

  // The admin sees it and sets its limits (no cool-down for this test, a cap of 50).
  await admin.goto("/quan-tri/may-tai-quay");
  const row = admin.getByRole("row").filter({ hasText: COUNTER });
  await expect(row).toHaveCount(1);
  await row.getByLabel("Giãn cách giữa hai lượt (giây)").fill("0");
  await row.getByLabel(/^Tối đa mỗi ngày/).fill("50");
  await row.getByRole("button", { name: "Lưu giới hạn" }).click();
  await expect(admin.getByRole("row").filter({ hasText: COUNTER }).getByRole("status")).toContainText("Đã lưu giới hạn");

  // The officer on duty signs in with the PIN (a wrong one first).
  await page.reload();
  await page.getByRole("button", { name: "Cán bộ", exact: true }).click();
  const panel = page.getByRole("dialog", { name: "Cán bộ tiếp nhận tại quầy" });
  await panel.getByRole("button", { name: new RegExp(officerName) }).click();
  await panel.getByLabel(`Mã PIN của ${officerName}`).fill("1111");
  await panel.getByRole("button", { name: "Xác nhận" }).click();
  await expect(panel.getByRole("alert")).toHaveText("Mã PIN không đúng.");
  // Four more wrong PINs lock this officer's PIN sign-in: then even the right PIN is refused, with its reason.
  for (let i = 0; i < 4; i++) {
    await panel.getByLabel(`Mã PIN của ${officerName}`).fill("1111");
    const answered = page.waitForResponse((r) => r.url().endsWith("/api/v1/kiosk/pin"));
    await panel.getByRole("button", { name: "Xác nhận" }).click();
    expect((await answered).status()).toBe(403);
  }
  await panel.getByLabel(`Mã PIN của ${officerName}`).fill("2468");
  await panel.getByRole("button", { name: "Xác nhận" }).click();
  await expect(panel.getByRole("alert")).toHaveText("Mã PIN của cán bộ này bị nhập sai quá nhiều lần; đăng nhập bằng PIN tạm khóa 15 phút.");
  // 15 minutes pass (moved back in the database rather than waited for): the lock has run out.
  server.sql.prepare("update login_failures set at = at - ? where key like 'pin:%'").run(15 * 60_000 + 1);
  await panel.getByLabel(`Mã PIN của ${officerName}`).fill("2468");
  await panel.getByRole("button", { name: "Xác nhận" }).click();
  await expect(panel.getByText(`Đang làm việc: ${officerName}`)).toBeVisible();
  await panel.getByRole("button", { name: "Đóng" }).click();
  await expect(page.getByText(officerName)).toBeVisible();

  // Three citizens online; the first gives a receipt code and switches to English and back.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Overall, how satisfied are you with how your dossier was handled?" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Very satisfied", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await rate(page, "Rất hài lòng", { dossier: `KIOSK-${crypto.randomBytes(3).toString("hex").toUpperCase()}` });
  // The language switch and the receipt code did not survive to the next citizen.
  await expect(page.getByRole("button", { name: "English" })).toBeVisible();
  await rate(page, "Hài lòng");
  await rate(page, "Không hài lòng");
  await expect.poll(() => kioskRatings().length).toBe(3);

  // The worker holds the kiosk page and its files: no "not ready offline" warning for the staff.
  await expect(k.footer).toHaveAttribute("data-offline-ready", "ready", { timeout: 60_000 });
  await expect(k.footer).not.toContainText("chưa sẵn sàng");

  // Network cut: the screen does not block; two more wait on the tablet.
  await context.setOffline(true);
  await rate(page, "Rất hài lòng");
  await rate(page, "Hài lòng");
  await expect(k.footer).toContainText("Chờ gửi: 2");
  await expect(k.footer).toContainText("Mất mạng");
  expect(kioskRatings()).toHaveLength(3);
  await context.setOffline(false);
  await expect.poll(() => kioskRatings().length, { timeout: 15_000 }).toBe(5);
  await expect(k.footer).toContainText("Chờ gửi: 0");
  const stored = kioskRatings();
  expect(new Set(stored.map((r) => r.uuid)).size).toBe(5);
  expect(stored.every((r) => r.officer === officerId && r.channel === "kiosk")).toBe(true);

  // Two more offline, then the admin unpairs the tablet: its next sync is refused.
  await context.setOffline(true);
  await rate(page, "Rất hài lòng");
  await rate(page, "Rất hài lòng");
  await admin.goto("/quan-tri/may-tai-quay");
  const active = admin.getByRole("row").filter({ hasText: COUNTER });
  await active.getByRole("checkbox", { name: "Tôi hiểu máy sẽ ngừng gửi được ngay" }).check();
  await active.getByRole("button", { name: "Hủy ghép" }).click();
  await expect(admin.getByRole("row").filter({ hasText: COUNTER }).getByRole("status")).toContainText("đã bị thu hồi");
  await context.setOffline(false);
  await expect(k.footer).toContainText("Cần xử lý: 2", { timeout: 15_000 });
  await expect(page.getByRole("alert").filter({ hasText: "Máy này đã bị hủy ghép" })).toBeVisible();
  expect(kioskRatings()).toHaveLength(5);
  await page.getByRole("button", { name: "Cán bộ", exact: true }).click();
  await expect(
    page
      .getByRole("dialog")
      .getByRole("listitem")
      .filter({ hasText: /thu hồi/ }),
  ).toHaveCount(2);
});
