/** The thank-you page: what the citizen sees after a stored rating. */
import { expect, ONE_FIELD_COUNTER, ratePage, test } from "./fixtures";

test("the thank-you page names the place and thanks the citizen, in Vietnamese and in English", async ({ page, db }) => {
  const path = `${db.counterPath(ONE_FIELD_COUNTER)}/cam-on`;
  const response = await page.goto(path);
  expect(response?.status()).toBe(200);
  await expect(ratePage(page).thanks).toBeVisible();
  await expect(page.getByText("Sở Y tế", { exact: true })).toBeVisible();
  await expect(page.getByText("Ý kiến của Ông/Bà đã được ghi nhận")).toBeVisible();
  // Without a rating to complete (no `r` and `t` in the address) there is nothing to send: no form, no button,
  // and no script but the small shared one.
  await expect(page.locator("form")).toHaveCount(0);
  await expect(page.getByRole("button")).toHaveCount(0);
  expect(await page.locator("script").evaluateAll((els) => els.map((e) => e.getAttribute("src")))).toEqual(["/js/q.js"]);

  await page.goto(`${path}?lng=en`);
  await expect(page.getByText("Thank you for your rating!", { exact: true })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("the thank-you title is the page's level-1 heading", async ({ page, db }) => {
  // An explicit role would replace the heading role and hide the title from screen readers' heading list.
  await page.goto(`${db.counterPath(ONE_FIELD_COUNTER)}/cam-on`);
  await expect(page.getByRole("heading", { level: 1, name: "Cảm ơn Ông/Bà đã đánh giá!" })).toBeVisible({ timeout: 2_000 });
});
