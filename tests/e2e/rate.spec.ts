/** A citizen rates a counter from its QR code: with and without JavaScript, in English, by keyboard only. */
import {
  expect,
  MANY_FIELDS_COUNTER,
  ONE_FIELD_COUNTER,
  ONE_FIELD_COUNTER_FIELD,
  ratePage,
  submitForm,
  test,
  uniqueComment,
} from "./fixtures";

test.describe("rating with JavaScript on", () => {
  test("a counter with several fields: the rating, the field and the comment are stored once, in long format", async ({ page, db }) => {
    const comment = uniqueComment("js-on");
    const rate = ratePage(page);

    const response = await page.goto(db.counterPath(MANY_FIELDS_COUNTER));
    expect(response?.status()).toBe(200);
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    await expect(rate.heading).toBeVisible();
    await expect(page.getByText("Trung tâm Phục vụ hành chính công tỉnh Điện Biên", { exact: true })).toBeVisible();
    await expect(page.getByText("Quầy 1 – Đất đai, Môi trường", { exact: true })).toBeVisible();
    // The overall question is required and says so; the three faces are its only options.
    await expect(rate.overall).toContainText("bắt buộc");
    await expect(rate.overall.getByRole("radio")).toHaveCount(3);

    await rate.face("Rất hài lòng").check();
    await rate.convenience.getByRole("radio", { name: "Hài lòng", exact: true }).check();
    await rate.attitude.getByRole("radio", { name: "Không có ý kiến" }).check();
    await rate.field.getByRole("radio", { name: "Đất đai" }).check();
    await rate.comment.fill(comment);
    await expect(rate.face("Rất hài lòng")).toBeChecked();

    const posted = await submitForm(page, () => rate.submit.click());
    expect(posted.status()).toBe(303);
    await expect(rate.thanks).toBeVisible();
    expect(new URL(page.url()).pathname).toMatch(/^\/q\/[A-Za-z0-9_-]{22}\/cam-on$/);

    const stored = db.responses({ comment });
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

test.describe("rating with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("a counter with one field: the plain HTML form stores one row, its field implied", async ({ page, db }) => {
    const comment = uniqueComment("js-off");
    const rate = ratePage(page);

    await page.goto(db.counterPath(ONE_FIELD_COUNTER));
    await expect(rate.heading).toBeVisible();
    await expect(page.getByText("Sở Y tế", { exact: true })).toBeVisible();
    // With one field there is nothing to ask.
    await expect(rate.field).toHaveCount(0);

    await rate.face("Hài lòng").check();
    await rate.onTime.getByRole("radio", { name: "Rất hài lòng" }).check();
    await rate.comment.fill(comment);
    const posted = await submitForm(page, () => rate.submit.click());
    expect(posted.status()).toBe(303);
    await expect(rate.thanks).toBeVisible();

    const stored = db.responses({ comment });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      channel: "qr",
      locale: "vi",
      counter: ONE_FIELD_COUNTER,
      field: ONE_FIELD_COUNTER_FIELD,
      answers: { TONG_THE: 2, DUNG_HAN: 3, Y_KIEN: comment },
    });
  });
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`language switch (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    test("English keeps what was chosen and typed, and the response is stored as English", async ({ page, db }) => {
      const comment = uniqueComment(`lang-${javaScriptEnabled}`);
      const rate = ratePage(page);
      await page.goto(db.counterPath(ONE_FIELD_COUNTER));
      const rid = await rate.rid();

      await rate.face("Không hài lòng").check();
      await rate.convenience.getByRole("radio", { name: "Hài lòng", exact: true }).check();
      await rate.comment.fill(comment);
      const switched = await submitForm(page, () => rate.english.click());
      expect(switched.status()).toBe(200);

      await expect(page.getByRole("heading", { level: 1, name: "Rate how your administrative procedure was handled" })).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      const overall = page.getByRole("group", { name: /^Overall, how satisfied are you/ });
      await expect(overall.getByRole("radio", { name: "Not satisfied" })).toBeChecked();
      await expect(page.getByRole("group", { name: "Convenience" }).getByRole("radio", { name: "Satisfied", exact: true })).toBeChecked();
      await expect(page.getByRole("textbox", { name: "Other comments (optional)" })).toHaveValue(comment);
      await expect(page.getByRole("button", { name: "Tiếng Việt" })).toBeVisible();
      // The switch stored nothing and kept the form's id.
      expect(db.countResponses({ comment })).toBe(0);
      expect(await rate.rid()).toBe(rid);

      await page.getByRole("button", { name: "Send rating" }).click();
      await expect(page.getByRole("main").getByText("Thank you for your rating!", { exact: true })).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");

      const stored = db.responses({ comment });
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ uuid: rid, locale: "en", channel: "qr", answers: { TONG_THE: 1, THUAN_TIEN: 2, Y_KIEN: comment } });
    });
  });
}

test("keyboard only: Tab to the faces, choose with Space and the arrow keys, Tab to the button, Enter", async ({ page, db }) => {
  const rate = ratePage(page);
  await page.goto(db.counterPath(ONE_FIELD_COUNTER));
  const rid = await rate.rid();

  // The language link comes first in the header, then the faces.
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

  // A radio group is one Tab stop: three criteria, the comment, the dossier code, then the button (the
  // hidden honeypot field is not a Tab stop).
  for (let i = 0; i < 6; i++) await page.keyboard.press("Tab");
  await expect(rate.submit).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(rate.thanks).toBeVisible();

  const stored = db.responses({ uuid: rid });
  expect(stored).toHaveLength(1);
  expect(stored[0]!.answers).toEqual({ TONG_THE: 2 });
});
