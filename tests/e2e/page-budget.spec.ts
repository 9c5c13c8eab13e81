/**
 * The citizen page on a cheap phone over 3G: at most 30 KB transferred for the whole first load, no
 * React bundle, and a layout that fits 360 px with the three faces on the first screen.
 */
import type { Locator, Request } from "@playwright/test";

import { expect, MANY_FIELDS_COUNTER, ONE_FIELD_COUNTER, ratePage, test } from "./fixtures";

const BUDGET_BYTES = 30 * 1024;

// A small phone's first screen (the issue «One tap is a vote»: 360 × 740).
test.use({ viewport: { width: 360, height: 740 } });

type Box = { left: number; right: number; top: number; bottom: number };

/** The boxes of an element's rendered text (one per line), not of the element. */
function textBoxes(locator: Locator): Promise<Box[]> {
  return locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return [...range.getClientRects()].map(({ left, right, top, bottom }) => ({ left, right, top, bottom }));
  });
}

const intersects = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

test("page weight: the first load of the rating page transfers at most 30 KB and only /js/q.js as script", async ({ page, db }, testInfo) => {
  const requests: Request[] = [];
  page.on("requestfinished", (r) => requests.push(r));

  // The counter with several fields has the largest form.
  const response = await page.goto(db.counterPath(MANY_FIELDS_COUNTER), { waitUntil: "load" });
  expect(response?.status()).toBe(200);
  expect(response?.headers()["content-encoding"]).toBeTruthy();
  // `load` waits for the stylesheet and the deferred script; their "finished" events may arrive just after.
  await expect
    .poll(() => requests.map((r) => new URL(r.url()).pathname))
    .toEqual(expect.arrayContaining([new URL(page.url()).pathname, "/js/q.js", expect.stringMatching(/^\/assets\/.+\.css$/)]));

  const rows = await Promise.all(
    requests.map(async (r) => {
      const sizes = await r.sizes();
      return { path: new URL(r.url()).pathname, type: r.resourceType(), body: sizes.responseBodySize, headers: sizes.responseHeadersSize };
    }),
  );
  // A phone's browser also fetches the page's icon; Playwright never reports /favicon.ico requests, so it
  // is fetched here with the browser's Accept-Encoding and counted by its encoded length.
  const icon = await page.locator('link[rel="icon"]').getAttribute("href");
  expect(icon).toBe("/favicon.ico");
  const favicon = await page.request.get(icon!, { headers: { "Accept-Encoding": "gzip, deflate, br, zstd" } });
  expect(favicon.status()).toBe(200);
  const encoded = favicon.headers()["content-encoding"];
  const length = favicon.headers()["content-length"];
  rows.push({
    path: icon!,
    type: "image",
    body: encoded ? Number(length) : (await favicon.body()).length,
    headers: favicon.headersArray().reduce((n, h) => n + h.name.length + h.value.length + 4, 17),
  });
  const total = rows.reduce((sum, r) => sum + r.body, 0);
  const withHeaders = rows.reduce((sum, r) => sum + r.body + r.headers, 0);
  console.log(`PAGE_WEIGHT_BYTES=${total} (bodies, encoded; ${withHeaders} with headers) ${JSON.stringify(rows)}`);
  testInfo.annotations.push({ type: "PAGE_WEIGHT_BYTES", description: `${total} (with response headers: ${withHeaders})` });

  expect(rows.map((r) => r.path)).toEqual(
    expect.arrayContaining([new URL(page.url()).pathname, "/js/q.js", "/favicon.ico", expect.stringMatching(/^\/assets\/.+\.css$/)]),
  );
  expect(rows.every((r) => r.body > 0)).toBe(true);
  expect(total).toBeLessThanOrEqual(BUDGET_BYTES);

  // No React bundle: the only script is the small enhancement script, and the document inlines none.
  expect(rows.filter((r) => r.type === "script").map((r) => r.path)).toEqual(["/js/q.js"]);
  expect(rows.some((r) => r.path.startsWith("/assets/") && r.path.endsWith(".js"))).toBe(false);
  const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => e.getAttribute("src")));
  expect(scripts).toEqual(["/js/q.js"]);
});

for (const [what, lng] of [
  ["Vietnamese", "vi"],
  ["English", "en"],
] as const) {
  test(`360 px (${what}): no horizontal scroll, the three faces and the send button on the first screen`, async ({ page, db }, testInfo) => {
    const rate = ratePage(page);
    await page.goto(`${db.counterPath("TTHCC-Q04")}?lng=${lng}`);
    await expect(page.getByRole("button", { name: lng === "vi" ? "Gửi đánh giá" : "Send rating" })).toBeInViewport({ ratio: 1 });

    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      body: document.body.scrollWidth,
    }));
    expect(widths.client).toBe(360);
    expect(widths.scroll).toBeLessThanOrEqual(360);
    expect(widths.body).toBeLessThanOrEqual(360);

    // The faces are drawn by their labels; all three fit, side by side, inside the first screen.
    const faces = (lng === "vi" ? rate.overall : page.getByRole("radiogroup", { name: /^Overall/ })).locator("label");
    await expect(faces).toHaveCount(3);
    const boxes = [];
    for (const face of await faces.all()) {
      await expect(face).toBeInViewport({ ratio: 1 });
      await expect(face.locator("svg")).toBeVisible();
      const box = await face.boundingBox();
      expect(box).not.toBeNull();
      boxes.push(box!);
    }
    for (const box of boxes) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
      expect(box.y + box.height).toBeLessThanOrEqual(740);
      // Large enough to tap (WCAG 2.5.5: 44 × 44 CSS px).
      expect(box.width).toBeGreaterThanOrEqual(44);
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(Math.abs(box.y - boxes[0]!.y)).toBeLessThan(1);
    }

    if (lng === "vi") {
      const shot = process.env.SIPAS_E2E_SCREENSHOT ?? testInfo.outputPath("rate-360.png");
      await page.screenshot({ path: shot });
      await testInfo.attach("rate-360", { path: shot, contentType: "image/png" });
    }
  });
}

test.describe("after a refused submission", () => {
  test.use({ allowedConsoleErrors: [/status of 400 \(Bad Request\)/] });

  test("360 px: the page with error messages does not scroll sideways either", async ({ page, db }) => {
    const rate = ratePage(page);
    await page.goto(db.counterPath("TTHCC-Q04"));
    await rate.submit.click();
    await expect(rate.errorSummary).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});

test("360 px: the language link covers none of the header's text", async ({ page, db }) => {
  // `.langs` sits at the top right: both header lines must leave room for it (e.g. "… – Sở Y tế").
  const rate = ratePage(page);
  await page.goto(db.counterPath(ONE_FIELD_COUNTER));
  const link = await textBoxes(rate.english);
  const header = [
    ...(await textBoxes(page.getByText("Sở Y tế", { exact: true }))),
    ...(await textBoxes(page.getByText("Quầy tiếp nhận và trả kết quả – Sở Y tế", { exact: true }))),
  ];
  expect(link.length).toBeGreaterThan(0);
  expect(header.length).toBeGreaterThan(1);
  expect(header.filter((box) => link.some((l) => intersects(l, box)))).toEqual([]);
});
