/**
 * The staff forms with Conform and one zod schema each (issue 17, point 4; docs/decisions/0019), in Chromium:
 * the schema's constraints are on the inputs (the browser checks them), the same schema runs in the browser
 * when a field is left, and the server's answer puts each error beside its field — marked aria-invalid and
 * named by aria-describedby — with JavaScript and without it. Accounts made here get unique names (the
 * database is shared by the whole run).
 */
import crypto from "node:crypto";

import type { Browser, Locator, Page } from "@playwright/test";

import { DEMO_PASSWORD, expect, signInDemo, test } from "./fixtures";

// The server's 400 answer to a refused form is reported by the browser.
test.use({ viewport: { width: 1366, height: 900 }, allowedConsoleErrors: [/status of 400/] });

const unique = (label: string) => `${label}-${crypto.randomBytes(4).toString("hex")}`;

/** The field is marked invalid and its description (aria-describedby) is exactly `message`. */
async function expectFieldError(field: Locator, message: string) {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(message);
}

async function expectFieldFine(field: Locator) {
  await expect(field).not.toHaveAttribute("aria-invalid");
}

async function withoutJavaScript(browser: Browser, username: string, password = DEMO_PASSWORD): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1366, height: 900 }, locale: "vi-VN" });
  const page = await context.newPage();
  await page.goto("/dang-nhap");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("navigation", { name: "Điều hướng quản trị" })).toBeVisible();
  return page;
}

const USERNAME_RULE = "Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch.";
const AGENCY_RULE = "Tài khoản thủ trưởng cơ quan phải gắn với một cơ quan: xin chọn cơ quan.";

test("new account: the schema's rules in the browser, each error beside its field, then created", async ({ page }) => {
  await signInDemo(page, "admin");
  await page.goto("/quan-tri/tai-khoan");
  const accounts = page.getByRole("region", { name: "Tài khoản", exact: true });
  const username = accounts.getByLabel("Tên đăng nhập");
  const password = accounts.getByLabel("Mật khẩu ban đầu (ít nhất 10 ký tự)");
  const agency = accounts.getByLabel("Cơ quan (bắt buộc với thủ trưởng cơ quan)");

  // The constraints come from the schema the server parses with.
  await expect(username).toHaveAttribute("required", "");
  await expect(username).toHaveAttribute("pattern", "^(?=.*(?:^(?:[A-Za-z0-9._]|-){3,40}$)).*$");
  await expect(password).toHaveAttribute("minlength", "10");

  // Left wrong: the same schema, in the browser, says so beside the field; put right, the error goes.
  await username.fill("x");
  await password.focus();
  await expectFieldError(username, USERNAME_RULE);
  await username.fill(unique("e2e-thutruong"));
  await expectFieldFine(username);

  // A rule across fields (an agency head needs an agency) is checked before anything is sent.
  await accounts.getByLabel("Vai trò").selectOption({ label: "Thủ trưởng cơ quan" });
  await password.fill(`mat-khau-${crypto.randomBytes(6).toString("hex")}`);
  let posted = 0;
  page.on("request", (r) => void (r.method() === "POST" && posted++));
  await accounts.getByRole("button", { name: "Tạo" }).click();
  await expectFieldError(agency, AGENCY_RULE);
  await expect(agency).toBeFocused();
  expect(posted).toBe(0);

  await agency.selectOption({ index: 1 });
  await expectFieldFine(agency);
  await accounts.getByRole("button", { name: "Tạo" }).click();
  await expect(page.getByRole("status")).toContainText("Đã tạo tài khoản «e2e-thutruong-");
  expect(posted).toBe(1);
});

test("new account without JavaScript: the browser checks the constraints, the server puts its errors beside the fields", async ({ browser }) => {
  const page = await withoutJavaScript(browser, "admin");
  await page.goto("/quan-tri/tai-khoan");
  const accounts = page.getByRole("region", { name: "Tài khoản", exact: true });
  await accounts.getByLabel("Tên đăng nhập").fill(unique("e2e-khong-js"));
  await accounts.getByLabel("Vai trò").selectOption({ label: "Thủ trưởng cơ quan" });
  await accounts.getByLabel("Mật khẩu ban đầu (ít nhất 10 ký tự)").fill(`mat-khau-${crypto.randomBytes(6).toString("hex")}`);
  const response = page.waitForResponse((r) => r.request().method() === "POST");
  await accounts.getByRole("button", { name: "Tạo" }).click();
  expect((await response).status()).toBe(400);
  await expect(page.getByRole("status")).toHaveText("Chưa lưu: xin sửa các ô được đánh dấu bên dưới.");
  await expectFieldError(accounts.getByLabel("Cơ quan (bắt buộc với thủ trưởng cơ quan)"), AGENCY_RULE);
  await page.context().close();
});

