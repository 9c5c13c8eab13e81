/**
 * Issue 20 on the surveyor's tablet («the surveyor app plays a recording while offline»), in Chromium against
 * the production build on a server of its own: an administrator adds a fixture language, translates a question
 * of the SIPAS survey and one of the tablet's strings, uploads recordings for that question and one of its
 * options and enables the language; the surveyor signs in and sets the tablet up online — the app keeps both
 * recordings —, then loses the network, reopens the app from the service worker, chooses the language by its
 * own name, and the question's recording plays from the tablet's copy. The interview saved in that language is
 * stored with its code and the interpreter flag; a recording removed on the server leaves the tablet at the next
 * start online. The fixture is test text, not a translation.
 */
import { expect, test, type Page } from "@playwright/test";

import { silentWav } from "../support/audio";
import { administrator, assignedSurveyor, importFixture } from "./support/fixture-language";
import { readStore } from "./support/offline-store";
import { ownServer, type OwnServer } from "./support/own-server";

const PASSWORD = "mat-khau-khao-sat-vien-giong";
const QUESTION = "sipas:q.GIOI_TINH.label";
const OPTION = "sipas:q.GIOI_TINH.options.2.label";
const FIXTURE: Record<string, string> = {
  [QUESTION]: "[xx] Koj yog poj niam los txiv neej?",
  "ui:field.next": "[xx] Mus ntxiv",
};

let server: OwnServer;

test.beforeAll(async () => {
  test.setTimeout(120_000); // its own server starts slower than a test on a busy machine
  server = await ownServer();
  assignedSurveyor(server.sql, "ksv-giong", "Khảo sát viên Giọng", PASSWORD, "2099-12-31");
});
test.afterAll(async () => server?.dispose());

/** The recordings the tablet keeps (Cache Storage), as paths. */
const keptVoices = (page: Page) =>
  page.evaluate(async () => (await (await caches.open("sipas-voices")).keys()).map((r) => new URL(r.url).pathname).sort());

