/**
 * Issue 20's «Done when», in Chromium against the production build (a server of its own, so the fixture
 * language appears on no other test's pages): an administrator adds a fixture language, imports its
 * spreadsheet with one row left empty, uploads recordings for TONG_THE and its three options and enables it;
 * the QR page without JavaScript shows the translations, the Vietnamese for the empty row and play controls
 * whose recordings answer 200 and honour a range; before any tap the page transfers ≤ 14 KB and no audio;
 * a rating given in the language is stored with its code and shown in the dashboard's language breakdown;
 * the kiosk in that language starts the question's recording. The fixture is test text, not a translation.
 */
import type { Request } from "@playwright/test";

import { expect, test } from "./fixtures";
import { administrator, importFixture } from "./support/fixture-language";
import { kioskScreen } from "./support/kiosk-screen";
import { ownServer, type OwnServer } from "./support/own-server";
import { silentWav } from "../support/audio";

const COUNTER = "TTHCC-Q03";
const TONG_THE = "danh-gia-ho-so:q.TONG_THE.label";
const option = (code: number) => `danh-gia-ho-so:scales.SAT3.options.${code}.label`;
const FIXTURE: Record<string, string> = {
  [TONG_THE]: "[xx] Koj txaus siab li cas?",
  [option(3)]: "[xx] Zoo heev",
  [option(2)]: "[xx] Zoo",
  // option 1 («Không hài lòng») is the row left empty.
};
const BUDGET_BYTES = 14 * 1024;

let server: OwnServer;

test.describe.configure({ mode: "serial" });
test.use({ allowedConsoleErrors: [/status of 40[34]/] });

test.beforeAll(async () => {
  server = await ownServer({ KIOSK_THANKS_SECONDS: "1" });
});
test.afterAll(async () => server?.dispose());

const token = () => (server.sql.prepare("select token from counters where code = ?").get(COUNTER) as { token: string }).token;

