/**
 * Staff pages are never cached (issue 16, finding 13): the accounts page (which shows a new API key once), the
 * QR list and the poster page (which carry the counters' QR tokens) sent no `Cache-Control`, so a browser or
 * a proxy could keep them. Every staff page now answers `Cache-Control: no-store`, for the document and for
 * the data request of a client-side navigation.
 */
import { expect, signInDemo, test } from "./fixtures";

test.use({ viewport: { width: 1366, height: 768 } });

const PAGES = [
  "/quan-tri/tai-khoan",
  "/quan-tri/ma-qr",
  "/quan-tri/ma-qr/in?co-quan=TTHCC&kho=A4",
  "/quan-tri/ma-qr/in?quay=TTHCC-Q01&kho=A5",
  "/quan-tri",
  "/quan-tri/gop-y",
  "/quan-tri/may-tai-quay",
];

test("the accounts page, the QR list, the posters and the other staff pages answer Cache-Control: no-store", async ({ page }) => {
  await signInDemo(page, "admin");
  for (const path of PAGES) {
    const res = await page.request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(200);
    expect(res.headers()["cache-control"], path).toBe("no-store");
  }
  // A client-side navigation fetches the same loaders as data (single fetch): not cached either.
  const data = await page.request.get("/quan-tri/tai-khoan.data", { maxRedirects: 0 });
  expect(data.status()).toBe(200);
  expect(data.headers()["cache-control"]).toBe("no-store");
});
