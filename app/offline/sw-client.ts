/**
 * Registers the service worker (public/sw.js) for an offline page and tells it which files the page loaded,
 * so a reload without network finds them all. Browser-only. The build id versions the worker's cache.
 */
declare global {
  interface Window {
    __remixManifest?: { version?: string };
  }
}

export async function registerServiceWorker(): Promise<ServiceWorkerRegistration | null> {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return null;
  const version = window.__remixManifest?.version ?? "dev";
  try {
    const registration = await navigator.serviceWorker.register(`/sw.js?v=${encodeURIComponent(version)}`, { scope: "/" });
    const ready = await navigator.serviceWorker.ready;
    const urls = [
      ...performance.getEntriesByType("resource").map((e) => e.name),
      ...Array.from(document.querySelectorAll<HTMLLinkElement | HTMLScriptElement>("link[href], script[src]")).map((el) =>
        "href" in el ? el.href : el.src,
      ),
    ].filter((u) => u.startsWith(location.origin));
    ready.active?.postMessage({ type: "cache-urls", urls });
    return registration;
  } catch {
    // No worker (private mode, old browser): the page still works online and the outbox is unaffected.
    return null;
  }
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
