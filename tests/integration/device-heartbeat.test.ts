/** POST /api/v1/devices/heartbeat: a device's own key updates its row; other keys and bad bodies change nothing. */
import { afterEach, describe, expect, it } from "vitest";

import { createApiKey, revokeApiKey } from "../../app/auth/api-keys.server";
import { action } from "../../app/routes/api.v1.devices.heartbeat";
import { provideServices } from "../../app/services.server";
import { resetRateLimits } from "../../app/security/rate-limit.server";
import type { Db } from "../../db/client";
import { addDevice, fieldServices, jsonPost } from "../support/field";
import { settle } from "../support/route";

afterEach(() => {
  provideServices(undefined);
  resetRateLimits();
});

async function beat(body: unknown, key?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const outcome = await settle(() => action({ request: jsonPost("/api/v1/devices/heartbeat", body, key), params: {}, context: {} }));
  if (outcome.kind !== "response") throw new Error("expected a Response");
  return { status: outcome.status, json: (await outcome.response.json()) as Record<string, unknown> };
}

const row = (db: Db, id: number) =>
  db.$client
    .prepare(
      "select last_contact_at as lastContactAt, app_version as appVersion, pending_count as pending, attention_count as attention from devices where id = ?",
    )
    .get(id) as { lastContactAt: number | null; appVersion: string | null; pending: number; attention: number };

describe("POST /api/v1/devices/heartbeat", () => {
  it("records last contact, version and what the device still holds", async () => {
    const { db } = fieldServices();
    const device = addDevice(db);
    const before = Date.now();
    const { status, json } = await beat({ deviceUuid: device.deviceUuid, appVersion: "abc123", pending: 4, attention: 1 }, device.key);
    expect(status).toBe(200);
    expect(json.ok).toBe(true);
    expect(typeof json.serverTime).toBe("number");
    const r = row(db, device.id);
    expect(r).toMatchObject({ appVersion: "abc123", pending: 4, attention: 1 });
    expect(r.lastContactAt).toBeGreaterThanOrEqual(before);
  });

  it("answers 401 in Vietnamese for a revoked or missing key, and changes nothing", async () => {
    const { db } = fieldServices();
    const device = addDevice(db);
    revokeApiKey(db, device.keyId);
    const revoked = await beat({ deviceUuid: device.deviceUuid, pending: 1, attention: 0 }, device.key);
    expect(revoked.status).toBe(401);
    expect(String(revoked.json.error)).toMatch(/khóa/);
    expect((await beat({ deviceUuid: device.deviceUuid, pending: 1, attention: 0 })).status).toBe(401);
    expect(row(db, device.id).lastContactAt).toBeNull();
  });

  it("marks the device revoked when its key is revoked from any screen (accounts page included), and only that device", () => {
    const { db } = fieldServices();
    const device = addDevice(db, { kind: "kiosk" });
    const other = addDevice(db);
    const revokedAt = (id: number) => db.$client.prepare("select revoked_at from devices where id = ?").pluck().get(id) as number | null;
    expect(revokeApiKey(db, device.keyId, 1_800_000_000_000)).toBe(true);
    expect(revokedAt(device.id)).toBe(1_800_000_000_000);
    expect(revokedAt(other.id)).toBeNull();
    // A second revocation changes nothing, not even the time.
    expect(revokeApiKey(db, device.keyId, 1_900_000_000_000)).toBe(false);
    expect(revokedAt(device.id)).toBe(1_800_000_000_000);
  });

  it("refuses integration keys (403) and keys that belong to no device (404)", async () => {
    const { db } = fieldServices();
    const integration = createApiKey(db, { kind: "integration", name: "Một cửa" });
    expect((await beat({ deviceUuid: "x", pending: 0, attention: 0 }, integration.key)).status).toBe(403);
    const loose = createApiKey(db, { kind: "surveyor", name: "Khóa rời" });
    const orphan = await beat({ deviceUuid: "x", pending: 0, attention: 0 }, loose.key);
    expect(orphan.status).toBe(404);
    expect(String(orphan.json.error)).toMatch(/thiết bị/);
  });

  it("refuses a malformed body with a Vietnamese message and changes nothing", async () => {
    const { db } = fieldServices();
    const device = addDevice(db);
    for (const body of [{ deviceUuid: device.deviceUuid, pending: -1, attention: 0 }, { pending: 1 }, "không phải JSON"]) {
      const { status, json } = await beat(body, device.key);
      expect(status).toBe(400);
      expect(String(json.error)).toMatch(/không hợp lệ|JSON/);
    }
    expect(row(db, device.id).lastContactAt).toBeNull();
  });
});
