/**
 * The kiosk's abuse controls as pure functions (docs/decisions/0010-kiosk.md): a cool-down between
 * two ratings on one tablet and a cap per Vietnam day. The tablet applies both before a citizen starts;
 * the server re-checks the cap per kiosk key (a tampered tablet cannot flood a counter's figures).
 */
import { vietnamDay } from "~/method/period";

export type KioskLimits = { cooldownSeconds: number; dailyCap: number | null };

export type LimitVerdict = { ok: true } | { ok: false; reason: "cooldown"; waitSeconds: number } | { ok: false; reason: "dailyCap"; cap: number };

/**
 * `ratedAt`: when this tablet made its ratings (ms), any order; only today's count and the latest matter.
 * A clock set backwards (latest in the future) is not a reason to lock the counter: the wait is capped.
 */
export function checkLimits(limits: KioskLimits, ratedAt: readonly number[], now: number): LimitVerdict {
  const today = vietnamDay(now);
  if (limits.dailyCap !== null && limits.dailyCap > 0) {
    const countToday = ratedAt.filter((t) => vietnamDay(t) === today).length;
    if (countToday >= limits.dailyCap) return { ok: false, reason: "dailyCap", cap: limits.dailyCap };
  }
  const latest = ratedAt.length ? Math.max(...ratedAt) : null;
  if (latest !== null && limits.cooldownSeconds > 0) {
    const elapsed = Math.max(0, now - latest);
    const wait = limits.cooldownSeconds * 1000 - elapsed;
    if (wait > 0) return { ok: false, reason: "cooldown", waitSeconds: Math.ceil(wait / 1000) };
  }
  return { ok: true };
}

/** The limits in force: the kiosk's own setting, else the province default; a cap of 0 means none. */
export function effectiveLimits(
  own: { cooldownSeconds: number | null; dailyCap: number | null },
  defaults: { cooldownSeconds: number; dailyCap: number },
): KioskLimits {
  const cap = own.dailyCap ?? defaults.dailyCap;
  return { cooldownSeconds: own.cooldownSeconds ?? defaults.cooldownSeconds, dailyCap: cap > 0 ? cap : null };
}
