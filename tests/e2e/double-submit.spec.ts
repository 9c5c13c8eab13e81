/**
 * One page, one rating: a double tap, Back-and-send-again, a reload or a replayed POST of the page's id and token
 * never stores a second row, and the citizen always ends on the thank-you page (docs/decisions/0016).
 */
import type { Page } from "@playwright/test";

import { expect, ONE_FIELD_COUNTER, ratePage, submitForm, test } from "./fixtures";

/** Counts the form POSTs the browser sends from now on. */
function countPosts(page: Page): () => number {
  let posts = 0;
  page.on("request", (r) => {
    if (r.method() === "POST" && r.resourceType() === "document") posts++;
  });
  return () => posts;
}

test.describe("JavaScript on", () => {
  test("a double tap on a face sends one POST and stores one row", async ({ page, db }) => {
    const rate = ratePage(page);
    await page.goto(db.counterPath(ONE_FIELD_COUNTER));
    const rid = await rate.rid();
    const posts = countPosts(page);

    await rate.face("Rất hài lòng").dblclick();
    await expect(rate.thanks).toBeVisible();

    expect(posts()).toBe(1);
    expect(db.countResponses({ uuid: rid })).toBe(1);
  });

  test("once sent, the button says so and further taps are ignored (/js/q.js)", async ({ page, db }) => {
    const rate = ratePage(page);
    await page.goto(db.counterPath(ONE_FIELD_COUNTER));
    const rid = await rate.rid();
    // Stand in for a slow link: a listener added after /js/q.js's records whether the script cancelled
    // each submit, then keeps the page where it is so that it can be looked at and tapped again.
    await page.evaluate(() => {
      const seen: boolean[] = [];
      (window as unknown as { submits: boolean[] }).submits = seen;
      document.addEventListener("submit", (event) => {
        seen.push(event.defaultPrevented);
        event.preventDefault();
      });
    });
    const submits = () => page.evaluate(() => (window as unknown as { submits: boolean[] }).submits);

    // The tap on a face is the first submission.
    await rate.face("Rất hài lòng").click();
    const sending = page.getByRole("button", { name: "Đang gửi…" });
    await expect(sending).toHaveAttribute("aria-disabled", "true");
    expect(await submits()).toEqual([false]);
    // Two more taps on the button (forced: it is aria-disabled) and one on another face: all cancelled by the script.
    await sending.click({ force: true });
    await sending.click({ force: true });
    await rate.face("Hài lòng").click();
    expect(await submits()).toEqual([false, true, true, true]);

    // Let the first submission go through.
    await page.evaluate(() => (document.getElementById("rate") as HTMLFormElement).submit());
    await expect(rate.thanks).toBeVisible();
    expect(db.countResponses({ uuid: rid })).toBe(1);
  });
});

test.describe("JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("a double click stores one row", async ({ page, db }) => {
    const rate = ratePage(page);
    await page.goto(db.counterPath(ONE_FIELD_COUNTER));
    const rid = await rate.rid();
    await rate.face("Rất hài lòng").check();
    await rate.submit.dblclick();
    await expect(rate.thanks).toBeVisible();
    expect(db.countResponses({ uuid: rid })).toBe(1);
  });

  test("submit, Back, submit again; reload the result; replay the POST: still one row", async ({ page, db }) => {
    const rate = ratePage(page);
    const formPath = db.counterPath(ONE_FIELD_COUNTER);
    await page.goto(formPath);
    const rid = await rate.rid();
    const token = await rate.pageToken();

    await rate.face("Rất hài lòng").check();
    const first = await submitForm(page, () => rate.submit.click());
    expect(first.status()).toBe(303);
    await expect(rate.thanks).toBeVisible();
    expect(db.countResponses({ uuid: rid })).toBe(1);

    // Back shows the same form (same id), not a new one: sending it again is recognised as a replay.
    await page.goBack();
    await expect(rate.heading).toBeVisible();
    expect(await rate.rid()).toBe(rid);
    await rate.face("Rất hài lòng").check();
    const second = await submitForm(page, () => rate.submit.click());
    expect(second.status()).toBe(303);
    await expect(rate.thanks).toBeVisible();
    expect(db.countResponses({ uuid: rid })).toBe(1);

    // The thank-you page was reached by a redirect: reloading it posts nothing.
    const reloaded = await page.reload();
    expect(reloaded?.status()).toBe(200);
    expect(reloaded?.request().method()).toBe("GET");
    await expect(rate.thanks).toBeVisible();
    expect(db.countResponses({ uuid: rid })).toBe(1);

    // A replay of the same page, even with another face, is sent to the thank-you page and changes nothing.
    for (const TONG_THE of ["3", "1"]) {
      const replay = await page.request.post(`${formPath}?lng=vi`, { form: { _rid: rid, _t: token, TONG_THE }, maxRedirects: 0 });
      expect(replay.status()).toBe(303);
      expect(replay.headers()["location"]).toMatch(new RegExp(`^${formPath}/cam-on\\?lng=vi&r=${rid}&t=`));
    }
    const stored = db.responses({ uuid: rid });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ uuid: rid, answers: { TONG_THE: 3 } });
  });
});
