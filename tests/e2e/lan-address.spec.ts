/**
 * A poster printed from a LAN address encodes that address (issue 21, point 1; docs/decisions/0026): a server
 * without PUBLIC_URL, reached by the browser through a non-loopback host name (Chromium resolves it to
 * 127.0.0.1, so the request's Host is that name, as it is for an admin at http://192.168.1.20:3000). The QR
 * read from the poster's screenshot, the address printed under it and the QR list all carry that host.
 */
import type { Locator } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";

import { DEMO_PASSWORD, expect, test } from "./fixtures";
import { ownServer, type OwnServer } from "./support/own-server";

const LAN_HOST = "may-chu-so-noi-vu.lan";
const COUNTER = "SO_TP-Q01";

test.use({
  viewport: { width: 1366, height: 768 },
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run", "--disable-quic", `--host-resolver-rules=MAP ${LAN_HOST} 127.0.0.1`],
  },
});

// One server for both tests (a server per worker would boot twice).
test.describe.configure({ mode: "serial" });

let server: OwnServer;
test.beforeAll(async () => {
  // A server of its own, with the demo province: its start takes longer than a test on a busy machine.
  test.setTimeout(120_000);
  // PUBLIC_URL empty = unset (app/env.server.ts): the addresses come from the admin's request.
  server = await ownServer({ PUBLIC_URL: "", SIPAS_DEMO_RESPONSES: "200" });
});
test.afterAll(async () => server?.dispose());

async function readQr(poster: Locator): Promise<string> {
  const image = PNG.sync.read(await poster.screenshot());
  const code = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
  expect(code, "a QR code in the poster's screenshot").not.toBeNull();
  return code!.data;
}

test("a poster printed through a LAN host name encodes that host, and its QR opens the rating page", async ({ page }) => {
  const origin = `http://${LAN_HOST}:${server.port}`;
  const token = (server.sql.prepare("select token from counters where code = ?").get(COUNTER) as { token: string }).token;
  await page.goto(`${origin}/dang-nhap`);
  await page.getByLabel("Tên đăng nhập").fill("admin");
  await page.getByLabel("Mật khẩu", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("navigation", { name: "Điều hướng quản trị" })).toBeVisible();

  await page.goto(`${origin}/quan-tri/ma-qr?co-quan=SO_TP`);
  await expect(page.getByRole("row").filter({ hasText: COUNTER }).getByText(`${origin}/q/${token}`, { exact: true })).toBeVisible();
  // Not a loopback address: no warning that phones cannot open it.
  await expect(page.getByText("điện thoại của người dân không mở được")).toHaveCount(0);

  await page.goto(`${origin}/quan-tri/ma-qr/in?quay=${COUNTER}&kho=A5`);
  const poster = page.getByRole("article", { name: `Áp phích mã QR ${COUNTER}` });
  const url = await readQr(poster);
  expect(url).toBe(`${origin}/q/${token}`);
  await expect(poster.getByText(url, { exact: true })).toBeVisible();

  const rating = await page.goto(url);
  expect(rating?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Đánh giá việc giải quyết thủ tục hành chính" })).toBeVisible();
});

test("opened at 127.0.0.1 without PUBLIC_URL, the QR page warns that phones cannot open its addresses", async ({ page }) => {
  await page.goto(`${server.url}/dang-nhap`);
  await page.getByLabel("Tên đăng nhập").fill("admin");
  await page.getByLabel("Mật khẩu", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("navigation", { name: "Điều hướng quản trị" })).toBeVisible();
  await page.goto(`${server.url}/quan-tri/ma-qr?co-quan=SO_TP`);
  await expect(page.getByRole("note")).toContainText(`bắt đầu bằng ${server.url}: điện thoại của người dân không mở được`);
});
