/**
 * What a paired kiosk needs to work (and keeps, so that it still works after a reload without network):
 * its counter and agency, the officers who may be on duty, its limits and delays, and the survey
 * definition it renders and validates with. Read with the kiosk's own key; never on a public page.
 */
import type { Db } from "../../db/client";
import type { ApiPrincipal } from "~/auth/api-keys.server";
import type { Env } from "~/env.server";
import type { SurveyRegistry } from "~/survey/registry.server";

import { KIOSK_SURVEY } from "./codes";
import { effectiveLimits, type KioskLimits } from "./limits";
import type { KioskConfig } from "./types";

export type { KioskConfig };
import { counterOfficers } from "./officers.server";
import { counterFields } from "~/counters/lookup.server";

export type KioskDevice = { id: number; name: string; counterId: number; cooldownSeconds: number | null; dailyCap: number | null };

/** The live (not revoked) kiosk device of a key, or null. */
export function kioskDeviceOf(db: Db, principal: ApiPrincipal): KioskDevice | null {
  if (principal.kind !== "kiosk") return null;
  return (
    (db.$client
      .prepare(
        `select id, name, counter_id as counterId, cooldown_seconds as cooldownSeconds, daily_cap as dailyCap
           from devices where api_key_id = ? and kind = 'kiosk' and revoked_at is null`,
      )
      .get(principal.keyId) as KioskDevice | undefined) ?? null
  );
}

export function kioskLimits(env: Env, device: Pick<KioskDevice, "cooldownSeconds" | "dailyCap">): KioskLimits {
  return effectiveLimits(device, { cooldownSeconds: env.KIOSK_COOLDOWN_SECONDS, dailyCap: env.KIOSK_DAILY_CAP });
}

export function kioskConfig(
  { db, env, surveys }: { db: Db; env: Env; surveys: SurveyRegistry },
  device: KioskDevice,
  { appVersion, now = Date.now() }: { appVersion?: string | null; now?: number } = {},
): KioskConfig | null {
  const place = db.$client
    .prepare(
      `select c.code as counterCode, c.name as counterName, a.code as agencyCode, a.name as agencyName,
              (select case when count(*) = 1 then max(f.code) end from counter_fields cf join fields f on f.id = cf.field_id
                where cf.counter_id = c.id) as field
         from counters c join agencies a on a.id = c.agency_id where c.id = ?`,
    )
    .get(device.counterId) as { counterCode: string; counterName: string; agencyCode: string; agencyName: string; field: string | null } | undefined;
  const survey = surveys.get(KIOSK_SURVEY);
  if (!place || !survey) return null;
  const fields = counterFields(db, device.counterId);
  // Reading the configuration is a contact too: the admin screen shows it as "last contact".
  db.$client
    .prepare("update devices set last_contact_at = ?, app_version = coalesce(?, app_version) where id = ?")
    .run(now, appVersion ?? null, device.id);
  return {
    device: { id: device.id, name: device.name },
    counter: { code: place.counterCode, name: place.counterName, field: place.field, fields },
    agency: { code: place.agencyCode, name: place.agencyName },
    officers: counterOfficers(db, device.counterId),
    limits: kioskLimits(env, device),
    timing: { thanksSeconds: env.KIOSK_THANKS_SECONDS, idleSeconds: env.KIOSK_IDLE_SECONDS },
    survey: survey.def,
    serverTime: now,
  };
}
