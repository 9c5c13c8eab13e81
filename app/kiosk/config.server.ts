/**
 * What a paired kiosk needs to work (and keeps, so that it still works after a reload without network):
 * its counter and agency, the officers who may be on duty, its limits and delays, and the survey
 * definition it renders and validates with. Read with the kiosk's own key; never on a public page.
 */
import { and, eq, isNull, sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { devices } from "../../db/field-schema";
import { perConnection } from "../../db/prepared";
import { agencies, counters } from "../../db/schema";
import type { ApiPrincipal } from "~/auth/api-keys.server";
import type { Env } from "~/env.server";
import type { SurveyRegistry } from "~/survey/registry.server";

import { KIOSK_SURVEY } from "./codes";
import { effectiveLimits, type KioskLimits } from "./limits";
import type { KioskConfig } from "./types";

export type { KioskConfig };
import { counterOfficers } from "./officers.server";
import { counterFields } from "~/counters/lookup.server";
import { deviceLanguages } from "~/languages/pack.server";

export type KioskDevice = { id: number; name: string; counterId: number; cooldownSeconds: number | null; dailyCap: number | null };

/** Read for every rating a kiosk sends (its cap): prepared once per connection (db/prepared.ts). */
const deviceOfKey = perConnection((db) =>
  db
    .select({
      id: devices.id,
      name: devices.name,
      counterId: devices.counterId,
      cooldownSeconds: devices.cooldownSeconds,
      dailyCap: devices.dailyCap,
    })
    .from(devices)
    .where(and(eq(devices.apiKeyId, sql.placeholder("keyId")), eq(devices.kind, "kiosk"), isNull(devices.revokedAt)))
    .prepare(),
);

/** The live (not revoked) kiosk device of a key, or null. */
export function kioskDeviceOf(db: Db, principal: ApiPrincipal): KioskDevice | null {
  if (principal.kind !== "kiosk") return null;
  const row = deviceOfKey(db).get({ keyId: principal.keyId });
  // A kiosk device is always paired with a counter (redeemPairingCode); the column is nullable for tablets.
  return row && row.counterId !== null ? { ...row, counterId: row.counterId } : null;
}

export function kioskLimits(env: Env, device: Pick<KioskDevice, "cooldownSeconds" | "dailyCap">): KioskLimits {
  return effectiveLimits(device, { cooldownSeconds: env.KIOSK_COOLDOWN_SECONDS, dailyCap: env.KIOSK_DAILY_CAP });
}

export function kioskConfig(
  { db, env, surveys }: { db: Db; env: Env; surveys: SurveyRegistry },
  device: KioskDevice,
  { appVersion, now = Date.now() }: { appVersion?: string | null; now?: number } = {},
): KioskConfig | null {
  const place = db
    .select({ counterCode: counters.code, counterName: counters.name, agencyCode: agencies.code, agencyName: agencies.name })
    .from(counters)
    .innerJoin(agencies, eq(agencies.id, counters.agencyId))
    .where(eq(counters.id, device.counterId))
    .get();
  const survey = surveys.get(KIOSK_SURVEY);
  if (!place || !survey) return null;
  const fields = counterFields(db, device.counterId);
  // Reading the configuration is a contact too: the admin screen shows it as "last contact".
  db.update(devices)
    .set({ lastContactAt: now, ...(appVersion != null ? { appVersion } : {}) })
    .where(eq(devices.id, device.id))
    .run();
  return {
    device: { id: device.id, name: device.name },
    // A counter serving one field names it: the kiosk then never asks for the field.
    counter: { code: place.counterCode, name: place.counterName, field: fields.length === 1 ? fields[0]!.code : null, fields },
    agency: { code: place.agencyCode, name: place.agencyName },
    officers: counterOfficers(db, device.counterId),
    limits: kioskLimits(env, device),
    timing: { thanksSeconds: env.KIOSK_THANKS_SECONDS, idleSeconds: env.KIOSK_IDLE_SECONDS },
    survey: survey.def,
    serverTime: now,
    ...deviceLanguages(db, [survey.def]),
  };
}
