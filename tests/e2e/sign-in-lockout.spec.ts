/**
 * A lock-out that cannot be aimed at the owner (issue 16, finding 5), in a real browser against a server of
 * its own (locking `admin` on the shared server would disturb every other test). Someone sends wrong
 * passwords for `admin` until the account is locked: a new browser is refused in Vietnamese, while the
 * browser the owner signed in with before (its known-device cookie) signs in at once.
 */
import { expect, test, type Page } from "@playwright/test";

import { ServerProcess } from "../support/server-process";

const PASSWORD = "sipas-demo-2026";
let server: ServerProcess;

test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 1366, height: 768 } });

test.beforeAll(async () => {
  server = new ServerProcess();
  await server.start();
});

test.afterAll(async () => {
  await server.stop();
});

async function signIn(page: Page, password: string) {
  await page.goto(`${server.baseUrl}/dang-nhap`);
  await page.getByLabel("Tên đăng nhập").fill("admin");
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

/** A wrong password for admin sent by hand, each with a new CSRF pair: what a script guessing does. */
const guess = async (i: number) => (await server.signIn("admin", `doan-sai-${i}`)).status;

test("an attacker locks admin for new browsers; the owner's browser still signs in", async ({ browser }) => {
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await signIn(ownerPage, PASSWORD);
  await expect(ownerPage.getByRole("navigation", { name: "Điều hướng quản trị" })).toBeVisible();
  const device = (await owner.cookies(server.baseUrl)).find((c) => c.name === "sipas_device");
  expect(device?.httpOnly).toBe(true);
  expect(device?.sameSite).toBe("Lax");
  await ownerPage.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(ownerPage).toHaveURL(/\/dang-nhap$/);

  const statuses: number[] = [];
  for (let i = 0; i < 8; i++) statuses.push(await guess(i));
  expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
  expect(statuses.slice(5)).toEqual([429, 429, 429]);

  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await signIn(strangerPage, PASSWORD);
  await expect(strangerPage.getByRole("alert")).toHaveText(/^Đăng nhập sai quá nhiều lần\. Xin thử lại sau \d+ phút\.$/);

  await signIn(ownerPage, PASSWORD);
  await expect(ownerPage.getByRole("navigation", { name: "Điều hướng quản trị" })).toBeVisible();
  await owner.close();
  await stranger.close();
});
