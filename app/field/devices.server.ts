/**
 * Setting up a surveyor's tablet: a signed-in surveyor gets a `devices` row and a device-bound API key, which
 * the tablet keeps (IndexedDB) so that sync works for days after the 12-hour session ended. And what every
 * device (tablet or kiosk) reports on its heartbeat.
 */
import { and, eq, isNull } from "drizzle-orm";

import type { Db } from "../../db/client";
import { devices } from "../../db/field-schema";
import { createApiKey, revokeApiKey } from "~/auth/api-keys.server";
import { UUID_PATTERN } from "~/survey/response";

export type RegisteredDevice = { deviceUuid: string; apiKey: string; name: string; deviceId: number };

/**
 * The same tablet set up again (same UUID, same surveyor) gets a fresh key and the old one is revoked in the
 * same transaction: a key copied off the tablet stops working. Another surveyor's device UUID is refused.
 */
export function registerSurveyorDevice(
  db: Db,
  { userId, username, deviceUuid, name }: { userId: number; username: string; deviceUuid: string; name: string },
): { ok: true; device: RegisteredDevice } | { ok: false; status: number; error: string } {
  if (!UUID_PATTERN.test(deviceUuid)) return { ok: false, status: 400, error: "Mã thiết bị không hợp lệ." };
  const label = name.trim().slice(0, 80) || `Máy tính bảng của ${username}`;
  return db.transaction(
    () => {
      const existing = db
        .select({ id: devices.id, userId: devices.userId, keyId: devices.apiKeyId, kind: devices.kind })
        .from(devices)
        .where(eq(devices.deviceUuid, deviceUuid))
        .get();
      if (existing && (existing.kind !== "surveyor" || existing.userId !== userId)) {
        return { ok: false as const, status: 409, error: "Thiết bị này đã được cài đặt cho người khác. Xin liên hệ người giám sát." };
      }
      const key = createApiKey(db, { kind: "surveyor", name: `${label} (${username})` });
      let deviceId: number;
      if (existing) {
        revokeApiKey(db, existing.keyId);
        db.update(devices).set({ apiKeyId: key.id, name: label, revokedAt: null }).where(eq(devices.id, existing.id)).run();
        deviceId = existing.id;
      } else {
        deviceId = db
          .insert(devices)
          .values({ deviceUuid, kind: "surveyor", name: label, apiKeyId: key.id, userId, createdAt: Date.now() })
          .returning({ id: devices.id })
          .get().id;
      }
      return { ok: true as const, device: { deviceUuid, apiKey: key.key, name: label, deviceId } };
    },
    { behavior: "immediate" },
  );
}

/**
 * A disabled account's tablets stop at once, like its sessions: their keys are revoked and the devices
 * marked (the supervisor's screen shows them as revoked). Their unsent interviews stay on the tablet,
 * "needing attention"; the surveyor, enabled again, sets the tablet up anew and retries them.
 */
export function revokeUserDevices(db: Db, userId: number, now = Date.now()): number {
  const live = db
    .select({ id: devices.id, keyId: devices.apiKeyId })
    .from(devices)
    .where(and(eq(devices.userId, userId), eq(devices.kind, "surveyor"), isNull(devices.revokedAt)))
    .all();
  for (const d of live) {
    revokeApiKey(db, d.keyId);
    db.update(devices).set({ revokedAt: now }).where(eq(devices.id, d.id)).run();
  }
  return live.length;
}

/**
 * A device's heartbeat: its last contact, app version (kept when not sent) and what it still holds. False when the
 * key belongs to no live device.
 */
export function recordHeartbeat(
  db: Db,
  keyId: number,
  { appVersion, pending, attention }: { appVersion?: string; pending: number; attention: number },
  now = Date.now(),
): boolean {
  return (
    db
      .update(devices)
      .set({ lastContactAt: now, ...(appVersion ? { appVersion } : {}), pendingCount: pending, attentionCount: attention })
      .where(and(eq(devices.apiKeyId, keyId), isNull(devices.revokedAt)))
      .run().changes > 0
  );
}
