/**
 * A citizen rates a counter from its QR code (docs/decisions/0016): the vote is stored by the first screen —
 * one tap with JavaScript, a face and «Gửi đánh giá» without — and the thank-you page adds the optional details
 * to the same rating. With and without JavaScript, at 360 × 740, in English, by keyboard only.
 */
import { expect, MANY_FIELDS_COUNTER, ONE_FIELD_COUNTER, ONE_FIELD_COUNTER_FIELD, ratePage, submitForm, test, uniqueComment } from "./fixtures";

test.use({ viewport: { width: 360, height: 740 } });

test.describe("with JavaScript on", () => {
  test("one tap on a face stores the rating; the details on the thank-you page are added to it: one response", async ({ page, db }) => {
    const comment = uniqueComment("js-on");
    const rate = ratePage(page);

    const response = await page.goto(db.counterPath(MANY_FIELDS_COUNTER));
    expect(response?.status()).toBe(200);
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    await expect(rate.heading).toBeVisible();
    await expect(page.getByText("Trung tâm Phục vụ hành chính công tỉnh Điện Biên", { exact: true })).toBeVisible();
    await expect(page.getByText("Quầy 1 – Đất đai, Môi trường", { exact: true })).toBeVisible();
    // The overall question is required and says so; the three faces are its only options, and nothing else is asked.
    await expect(rate.overall).toContainText("bắt buộc");
    await expect(rate.overall.getByRole("radio")).toHaveCount(3);
    await expect(rate.comment).toHaveCount(0);
    const rid = await rate.rid();

    // One tap: sent, stored, thanked.
    const posted = await submitForm(page, () => rate.face("Rất hài lòng").click());
    expect(posted.status()).toBe(303);
    await expect(rate.thanks).toBeVisible();
    expect(new URL(page.url()).pathname).toMatch(/^\/q\/[A-Za-z0-9_-]{22}\/cam-on$/);
    expect(db.responses({ uuid: rid })).toMatchObject([
      { channel: "qr", counter: MANY_FIELDS_COUNTER, agency: "TTHCC", field: null, answers: { TONG_THE: 3 } },
    ]);

    // The details, all optional, with faces for the criteria; the field first.
    await expect(rate.details).toBeVisible();
    await expect(rate.convenience.locator("svg")).toHaveCount(3);
    await rate.field.getByRole("radio", { name: "Đất đai" }).check();
    await rate.convenience.getByRole("radio", { name: "Hài lòng", exact: true }).check();
    await rate.attitude.getByRole("radio", { name: "Không có ý kiến" }).check();
    await rate.comment.fill(comment);
    expect((await submitForm(page, () => rate.sendDetails.click())).status()).toBe(303);
    await expect(rate.thanks).toBeVisible();
    await expect(rate.details).toHaveCount(0);

    const stored = db.responses({ uuid: rid });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      channel: "qr",
      locale: "vi",
      counter: MANY_FIELDS_COUNTER,
      agency: "TTHCC",
      field: "DAT_DAI",
      answers: { TONG_THE: 3, THUAN_TIEN: 2, THAI_DO: 9, Y_KIEN: comment },
    });
    // Unanswered optional questions are missing, not stored as a value.
    expect(stored[0]!.answers).not.toHaveProperty("DUNG_HAN");
  });
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("at 360 × 740 the faces and the send button are on the first screen; face and send store the vote, the details join it", async ({
    page,
    db,
  }) => {
    const comment = uniqueComment("js-off");
    const rate = ratePage(page);

    await page.goto(db.counterPath(ONE_FIELD_COUNTER));
    await expect(rate.heading).toBeVisible();
    await expect(page.getByText("Sở Y tế", { exact: true })).toBeVisible();
    await expect(rate.overall.locator("label")).toHaveCount(3);
    for (const face of await rate.overall.locator("label").all()) await expect(face).toBeInViewport({ ratio: 1 });
    await expect(rate.submit).toBeInViewport({ ratio: 1 });
    const rid = await rate.rid();

    // Without JavaScript a tap only chooses.
    await rate.face("Hài lòng").check();
    expect(db.countResponses({ uuid: rid })).toBe(0);
    expect((await submitForm(page, () => rate.submit.click())).status()).toBe(303);
    await expect(rate.thanks).toBeVisible();
    expect(db.responses({ uuid: rid })).toMatchObject([{ field: ONE_FIELD_COUNTER_FIELD, answers: { TONG_THE: 2 } }]);

    // With one field there is nothing to ask about it.
    await expect(rate.field).toHaveCount(0);
    await rate.onTime.getByRole("radio", { name: "Rất hài lòng" }).check();
    await rate.comment.fill(comment);
    expect((await submitForm(page, () => rate.sendDetails.click())).status()).toBe(303);
    await expect(rate.thanks).toBeVisible();

    const stored = db.responses({ comment });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      uuid: rid,
      channel: "qr",
      locale: "vi",
      counter: ONE_FIELD_COUNTER,
      field: ONE_FIELD_COUNTER_FIELD,
      answers: { TONG_THE: 2, DUNG_HAN: 3, Y_KIEN: comment },
    });
  });
});

