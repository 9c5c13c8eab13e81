/**
 * The screens of «One tap is a vote» under axe-core (WCAG 2.1 A and AA rules): the QR vote page, its
 * thank-you page with the details, and the kiosk's faces (with a counter's fields) and
 * details screens. Nothing serious or critical may be found. axe-core runs inside the page (no download).
 */
import { expect, MANY_FIELDS_COUNTER, ratePage, test } from "./fixtures";
import { seriousViolations } from "./support/axe";
import { kioskScreen } from "./support/kiosk-screen";
import { ownServer, type OwnServer } from "./support/own-server";

// axe is added to the page as a script of the test's own: the app's Content-Security-Policy (rightly) refuses it.
test.use({ bypassCSP: true });

test.describe("the QR pages", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  // The pages are server-rendered HTML, the same with or without JavaScript (which only sends on a tap): axe,
  // itself a script, runs on them with JavaScript on.
  test("the vote page and the thank-you page with its details", async ({ page, db }) => {
    const rate = ratePage(page);
    await page.goto(db.counterPath(MANY_FIELDS_COUNTER));
    expect(await seriousViolations(page)).toEqual([]);
    await rate.face("Hài lòng").click();
    await expect(rate.details).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test.describe("the kiosk", () => {
  let server: OwnServer;
  test.use({ viewport: { width: 1024, height: 768 } });
  test.beforeAll(async () => {
    test.setTimeout(120_000); // its own server starts slower than a test on a busy machine
    server = await ownServer({ KIOSK_IDLE_SECONDS: "60", KIOSK_COOLDOWN_SECONDS: "0" });
  });
  test.afterAll(async () => server?.dispose());

  test("the faces with the counter's fields, and the details screen", async ({ page }) => {
    await page.goto(`${server.url}/kiosk?ma=${server.pairingCode("TTHCC-Q02")}`);
    const k = kioskScreen(page);
    await expect(k.fieldGroup).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await k.face("Không hài lòng").click();
    await expect(k.recorded).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
