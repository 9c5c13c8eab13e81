/**
 * Staff accounts in the browser: sign-in and sign-out, the session cookie, CSRF on the sign-in form, the
 * accounts and API keys screen, the 403 page, and no open redirect after sign-in. Uses the demo accounts
 * (password in db/seed/demo-users.ts); accounts and keys made here get unique names, since the database is
 * shared by every test of a run.
 */
import crypto from "node:crypto";

import type { Page } from "@playwright/test";

import { expect, test } from "./fixtures";

const DEMO_PASSWORD = "sipas-demo-2026";

test.use({ viewport: { width: 1366, height: 768 } });

const unique = (label: string) => `${label}-${crypto.randomBytes(4).toString("hex")}`;

async function signIn(page: Page, username: string, password = DEMO_PASSWORD, path = "/dang-nhap") {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "Đăng nhập" })).toBeVisible();
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/dang-nhap$/);
}

const adminNav = (page: Page) => page.getByRole("navigation", { name: "Điều hướng quản trị" });

test("admin signs in with the form, gets an HttpOnly SameSite=Lax session, and signs out", async ({ page, context, baseURL }) => {
  await signIn(page, "admin");
  await expect(page).toHaveURL(`${baseURL}/quan-tri`);
  await expect(page.getByText("Đăng nhập: Quản trị Sở Nội vụ")).toBeVisible();

  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "sipas_session");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  expect(session!.expires).toBeGreaterThan(Date.now() / 1000 + 11 * 3600);
  expect(cookies.find((c) => c.name === "sipas_csrf")).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  await signOut(page);
  expect((await context.cookies()).find((c) => c.name === "sipas_session")).toBeUndefined();
  await page.goto("/quan-tri");
  await expect(page).toHaveURL(/\/dang-nhap\?tiep=%2Fquan-tri$/);
  await expect(page.getByRole("heading", { level: 1, name: "Đăng nhập" })).toBeVisible();
});

test.describe("a wrong password", () => {
  // The form's 400 answer is reported in the console. Its own client address (the server trusts the
  // local proxy's X-Forwarded-For): this failure does not count against the other tests' sign-ins.
  test.use({ allowedConsoleErrors: [/status of 400/], extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.23" } });

  test("shows the Vietnamese message and gives no session", async ({ page, context }) => {
    await signIn(page, "xem", "khong-phai-mat-khau");
    await expect(page.getByRole("alert")).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
    await expect(page.getByLabel("Tên đăng nhập")).toHaveValue("xem");
    await expect(page.getByLabel("Mật khẩu", { exact: true })).toHaveValue("");
    expect((await context.cookies()).find((c) => c.name === "sipas_session")).toBeUndefined();
  });
});

test("a sign-in POST without the CSRF field is refused (403) and gives no session", async ({ page, context }) => {
  // The browser has its CSRF cookie; only the form field is missing, as in a form posted from another site.
  await page.goto("/dang-nhap");
  expect((await context.cookies()).find((c) => c.name === "sipas_csrf")).toBeDefined();
  const response = await page.request.post("/dang-nhap", { form: { username: "admin", password: DEMO_PASSWORD }, maxRedirects: 0 });
  expect(response.status()).toBe(403);
  expect((await context.cookies()).find((c) => c.name === "sipas_session")).toBeUndefined();
  const forged = await page.request.post("/dang-nhap", { form: { username: "admin", password: DEMO_PASSWORD, csrf: "gia-mao" }, maxRedirects: 0 });
  expect(forged.status()).toBe(403);
  expect((await context.cookies()).find((c) => c.name === "sipas_session")).toBeUndefined();
});

test("admin creates a viewer account, and the new account can sign in", async ({ page }) => {
  const username = unique("e2e-xem");
  const displayName = `Chuyên viên thử ${username.slice(-8)}`;
  const password = `mat-khau-${crypto.randomBytes(6).toString("hex")}`;
  await signIn(page, "admin");
  await adminNav(page).getByRole("link", { name: "Tài khoản và khóa API" }).click();
  await expect(page).toHaveURL(/\/quan-tri\/tai-khoan$/);
  await expect(page.getByRole("heading", { level: 1, name: "Tài khoản và khóa API" })).toBeVisible();

  const accounts = page.getByRole("region", { name: "Tài khoản", exact: true });
  await accounts.getByLabel("Tên đăng nhập").fill(username);
  await accounts.getByLabel("Họ và tên").fill(displayName);
  await accounts.getByLabel("Vai trò").selectOption({ label: "Chỉ xem" });
  await accounts.getByLabel("Mật khẩu ban đầu (ít nhất 10 ký tự)").fill(password);
  await accounts.getByRole("button", { name: "Tạo" }).click();
  await expect(page.getByRole("status")).toContainText(`Đã tạo tài khoản «${username}».`);
  await expect(accounts.getByRole("row").filter({ hasText: username })).toContainText("Chỉ xem");

  await signOut(page);
  await signIn(page, username, password);
  await expect(page).toHaveURL(/\/quan-tri$/);
  await expect(page.getByText(`Đăng nhập: ${displayName} · Chỉ xem`)).toBeVisible();
  // A viewer is not offered the accounts screen.
  await expect(adminNav(page).getByRole("link", { name: "Tài khoản và khóa API" })).toHaveCount(0);
});

test("admin creates an integration API key shown once; it reads /api/v1/results until revoked", async ({ page, request }) => {
  const name = unique("Tích hợp e2e");
  await signIn(page, "admin", DEMO_PASSWORD, "/dang-nhap?tiep=%2Fquan-tri%2Ftai-khoan");
  await expect(page).toHaveURL(/\/quan-tri\/tai-khoan$/);

  const keys = page.getByRole("region", { name: "Khóa API", exact: true });
  await keys.getByLabel("Loại").selectOption("integration");
  await keys.getByLabel("Tên gợi nhớ").fill(name);
  await keys.getByRole("button", { name: "Tạo" }).click();
  const status = page.getByRole("status");
  await expect(status).toContainText("Đã tạo khóa API.");
  await expect(status).toContainText("Sao chép ngay: khóa chỉ hiện một lần này.");
  const key = (await status.locator("code").textContent()) ?? "";
  expect(key).toMatch(/^sipas_integration_[A-Za-z0-9_-]{43}$/);

  const results = () =>
    request.get("/api/v1/results?survey=danh-gia-ho-so", { headers: { Authorization: `Bearer ${key}` }, failOnStatusCode: false });
  const ok = await results();
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ survey: "danh-gia-ho-so", by: "none", overall: { responses: expect.any(Number) } });

  // Shown once: after a reload only its prefix is left.
  await page.reload();
  const row = keys.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(key.slice(0, "sipas_integration_".length + 6));
  await expect(page.getByText(key)).toHaveCount(0);

  await row.getByRole("button", { name: "Thu hồi" }).click();
  await expect(page.getByRole("status")).toContainText("Đã thu hồi khóa API");
  await expect(row).toContainText("đã thu hồi");
  const refused = await results();
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ error: expect.stringContaining("khóa API") });
});

