/**
 * Pairing a tablet with a counter: an administrator makes a short single-use code (10 minutes; only its
 * keyed hash is stored), the tablet redeems it for its own `kiosk` API key bound to that counter and a
 * `devices` row. Unpairing revokes the key and marks the device in one transaction: the next sync is refused.
 */
import crypto from "node:crypto";

import type { Db } from "../../db/client";
import { createApiKey, revokeApiKey } from "~/auth/api-keys.server";
import { audit } from "~/auth/audit.server";

import { isPairingCode, normalizePairingCode, PAIRING_ALPHABET, PAIRING_CODE_LENGTH, PAIRING_TTL_MS } from "./codes";

/** Keyed: a leaked table of hashes of 8-character codes cannot be reversed without the server secret. */
const codeHash = (secret: string, code: string) => crypto.createHmac("sha256", secret).update(`pairing:${code}`).digest("hex");

function randomCode(): string {
  // randomInt is uniform (no modulo bias): every code is equally likely.
  return Array.from({ length: PAIRING_CODE_LENGTH }, () => PAIRING_ALPHABET[crypto.randomInt(PAIRING_ALPHABET.length)]).join("");
}

export function createPairingCode(
  db: Db,
  { secret, counterId, userId, now = Date.now() }: { secret: string; counterId: number; userId: number; now?: number },
): { code: string; expiresAt: number } {
  const code = randomCode();
  const expiresAt = now + PAIRING_TTL_MS;
  db.$client
    .prepare("insert into pairing_codes (code_hash, counter_id, created_by, created_at, expires_at) values (?, ?, ?, ?, ?)")
    .run(codeHash(secret, code), counterId, userId, now, expiresAt);
  // Expired, unused codes are useless; swept here (pairing is rare) so the table stays small.
  db.$client.prepare("delete from pairing_codes where used_at is null and expires_at < ?").run(now - 86_400_000);
  audit(db, { userId, action: "kiosk.pairingCode", target: String(counterId) });
  return { code, expiresAt };
}

export type PairResult =
  | { ok: true; apiKey: string; deviceId: number; counterCode: string; agencyCode: string; name: string }
  | { ok: false; reason: "invalidCode" | "expired" | "used" | "deviceTaken" };

/** Redeems a code: one key and one device row, or nothing at all. */
export function redeemPairingCode(
  db: Db,
  { secret, code: raw, deviceUuid, appVersion, now = Date.now() }: { secret: string; code: string; deviceUuid: string; appVersion?: string; now?: number },
): PairResult {
  const code = normalizePairingCode(raw);
  if (!isPairingCode(code)) return { ok: false, reason: "invalidCode" };
  const run = db.$client.transaction((): PairResult => {
    const row = db.$client
      .prepare(
        `select p.counter_id as counterId, p.expires_at as expiresAt, p.used_at as usedAt, c.code as counterCode,
                c.name as counterName, c.agency_id as agencyId, a.code as agencyCode
           from pairing_codes p join counters c on c.id = p.counter_id join agencies a on a.id = c.agency_id
          where p.code_hash = ?`,
      )
      .get(codeHash(secret, code)) as
      | { counterId: number; expiresAt: number; usedAt: number | null; counterCode: string; counterName: string; agencyId: number; agencyCode: string }
      | undefined;
    if (!row) return { ok: false, reason: "invalidCode" };
    if (row.usedAt !== null) return { ok: false, reason: "used" };
    if (row.expiresAt < now) return { ok: false, reason: "expired" };
    // A device UUID names one paired tablet: a tablet that is re-paired makes a new UUID.
    if (db.$client.prepare("select 1 from devices where device_uuid = ?").get(deviceUuid)) return { ok: false, reason: "deviceTaken" };
    const name = `Máy tại quầy ${row.counterCode}`;
    const key = createApiKey(db, { kind: "kiosk", name, agencyId: row.agencyId, counterId: row.counterId });
    const info = db.$client
      .prepare(
        `insert into devices (device_uuid, kind, name, api_key_id, counter_id, created_at, last_contact_at, app_version)
         values (?, 'kiosk', ?, ?, ?, ?, ?, ?)`,
      )
      .run(deviceUuid, name, key.id, row.counterId, now, now, appVersion ?? null);
    const deviceId = Number(info.lastInsertRowid);
    db.$client.prepare("update pairing_codes set used_at = ?, device_id = ? where code_hash = ?").run(now, deviceId, codeHash(secret, code));
    audit(db, { userId: null, action: "kiosk.paired", target: row.counterCode, details: { deviceId, keyPrefix: key.prefix } });
    return { ok: true, apiKey: key.key, deviceId, counterCode: row.counterCode, agencyCode: row.agencyCode, name };
  });
  return run.immediate();
}

