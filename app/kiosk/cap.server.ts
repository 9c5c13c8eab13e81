/**
 * The server's half of the kiosk limits (docs/decisions/0010-kiosk.md): the daily cap, counted per
 * kiosk key per Vietnam day of the rating, and RECEIVED_DAYS × the cap per Vietnam day the server received it
 * (the rating's date is the device's word: back-dated ratings could otherwise fill every past day). The cool-down is the tablet's alone: kiosk times are stored to
 * the hour (privacy.ts) and ratings made offline arrive together, so the server cannot tell their spacing.
 */
import { and, count, eq, gte, lt, sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { perConnection } from "../../db/prepared";
import { responses } from "../../db/schema";
import type { ApiPrincipal } from "~/auth/api-keys.server";
import type { Env } from "~/env.server";
import { vietnamDay } from "~/method/period";

import { kioskDeviceOf, kioskLimits } from "./config.server";

/**
 * How many days' worth of ratings a kiosk may deliver on one day: today's plus a backlog of two days offline
 * (a weekend). A longer backlog is refused item by item ("needs attention" on the tablet, sent again the next
 * day by staff), never lost.
 */
export const RECEIVED_DAYS = 3;

/** The first instant (ms) of the Vietnam day (UTC+07:00, no daylight saving) holding `instant`. */
function vietnamDayStart(instant: number): number {
  return Date.parse(`${vietnamDay(instant)}T00:00:00+07:00`);
}

/** Run for every rating a kiosk sends (up to 500 a request): prepared once per connection (db/prepared.ts). */
const capStatements = perConnection((db) => ({
  stored: db
    .select({ id: responses.id })
    .from(responses)
    .where(eq(responses.uuid, sql.placeholder("uuid")))
    .prepare(),
  ofDay: db
    .select({ n: count() })
    .from(responses)
    .where(and(eq(responses.apiKeyId, sql.placeholder("keyId")), eq(responses.dayVn, sql.placeholder("day"))))
    .prepare(),
  receivedBetween: db
    .select({ n: count() })
    .from(responses)
    .where(
      and(
        eq(responses.apiKeyId, sql.placeholder("keyId")),
        gte(responses.receivedAt, sql.placeholder("from")),
        lt(responses.receivedAt, sql.placeholder("to")),
      ),
    )
    .prepare(),
}));

/** A Vietnamese reason when this item would exceed the kiosk's cap, else null. A replay is never refused. */
export function kioskCapProblem(db: Db, env: Env, principal: ApiPrincipal, item: unknown, now = Date.now()): string | null {
  if (principal.kind !== "kiosk") return null;
  const body = (item ?? {}) as { id?: unknown; submittedAt?: unknown };
  if (typeof body.id !== "string" || typeof body.submittedAt !== "string") return null;
  // Replays of a stored rating are answered as duplicates by the write path, whatever the count.
  const statements = capStatements(db);
  if (statements.stored.get({ uuid: body.id.toLowerCase() })) return null;
  const instant = Date.parse(body.submittedAt);
  if (Number.isNaN(instant)) return null;
  const device = kioskDeviceOf(db, principal);
  if (!device) return null;
  const { dailyCap } = kioskLimits(env, device);
  if (dailyCap === null) return null;
  const day = vietnamDay(instant);
  const n = statements.ofDay.get({ keyId: principal.keyId, day })?.n ?? 0;
  if (n >= dailyCap) return `Máy tại quầy đã nhận đủ ${dailyCap} đánh giá trong ngày ${day}; đánh giá này không được ghi nhận.`;
  // received_at is stored to the hour for kiosks (privacy.ts); Vietnam days start on a whole UTC hour.
  const start = vietnamDayStart(now);
  const received = statements.receivedBetween.get({ keyId: principal.keyId, from: start, to: start + 86_400_000 })?.n ?? 0;
  const perDay = dailyCap * RECEIVED_DAYS;
  return received >= perDay
    ? `Máy tại quầy đã gửi đủ ${perDay} đánh giá trong hôm nay (${vietnamDay(now)}); đánh giá này chưa được ghi nhận, xin gửi lại vào ngày mai.`
    : null;
}
