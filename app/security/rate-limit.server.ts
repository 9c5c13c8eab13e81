/**
 * Fixed-window rate limits for the public endpoints, kept in memory: the platform runs as one process
 * per province, so a shared store would add a moving part for nothing. Limits are settings (env).
 * Two ways to count: `hit` counts every attempt (sign-in, pairing: each try is what is limited); `check` and
 * `record` count only what succeeded (ratings: junk posts must not use up the window of the honest people
 * who share a counter or a carrier address).
 */
export type Limit = { max: number; windowMs: number };
export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

const windows = new Map<string, { count: number; resetAt: number }>();
let lastSweep = 0;

function windowOf(key: string, limit: Limit, now: number) {
  if (now - lastSweep > 60_000) {
    // Forget finished windows so that the map stays as small as the set of recent clients.
    for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
    lastSweep = now;
  }
  let w = windows.get(key);
  if (!w || w.resetAt <= now) {
    w = { count: 0, resetAt: now + limit.windowMs };
    windows.set(key, w);
  }
  return w;
}

const verdictOf = (w: { count: number; resetAt: number }, max: number, now: number): Verdict =>
  w.count <= max ? { ok: true } : { ok: false, retryAfterSeconds: Math.ceil((w.resetAt - now) / 1000) };

export function hit(key: string, limit: Limit, now = Date.now()): Verdict {
  const w = windowOf(key, limit, now);
  w.count++;
  return verdictOf(w, limit.max, now);
}

/** All keys must pass; every key is counted, so a refused attempt still uses up the window. */
export function hitAll(checks: [string, Limit][], now = Date.now()): Verdict {
  let verdict: Verdict = { ok: true };
  for (const [key, limit] of checks) {
    const v = hit(key, limit, now);
    if (!v.ok && (verdict.ok || v.retryAfterSeconds > verdict.retryAfterSeconds)) verdict = v;
  }
  return verdict;
}

/** Would one more success pass every key? Counts nothing. */
export function checkAll(checks: [string, Limit][], now = Date.now()): Verdict {
  let verdict: Verdict = { ok: true };
  for (const [key, limit] of checks) {
    const w = windowOf(key, limit, now);
    const v = verdictOf({ count: w.count + 1, resetAt: w.resetAt }, limit.max, now);
    if (!v.ok && (verdict.ok || v.retryAfterSeconds > verdict.retryAfterSeconds)) verdict = v;
  }
  return verdict;
}

/** Counts one success under every key. */
export function recordAll(checks: [string, Limit][], now = Date.now()): void {
  for (const [key, limit] of checks) windowOf(key, limit, now).count++;
}

export function resetRateLimits(): void {
  windows.clear();
}