/** Revokes the kiosk's key at once; its pending ratings will be refused (they stay on the tablet). */
export function unpairDevice(db: Db, { deviceId, userId, now = Date.now() }: { deviceId: number; userId: number; now?: number }): boolean {
  const run = db.$client.transaction(() => {
    const device = db.$client
      .prepare("select api_key_id as apiKeyId, revoked_at as revokedAt, device_uuid as uuid from devices where id = ? and kind = 'kiosk'")
      .get(deviceId) as { apiKeyId: number; revokedAt: number | null; uuid: string } | undefined;
    if (!device || device.revokedAt !== null) return false;
    revokeApiKey(db, device.apiKeyId);
    db.$client.prepare("update devices set revoked_at = ? where id = ?").run(now, deviceId);
    audit(db, { userId, action: "kiosk.unpaired", target: String(deviceId), details: { deviceUuid: device.uuid } });
    return true;
  });
  return run.immediate();
}

export type KioskRow = {
  id: number;
  name: string;
  counterCode: string;
  counterName: string;
  agencyCode: string;
  agencyName: string;
  createdAt: number;
  revokedAt: number | null;
  lastContactAt: number | null;
  appVersion: string | null;
  pendingCount: number;
  attentionCount: number;
  cooldownSeconds: number | null;
  dailyCap: number | null;
};

/** Every kiosk, paired first, then by agency and counter; "last contact" is the latest of sync and API use. */
export function listKiosks(db: Db, { includeRevoked = true }: { includeRevoked?: boolean } = {}): KioskRow[] {
  return db.$client
    .prepare(
      `select d.id, d.name, c.code as counterCode, c.name as counterName, a.code as agencyCode, a.name as agencyName,
              d.created_at as createdAt, d.revoked_at as revokedAt,
              max(coalesce(d.last_contact_at, 0), coalesce(k.last_used_at, 0)) as lastContactAt,
              d.app_version as appVersion, d.pending_count as pendingCount, d.attention_count as attentionCount,
              d.cooldown_seconds as cooldownSeconds, d.daily_cap as dailyCap
         from devices d join counters c on c.id = d.counter_id join agencies a on a.id = c.agency_id
         join api_keys k on k.id = d.api_key_id
        where d.kind = 'kiosk' ${includeRevoked ? "" : "and d.revoked_at is null"}
        order by d.revoked_at is not null, a.name, c.code, d.id desc`,
    )
    .all()
    .map((r) => {
      const row = r as KioskRow;
      return { ...row, lastContactAt: row.lastContactAt || null };
    });
}

export function setKioskLimits(
  db: Db,
  { deviceId, cooldownSeconds, dailyCap, userId }: { deviceId: number; cooldownSeconds: number | null; dailyCap: number | null; userId: number },
): boolean {
  const changed =
    db.$client
      .prepare("update devices set cooldown_seconds = ?, daily_cap = ? where id = ? and kind = 'kiosk' and revoked_at is null")
      .run(cooldownSeconds, dailyCap, deviceId).changes === 1;
  if (changed) audit(db, { userId, action: "kiosk.limits", target: String(deviceId), details: { cooldownSeconds, dailyCap } });
  return changed;
}
