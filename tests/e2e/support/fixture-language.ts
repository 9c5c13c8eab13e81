/**
 * Steps the languages specs share: the demo administrator signed in on a server of the spec's own, a surveyor assigned the SIPAS interview at TTHCC from today, and the
 * translator's spreadsheet of the fixture language `xx` downloaded, filled in and imported on the page open.
 */
import { expect, type Browser, type Page } from "@playwright/test";
import type Database from "better-sqlite3";

import { hashPasswordSync } from "../../../app/auth/password.server";
import { vietnamDay } from "../../../app/method/period";

/** A surveyor account with an assignment of the SIPAS survey at TTHCC, from today to `to` (a Vietnam day). */
export function assignedSurveyor(sql: Database.Database, username: string, displayName: string, password: string, to = vietnamDay(Date.now())): void {
  const user = sql
    .prepare("insert into users (username, display_name, role, password_hash, created_at) values (?, ?, ?, ?, ?)")
    .run(username, displayName, "surveyor", hashPasswordSync(password), Date.now());
  const agency = sql.prepare("select id from agencies where code = 'TTHCC'").get() as { id: number };
  sql
    .prepare(
      "insert into assignments (user_id, survey_id, agency_id, field_id, quota, from_day, to_day, created_by, created_at) values (?, 'sipas', ?, null, 10, ?, ?, null, ?)",
    )
    .run(Number(user.lastInsertRowid), agency.id, vietnamDay(Date.now()), to, Date.now());
}

/** Imports `xx`'s spreadsheet with `fixture` (key → text) filled in, every other row left empty; `imported` is its count. */
export async function importFixture(admin: Page, fixture: Record<string, string>, imported: number): Promise<void> {
  const csv = await (await admin.request.get("/quan-tri/ban-dich/xx.csv")).text();
  const filled = csv
    .split("\r\n")
    .map((line) => (fixture[line.split(",")[0]!] ? `${line.replace(/,$/, "")},"${fixture[line.split(",")[0]!]}"` : line))
    .join("\r\n");
  await admin
    .getByLabel("Tệp đã dịch (.xlsx hoặc .csv)")
    .setInputFiles({ name: "ban-dich-xx.csv", mimeType: "text/csv", buffer: Buffer.from(filled) });
  await admin.getByRole("button", { name: "Nhập bản dịch" }).click();
  await expect(admin.getByRole("status").first()).toContainText(`Đã nhập: ${imported} câu có bản dịch`);
}

/** The demo administrator (public demo password on a loopback server), signed in at desktop width. */
export async function administrator(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "vi-VN", baseURL });
  const page = await context.newPage();
  await page.goto("/dang-nhap");
  await page.getByLabel("Tên đăng nhập").fill("admin");
  await page.getByLabel("Mật khẩu", { exact: true }).fill("sipas-demo-2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByText("Đăng nhập: Quản trị Sở Nội vụ")).toBeVisible();
  return page;
}