test("the tablet keeps its surveys' recordings and plays one offline in an added language", async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await administrator(browser, server.url);

  // The fixture language with a translated question and tablet string, two recordings, enabled.
  await admin.goto("/quan-tri/ngon-ngu");
  await admin.getByLabel("Mã", { exact: true }).fill("xx");
  await admin.getByLabel("Tên (bằng chính ngôn ngữ đó)").fill("Xx Lus");
  await admin.getByRole("button", { name: "Thêm ngôn ngữ" }).click();
  await expect(admin.getByRole("status")).toContainText("Đã thêm ngôn ngữ «xx»");
  await admin.goto("/quan-tri/ngon-ngu/xx?phieu=sipas");
  await importFixture(admin, FIXTURE, 2);
  const row = (key: string) => admin.locator(`tr[data-key="${key}"]`);
  for (const [i, key] of [QUESTION, OPTION].entries()) {
    // One second of audio: long enough to be seen playing.
    await row(key)
      .locator('input[type="file"]')
      .setInputFiles({ name: `ghi-am-${i}.wav`, mimeType: "audio/wav", buffer: silentWav(8000 + i) });
    await row(key).getByRole("button", { name: "Tải lên" }).click();
    await expect(row(key).getByRole("status")).toHaveText("Đã lưu bản ghi âm.");
  }
  const recorded = server.sql.prepare("select key, sha256 from recordings where language_code = 'xx' order by key").all() as {
    key: string;
    sha256: string;
  }[];
  expect(recorded.map((r) => r.key)).toEqual([QUESTION, OPTION].sort());
  const addressOf = (key: string) => `/am-thanh/${recorded.find((r) => r.key === key)!.sha256}`;
  await admin.goto("/quan-tri/ngon-ngu");
  await admin.locator('tr[data-language="xx"]').getByRole("button", { name: "Bật cho người dân" }).click();
  await expect(admin.getByRole("status")).toContainText("Đã bật «xx»");

  // The surveyor, online: signs in, sets the tablet up; the app keeps the two recordings.
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, baseURL: server.url });
  const page = await context.newPage();
  await page.goto("/dang-nhap?tiep=%2Fkhao-sat-vien");
  await page.getByLabel("Tên đăng nhập").fill("ksv-giong");
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByLabel("Tên máy").fill("Máy tính bảng giọng");
  await page.getByRole("button", { name: "Cài đặt máy này" }).click();
  await expect(page.getByText("Máy đã cài đặt: Máy tính bảng giọng")).toBeVisible();
  await expect(page.getByText("Máy đã sẵn sàng làm việc khi mất mạng.")).toBeVisible({ timeout: 60_000 });
  await expect(page.locator("[data-voices-kept]")).toHaveAttribute("data-voices-kept", "2");
  await expect(page.locator("[data-voices-kept]")).toContainText("Đã lưu 2 bản ghi âm");
  expect(await keptVoices(page)).toEqual([addressOf(QUESTION), addressOf(OPTION)].sort());
  const cacheBytes = await page.evaluate(async () => {
    const cache = await caches.open("sipas-voices");
    let sum = 0;
    for (const r of await cache.keys()) sum += (await (await cache.match(r))!.blob()).size;
    return sum;
  });
  console.log(`TABLET_VOICE_CACHE_BYTES=${cacheBytes}`);
  await page.reload();
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));

  // No network from here: the app reopens from the service worker with its languages and recordings.
  await context.setOffline(true);
  const audioResponses: { path: string; status: number; fromWorker: boolean }[] = [];
  page.on("response", (r) =>
    r.url().includes("/am-thanh/")
      ? audioResponses.push({ path: new URL(r.url()).pathname, status: r.status(), fromWorker: r.fromServiceWorker() })
      : undefined,
  );
  await page.reload();
  await expect(page.getByText(/Đang mất mạng/)).toBeVisible();
  const group = page.getByRole("group", { name: "Ngôn ngữ phỏng vấn" });
  await expect(group.getByRole("button")).toHaveText(["Tiếng Việt", "English", "Xx Lus"]);
  await expect(group.getByRole("button", { name: "Xx Lus" })).toHaveAttribute("lang", "xx");
  await group.getByRole("button", { name: "Xx Lus" }).click();
  await expect(page.locator("main")).toHaveAttribute("lang", "xx");

  await page.getByRole("button", { name: "Bắt đầu phỏng vấn" }).click();
  // Not translated: Vietnamese, never a key. Translated: the fixture's text.
  await expect(page.getByRole("heading", { name: "Phần A. Thông tin về người trả lời" })).toBeVisible();
  const question = page.locator("#q-GIOI_TINH");
  await expect(question.locator("legend")).toHaveText(FIXTURE[QUESTION]!);
  await expect(page.locator('label[for="GIOI_TINH-2"]')).toHaveText("Nữ");
  await expect(page.getByRole("button", { name: "[xx] Mus ntxiv" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Thoát về trang chính" })).toBeVisible();

  // A play control beside the question and beside the recorded option, from the tablet's copies.
  const voice = question.locator(":scope > audio.voice");
  const optionVoice = question.locator(".opt audio.voice");
  await expect(voice).toHaveCount(1);
  await expect(optionVoice).toHaveCount(1);
  await expect(voice).toHaveAttribute("src", addressOf(QUESTION));
  await expect(optionVoice).toHaveAttribute("src", addressOf(OPTION));
  // A tap on the control's play button (its left end) plays the recording, with no network.
  const box = (await voice.boundingBox())!;
  await page.mouse.click(box.x + 16, box.y + box.height / 2);
  await expect
    .poll(
      () =>
        voice.evaluate((a: HTMLAudioElement) => ({
          ready: a.readyState >= 2,
          played: a.played.length > 0 && a.played.end(0) > 0,
          error: a.error?.code ?? null,
        })),
      {
        timeout: 15_000,
      },
    )
    .toEqual({ ready: true, played: true, error: null });
  // Its requests were answered by the service worker from the kept copy (the network is off).
  console.log(`TABLET_AUDIO_RESPONSES=${JSON.stringify(audioResponses)}`);
  expect(audioResponses.length).toBeGreaterThan(0);
  for (const r of audioResponses) expect(r).toMatchObject({ path: addressOf(QUESTION), fromWorker: true });

  // The worker answers any one range from the kept copy, and 416 past its end (what a seeking player asks).
  const ranges = await page.evaluate(async (path) => {
    const ask = async (range: string) => {
      const r = await fetch(path, { headers: { Range: range } });
      return { status: r.status, range: r.headers.get("content-range"), head: (await r.text()).slice(0, 4) };
    };
    return [await ask("bytes=0-3"), await ask("bytes=16040-"), await ask("bytes=999999-")];
  }, addressOf(QUESTION));
  expect(ranges).toEqual([
    { status: 206, range: "bytes 0-3/16044", head: "RIFF" },
    { status: 206, range: "bytes 16040-16043/16044", head: "\0\0\0\0" },
    { status: 416, range: "bytes */16044", head: "" },
  ]);

  // Through the interview in that language; the interpreter helped.
  await page.locator('label[for="GIOI_TINH-2"]').click();
  await page.getByRole("button", { name: "[xx] Mus ntxiv" }).click();
  for (let i = 0; i < 5; i++) await page.getByRole("button", { name: "[xx] Mus ntxiv" }).click();
  await page.locator('label[for="HL_CHUNG-4"]').click();
  await page.getByRole("button", { name: "Xem lại trước khi lưu" }).click();
  await page.getByLabel("Có người phiên dịch giúp").check();
  await page.getByRole("button", { name: "Lưu phiếu", exact: true }).click();
  await expect(page.getByText("Đã lưu phiếu vào máy.")).toBeVisible();
  const saved = await readStore<{ id: string; body: { locale: string; interpreter?: boolean } }>(page, "outbox");
  expect(saved.map((s) => s.body)).toMatchObject([{ locale: "xx", interpreter: true }]);

  // Online again: sent, and stored on the server with its language's code and the flag.
  await context.setOffline(false);
  await page.getByRole("button", { name: "Gửi ngay" }).click();
  await expect(page.getByText(/Đã xác nhận: 1/)).toBeVisible({ timeout: 30_000 });
  expect(server.sql.prepare("select locale, interpreter, channel from responses where uuid = ?").get(saved[0]!.id)).toEqual({
    locale: "xx",
    interpreter: 1,
    channel: "surveyor",
  });

  // The option's recording is removed on the server: the tablet's copy goes at the next start online.
  await admin.goto("/quan-tri/ngon-ngu/xx?phieu=sipas");
  await row(OPTION).getByRole("button", { name: "Xoá" }).click();
  await expect(row(OPTION).getByRole("status")).toHaveText("Đã xoá bản ghi âm.");
  await page.reload();
  await expect(page.locator("[data-voices-kept]")).toHaveAttribute("data-voices-kept", "1");
  expect(await keptVoices(page)).toEqual([addressOf(QUESTION)]);
  await context.close();
  await admin.context().close();
});
