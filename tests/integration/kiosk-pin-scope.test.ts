/**
 * A kiosk can try — and lock — only the PINs of its own counter's officers (issue 16, finding 9). The failure
 * was counted before the officer was checked, so any paired kiosk could lock any officer of any agency by
 * sending five wrong PINs with their id. Now such a request is refused (403, Vietnamese) and nothing is counted.
 */
import crypto from "node:crypto";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createOfficer } from "../../app/kiosk/officers.server";
import { createPairingCode, redeemPairingCode } from "../../app/kiosk/pairing.server";
import { PIN_MAX_FAILURES } from "../../app/kiosk/pin-lockout.server";
import { action as pinAction } from "../../app/routes/api.v1.kiosk.pin";
import { resetRateLimits } from "../../app/security/rate-limit.server";
import { provideServices } from "../../app/services.server";
import type { Db } from "../../db/client";
import { providedDemoServices } from "../support/services";

const SECRET = "bí-mật-thử-nghiệm-pin-0123456789abcdefghijkl";
let db: Db;

beforeEach(() => {
  db = providedDemoServices(SECRET).db;
  resetRateLimits();
});
afterEach(() => provideServices(undefined));

const idOf = (table: "agencies" | "counters", code: string) =>
  (db.$client.prepare(`select id from ${table} where code = ?`).get(code) as { id: number }).id;

/** The key of a kiosk paired at `counter`, through the pairing code an admin makes. */
function kioskAt(counter: string): string {
  const { code } = createPairingCode(db, { secret: SECRET, counterId: idOf("counters", counter), userId: null as never });
  const paired = redeemPairingCode(db, { secret: SECRET, code, deviceUuid: crypto.randomUUID() });
  if (!paired.ok) throw new Error(paired.reason);
  return paired.apiKey;
}

const officerAt = (agency: string, counter: string, name: string) =>
  createOfficer(db, {
    agencyId: idOf("agencies", agency),
    input: { name, title: "", pin: "2468", counterIds: [idOf("counters", counter)] },
    userId: null as never,
  });

async function tryPin(key: string, officer: number, pin: string): Promise<{ status: number; error?: string }> {
  const response = (await pinAction({
    request: new Request("http://test/api/v1/kiosk/pin", {
      method: "POST",
      headers: { Authorization: `Bearer ${key}` },
      body: JSON.stringify({ officer, pin }),
    }),
    context: {},
    params: {},
  } as never)) as Response;
  return { status: response.status, error: ((await response.json()) as { error?: string }).error };
}

const failuresOf = (officer: number) =>
  (
    db.$client.prepare("select count(*) as n from login_failures where key in (?, ?)").get(`pin:officer:${officer}`, `pin:lock:${officer}`) as {
      n: number;
    }
  ).n;

describe("the kiosk PIN check is limited to the kiosk's counter", () => {
  it("a kiosk of another agency, or of another counter, cannot count failures against an officer; the officer still signs in at their own counter", async () => {
    const elsewhere = await officerAt("SO_XD", "SO_XD-Q01", "Cán bộ Sở Xây dựng");
    const sameAgency = await officerAt("TTHCC", "TTHCC-Q01", "Cán bộ quầy 1");
    for (const officer of [elsewhere, sameAgency]) {
      // A kiosk of its own for each (a kiosk may try 10 PINs per 10 minutes in all).
      const foreignKiosk = kioskAt("TTHCC-Q02");
      for (let i = 0; i <= PIN_MAX_FAILURES; i++) {
        const refused = await tryPin(foreignKiosk, officer, "1111");
        expect(refused.status).toBe(403);
        expect(refused.error).toBe("Cán bộ này không làm việc tại quầy của máy này, hoặc chưa có mã PIN.");
      }
      // Even the right PIN is no use from another counter's kiosk.
      expect((await tryPin(foreignKiosk, officer, "2468")).status).toBe(403);
      expect(failuresOf(officer)).toBe(0);
    }
    expect(db.$client.prepare("select count(*) as n from audit_log where action = 'kiosk.pinLocked'").get()).toEqual({ n: 0 });
    expect((await tryPin(kioskAt("SO_XD-Q01"), elsewhere, "2468")).status).toBe(200);
    expect((await tryPin(kioskAt("TTHCC-Q01"), sameAgency, "2468")).status).toBe(200);
  });

  it("an officer unknown, disabled or without a PIN is refused the same way, nothing counted", async () => {
    const key = kioskAt("TTHCC-Q02");
    const noPin = await createOfficer(db, {
      agencyId: idOf("agencies", "TTHCC"),
      input: { name: "Không PIN", title: "", counterIds: [idOf("counters", "TTHCC-Q02")] },
      userId: null as never,
    });
    const disabled = await officerAt("TTHCC", "TTHCC-Q02", "Đã nghỉ");
    db.$client.prepare("update officers set disabled_at = ? where id = ?").run(Date.now(), disabled);
    for (const officer of [noPin, disabled, 999_999]) {
      expect((await tryPin(key, officer, "1111")).status).toBe(403);
      expect(failuresOf(officer)).toBe(0);
    }
  });

  it("the kiosk of the officer's own counter still locks after the fifth wrong PIN", async () => {
    const officer = await officerAt("TTHCC", "TTHCC-Q02", "Cán bộ quầy 2");
    const key = kioskAt("TTHCC-Q02");
    for (let i = 0; i < PIN_MAX_FAILURES; i++) expect((await tryPin(key, officer, "1111")).status).toBe(403);
    expect((await tryPin(key, officer, "2468")).status).toBe(423);
  });
});
