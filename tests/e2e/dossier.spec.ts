/**
 * One rating per dossier, as a citizen without JavaScript meets it: the code typed with the details, a second rating
 * of the same dossier answered politely, one row in the database, and only a keyed hash of the code stored.
 */
import Database from "better-sqlite3";
import crypto from "node:crypto";

import { dossierHash } from "../../app/dossiers/hash.server";
import { expect, ONE_FIELD_COUNTER, ratePage, submitForm, test } from "./fixtures";

// The server's secret in tests/playwright.config.ts: the test computes the hash the server must have stored.
const E2E_SECRET = "e2e-test-secret-0123456789abcdefghijklmn";

test.use({ javaScriptEnabled: false });

test("a dossier code is rated once; a second rating of it gets the polite message and stores nothing", async ({ page, db }) => {
  const code = `E2E-${crypto.randomBytes(4).toString("hex").toUpperCase()}/2026`;
  const rate = ratePage(page);

  await page.goto(db.counterPath(ONE_FIELD_COUNTER));
  // The honeypot is out of the accessibility tree and the tab order.
  await expect(page.getByRole("textbox", { name: /Để trống ô này/ })).toHaveCount(0);
  await expect(page.locator('input[name="website"]')).toHaveAttribute("tabindex", "-1");
  const first = await rate.rid();
  await rate.face("Rất hài lòng").check();
  expect((await submitForm(page, () => rate.submit.click())).status()).toBe(303);
  await expect(rate.thanks).toBeVisible();
  // The code is one of the details the thank-you page asks.
  await rate.dossier.fill(code.toLowerCase());
  expect((await submitForm(page, () => rate.sendDetails.click())).status()).toBe(303);
  await expect(rate.details).toHaveCount(0);

  // The receipt's QR carries the code: the page shows it and sends it with the vote.
  await page.goto(`${db.counterPath(ONE_FIELD_COUNTER)}?ma=${encodeURIComponent(code)}`);
  await expect(page.getByText(`Mã hồ sơ: ${code}`)).toBeVisible();
  const second = await rate.rid();
  await rate.face("Không hài lòng").check();
  expect((await submitForm(page, () => rate.submit.click())).status()).toBe(200);
  await expect(page.getByRole("status").filter({ hasText: "Hồ sơ này đã được đánh giá. Cảm ơn Ông/Bà." })).toBeVisible();

  expect(db.countResponses({ uuid: first })).toBe(1);
  expect(db.countResponses({ uuid: second })).toBe(0);
  const file = process.env.SIPAS_E2E_DB!;
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = sqlite.prepare("select uuid from responses where dossier_hash = ?").all(dossierHash(E2E_SECRET, code)) as { uuid: string }[];
    expect(rows).toEqual([{ uuid: first }]);
    const clear = sqlite.prepare("select count(*) as n from responses where dossier_hash = ? or content_hash = ?").get(code, code) as { n: number };
    expect(clear.n).toBe(0);
  } finally {
    sqlite.close();
  }
});
