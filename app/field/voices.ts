/**
 * The recordings a tablet keeps for offline interviews (docs/decisions/0023): every recording, in every
 * language, of the questions and options of the surveys it is assigned, in Cache Storage (`sipas-voices`).
 * They are fetched while online (the app's start, «Gửi ngay») and deleted as soon as no assignment refers to them,
 * so the storage holds only what the surveyor can still use. The service worker answers the play controls'
 * requests from this cache, byte ranges included (public/sw.js), so the same `<audio>` as on the QR page plays
 * offline. Browser-only but for `voiceUrlsFor`, which is pure.
 */
import type { TabletLanguages } from "~/languages/device";

export const VOICE_CACHE = "sipas-voices";

/** The address of every recording of these surveys' texts, in every language, once each. */
export function voiceUrlsFor(voices: TabletLanguages["voices"], surveys: Iterable<string>): string[] {
  const prefixes = [...new Set(surveys)].map((s) => `${s}:`);
  const urls = new Set<string>();
  for (const byKey of Object.values(voices)) {
    for (const [key, url] of Object.entries(byKey)) if (prefixes.some((p) => key.startsWith(p))) urls.add(url);
  }
  return [...urls].sort();
}

/** What the cache holds after a run: recordings kept, their bytes, those removed and those that failed to arrive. */
export type VoiceCacheReport = { kept: number; bytes: number; removed: number; failed: number };

let running: Promise<unknown> = Promise.resolve();

/** Brings the cache to exactly `urls` (the missing are fetched, the others deleted); null without Cache Storage. */
export function keepVoices(urls: readonly string[]): Promise<VoiceCacheReport | null> {
  // One run at a time: a run started from the app's start and one from «Gửi ngay» would fetch twice.
  const next = running.then(() => keepVoicesNow(urls));
  running = next.catch(() => undefined);
  return next;
}

async function keepVoicesNow(urls: readonly string[]): Promise<VoiceCacheReport | null> {
  if (typeof caches === "undefined") return null;
  const cache = await caches.open(VOICE_CACHE);
  const wanted = new Set(urls.map((u) => new URL(u, location.origin).href));
  let failed = 0;
  for (const url of wanted) {
    if (await cache.match(url)) continue;
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      // Only a whole recording: a part (206) would play cut short. An address never changes meaning (its hash).
      if (response.status === 200) await cache.put(url, response);
      else failed += 1;
    } catch {
      failed += 1;
    }
  }
  let kept = 0;
  let bytes = 0;
  let removed = 0;
  for (const request of await cache.keys()) {
    if (!wanted.has(request.url)) {
      await cache.delete(request);
      removed += 1;
      continue;
    }
    kept += 1;
    const response = await cache.match(request);
    bytes += Number(response?.headers.get("content-length") ?? 0) || ((await response?.blob())?.size ?? 0);
  }
  return { kept, bytes, removed, failed };
}
