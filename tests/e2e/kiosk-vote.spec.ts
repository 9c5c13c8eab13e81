/**
 * One tap is a vote, on the kiosk (docs/decisions/0016), in Chromium against a server of its own:
 * - at a counter serving several fields, a tap on a field then a face stores the rating with that field, the
 *   counter, its agency and the officer on duty; a field skipped above the faces is asked again with the details;
 * - a face, then the details: one response holding all of it — and the same with the network cut between the
 *   vote and the details, once the network is back;
 * - a face and nothing else: one rating, its field unknown.
 * Pairing goes through the server's own functions (kiosk.spec.ts covers the admin screens).
 */
import type { Page } from "@playwright/test";

import { createPairingCode } from "../../app/kiosk/pairing.server";
import { drizzleOver } from "../support/drizzle";
import { expect, test } from "./fixtures";
import { kioskScreen } from "./support/kiosk-screen";
import { ownServer, type OwnServer } from "./support/own-server";

const SECRET = "e2e-own-server-secret-0123456789abcdefghij";
const COUNTER = "TTHCC-Q02";

let server: OwnServer;

test.describe.configure({ mode: "serial" });
test.use({
  viewport: { width: 1024, height: 768 },
  allowedConsoleErrors: [/ERR_INTERNET_DISCONNECTED|Failed to fetch/],
});

test.beforeAll(async () => {
  test.setTimeout(120_000); // its own server starts slower than a test on a busy machine
  server = await ownServer({ SESSION_SECRET: SECRET, KIOSK_THANKS_SECONDS: "1", KIOSK_IDLE_SECONDS: "60", KIOSK_COOLDOWN_SECONDS: "0" });
});
test.afterAll(async () => server?.dispose());

type Row = { uuid: string; field: string | null; counter: string; agency: string; officer: string | null; dossier: number; answers: string };

/** The ratings this test's kiosks stored for the counter (not the demo's), with their answers as "Q=code" in a stable order. */
function stored(): Row[] {
  return server.sql
    .prepare(
      `select r.uuid, f.code as field, c.code as counter, a.code as agency, o.name as officer, r.dossier_hash is not null as dossier,
              (select group_concat(question || '=' || coalesce(code, text), ' ') from (select * from answers where response_id = r.id order by question)) as answers
         from responses r join counters c on c.id = r.counter_id join agencies a on a.id = r.agency_id
         left join fields f on f.id = r.field_id left join officers o on o.id = r.officer_id
        where r.channel = 'kiosk' and c.code = ? and r.api_key_id in (select api_key_id from devices) order by r.id`,
    )
    .all(COUNTER) as Row[];
}

async function pair(page: Page) {
  const { id: counterId } = server.sql.prepare("select id from counters where code = ?").get(COUNTER) as { id: number };
  const { id: userId } = server.sql.prepare("select id from users where username = 'admin'").get() as { id: number };
  const code = createPairingCode(drizzleOver(server.sql), { secret: SECRET, counterId, userId }).code;
  await page.goto(`${server.url}/kiosk?ma=${code}`);
  await expect(kioskScreen(page).face("Rất hài lòng")).toBeEnabled();
  // The officer on duty (a demo officer of the agency, no PIN).
  await page.getByRole("button", { name: "Cán bộ", exact: true }).click();
  const panel = page.getByRole("dialog", { name: "Cán bộ tiếp nhận tại quầy" });
  const first = panel.getByRole("listitem").first().getByRole("button");
  const name = ((await first.textContent()) ?? "").trim();
  await first.click();
  await panel.getByRole("button", { name: "Đóng" }).click();
  return name;
}

async function detailsAndFinish(page: Page, opts: { field?: string; dossier?: string } = {}) {
  const k = kioskScreen(page);
  if (opts.field) await k.fieldGroup.getByRole("button", { name: opts.field, exact: true }).click();
  await k.group("Mức độ thuận tiện").getByRole("radio", { name: "Hài lòng", exact: true }).check();
  await k
    .group(/^Thái độ của cán bộ/)
    .getByRole("radio", { name: "Không hài lòng", exact: true })
    .check();
  if (opts.dossier) await k.dossier.fill(opts.dossier);
  await k.send.click();
  await expect(k.thanks).toBeVisible();
  await expect(k.thanks).toBeHidden();
}

