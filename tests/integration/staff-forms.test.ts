/**
 * The staff forms' actions parse with one zod schema per form (issue 17, point 4; docs/decisions/0019): a
 * refused form answers 400 with each error under its field's name — what the page shows beside the field —
 * and without the values posted; an accepted one stores what the schema normalised.
 */
import { afterEach, describe, expect, it } from "vitest";

import crypto from "node:crypto";

import { createPairingCode, listKiosks, redeemPairingCode } from "../../app/kiosk/pairing.server";
import { getDraft } from "../../app/report/drafts.server";
import { defaultPeriod } from "../../app/report/params.server";
import { action as reportAction } from "../../app/routes/quan-tri.bao-cao";
import { action as kioskAdminAction } from "../../app/routes/quan-tri.may-tai-quay";
import { provideServices } from "../../app/services.server";
import { settle, type Outcome } from "../support/route";
import { providedDemoServices } from "../support/services";
import { args, post, staff } from "../support/staff";

const SECRET = "y".repeat(40);
afterEach(() => provideServices(undefined));

function setup() {
  const s = providedDemoServices(SECRET);
  return { ...s, admin: staff(s.db, SECRET, "admin") };
}

function dataOf(outcome: Outcome, status: number): Record<string, unknown> {
  expect(outcome.kind, JSON.stringify(outcome)).toBe("data");
  expect(outcome.status).toBe(status);
  return outcome.kind === "data" ? outcome.data : {};
}

describe("the report's draft (quan-tri.bao-cao)", () => {
  const key = () => ({ survey: "danh-gia-ho-so", period: defaultPeriod(), scope: "province" });

  it("refuses a part over its limit under that part's name, storing nothing", async () => {
    const { db, admin } = setup();
    const fields = { ...key(), number: "x".repeat(61), recommendations: "Đề nghị", signerName: "y".repeat(121) };
    const refused = dataOf(await settle(() => reportAction(args(post("/quan-tri/bao-cao", fields, admin, SECRET)))), 400);
    expect(refused).toMatchObject({ ok: false, form: "rp", reply: { status: "error", error: { number: ["report.tooLong"], signerName: ["report.tooLong"] } } });
    expect(JSON.stringify(refused)).not.toContain("Đề nghị");
    expect(getDraft(db, key()).recommendations).toBe("");
  });

  it("stores the parts trimmed, with the browser's line ends made \\n, empty parts empty", async () => {
    const { db, admin } = setup();
    const fields = { ...key(), number: "  88/BC-SNV ", recommendations: "Một\r\nHai\r\n", recipients: "" };
    const saved = dataOf(await settle(() => reportAction(args(post("/quan-tri/bao-cao", fields, admin, SECRET)))), 200);
    expect(saved).toEqual({ ok: true, message: "Đã lưu phần do cơ quan soạn." });
    expect(getDraft(db, key())).toMatchObject({ number: "88/BC-SNV", recommendations: "Một\nHai", recipients: "", signerTitle: "", signerName: "" });
  });
});

describe("a kiosk's limits (quan-tri.may-tai-quay)", () => {
  function paired() {
    const s = setup();
    const counterId = (s.db.$client.prepare("select id from counters where code = 'TTHCC-Q01'").get() as { id: number }).id;
    const { code } = createPairingCode(s.db, { secret: SECRET, counterId, userId: s.admin.id });
    const redeemed = redeemPairingCode(s.db, { secret: SECRET, code, deviceUuid: crypto.randomUUID() });
    if (!redeemed.ok) throw new Error(redeemed.reason);
    return { ...s, device: listKiosks(s.db)[0]!.id };
  }
  const limits = (s: ReturnType<typeof paired>, fields: Record<string, string>) =>
    settle(() => kioskAdminAction(args(post("/quan-tri/may-tai-quay", { intent: "limits", device: String(s.device), ...fields }, s.admin, SECRET))));

  it("refuses each limit out of range under its own name, in that kiosk's row", async () => {
    const s = paired();
    const refused = dataOf(await limits(s, { cooldown: "3601", cap: "-1" }), 400);
    expect(refused).toMatchObject({ ok: false, device: s.device, form: `limits-${s.device}`, reply: { error: { cooldown: ["kiosk.cooldownInvalid"], cap: ["kiosk.capInvalid"] } } });
    expect(dataOf(await limits(s, { cooldown: "2.5", cap: "" }), 400)).toMatchObject({ reply: { error: { cooldown: ["kiosk.cooldownInvalid"] } } });
    expect(dataOf(await limits(s, { cooldown: "mười", cap: "" }), 400)).toMatchObject({ reply: { error: { cooldown: ["kiosk.cooldownInvalid"] } } });
    expect(listKiosks(s.db)[0]).toMatchObject({ cooldownSeconds: null, dailyCap: null });
  });

  it("stores numbers, and empty as the province default", async () => {
    const s = paired();
    expect(dataOf(await limits(s, { cooldown: "0", cap: "50" }), 200)).toMatchObject({ ok: true, device: s.device });
    expect(listKiosks(s.db)[0]).toMatchObject({ cooldownSeconds: 0, dailyCap: 50 });
    expect(dataOf(await limits(s, { cooldown: "", cap: "" }), 200)).toMatchObject({ ok: true });
    expect(listKiosks(s.db)[0]).toMatchObject({ cooldownSeconds: null, dailyCap: null });
  });
});
