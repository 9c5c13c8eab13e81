/**
 * The supervisor's "quotas from the sample size" in Chromium at 360 px: pick a dossier period, see the
 * proposed n per agency (docs/method.md §4.9, app/method), assign them to a surveyor in one action (CSRF
 * form) and find the assignments with those quotas in the list and the database.
 */
import { expect, test } from "@playwright/test";

import { hashPasswordSync } from "../../app/auth/password.server";
import { sampleSize } from "../../app/method/sample";
import { ownServer, type OwnServer } from "./support/own-server";

const PASSWORD = "mat-khau-giam-sat-123";
let server: OwnServer;

test.beforeAll(async () => {
  test.setTimeout(120_000); // its own server starts slower than a test on a busy machine
  server = await ownServer();
  const addUser = server.sql.prepare("insert into users (username, display_name, role, password_hash, created_at) values (?, ?, ?, ?, ?)");
  addUser.run("giam-sat-e2e", "Giám sát E2E", "admin", hashPasswordSync(PASSWORD), Date.now());
  addUser.run("dtv-e2e", "Điều tra viên E2E", "surveyor", hashPasswordSync(PASSWORD), Date.now());
  const id = (code: string) => (server.sql.prepare("select id from agencies where code = ?").get(code) as { id: number }).id;
  // Dossier counts as the importer stores them (hashed codes): 300 at SO_YT, 151 at TTHCC in August 2026.
  const insert = server.sql.prepare(
    "insert into dossiers (code_hash, agency_id, field_id, procedure_id, returned_day, imported_at) values (?, ?, null, null, ?, ?)",
  );
  server.sql.transaction(() => {
    for (let i = 0; i < 300; i++) insert.run(`yt-${i}`, id("SO_YT"), "2026-08-10", Date.now());
    for (let i = 0; i < 151; i++) insert.run(`hc-${i}`, id("TTHCC"), "2026-08-20", Date.now());
  })();
});
test.afterAll(async () => {
  await server?.dispose();
});

test("proposes n per agency from dossier counts and assigns them in one action", async ({ page }) => {
  await page.goto(`${server.url}/dang-nhap?tiep=%2Fquan-tri%2Fgiam-sat`);
  await page.getByLabel("Tên đăng nhập").fill("giam-sat-e2e");
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("heading", { name: "Chỉ tiêu đề xuất theo cỡ mẫu" })).toBeVisible();

  await page.getByLabel("Hồ sơ trả kết quả từ ngày").fill("2026-08-01");
  await page.getByLabel("đến ngày", { exact: true }).fill("2026-08-31");
  await page.getByRole("button", { name: "Tính đề xuất" }).click();
  await expect(page.locator('tr[data-plan="SO_YT"] [data-sample]')).toHaveText(String(sampleSize(300)));
  await expect(page.locator('tr[data-plan="TTHCC"] [data-sample]')).toHaveText(String(sampleSize(151)));
  // A wider margin asks for fewer interviews; back to 5% for the assignment below.
  await page.getByLabel("Sai số cho phép (e)").selectOption({ label: "10%" });
  await page.getByRole("button", { name: "Tính đề xuất" }).click();
  await expect(page.locator('tr[data-plan="SO_YT"] [data-sample]')).toHaveText(String(sampleSize(300, 0.1)));
  await expect(page.getByText(/e = 10%/)).toBeVisible();
  await page.getByLabel("Sai số cho phép (e)").selectOption({ label: "5%" });
  await page.getByRole("button", { name: "Tính đề xuất" }).click();
  await expect(page.locator('tr[data-plan="SO_YT"] [data-sample]')).toHaveText(String(sampleSize(300)));

  await page.getByLabel("Khảo sát từ ngày").fill("2026-09-01");
  await page.getByLabel("Khảo sát đến ngày").fill("2026-09-30");
  await page.getByRole("button", { name: "Giao các chỉ tiêu đã chọn" }).click();
  await expect(page.getByText("Đã giao 2 phân công theo chỉ tiêu đề xuất.")).toBeVisible();
  const quotas = server.sql
    // This supervisor's assignments (the demo gives the demo surveyor some of its own).
    .prepare(
      `select a.code as agency, s.quota from assignments s join agencies a on a.id = s.agency_id
        where s.created_by = (select id from users where username = 'giam-sat-e2e') order by a.code`,
    )
    .all();
  expect(quotas).toEqual([
    { agency: "SO_YT", quota: 172 },
    { agency: "TTHCC", quota: 110 },
  ]);
  // No horizontal scrolling of the page at 360 px (the tables scroll in their own wrapper).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
