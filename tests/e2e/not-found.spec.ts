/** Unknown or malformed addresses get the Vietnamese 404 page with status 404; /healthz answers. */
import { expect, ONE_FIELD_COUNTER, test } from "./fixtures";

test.describe("404", () => {
  // The browser reports the 404 document itself in the console: expected here, and only that.
  test.use({ allowedConsoleErrors: [/status of 404/] });

  for (const [what, path] of [
    ["an unknown token", "/q/AAAAAAAAAAAAAAAAAAAAAA"],
    ["a malformed token", "/q/short"],
    ["the thank-you page of an unknown token", "/q/AAAAAAAAAAAAAAAAAAAAAA/cam-on"],
    ["an unknown path", "/khong-co"],
  ] as const) {
    test(`${what} (${path}) → the Vietnamese 404 page`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Không tìm thấy trang" })).toBeVisible();
      await expect(page.getByText("Xin Ông/Bà quét lại mã QR treo tại quầy")).toBeVisible();
      await expect(page.getByRole("link", { name: "Về trang chủ" })).toHaveAttribute("href", "/");
      await expect(page.locator("html")).toHaveAttribute("lang", "vi");
      // No rating form on a page that does not exist.
      await expect(page.getByRole("button", { name: "Gửi đánh giá" })).toHaveCount(0);
    });
  }
});

test("a POST to an unknown token is a 404 and stores nothing", async ({ request, db }) => {
  const token = db.counterPath(ONE_FIELD_COUNTER).slice("/q/".length);
  // Same length and alphabet as a real token, but not one.
  const unknown = token.startsWith("A") ? `B${token.slice(1)}` : `A${token.slice(1)}`;
  const response = await request.post(`/q/${unknown}?lng=vi`, {
    form: { _rid: "00000000-0000-4000-8000-000000000404", TONG_THE: "3" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(404);
  expect(db.countResponses({ uuid: "00000000-0000-4000-8000-000000000404" })).toBe(0);
});

test('GET /healthz → 200 {"ok":true}', async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  expect(await response.json()).toEqual({ ok: true });
});
