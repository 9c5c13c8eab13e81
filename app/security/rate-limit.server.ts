/**
 * Fixed-window rate limits for the public endpoints, kept in memory: the platform runs as one process
 * per province, so a shared store would add a moving part for nothing. Limits are settings (env).
 */
export type Limit = { max: number; windowMs: number };
export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

const windows = new Map<string, { count: number; resetAt: number }>();
let lastSweep = 0;

export function hit(key: string, limit: Limit, now = Date.now()): Verdict {
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
  w.count++;
  return w.count <= limit.max ? { ok: true } : { ok: false, retryAfterSeconds: Math.ceil((w.resetAt - now) / 1000) };
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

export function resetRateLimits(): void {
  windows.clear();
}
