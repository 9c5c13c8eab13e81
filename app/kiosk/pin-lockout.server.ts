/**
 * Lockout per officer for the kiosk PIN (docs/decisions/0010-kiosk.md). The per-kiosk limit (10 tries per
 * 10 minutes) still allows ≈ 1 440 guesses a day, enough to find a 4-digit PIN in about a week; so after
 * PIN_MAX_FAILURES wrong PINs for one officer within PIN_WINDOW_MS, that officer's PIN sign-in is refused
 * for PIN_WINDOW_MS from the failure that started the lock. Failures and the lock live in `login_failures`
 * (keys `pin:officer:<id>` and `pin:lock:<id>`), so a restart does not reset them.
 */
import type { Db } from "../../db/client";
import { audit } from "~/auth/audit.server";

export const PIN_MAX_FAILURES = 5;
export const PIN_WINDOW_MS = 15 * 60_000;

const keyOf = (officerId: number) => `pin:officer:${officerId}`;
const lockKeyOf = (officerId: number) => `pin:lock:${officerId}`;

function countSince(db: Db, key: string, since: number): number {
  return (db.$client.prepare("select count(*) as n from login_failures where key = ? and at > ?").get(key, since) as { n: number }).n;
}

/** Whether the officer's PIN sign-in is locked now. */
export function pinLocked(db: Db, officerId: number, now = Date.now()): boolean {
  const since = now - PIN_WINDOW_MS;
  return countSince(db, lockKeyOf(officerId), since) > 0 || countSince(db, keyOf(officerId), since) >= PIN_MAX_FAILURES;
}

/**
 * Records an attempt as a failure before the (slow, asynchronous) scrypt check, so that many guesses sent at
 * once cannot all pass the count; returns a function that settles it once the PIN has been checked.
 */
export function recordPinAttempt(db: Db, { officerId, deviceId, now = Date.now() }: { officerId: number; deviceId: number; now?: number }) {
  const insert = db.$client.prepare("insert into login_failures (key, at) values (?, ?)");
  insert.run(keyOf(officerId), now);
  return (ok: boolean) => {
    if (ok) {
      // The right PIN: the officer starts again from zero.
      db.$client.prepare("delete from login_failures where key = ?").run(keyOf(officerId));
      return;
    }
    // Exactly the failure that starts the lock is audited, once.
    if (countSince(db, keyOf(officerId), now - PIN_WINDOW_MS) === PIN_MAX_FAILURES) {
      insert.run(lockKeyOf(officerId), now);
      audit(db, { userId: null, action: "kiosk.pinLocked", target: String(officerId), details: { deviceId, minutes: PIN_WINDOW_MS / 60_000 } });
    }
  };
}