test("a field and a face are one vote with that field; a skipped field is asked with the details; a face alone leaves it unknown", async ({
  page,
}) => {
  const officer = await pair(page);
  const k = kioskScreen(page);

  // The counter's two fields stand above the faces, as large buttons that say whether they are chosen.
  await expect(k.fieldGroup.getByRole("button")).toHaveText(["Giao thông", "Xây dựng"]);
  await k.fieldGroup.getByRole("button", { name: "Xây dựng" }).click();
  await expect(k.fieldGroup.getByRole("button", { name: "Xây dựng" })).toHaveAttribute("aria-pressed", "true");
  await k.face("Không hài lòng").click();
  await expect(k.recorded).toBeVisible();
  // Stored at once, before any detail, with the field, the officer, the counter and its agency.
  await expect.poll(() => stored().length, { timeout: 15_000 }).toBe(1);
  expect(stored()[0]).toMatchObject({ field: "XAY_DUNG", counter: COUNTER, agency: "TTHCC", officer: expect.any(String), answers: "TONG_THE=1" });
  expect(officer).toContain(stored()[0]!.officer!);
  // The field is not asked twice.
  await expect(k.fieldGroup).toHaveCount(0);
  await k.send.click();
  await expect(k.thanks).toBeVisible();
  await expect(k.thanks).toBeHidden();

  // Skipped above the faces: asked again with the details, and added to the same rating.
  await expect(k.fieldGroup.getByRole("button", { name: "Xây dựng" })).toHaveAttribute("aria-pressed", "false");
  await k.face("Hài lòng").click();
  await detailsAndFinish(page, { field: "Giao thông" });
  // A face and «Xong» at once: the field stays unknown.
  await k.face("Rất hài lòng").click();
  await k.send.click();
  await expect(k.thanks).toBeVisible();

  await expect
    .poll(() => stored().map((r) => [r.field, r.answers]), { timeout: 15_000 })
    .toEqual([
      ["XAY_DUNG", "TONG_THE=1"],
      ["GIAO_THONG", "THAI_DO=1 THUAN_TIEN=2 TONG_THE=2"],
      [null, "TONG_THE=3"],
    ]);
  expect(new Set(stored().map((r) => r.officer)).size).toBe(1);
  expect(stored()[0]!.officer).not.toBeNull();
});

test("a face, then the details: one response holding all of it — the same when the network is cut between them", async ({ page, context }) => {
  await pair(page);
  const k = kioskScreen(page);
  const before = stored().length;

  // Online.
  await k.face("Hài lòng").click();
  await expect.poll(() => stored().length, { timeout: 15_000 }).toBe(before + 1);
  await detailsAndFinish(page, { field: "Xây dựng", dossier: "KIOSK-VOTE-0001" });
  await expect.poll(() => stored()[before]?.answers, { timeout: 15_000 }).toBe("THAI_DO=1 THUAN_TIEN=2 TONG_THE=2");

  // The vote reaches the server, then the network goes before the details.
  await k.face("Hài lòng").click();
  await expect.poll(() => stored().length, { timeout: 15_000 }).toBe(before + 2);
  await context.setOffline(true);
  await detailsAndFinish(page, { field: "Xây dựng", dossier: "KIOSK-VOTE-0002" });
  await expect(k.footer).toContainText("Chờ gửi: 1");
  expect(stored()[before + 1]!.answers).toBe("TONG_THE=2");
  await context.setOffline(false);
  await expect(k.footer).toContainText("Chờ gửi: 0", { timeout: 15_000 });

  const rows = stored().slice(before);
  expect(rows).toHaveLength(2);
  const shape = ({ uuid: _u, ...rest }: Row) => rest;
  expect(shape(rows[1]!)).toEqual(shape(rows[0]!));
  expect(rows[0]).toMatchObject({ field: "XAY_DUNG", dossier: 1, answers: "THAI_DO=1 THUAN_TIEN=2 TONG_THE=2" });
  expect(server.sql.prepare("select count(*) as n from response_conflicts").get()).toEqual({ n: 0 });
});
