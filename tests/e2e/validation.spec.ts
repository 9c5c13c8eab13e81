/** A refused submission: status 400, the message beside the question, nothing chosen or typed is lost, nothing stored. */
import { expect, freshRatingPage, ONE_FIELD_COUNTER, ratePage, submitForm, test, uniqueComment } from "./fixtures";

const REQUIRED = "Xin Ông/Bà chọn một mức đánh giá.";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`missing overall rating (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    // The browser reports the 400 document itself in the console: expected here, and only that.
    test.use({ javaScriptEnabled, allowedConsoleErrors: [/status of 400 \(Bad Request\)/] });

    test("shows the message next to the question, stores nothing; then the fix is stored", async ({ page, db }) => {
      const rate = ratePage(page);
      await page.goto(db.counterPath(ONE_FIELD_COUNTER));
      const rid = await rate.rid();
      await expect(rate.errorSummary).toHaveCount(0);

      const refused = await submitForm(page, () => rate.submit.click());
      expect(refused.status()).toBe(400);

      // The message is tied to the question (aria-describedby → the error element) and marks it invalid.
      await expect(rate.overall).toHaveAttribute("aria-describedby", "TONG_THE-error");
      await expect(page.locator("#TONG_THE-error")).toHaveText(REQUIRED);
      await expect(rate.overall).toHaveAccessibleDescription(REQUIRED);
      await expect(rate.overall).toHaveAttribute("aria-invalid", "true");
      await expect(rate.overall.getByText(REQUIRED)).toBeVisible();
      await expect(rate.errorSummary).toHaveText("Còn 1 chỗ cần sửa trước khi gửi.");
      // Only the question that is wrong gets a message.
      await expect(page.locator(".err")).toHaveCount(1);
      // The page keeps its id; nothing is stored.
      await expect(rate.overall.getByRole("radio", { checked: true })).toHaveCount(0);
      expect(await rate.rid()).toBe(rid);
      expect(db.countResponses({ uuid: rid })).toBe(0);

      // Choosing the missing answer sends it (with JavaScript the tap itself; without, the button).
      if (javaScriptEnabled) await rate.face("Hài lòng").click();
      else {
        await rate.face("Hài lòng").check();
        await rate.submit.click();
      }
      await expect(rate.thanks).toBeVisible();
      expect(db.responses({ uuid: rid })).toMatchObject([{ answers: { TONG_THE: 2 } }]);
    });
  });
}

test.describe("posted by hand", () => {
  for (const [name, answers, message] of [
    ["an answer code out of range (THUAN_TIEN=7)", { TONG_THE: "3", THUAN_TIEN: "7" }, "Lựa chọn không hợp lệ."],
    ["an overall code out of range (TONG_THE=4)", { TONG_THE: "4" }, "Lựa chọn không hợp lệ."],
    ["no overall rating", { THUAN_TIEN: "2" }, REQUIRED],
  ] as const) {
    test(`${name} → 400 and nothing stored`, async ({ request, db }) => {
      const comment = uniqueComment("post-invalid");
      const form = await freshRatingPage(request, db.counterPath(ONE_FIELD_COUNTER));
      const rid = form._rid;
      const response = await request.post(`${db.counterPath(ONE_FIELD_COUNTER)}?lng=vi`, {
        form: { ...form, ...answers, Y_KIEN: comment },
        maxRedirects: 0,
      });
      expect(response.status()).toBe(400);
      expect(response.headers()["content-type"]).toContain("text/html");
      const html = await response.text();
      expect(html).toContain(message);
      expect(html).toContain('role="alert"');
      expect(db.countResponses({ comment })).toBe(0);
      expect(db.countResponses({ uuid: rid })).toBe(0);
    });
  }

  test("a comment longer than allowed → 400 and nothing stored", async ({ request, db }) => {
    const comment = `${uniqueComment("too-long")} ${"x".repeat(1000)}`;
    const form = await freshRatingPage(request, db.counterPath(ONE_FIELD_COUNTER));
    const rid = form._rid;
    const response = await request.post(`${db.counterPath(ONE_FIELD_COUNTER)}?lng=vi`, {
      form: { ...form, TONG_THE: "3", Y_KIEN: comment },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(400);
    expect(await response.text()).toContain("Ý kiến dài quá 1000 ký tự");
    expect(db.countResponses({ uuid: rid })).toBe(0);
  });
});
