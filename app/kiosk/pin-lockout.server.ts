/**
 * Lockout per officer for the kiosk PIN (docs/decisions/0010-kiosk.md). The per-kiosk limit (10 tries per
 * 10 minutes) still allows ≈ 1 440 guesses a day, enough to find a 4-digit PIN in about a week; so after
 * PIN_MAX_FAILURES wrong PINs for one officer within PIN_WINDOW_MS, that officer's PIN sign-in is refused
 * for PIN_WINDOW_MS from the failure that started the lock. Failures and the lock live in `login_failures`
 * (keys `pin:officer:<id>` and `pin:lock:<id>`), so a restart does not reset them. Only a kiosk of a counter
 * where the officer serves can count a failure against them.
 */
import { and, count, eq, gt, isNotNull, isNull } from "drizzle-orm";

import { loginFailures } from "../../db/auth-schema";
import type { Db } from "../../db/client";
import { counterOfficers, officers } from "../../db/schema";
import { audit } from "~/auth/audit.server";

export const PIN_MAX_FAILURES = 5;
export const PIN_WINDOW_MS = 15 * 60_000;

const keyOf = (officerId: number) => `pin:officer:${officerId}`;
const lockKeyOf = (officerId: number) => `pin:lock:${officerId}`;

function countSince(db: Db, key: string, since: number): number {
  return (
    db
      .select({ n: count() })
      .from(loginFailures)
      .where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)))
      .get()?.n ?? 0
  );
}

/** Whether the officer's PIN sign-in is locked now. */
function pinLocked(db: Db, officerId: number, now: number): boolean {
  const since = now - PIN_WINDOW_MS;
  return countSince(db, lockKeyOf(officerId), since) > 0 || countSince(db, keyOf(officerId), since) >= PIN_MAX_FAILURES;
}

/** Does the officer serve at this counter, active and with a PIN: may this kiosk try a PIN for them at all? */
function servesAt(db: Db, officerId: number, counterId: number): boolean {
  const row = db
    .select({ id: officers.id })
    .from(officers)
    .innerJoin(counterOfficers, eq(counterOfficers.officerId, officers.id))
    .where(and(eq(officers.id, officerId), eq(counterOfficers.counterId, counterId), isNull(officers.disabledAt), isNotNull(officers.pinHash)))
    .get();
  return row !== undefined;
}

export type PinAttempt =
  /** The officer does not serve at the kiosk's counter (or has no PIN): nothing is counted. */
  | { kind: "notHere" }
  | { kind: "locked" }
  /** Counted as a failure already; `settle(ok)` once the PIN has been checked. */
  | { kind: "check"; settle: (ok: boolean) => void };

/**
 * Starts a PIN attempt by a kiosk at `counterId`. An officer who does not serve at that counter is refused
 * before anything is counted: otherwise any kiosk could lock any officer of any agency by sending five wrong
 * PINs with their id (issue 16, finding 9). Then the lock; then the attempt is recorded as a failure before
 * the (slow, asynchronous) scrypt check, so that many guesses sent at once cannot all pass the count.
 */
export function beginPinAttempt(
  db: Db,
  { officerId, counterId, deviceId, now = Date.now() }: { officerId: number; counterId: number; deviceId: number; now?: number },
): PinAttempt {
  if (!servesAt(db, officerId, counterId)) return { kind: "notHere" };
  if (pinLocked(db, officerId, now)) return { kind: "locked" };
  const record = (key: string) => db.insert(loginFailures).values({ key, at: now }).run();
  record(keyOf(officerId));
  const settle = (ok: boolean) => {
    if (ok) {
      // The right PIN: the officer starts again from zero.
      db.delete(loginFailures)
        .where(eq(loginFailures.key, keyOf(officerId)))
        .run();
      return;
    }
    // Exactly the failure that starts the lock is audited, once.
    if (countSince(db, keyOf(officerId), now - PIN_WINDOW_MS) === PIN_MAX_FAILURES) {
      record(lockKeyOf(officerId));
      audit(db, { userId: null, action: "kiosk.pinLocked", target: String(officerId), details: { deviceId, minutes: PIN_WINDOW_MS / 60_000 } });
    }
  };
  return { kind: "check", settle };
}
