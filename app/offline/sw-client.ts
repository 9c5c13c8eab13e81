/**
 * Registers the service worker (public/sw.js) for an offline page and tells it which files the page loaded,
 * so a reload without network finds them all. Browser-only. The build id versions the worker's cache.
 */
declare global {
  interface Window {
    __remixManifest?: { version?: string };
  }
}

/**
 * Whether this page would open again without a network: "ready" once the worker is active and holds the page
 * and every file it loaded; "notReady" when something is missing or the worker did not answer in time;
 * "unsupported" without service workers (old browser, some private modes) — the page still works online.
 */
export type OfflineReadiness = "ready" | "notReady" | "unsupported";

const ANSWER_TIMEOUT_MS = 60_000;

export async function registerServiceWorker(): Promise<OfflineReadiness> {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return "unsupported";
  const version = window.__remixManifest?.version ?? "dev";
  try {
    // Offline, registering the same script again resolves with the existing registration; a failed update
    // check must not hide a worker that is already active.
    await navigator.serviceWorker.register(`/sw.js?v=${encodeURIComponent(version)}`, { scope: "/" }).catch(async (error: unknown) => {
      if (!(await navigator.serviceWorker.getRegistration("/"))?.active) throw error;
    });
    // Resolves once a worker is active for this scope: from then on a navigation here goes through it.
    const ready = await navigator.serviceWorker.ready;
    const urls = [
      ...performance.getEntriesByType("resource").map((e) => e.name),
      ...Array.from(document.querySelectorAll<HTMLLinkElement | HTMLScriptElement>("link[href], script[src]")).map((el) =>
        "href" in el ? el.href : el.src,
      ),
    ].filter((u) => u.startsWith(location.origin));
    if (!ready.active) return "notReady";
    const answer = await ask(ready.active, { type: "cache-urls", urls, page: location.pathname });
    return answer?.ready ? "ready" : "notReady";
  } catch {
    // The browser has service workers but the registration failed (no network on a first visit, a blocked
    // script): not ready yet, which a reload online can mend — not "unsupported".
    return "notReady";
  }
}

/** One message to the worker with a reply port; null when it does not answer within the time limit. */
function ask(worker: ServiceWorker, message: unknown): Promise<{ ready?: boolean } | null> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => {
      channel.port1.close();
      resolve(null);
    }, ANSWER_TIMEOUT_MS);
    channel.port1.onmessage = (event: MessageEvent<{ ready?: boolean }>) => {
      clearTimeout(timer);
      channel.port1.close();
      resolve(event.data ?? null);
    };
    worker.postMessage(message, [channel.port2]);
  });
}

/** Asks the browser not to evict this origin's storage (the outbox) under storage pressure. */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    if (!navigator.storage?.persist) return false;
    return (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch {
    return false;
  }
}
