/**
 * The server's half of the kiosk limits (docs/decisions/0010-kiosk.md): the daily cap, counted per
 * kiosk key per Vietnam day of the rating. The cool-down is the tablet's alone: kiosk times are stored to
 * the hour (privacy.ts) and ratings made offline arrive together, so the server cannot tell their spacing.
 */
import type { Db } from "../../db/client";
import type { ApiPrincipal } from "~/auth/api-keys.server";
import type { Env } from "~/env.server";
import { vietnamDay } from "~/method/period";

import { kioskDeviceOf, kioskLimits } from "./config.server";

/** A Vietnamese reason when this item would exceed the kiosk's cap, else null. A replay is never refused. */
export function kioskCapProblem(db: Db, env: Env, principal: ApiPrincipal, item: unknown): string | null {
  if (principal.kind !== "kiosk") return null;
  const body = (item ?? {}) as { id?: unknown; submittedAt?: unknown };
  if (typeof body.id !== "string" || typeof body.submittedAt !== "string") return null;
  // Replays of a stored rating are answered as duplicates by the write path, whatever the count.
  if (db.$client.prepare("select 1 from responses where uuid = ?").get(body.id.toLowerCase())) return null;
  const instant = Date.parse(body.submittedAt);
  if (Number.isNaN(instant)) return null;
  const device = kioskDeviceOf(db, principal);
  if (!device) return null;
  const { dailyCap } = kioskLimits(env, device);
  if (dailyCap === null) return null;
  const day = vietnamDay(instant);
  const { n } = db.$client
    .prepare("select count(*) as n from responses where api_key_id = ? and day_vn = ?")
    .get(principal.keyId, day) as { n: number };
  return n >= dailyCap ? `Máy tại quầy đã nhận đủ ${dailyCap} đánh giá trong ngày ${day}; đánh giá này không được ghi nhận.` : null;
}
