/*
 * SIPAS service worker (scope "/"): keeps the offline apps — the surveyor's tablet app and the counter kiosk —
 * opening without a network. It never touches IndexedDB (the outbox lives there, owned by the pages) and never
 * caches /api/*, /quan-tri* or anything but GET.
 *
 * The build id comes from the registration URL (/sw.js?v=<build id>): each build gets its own cache
 * "sipas-shell-<build id>". Install fills the new cache completely (fresh pages and their assets, and whatever
 * the previous cache held so a page still open keeps its lazily-loaded files) before old caches are deleted
 * on activate. See docs/decisions/0009-offline-outbox.md.
 *
 * Recordings (/am-thanh/<sha256>) the tablet app keeps for offline interviews live in their own cache,
 * "sipas-voices", which the page fills and prunes (app/field/voices.ts); the worker only answers from it — with
 * the byte range the audio element asks for — and never deletes it (docs/decisions/0023).
 */
const VERSION = new URL(self.location.href).searchParams.get("v") || "dev";
const SHELL = `sipas-shell-${VERSION}`;
const PREFIX = "sipas-shell-";
/** Offline pages: network first, the cached copy when the network fails. */
const PAGES = ["/khao-sat-vien", "/kiosk"];
/** Small static files the pages use. */
const STATIC = ["/favicon.ico", "/manifest-khao-sat-vien.webmanifest", "/manifest-kiosk.webmanifest", "/icons/sipas.svg"];

const VOICES = "sipas-voices";

const sameOrigin = (url) => url.origin === self.location.origin;
const isAsset = (url) => url.pathname.startsWith("/assets/");
const isPage = (url) => PAGES.includes(url.pathname.replace(/\/+$/, "") || "/");
const isVoice = (url) => url.pathname.startsWith("/am-thanh/");
const forbidden = (url) => url.pathname.startsWith("/api/") || url.pathname.startsWith("/quan-tri");

/** Same-origin asset URLs a page refers to (its scripts, styles, preloads). */
function assetUrlsIn(html) {
  const found = new Set();
  for (const m of html.matchAll(/["'(](\/assets\/[^"'()\s]+)/g)) found.add(m[1]);
  return [...found];
}

// A request that never answers (a stalled link, a proxy holding the connection) must not keep the worker
// installing forever: the page would never become available offline. Give up on it; the next install retries.
const FETCH_TIMEOUT_MS = 20_000;

async function cacheFresh(cache, path) {
  const response = await fetch(path, {
    credentials: "include",
    cache: "no-store",
    redirect: "follow",
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (!response.ok || response.redirected) return null;
  await cache.put(path, response.clone());
  return response;
}

async function install() {
  const cache = await caches.open(SHELL);
  // Carry the previous caches forward first: nothing that worked offline stops working because this
  // install ran while the network was down, or because a page of the old build is still open.
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === SHELL) continue;
    const old = await caches.open(name);
    for (const request of await old.keys()) {
      const response = await old.match(request);
      if (response) await cache.put(request, response);
    }
  }
  await Promise.allSettled(STATIC.map((path) => cacheFresh(cache, path)));
  await Promise.allSettled(
    PAGES.map(async (path) => {
      const response = await cacheFresh(cache, path);
      if (!response) return;
      const html = await response.text();
      await Promise.allSettled(assetUrlsIn(html).map((asset) => cacheFresh(cache, asset)));
    }),
  );
}

self.addEventListener("install", (event) => {
  event.waitUntil(install().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // The new cache is complete (install finished): only now may the old ones go.
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== SHELL) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

/**
 * A page tells the worker which files it loaded (lazy route chunks the HTML does not name). When it sends a
 * MessagePort, the worker answers once they are cached: `ready` is true when the page itself and every asset it
 * named can be served from the cache — the page shows "ready to work offline" only then.
 */
self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "cache-urls" || !Array.isArray(data.urls)) return;
  const port = event.ports && event.ports[0];
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      const wanted = [];
      for (const raw of data.urls.slice(0, 200)) {
        let url;
        try {
          url = new URL(raw, self.location.origin);
        } catch {
          continue;
        }
        if (!sameOrigin(url) || forbidden(url) || !(isAsset(url) || STATIC.includes(url.pathname))) continue;
        wanted.push(url.pathname);
        if (await cache.match(url.pathname)) continue;
        await cacheFresh(cache, url.pathname).catch(() => null);
      }
      if (!port) return;
      let missing = 0;
      const page = typeof data.page === "string" ? new URL(data.page, self.location.origin) : null;
      if (page && isPage(page) && !(await caches.match(page.pathname))) missing += 1;
      for (const path of wanted) if (!(await caches.match(path))) missing += 1;
      port.postMessage({ type: "cached", ready: missing === 0, missing });
    })(),
  );
});

async function networkFirstPage(request, url) {
  const cache = await caches.open(SHELL);
  try {
    const response = await fetch(request);
    // Only a real page is kept: a redirect to sign-in or an error page must not replace the working copy.
    if (response.ok && response.type === "basic" && !response.redirected) await cache.put(url.pathname, response.clone());
    return response;
  } catch (error) {
    const cached = (await cache.match(url.pathname)) || (await caches.match(url.pathname));
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request, url) {
  const cached = (await caches.match(url.pathname)) || (await caches.match(request));
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    const cache = await caches.open(SHELL);
    await cache.put(url.pathname, response.clone());
  }
  return response;
}

async function networkFirstStatic(request, url) {
  try {
    const response = await fetch(request);
    if (response.ok) await (await caches.open(SHELL)).put(url.pathname, response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(url.pathname);
    if (cached) return cached;
    throw error;
  }
}

/**
 * A kept recording, else the network. Its address names its content (a hash), so the kept copy is always right.
 * An audio element asks for byte ranges: one range is answered 206 from the copy (416 past its end).
 */
async function keptVoice(request, url) {
  const kept = await (await caches.open(VOICES)).match(url.pathname);
  if (!kept) return fetch(request);
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get("range") || "");
  if (!range || (range[1] === "" && range[2] === "")) return kept;
  const body = await kept.blob();
  const size = body.size;
  const start = range[1] === "" ? Math.max(0, size - Number(range[2])) : Number(range[1]);
  const end = range[1] === "" || range[2] === "" ? size - 1 : Math.min(size - 1, Number(range[2]));
  if (start >= size || start > end) return new Response(null, { status: 416, headers: { "Content-Range": `bytes */${size}` } });
  return new Response(body.slice(start, end + 1), {
    status: 206,
    headers: {
      "Content-Type": kept.headers.get("content-type") || body.type,
      "Content-Range": `bytes ${start}-${end}/${size}`,
      "Content-Length": String(end - start + 1),
      "Accept-Ranges": "bytes",
    },
  });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (!sameOrigin(url) || forbidden(url)) return;
  if (request.mode === "navigate" && isPage(url)) {
    event.respondWith(networkFirstPage(request, url));
  } else if (isAsset(url)) {
    event.respondWith(cacheFirst(request, url));
  } else if (STATIC.includes(url.pathname)) {
    event.respondWith(networkFirstStatic(request, url));
  } else if (isVoice(url)) {
    event.respondWith(keptVoice(request, url));
  }
});