test.describe("language switch", () => {
  test.describe("JavaScript off", () => {
    test.use({ javaScriptEnabled: false });

    test("English is a plain link that keeps the page's rating id; the rating is stored as English, once", async ({ page, db }) => {
      const rate = ratePage(page);
      await page.goto(db.counterPath(ONE_FIELD_COUNTER));
      const rid = await rate.rid();
      await expect(rate.english).toHaveAttribute("hreflang", "en");
      await expect(rate.english).toHaveAttribute("lang", "en");
      const switched = page.waitForResponse((r) => r.request().method() === "GET" && r.request().resourceType() === "document");
      await rate.english.click();
      expect((await switched).status()).toBe(200);

      await expect(page.getByRole("heading", { level: 1, name: "Rate how your administrative procedure was handled" })).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      const back = page.getByRole("link", { name: "Tiếng Việt" });
      await expect(back).toHaveAttribute("hreflang", "vi");
      // The switch stored nothing and kept the page's id.
      expect(db.countResponses({ uuid: rid })).toBe(0);
      expect(await rate.rid()).toBe(rid);

      const overall = page.getByRole("radiogroup", { name: /^Overall, how satisfied are you/ });
      await overall.getByRole("radio", { name: "Not satisfied" }).check();
      await page.getByRole("button", { name: "Send rating" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Thank you for your rating!" })).toBeVisible();
      await expect(page.getByRole("group", { name: "Convenience" })).toBeVisible();
      expect(db.responses({ uuid: rid })).toMatchObject([{ locale: "en", channel: "qr", answers: { TONG_THE: 1 } }]);

      // Back to the form and switching again keeps the same id: sending again is the same rating, not a second.
      await page.goBack();
      await page.getByRole("link", { name: "Tiếng Việt" }).click();
      await expect(rate.heading).toBeVisible();
      expect(await rate.rid()).toBe(rid);
      await rate.face("Không hài lòng").check();
      await rate.submit.click();
      await expect(rate.thanks).toBeVisible();
      expect(db.countResponses({ uuid: rid })).toBe(1);
    });
  });

  test("JavaScript on: English first, then one tap: stored as English", async ({ page, db }) => {
    const rate = ratePage(page);
    await page.goto(db.counterPath(ONE_FIELD_COUNTER));
    await rate.english.click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    const rid = await rate.rid();
    await page
      .getByRole("radiogroup", { name: /^Overall/ })
      .getByRole("radio", { name: "Very satisfied" })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Thank you for your rating!" })).toBeVisible();
    expect(db.responses({ uuid: rid })).toMatchObject([{ locale: "en", answers: { TONG_THE: 3 } }]);
  });
});

test("keyboard only: Space and the arrow keys choose without sending; Tab to the button, Enter sends", async ({ page, db }) => {
  const rate = ratePage(page);
  await page.goto(db.counterPath(ONE_FIELD_COUNTER));
  const rid = await rate.rid();

  // The language switch comes first in the header, then the faces.
  await page.keyboard.press("Tab");
  await expect(rate.english).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(rate.face("Rất hài lòng")).toBeFocused();
  await page.keyboard.press("Space");
  await expect(rate.face("Rất hài lòng")).toBeChecked();
  await page.keyboard.press("ArrowRight");
  await expect(rate.face("Hài lòng")).toBeFocused();
  await expect(rate.face("Hài lòng")).toBeChecked();
  await expect(rate.face("Rất hài lòng")).not.toBeChecked();
  // Choosing by keyboard sends nothing: the citizen is still on the form.
  await expect(rate.heading).toBeVisible();
  expect(db.countResponses({ uuid: rid })).toBe(0);

  // A radio group is one Tab stop; the hidden honeypot field is not a Tab stop: next is the button.
  await page.keyboard.press("Tab");
  await expect(rate.submit).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(rate.thanks).toBeVisible();

  const stored = db.responses({ uuid: rid });
  expect(stored).toHaveLength(1);
  expect(stored[0]!.answers).toEqual({ TONG_THE: 2 });
});
