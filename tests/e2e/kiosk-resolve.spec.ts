/**
 * The kiosk after the happy path (kiosk.spec.ts covers pairing through the admin screen):
 * - ratings refused after unpairing are resolved in the staff corner: one set aside (with a confirmation;
 *   kept, greyed, never sent), the others sent again after the tablet is paired anew → stored exactly once,
 *   with the new key;
 * - a citizen who taps a face and walks away is one rating, with the details given before leaving (the
 *   next screen clean), and the cool-down blocks a second rating until it has passed.
 * Pairing codes and unpairing go through the server's own functions on the server's file (the admin screens
 * are kiosk.spec.ts's business); time is moved with Playwright's clock, not by sleeping.
 */
import type { Page } from "@playwright/test";

import { createPairingCode, unpairDevice } from "../../app/kiosk/pairing.server";
import { drizzleOver } from "../support/drizzle";
import { expect, test } from "./fixtures";
import { kioskScreen } from "./support/kiosk-screen";
import { ownServer, type OwnServer } from "./support/own-server";
import { readStore } from "./support/offline-store";

const SECRET = "e2e-own-server-secret-0123456789abcdefghij";
const IDLE_SECONDS = 20;
const COOLDOWN_SECONDS = 30;

let server: OwnServer;

test.describe.configure({ mode: "serial" });
test.use({
  viewport: { width: 1024, height: 768 },
  // The network cut and the refused sync after unpairing.
  allowedConsoleErrors: [/ERR_INTERNET_DISCONNECTED|status of 401|Failed to fetch/],
});

test.beforeAll(async () => {
  test.setTimeout(120_000); // its own server starts slower than a test on a busy machine
  // own-server.ts's secret; no cool-down unless a test sets one on its kiosk.
  server = await ownServer({
    SESSION_SECRET: SECRET,
    KIOSK_THANKS_SECONDS: "1",
    KIOSK_IDLE_SECONDS: String(IDLE_SECONDS),
    KIOSK_COOLDOWN_SECONDS: "0",
  });
});
test.afterAll(async () => server?.dispose());

const db = () => drizzleOver(server.sql);

const adminId = () => (server.sql.prepare("select id from users where username = 'admin'").get() as { id: number }).id;

function pairingCode(counter: string): string {
  const { id: counterId } = server.sql.prepare("select id from counters where code = ?").get(counter) as { id: number };
  return createPairingCode(db(), { secret: SECRET, counterId, userId: adminId() }).code;
}

/** The live kiosk device of a counter. */
function device(counter: string): { id: number; keyId: number } {
  return server.sql
    .prepare(
      `select d.id, d.api_key_id as keyId from devices d join counters c on c.id = d.counter_id
        where c.code = ? and d.revoked_at is null order by d.id desc limit 1`,
    )
    .get(counter) as { id: number; keyId: number };
}

/** Ratings stored through any kiosk key of the counter, with the key. */
function stored(counter: string): { uuid: string; keyId: number }[] {
  return server.sql
    .prepare(
      `select r.uuid, r.api_key_id as keyId from responses r
        where r.api_key_id in (select d.api_key_id from devices d join counters c on c.id = d.counter_id where c.code = ?)`,
    )
    .all(counter) as { uuid: string; keyId: number }[];
}

/** The tablet's outbox, read straight from IndexedDB. */
async function outbox(page: Page): Promise<{ id: string; state: string }[]> {
  return (await readStore<{ id: string; state: string }>(page, "outbox")).map(({ id, state }) => ({ id, state }));
}

async function rate(page: Page, face: string) {
  const k = kioskScreen(page);
  await k.face(face).click();
  await expect(page.getByRole("radio", { checked: true })).toHaveCount(0);
  await k.group("Mức độ thuận tiện").getByRole("radio", { name: "Hài lòng", exact: true }).check();
  await k.send.click();
  await expect(k.thanks).toBeVisible();
  await expect(k.thanks).toBeHidden();
}