test("a fixture language: spreadsheet, recordings, the QR page without JavaScript, the dashboard, the kiosk", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await administrator(browser, server.url);

  // Add the language; it is not offered to citizens until enabled.
  await admin.getByRole("navigation", { name: "Điều hướng quản trị" }).getByRole("link", { name: "Ngôn ngữ" }).click();
  await admin.getByLabel("Mã", { exact: true }).fill("xx");
  await admin.getByLabel("Tên (bằng chính ngôn ngữ đó)").fill("Xx Lus");
  await admin.getByRole("button", { name: "Thêm ngôn ngữ" }).click();
  await expect(admin.getByRole("status")).toContainText("Đã thêm ngôn ngữ «xx»");

  // The spreadsheet: downloaded, filled in elsewhere (one of TONG_THE's options left empty), imported back.
  await admin.getByRole("link", { name: "Xx Lus" }).click();
  await importFixture(admin, FIXTURE, 3);

  // A malformed spreadsheet is refused with its row's reason, and changes nothing.
  await admin
    .getByLabel("Tệp đã dịch (.xlsx hoặc .csv)")
    .setInputFiles({ name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("ma,tieng_viet,ban_dich\r\nKHONG_CO,x,y\r\n") });
  await admin.getByRole("button", { name: "Nhập bản dịch" }).click();
  await expect(admin.getByRole("status").first()).toContainText("Dòng 2: mã «KHONG_CO» không phải một câu cần dịch");
  expect((server.sql.prepare("select count(*) as n from translations where language_code = 'xx'").get() as { n: number }).n).toBe(3);

  // Recordings for TONG_THE and its three options; a file that is not audio is refused.
  const row = (key: string) => admin.locator(`tr[data-key="${key}"]`);
  for (const [i, key] of [TONG_THE, option(3), option(2), option(1)].entries()) {
    await row(key)
      .locator('input[type="file"]')
      .setInputFiles({ name: `ghi-am-${i}.wav`, mimeType: "audio/wav", buffer: silentWav(800 + i) });
    await row(key).getByRole("button", { name: "Tải lên" }).click();
    await expect(row(key).getByRole("status")).toHaveText("Đã lưu bản ghi âm.");
  }
  await row(TONG_THE)
    .locator('input[type="file"]')
    .setInputFiles({ name: "a.mp3", mimeType: "audio/mpeg", buffer: Buffer.from("<html>không phải âm thanh</html>") });
  await row(TONG_THE).getByRole("button", { name: "Thay" }).click();
  await expect(row(TONG_THE).getByRole("status")).toContainText("Tệp này không phải âm thanh dùng được");
  expect((server.sql.prepare("select count(*) as n from recordings where language_code = 'xx'").get() as { n: number }).n).toBe(4);

  // Enabled for citizens.
  await admin.goto("/quan-tri/ngon-ngu");
  await admin.locator('tr[data-language="xx"]').getByRole("button", { name: "Bật cho người dân" }).click();
  await expect(admin.getByRole("status")).toContainText("Đã bật «xx»");

  // The QR page with JavaScript off, switched to the language by its own name.
  const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, baseURL: server.url });
  const citizen = await noJs.newPage();
  const audioRequests: Request[] = [];
  citizen.on("request", (r) => (new URL(r.url()).pathname.startsWith("/am-thanh/") ? audioRequests.push(r) : undefined));
  await citizen.goto(`/q/${token()}`);
  const link = citizen.getByRole("link", { name: "Xx Lus" });
  await expect(link).toHaveAttribute("hreflang", "xx");
  await expect(link).toHaveAttribute("lang", "xx");
  await link.click();
  const question = citizen.getByRole("radiogroup", { name: /Koj txaus siab li cas/ });
  await expect(question).toBeVisible();
  await expect(question.getByText("[xx] Zoo heev")).toBeVisible();
  await expect(question.getByText("[xx] Zoo", { exact: true })).toBeVisible();
  await expect(question.getByText("Không hài lòng", { exact: true })).toBeVisible();
  const sources = await citizen
    .locator("audio.voice")
    .evaluateAll((els) =>
      els.map((e) => ({ src: e.getAttribute("src")!, preload: e.getAttribute("preload"), controls: e.hasAttribute("controls") })),
    );
  expect(sources).toHaveLength(4);
  for (const { src, preload, controls } of sources) {
    expect([preload, controls]).toEqual(["none", true]);
    const whole = await citizen.request.get(src);
    expect(whole.status()).toBe(200);
    expect(whole.headers()["content-type"]).toBe("audio/wav");
    expect(whole.headers()["cache-control"]).toContain("immutable");
    const part = await citizen.request.get(src, { headers: { Range: "bytes=0-3" } });
    expect(part.status()).toBe(206);
    expect((await part.body()).toString("latin1")).toBe("RIFF");
  }
  expect(audioRequests).toEqual([]);

  // The rating in that language, sent without JavaScript: stored with its code.
  await question.getByText("[xx] Zoo heev").click();
  await citizen.getByRole("button", { name: "Gửi đánh giá" }).click();
  await expect(citizen.getByRole("heading", { name: "Cảm ơn Ông/Bà đã đánh giá!" })).toBeVisible();
  const stored = server.sql.prepare("select locale from responses where channel = 'qr' order by id desc limit 1").get() as { locale: string };
  expect(stored.locale).toBe("xx");
  await noJs.close();

  // Before any tap, with JavaScript: ≤ 14 KB transferred (gzip), no recording fetched.
  const js = await browser.newContext({ viewport: { width: 360, height: 740 }, baseURL: server.url });
  const phone = await js.newPage();
  const finished: Request[] = [];
  phone.on("requestfinished", (r) => finished.push(r));
  const response = await phone.goto(`/q/${token()}?lng=xx`, { waitUntil: "load" });
  expect(response?.headers()["content-encoding"]).toBeTruthy();
  await expect.poll(() => finished.map((r) => new URL(r.url()).pathname)).toEqual(expect.arrayContaining(["/js/q.js"]));
  const sizes = await Promise.all(finished.map(async (r) => ({ path: new URL(r.url()).pathname, body: (await r.sizes()).responseBodySize })));
  const total = sizes.reduce((sum, s) => sum + s.body, 0);
  console.log(`PAGE_WEIGHT_WITH_VOICES=${total} ${JSON.stringify(sizes)}`);
  expect(sizes.some((s) => s.path.startsWith("/am-thanh/"))).toBe(false);
  expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  await js.close();

  // The dashboard's breakdown by language shows it.
  await admin.goto("/quan-tri?survey=danh-gia-ho-so");
  const breakdown = admin.getByRole("region", { name: "Theo ngôn ngữ trả lời" });
  await expect(breakdown.locator('tr[data-language="xx"]')).toContainText("Xx Lus");

  // The kiosk: paired, switched to the language, it starts the question's recording.
  await admin.goto("/quan-tri/may-tai-quay");
  await admin.getByLabel("Quầy", { exact: true }).selectOption(COUNTER);
  await admin.getByRole("button", { name: "Ghép máy" }).click();
  const code = (await admin.getByRole("status").getByLabel("Mã ghép").textContent())!.trim();
  const kioskContext = await browser.newContext({ viewport: { width: 1024, height: 768 }, baseURL: server.url });
  const kiosk = await kioskContext.newPage();
  await kiosk.goto("/kiosk");
  await kiosk.getByLabel("Mã ghép").fill(code);
  await kiosk.getByRole("button", { name: "Ghép máy" }).click();
  await expect(kioskScreen(kiosk).face("Rất hài lòng")).toBeVisible();
  const tongThe = sources[0]!.src;
  const played = kiosk.waitForRequest((r) => new URL(r.url()).pathname === tongThe);
  await kiosk.getByRole("button", { name: "Xx Lus" }).click();
  await played;
  await expect(kiosk.getByRole("heading", { name: "[xx] Koj txaus siab li cas?" })).toBeVisible();
  await kioskContext.close();
});
