/**
 * Pairing a tablet with a counter: an administrator makes a short single-use code (10 minutes; only its
 * keyed hash is stored), the tablet redeems it for its own `kiosk` API key bound to that counter and a
 * `devices` row. Unpairing revokes the key and marks the device in one transaction: the next sync is refused.
 */
import crypto from "node:crypto";

import { and, asc, desc, eq, isNotNull, isNull, lt, sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { devices, pairingCodes } from "../../db/field-schema";
import { agencies, apiKeys, counters } from "../../db/schema";
import { createApiKey, revokeApiKey } from "~/auth/api-keys.server";
import { audit } from "~/auth/audit.server";
import { findQrCounter, listQrCounters } from "~/counters/qr.server";

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
  db.insert(pairingCodes)
    .values({ codeHash: codeHash(secret, code), counterId, createdBy: userId, createdAt: now, expiresAt })
    .run();
  // Expired, unused codes are useless; swept here (pairing is rare) so the table stays small.
  db.delete(pairingCodes)
    .where(and(isNull(pairingCodes.usedAt), lt(pairingCodes.expiresAt, now - 86_400_000)))
    .run();
  audit(db, { userId, action: "kiosk.pairingCode", target: String(counterId) });
  return { code, expiresAt };
}

export type PairResult =
  | { ok: true; apiKey: string; deviceId: number; counterCode: string; agencyCode: string; name: string }
  | { ok: false; reason: "invalidCode" | "expired" | "used" | "deviceTaken" };

/** Redeems a code: one key and one device row, or nothing at all. */
export function redeemPairingCode(
  db: Db,
  {
    secret,
    code: raw,
    deviceUuid,
    appVersion,
    now = Date.now(),
  }: { secret: string; code: string; deviceUuid: string; appVersion?: string; now?: number },
): PairResult {
  const code = normalizePairingCode(raw);
  if (!isPairingCode(code)) return { ok: false, reason: "invalidCode" };
  const hashed = codeHash(secret, code);
  return db.transaction(
    (): PairResult => {
      const row = db
        .select({
          counterId: pairingCodes.counterId,
          expiresAt: pairingCodes.expiresAt,
          usedAt: pairingCodes.usedAt,
          counterCode: counters.code,
          agencyId: counters.agencyId,
          agencyCode: agencies.code,
        })
        .from(pairingCodes)
        .innerJoin(counters, eq(counters.id, pairingCodes.counterId))
        .innerJoin(agencies, eq(agencies.id, counters.agencyId))
        .where(eq(pairingCodes.codeHash, hashed))
        .get();
      if (!row) return { ok: false, reason: "invalidCode" };
      if (row.usedAt !== null) return { ok: false, reason: "used" };
      if (row.expiresAt < now) return { ok: false, reason: "expired" };
      // A device UUID names one paired tablet: a tablet that is re-paired makes a new UUID.
      if (db.select({ id: devices.id }).from(devices).where(eq(devices.deviceUuid, deviceUuid)).get()) return { ok: false, reason: "deviceTaken" };
      const name = `Máy tại quầy ${row.counterCode}`;
      const key = createApiKey(db, { kind: "kiosk", name, agencyId: row.agencyId, counterId: row.counterId });
      const deviceId = db
        .insert(devices)
        .values({
          deviceUuid,
          kind: "kiosk",
          name,
          apiKeyId: key.id,
          counterId: row.counterId,
          createdAt: now,
          lastContactAt: now,
          appVersion: appVersion ?? null,
        })
        .returning({ id: devices.id })
        .get().id;
      db.update(pairingCodes).set({ usedAt: now, deviceId }).where(eq(pairingCodes.codeHash, hashed)).run();
      audit(db, { userId: null, action: "kiosk.paired", target: row.counterCode, details: { deviceId, keyPrefix: key.prefix } });
      return { ok: true, apiKey: key.key, deviceId, counterCode: row.counterCode, agencyCode: row.agencyCode, name };
    },
    { behavior: "immediate" },
  );
}

/** Revokes the kiosk's key at once; its pending ratings will be refused (they stay on the tablet). */
export function unpairDevice(db: Db, { deviceId, userId, now = Date.now() }: { deviceId: number; userId: number; now?: number }): boolean {
  return db.transaction(
    () => {
      const device = db
        .select({ apiKeyId: devices.apiKeyId, revokedAt: devices.revokedAt, uuid: devices.deviceUuid })
        .from(devices)
        .where(and(eq(devices.id, deviceId), eq(devices.kind, "kiosk")))
        .get();
      if (!device || device.revokedAt !== null) return false;
      revokeApiKey(db, device.apiKeyId);
      db.update(devices).set({ revokedAt: now }).where(eq(devices.id, deviceId)).run();
      audit(db, { userId, action: "kiosk.unpaired", target: String(deviceId), details: { deviceUuid: device.uuid } });
      return true;
    },
    { behavior: "immediate" },
  );
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
  return db
    .select({
      id: devices.id,
      name: devices.name,
      counterCode: counters.code,
      counterName: counters.name,
      agencyCode: agencies.code,
      agencyName: agencies.name,
      createdAt: devices.createdAt,
      revokedAt: devices.revokedAt,
      lastContactAt: sql<number>`max(coalesce(${devices.lastContactAt}, 0), coalesce(${apiKeys.lastUsedAt}, 0))`,
      appVersion: devices.appVersion,
      pendingCount: devices.pendingCount,
      attentionCount: devices.attentionCount,
      cooldownSeconds: devices.cooldownSeconds,
      dailyCap: devices.dailyCap,
    })
    .from(devices)
    .innerJoin(counters, eq(counters.id, devices.counterId))
    .innerJoin(agencies, eq(agencies.id, counters.agencyId))
    .innerJoin(apiKeys, eq(apiKeys.id, devices.apiKeyId))
    .where(and(eq(devices.kind, "kiosk"), includeRevoked ? undefined : isNull(devices.revokedAt)))
    .orderBy(isNotNull(devices.revokedAt), asc(agencies.name), asc(counters.code), desc(devices.id))
    .all()
    .map((row) => ({ ...row, lastContactAt: row.lastContactAt || null }));
}

/** Active counters a tablet may be paired with, by agency and code (the pairing form's list). */
export function pairableCounters(db: Db): { code: string; name: string; agencyName: string }[] {
  return listQrCounters(db)
    .filter((c) => c.active)
    .map(({ code, name, agencyName }) => ({ code, name, agencyName }));
}

/** The active counter `code` a pairing code may be made for, or null. */
export function pairableCounter(db: Db, code: string): { id: number; code: string; name: string } | null {
  const counter = findQrCounter(db, code);
  return counter?.active ? { id: counter.id, code: counter.code, name: counter.name } : null;
}

export function setKioskLimits(
  db: Db,
  { deviceId, cooldownSeconds, dailyCap, userId }: { deviceId: number; cooldownSeconds: number | null; dailyCap: number | null; userId: number },
): boolean {
  const changed =
    db
      .update(devices)
      .set({ cooldownSeconds, dailyCap })
      .where(and(eq(devices.id, deviceId), eq(devices.kind, "kiosk"), isNull(devices.revokedAt)))
      .run().changes === 1;
  if (changed) audit(db, { userId, action: "kiosk.limits", target: String(deviceId), details: { cooldownSeconds, dailyCap } });
  return changed;
}
