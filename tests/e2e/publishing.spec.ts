/**
 * Publishing in the browser: an admin previews and publishes a period of the demo province; a visitor
 * without an account finds it on /cong-khai (plain HTML without scripts, cacheable, no cookie, readable at
 * 360 px, reachable with the keyboard) holding aggregated figures only; withdrawing takes it off again.
 */

import { expect, ONE_FIELD_COUNTER, sendRating, signInDemo, test } from "./fixtures";

const SURVEY = "Đánh giá việc giải quyết thủ tục hành chính";
/** The demo's generated comments (db/seed/generate.ts): none may reach the public page. */
const DEMO_COMMENTS = ["Cán bộ nhiệt tình, hướng dẫn dễ hiểu.", "Thời gian chờ hơi lâu.", "Cần thêm ghế ngồi chờ.", "Hồ sơ phải bổ sung nhiều lần."];

const vietnamYear = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4);

// The refused click below is a 409 the browser logs as a failed resource.
test.use({ allowedConsoleErrors: [/status of 409/] });

test("a published period appears on /cong-khai with aggregated figures only; withdrawing removes it", async ({ page, browser, db }) => {
  // The 404 of the withdrawn period's address, logged by the visitor's page only.
  const year = vietnamYear();
  const period = `${SURVEY} · Năm ${year}`;
  await signInDemo(page, "admin");
  await page.getByRole("link", { name: "Công bố kết quả" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Công bố kết quả" })).toBeVisible();
  await page.getByLabel("Khảo sát").selectOption({ label: SURVEY });
  await page.getByLabel("Kỳ báo cáo").selectOption({ label: `Năm ${year}` });
  await page.getByRole("button", { name: "Xem trước" }).click();
  await expect(page.getByRole("heading", { level: 2, name: `Bản xem trước: ${period}` })).toBeVisible();
  const publishedBefore = db.countPublications();
  // A citizen rates a counter after the preview was shown: the click is refused (the figures are not the ones
  // the administrator saw), nothing is published, and the page shows the updated preview.
  const citizen = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: "vi-VN" });
  const citizenPage = await citizen.newPage();
  await sendRating(citizenPage, db.counterPath(ONE_FIELD_COUNTER), { face: "Hài lòng" });
  await citizen.close();
  const fingerprint = page.locator('input[type="hidden"][name="fingerprint"]');
  /** Clicks "publish" and returns the status of the action's answer (200 published, 409 figures changed). */
  const publishOnce = async () => {
    const shown = await fingerprint.inputValue();
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/quan-tri/cong-bo"));
    await page.getByRole("button", { name: "Công bố kỳ này" }).click();
    const status = (await answered).status();
    // Refused: the preview is rebuilt with the new figures before anything else is clicked.
    if (status === 409) await expect(fingerprint).not.toHaveValue(shown);
    return status;
  };
  expect(await publishOnce()).toBe(409);
  await expect(page.getByRole("alert")).toContainText("Số liệu của kỳ này đã thay đổi sau khi xem trước");
  await expect(page.getByRole("heading", { level: 2, name: `Bản xem trước: ${period}` })).toBeVisible();
  expect(db.countPublications()).toBe(publishedBefore);

  // Other tests rate counters on this server too: if another response lands between the preview and the click,
  // the same refusal comes again and the administrator publishes the newer preview (at most a few tries).
  let status = 409;
  for (let attempt = 0; attempt < 5 && status === 409; attempt++) status = await publishOnce();
  expect(status).toBe(200);
  await expect(page.getByRole("status")).toContainText(`Đã công bố ${period}`);

  const visitor = await (await browser.newContext({ viewport: { width: 360, height: 800 }, locale: "vi-VN" })).newPage();
  const listed = await visitor.goto("/cong-khai");
  expect(listed?.status()).toBe(200);
  expect(listed?.headers()["cache-control"]).toBe("public, max-age=0, s-maxage=60");
  expect(listed?.headers()["set-cookie"]).toBeUndefined();
  await expect(visitor.getByRole("heading", { level: 1, name: "Công khai kết quả đo lường sự hài lòng" })).toBeVisible();
  const link = visitor.getByRole("link", { name: `Xem chi tiết ${period}` });
  await expect(link).toHaveCount(1);
  // Keyboard: the period's link is reached with Tab and opened with Enter.
  for (let i = 0; i < 6 && !(await link.evaluate((el) => el === document.activeElement)); i++) await visitor.keyboard.press("Tab");
  await expect(link).toBeFocused();
  await visitor.keyboard.press("Enter");
  await expect(visitor.getByRole("heading", { level: 1, name: period })).toBeVisible();
  const detailUrl = visitor.url();

  // No script at all, nothing wider than the phone, and only aggregated figures.
  await expect(visitor.locator("script")).toHaveCount(0);
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const agencies = visitor.getByRole("table", { name: "Các cơ quan, đơn vị" });
  await expect(agencies.getByRole("rowheader", { name: "Trung tâm Phục vụ hành chính công tỉnh Điện Biên", exact: true })).toBeVisible();
  for (const row of await agencies.getByRole("row").filter({ hasText: "chưa đủ số phiếu" }).all()) {
    const cells = await row.getByRole("cell").allTextContents();
    expect(cells.join(" ")).not.toMatch(/\d/);
  }
  await expect(visitor.getByRole("table", { name: "Các lĩnh vực so với chỉ tiêu" })).toBeVisible();
  await expect(visitor.getByRole("heading", { level: 2, name: "Đơn vị, lĩnh vực cần chấn chỉnh" })).toBeVisible();
  const text = await visitor.locator("body").innerText();
  for (const comment of DEMO_COMMENTS) expect(text).not.toContain(comment);

  // Withdrawn: gone from the list, and its address answers 404.
  await page.reload();
  await page.getByRole("button", { name: new RegExp(`^Thôi công bố Năm ${year}`) }).click();
  await expect(page.getByRole("status")).toContainText("Đã thôi công bố");
  await visitor.goto("/cong-khai");
  await expect(visitor.getByRole("link", { name: `Xem chi tiết ${period}` })).toHaveCount(0);
  expect((await visitor.goto(detailUrl))?.status()).toBe(404);
  await visitor.context().close();
});
