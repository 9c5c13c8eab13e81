/**
 * What every /cong-khai response shares: the per-address rate limit of the public endpoints and the cache
 * policy. A published page changes only when an admin publishes or withdraws, so a shared cache (the
 * province's reverse proxy) may keep it a minute (`s-maxage`: a withdrawal leaves the proxy within a
 * minute), while browsers ask again each time (`max-age=0`): a citizen never sees a withdrawn period from
 * their own cache. The language comes from `?lng=` or the `lng` cookie, hence `Vary: Cookie`. No cookie is
 * ever set on these pages (root.tsx).
 */
import { hit } from "../security/rate-limit.server";

/** Page views one address may make per minute: generous, as a commune's phones share a carrier address. */
const PUBLIC_PAGES_PER_MINUTE = 120;

export const PUBLIC_CACHE = { "Cache-Control": "public, max-age=0, s-maxage=60", Vary: "Cookie" } as const;

/** null when the request may go on; otherwise the Retry-After seconds of a 429. */
export function publicRateLimit(clientAddress: string | undefined): number | null {
  const v = hit(`public:addr:${clientAddress ?? ""}`, { max: PUBLIC_PAGES_PER_MINUTE, windowMs: 60_000 });
  return v.ok ? null : v.retryAfterSeconds;
}
