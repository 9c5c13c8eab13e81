/**
 * Setting up a surveyor's tablet: a signed-in surveyor gets a `devices` row and a device-bound API key, which
 * the tablet keeps (IndexedDB) so that sync works for days after the 12-hour session ended.
 */
import type { Db } from "../../db/client";
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
  return db.$client
    .transaction(() => {
      const existing = db.$client
        .prepare("select id, user_id as userId, api_key_id as keyId, kind from devices where device_uuid = ?")
        .get(deviceUuid) as { id: number; userId: number | null; keyId: number; kind: string } | undefined;
      if (existing && (existing.kind !== "surveyor" || existing.userId !== userId)) {
        return { ok: false as const, status: 409, error: "Thiết bị này đã được cài đặt cho người khác. Xin liên hệ người giám sát." };
      }
      const key = createApiKey(db, { kind: "surveyor", name: `${label} (${username})` });
      let deviceId: number;
      if (existing) {
        revokeApiKey(db, existing.keyId);
        db.$client.prepare("update devices set api_key_id = ?, name = ?, revoked_at = null where id = ?").run(key.id, label, existing.id);
        deviceId = existing.id;
      } else {
        const info = db.$client
          .prepare("insert into devices (device_uuid, kind, name, api_key_id, user_id, created_at) values (?, 'surveyor', ?, ?, ?, ?)")
          .run(deviceUuid, label, key.id, userId, Date.now());
        deviceId = Number(info.lastInsertRowid);
      }
      return { ok: true as const, device: { deviceUuid, apiKey: key.key, name: label, deviceId } };
    })
    .immediate();
}

/**
 * A disabled account's tablets stop at once, like its sessions: their keys are revoked and the devices
 * marked (the supervisor's screen shows them as revoked). Their unsent interviews stay on the tablet,
 * "needing attention"; the surveyor, enabled again, sets the tablet up anew and retries them.
 */
export function revokeUserDevices(db: Db, userId: number, now = Date.now()): number {
  const devices = db.$client
    .prepare("select id, api_key_id as keyId from devices where user_id = ? and kind = 'surveyor' and revoked_at is null")
    .all(userId) as { id: number; keyId: number }[];
  for (const d of devices) {
    revokeApiKey(db, d.keyId);
    db.$client.prepare("update devices set revoked_at = ? where id = ?").run(now, d.id);
  }
  return devices.length;
}