test("refused after unpairing: one set aside (kept, never sent), the rest sent again with the new pairing's key, exactly once", async ({
  page,
  context,
}) => {
  const COUNTER = "TTHCC-Q03";
  await page.goto(`${server.url}/kiosk?ma=${pairingCode(COUNTER)}`);
  const k = kioskScreen(page);
  await expect(k.face("Rất hài lòng")).toBeEnabled();
  const first = device(COUNTER);

  // Three citizens while the network is down; meanwhile the admin unpairs the tablet.
  await context.setOffline(true);
  await rate(page, "Rất hài lòng");
  await rate(page, "Hài lòng");
  await rate(page, "Không hài lòng");
  await expect(k.footer).toContainText("Chờ gửi: 3");
  expect(unpairDevice(db(), { deviceId: first.id, userId: adminId() })).toBe(true);
  await context.setOffline(false);
  await expect(k.footer).toContainText("Cần xử lý: 3", { timeout: 15_000 });
  const ids = (await outbox(page)).map((i) => i.id);
  expect(ids).toHaveLength(3);

  // The staff corner lists them with the reason; "Bỏ qua" asks first, and Escape backs out.
  await page.getByRole("button", { name: "Cán bộ", exact: true }).click();
  const panel = page.getByRole("dialog", { name: "Cán bộ tiếp nhận tại quầy" });
  const items = panel.getByRole("listitem").filter({ hasText: /thu hồi/ });
  await expect(items).toHaveCount(3);
  await items.first().getByRole("button", { name: "Bỏ qua" }).click();
  const confirm = panel.getByRole("alertdialog", { name: /^Bỏ qua đánh giá này\?/ });
  await expect(confirm.getByRole("button", { name: "Không" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await expect(items.first().getByRole("button", { name: "Bỏ qua" })).toBeFocused();
  expect((await outbox(page)).every((i) => i.state === "attention")).toBe(true);
  await items.first().getByRole("button", { name: "Bỏ qua" }).click();
  await confirm.getByRole("button", { name: "Bỏ qua đánh giá" }).click();
  await expect(panel.getByRole("status").filter({ hasText: /^Đã bỏ qua đánh giá lúc/ })).toBeVisible();
  // Still listed, marked with when it was set aside, and still holding its reason.
  const setAside = items.filter({ hasText: /Đã bỏ qua lúc/ });
  await expect(setAside).toHaveCount(1);
  await expect(setAside.getByRole("button", { name: "Bỏ qua" })).toHaveCount(0);
  await expect(k.footer).toContainText("Cần xử lý: 2");
  const dismissedId = (await outbox(page)).find((i) => i.state === "dismissed")!.id;
  const retryIds = ids.filter((id) => id !== dismissedId);

  // Sending again before re-pairing only brings it back to "needs attention" (the old key is refused).
  const open = items.filter({ hasNotText: /Đã bỏ qua lúc/ });
  await open.first().getByRole("button", { name: "Gửi lại" }).click();
  await expect(panel.getByRole("status").filter({ hasText: /^Đã đưa đánh giá lúc .* vào hàng chờ gửi\.$/ })).toBeVisible();
  await expect.poll(async () => (await outbox(page)).filter((i) => i.state === "attention").length).toBe(2);
  await expect(k.footer).toContainText("Cần xử lý: 2");
  await expect(open).toHaveCount(2);
  expect(stored(COUNTER)).toHaveLength(0);
  await panel.getByRole("button", { name: "Đóng" }).click();

  // The admin makes a new code; the tablet pairs again and gets a new key.
  const again = page.getByRole("alert").filter({ hasText: "Máy này đã bị hủy ghép" });
  await again.getByLabel("Mã ghép").fill(pairingCode(COUNTER));
  await again.getByRole("button", { name: "Ghép máy" }).click();
  await expect(again).toBeHidden();
  await expect(k.face("Rất hài lòng")).toBeEnabled();
  const second = device(COUNTER);
  expect(second.keyId).not.toBe(first.keyId);
  // Re-pairing alone sends nothing: refused ratings wait for a person's decision.
  await expect(k.footer).toContainText("Cần xử lý: 2");
  expect(stored(COUNTER)).toHaveLength(0);

  // Send both again, the second by keyboard alone.
  await page.getByRole("button", { name: "Cán bộ", exact: true }).click();
  await open.first().getByRole("button", { name: "Gửi lại" }).click();
  await expect(open).toHaveCount(1);
  await open.first().getByRole("button", { name: "Gửi lại" }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => stored(COUNTER).length, { timeout: 15_000 }).toBe(2);
  await expect(k.footer).toContainText("Chờ gửi: 0");
  await expect(k.footer).not.toContainText("Cần xử lý");
  await expect(items).toHaveCount(1);
  await expect(setAside).toHaveCount(1);

  // A reload syncs again: still exactly once each, with the new key; the set-aside one never left the tablet.
  await page.reload();
  await expect(k.face("Rất hài lòng")).toBeEnabled();
  await expect(k.footer).toContainText("Chờ gửi: 0");
  const rows = stored(COUNTER);
  expect(rows.map((r) => r.uuid).sort()).toEqual([...retryIds].sort());
  expect(rows.every((r) => r.keyId === second.keyId)).toBe(true);
  expect(server.countResponses([dismissedId])).toBe(0);
  expect(await outbox(page)).toContainEqual({ id: dismissedId, state: "dismissed" });
});

test("a citizen who taps a face and walks away is counted once, with what they gave; the cool-down blocks the next citizen until it passes", async ({
  page,
}) => {
  const COUNTER = "SO_YT-Q01";
  await page.clock.install();
  await page.goto(`${server.url}/kiosk?ma=${pairingCode(COUNTER)}`);
  const k = kioskScreen(page);
  await expect(k.face("Rất hài lòng")).toBeEnabled();
  server.sql.prepare("update devices set cooldown_seconds = ? where id = ?").run(COOLDOWN_SECONDS, device(COUNTER).id);
  await page.reload();
  await expect(k.face("Rất hài lòng")).toBeEnabled();
  // The officer on duty: the first of the agency's (demo officers have no PIN).
  await page.getByRole("button", { name: "Cán bộ", exact: true }).click();
  const panel = page.getByRole("dialog", { name: "Cán bộ tiếp nhận tại quầy" });
  await panel.getByRole("listitem").first().getByRole("button").click();
  await panel.getByRole("button", { name: "Đóng" }).click();

  // A citizen switches to English, taps a face (the vote), answers a criterion, types a receipt code … and walks away.
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("button", { name: "Not satisfied", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your rating has been recorded." })).toBeVisible();
  await page
    .getByRole("group", { name: /^Convenience/ })
    .getByRole("radio")
    .first()
    .check();
  await page.getByRole("textbox", { name: /^Dossier receipt number/ }).fill("IDLE-0001");
  await page.clock.fastForward((IDLE_SECONDS - 2) * 1000);
  // Not yet: still the citizen's screen.
  await expect(page.getByRole("textbox", { name: /^Dossier receipt number/ })).toHaveValue("IDLE-0001");
  await page.clock.fastForward(3000);

  // Back to the first screen, in Vietnamese, with nothing of the citizen on it; the rating is kept, once, whole.
  await expect(page.getByRole("button", { name: "English" })).toBeVisible();
  await expect(page.getByRole("radio", { checked: true })).toHaveCount(0);
  await expect.poll(() => stored(COUNTER).length, { timeout: 15_000 }).toBe(1);
  const [kept] = stored(COUNTER);
  // The vote may reach the server before its details (added when the screen reset): one rating either way.
  const answersOf = (uuid: string) =>
    server.sql
      .prepare("select question, code from answers where response_id = (select id from responses where uuid = ?) order by question")
      .all(uuid);
  await expect
    .poll(() => answersOf(kept!.uuid), { timeout: 15_000 })
    .toEqual([
      { question: "THUAN_TIEN", code: 3 },
      { question: "TONG_THE", code: 1 },
    ]);
  expect(stored(COUNTER)).toHaveLength(1);
  expect(
    server.sql
      .prepare(
        `select r.locale, r.dossier_hash is not null as dossier, c.code as counter, a.code as agency, f.code as field, o.agency_id = a.id as officerOfAgency
           from responses r join counters c on c.id = r.counter_id join agencies a on a.id = r.agency_id
           join fields f on f.id = r.field_id join officers o on o.id = r.officer_id where r.uuid = ?`,
      )
      .get(kept!.uuid),
  ).toEqual({ locale: "en", dossier: 1, counter: COUNTER, agency: "SO_YT", field: "Y_TE", officerOfAgency: 1 });

  // The cool-down runs from the vote: the next citizen waits for it.
  await expect(page.getByRole("status").filter({ hasText: /^Xin chờ \d+ giây trước lượt đánh giá tiếp theo\.$/ })).toBeVisible();
  await expect(k.face("Hài lòng")).toBeDisabled();
  await page.clock.fastForward((COOLDOWN_SECONDS - IDLE_SECONDS - 1 + 2) * 1000);
  await expect(k.face("Hài lòng")).toBeEnabled();
  await rate(page, "Rất hài lòng");
  await expect(page.getByRole("status").filter({ hasText: /^Xin chờ \d+ giây trước lượt đánh giá tiếp theo\.$/ })).toBeVisible();
  await expect(k.face("Rất hài lòng")).toBeDisabled();
  await expect(k.face("Không hài lòng")).toBeDisabled();
  await page.clock.fastForward((COOLDOWN_SECONDS - 10) * 1000);
  await expect(k.face("Hài lòng")).toBeDisabled();
  await page.clock.fastForward(11_000);
  await expect(k.face("Hài lòng")).toBeEnabled();
  await rate(page, "Hài lòng");
  await expect(k.face("Hài lòng")).toBeDisabled();
  await expect.poll(() => stored(COUNTER).length, { timeout: 15_000 }).toBe(3);
  expect((await outbox(page)).map((i) => i.state).sort()).toEqual(["confirmed", "confirmed", "confirmed"]);
});
