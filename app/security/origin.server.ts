/**
 * One origin check for every page that takes a POST, made by scripts/server.mjs before Remix sees the request
 * (docs/decisions/0015-hardening-round-two.md). Remix refuses an action whose `Origin` is not this host, but
 * by throwing: a 500 for a cross-site form, for `Origin: null` (a sandboxed frame, some privacy settings) and
 * for an `Origin` it cannot parse. Here the same requests get a 403 page in Vietnamese, and the rule is at
 * least as strict as Remix's, so Remix's own check can no longer fail.
 *
 * The comparison is with the `Host` header, exactly as the browser wrote it: behind nginx that is the
 * public name only if the proxy passes `Host $host` (docs/operations.md). `X-Forwarded-Host` is never
 * trusted; the server removes it before the check and before Remix builds the request's URL.
 */
import { fixedT } from "~/i18n/i18n";
import { localeOfCookie } from "~/i18n/locale.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type OriginRequest = { method: string; path: string; origin: string | undefined; host: string | undefined; cookie: string | undefined };

/**
 * Is this a changing request from a page of another origin? Requests without `Origin` pass (a browser
 * always sends it on a cross-origin POST; scripts and tablets are checked by their API key), and so does
 * the JSON API under /api/, which authenticates by key, never by cookie.
 */
export function isForeignOrigin({ method, path, origin, host }: OriginRequest): boolean {
  if (SAFE_METHODS.has(method.toUpperCase()) || path.startsWith("/api/") || origin === undefined) return false;
  if (!host || !URL.canParse(origin)) return true; // "null", "", garbage: not this site
  return new URL(origin).host !== host;
}

/**
 * Is `Host` a host name (with an optional port) and nothing else? The Remix adapter builds the request's URL
 * from it: a space made that a 500, and "a/b" would move the path. A request without one (HTTP/1.0) passes.
 */
export function isUsableHost(host: string | undefined): boolean {
  if (host === undefined) return true;
  if (!URL.canParse(`http://${host}/`)) return false;
  const url = new URL(`http://${host}/`);
  return url.pathname === "/" && !url.username && !url.password && !url.search && !url.hash;
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot" }[c]};`);

export type Refusal = { status: 400 | 403; headers: Record<string, string>; body: string };

/**
 * What scripts/server.mjs asks of every request before Remix: null to go on, or the answer to send — a 400
 * for an unusable `Host`, a 403 page for a changing request from another origin — in the reader's language
 * (Vietnamese unless they chose English).
 */
export function frontDoorRefusal(request: OriginRequest): Refusal | null {
  const locale = localeOfCookie(request.cookie ?? "");
  const t = fixedT(locale);
  if (!isUsableHost(request.host))
    return { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }, body: t("serverError.badHost") };
  if (!isForeignOrigin(request)) return null;
  const title = escapeHtml(t("serverError.foreignOriginTitle"));
  const body = escapeHtml(t("serverError.foreignOriginBody"));
  const home = escapeHtml(t("notFound.home"));
  return {
    status: 403,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    },
    body: `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem"><h1>${title}</h1><p>${body}</p><p><a href="/">${home}</a></p></body></html>`,
  };
}