test.describe("the 403 page", () => {
  test.use({ allowedConsoleErrors: [/status of 403/] });

  test("a viewer (xem) opening the accounts screen gets the Vietnamese 403 page, inside the staff layout", async ({ page }) => {
    await signIn(page, "xem");
    await expect(page).toHaveURL(/\/quan-tri$/);
    const response = await page.goto("/quan-tri/tai-khoan");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "Không có quyền truy cập" })).toBeVisible();
    await expect(page.getByText("Tài khoản của Ông/Bà không được xem trang này.")).toBeVisible();
    // The way on: the staff navigation (decision 0019), not a link out to the public home page.
    await expect(page.getByText("Xin chọn lại từ thanh điều hướng ở trên, hoặc quay lại trang trước.")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Điều hướng quản trị" }).getByRole("link", { name: "Tổng quan" })).toHaveAttribute(
      "href",
      "/quan-tri",
    );
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    // Nothing of the screen itself.
    await expect(page.getByRole("button", { name: "Tạo" })).toHaveCount(0);
    await expect(page.getByText("Khóa API")).toHaveCount(0);
  });

  test("a surveyor (ksv) lands on the tablet app and never on the staff area", async ({ page }) => {
    await signIn(page, "ksv");
    await expect(page).toHaveURL(/\/khao-sat-vien$/);
    await expect(page.getByRole("heading", { level: 1, name: "Khảo sát SIPAS — khảo sát viên" })).toBeVisible();
    // Typing the staff address sends them back, with no staff figures on the way.
    const response = await page.goto("/quan-tri");
    expect(response?.url()).toMatch(/\/khao-sat-vien$/);
    await expect(page.getByRole("heading", { level: 1, name: "Tổng quan sự hài lòng" })).toHaveCount(0);
    for (const url of ["/quan-tri/tai-khoan", "/quan-tri/danh-muc", "/quan-tri/cong-bo"]) {
      const r = await page.request.get(url, { maxRedirects: 0 });
      expect([302, 303, 403], url).toContain(r.status());
    }
  });
});

test("signing in never leaves the site, whatever ?tiep= says", async ({ page, baseURL }) => {
  await signIn(page, "admin", DEMO_PASSWORD, "/dang-nhap?tiep=https://evil.example");
  await expect(page).toHaveURL(`${baseURL}/quan-tri`);
  // Signed in, the sign-in page sends the user on with the same rule.
  for (const tiep of [
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "https://evil.example/quan-tri",
    "/.//evil.example",
    "/quan-tri/../..//evil.example",
  ]) {
    await page.goto(`/dang-nhap?tiep=${encodeURIComponent(tiep)}`);
    await expect(page, tiep).toHaveURL(`${baseURL}/quan-tri`);
  }
  await page.goto(`/dang-nhap?tiep=${encodeURIComponent("/quan-tri/mat-khau")}`);
  await expect(page).toHaveURL(`${baseURL}/quan-tri/mat-khau`);
  await expect(page.getByRole("heading", { level: 1, name: "Đổi mật khẩu" })).toBeVisible();
});