test("password change: a wrong current password is that field's error, with and without JavaScript; a short new one is refused in the browser", async ({
  page,
  browser,
}) => {
  // An account of this test's own (wrong attempts are counted per account).
  const username = unique("e2e-matkhau");
  const password = `mat-khau-${crypto.randomBytes(6).toString("hex")}`;
  await signInDemo(page, "admin");
  await page.goto("/quan-tri/tai-khoan");
  const accounts = page.getByRole("region", { name: "Tài khoản", exact: true });
  await accounts.getByLabel("Tên đăng nhập").fill(username);
  await accounts.getByLabel("Mật khẩu ban đầu (ít nhất 10 ký tự)").fill(password);
  await accounts.getByRole("button", { name: "Tạo" }).click();
  await expect(page.getByRole("status")).toContainText(`Đã tạo tài khoản «${username}».`);
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  // Signed out for sure before going on: a goto while the sign-out was pending cancelled it, and the login page
  // then sent the still signed-in admin on to /quan-tri/mat-khau (once in a CI run).
  await expect(page).toHaveURL(/\/dang-nhap$/);

  await page.goto("/dang-nhap?tiep=%2Fquan-tri%2Fmat-khau");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Đổi mật khẩu" })).toBeVisible();
  // Hydrated (Conform sets novalidate then, and checks on blur from then on): before that the browser checks alone.
  await expect(page.locator("form#pw")).toHaveAttribute("novalidate", "");
  const current = page.getByLabel("Mật khẩu hiện tại");
  const next = page.getByLabel("Mật khẩu mới (ít nhất 10 ký tự)");
  await next.fill("ngan");
  await current.focus();
  await expectFieldError(next, "Mật khẩu mới phải dài ít nhất 10 ký tự.");
  await next.fill("mat-khau-moi-dai-du");
  await current.fill("khong-phai-mat-khau");
  await page.getByRole("button", { name: "Lưu" }).click();
  await expectFieldError(current, "Mật khẩu hiện tại không đúng.");
  await expectFieldFine(next);
  // Typing again clears the server's verdict (the browser cannot know it).
  await current.fill("thu-lai");
  await expectFieldFine(current);

  const noJs = await withoutJavaScript(browser, username, password);
  await noJs.goto("/quan-tri/mat-khau");
  await noJs.getByLabel("Mật khẩu hiện tại").fill("khong-phai-mat-khau");
  await noJs.getByLabel("Mật khẩu mới (ít nhất 10 ký tự)").fill("mat-khau-moi-dai-du");
  await noJs.getByRole("button", { name: "Lưu" }).click();
  await expectFieldError(noJs.getByLabel("Mật khẩu hiện tại"), "Mật khẩu hiện tại không đúng.");
  await noJs.context().close();
});

test("directory entry: the code rule and the dates' order are checked in the browser, beside their fields", async ({ page }) => {
  await signInDemo(page, "admin");
  await page.goto("/quan-tri/danh-muc/co-quan");
  const code = page.getByLabel("Mã", { exact: true });
  await expect(code).toHaveAttribute("required", "");
  await code.fill("xã mới");
  await page.getByLabel("Tên", { exact: true }).focus();
  await expectFieldError(code, "Mã phải gồm 1–64 ký tự chữ không dấu, số, «_», «.» hoặc «-».");
  await code.fill(unique("XA-THU"));
  await expectFieldFine(code);
  await page.getByLabel("Tên", { exact: true }).fill("Xã thử");
  await page.getByLabel("Hiệu lực từ ngày").fill("2025-07-01");
  const until = page.getByLabel("Hiệu lực đến ngày (cơ quan đã sáp nhập)");
  await until.fill("2025-06-30");
  let posted = 0;
  page.on("request", (r) => void (r.method() === "POST" && posted++));
  await page.getByRole("button", { name: "Lưu" }).click();
  await expectFieldError(until, "Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực.");
  expect(posted).toBe(0);
});
