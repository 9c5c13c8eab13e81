/**
 * CSRF protection for every form that changes something: the root loader gives each browser a random
 * `sipas_csrf` cookie; forms carry HMAC(secret, cookie) in a hidden `csrf` field and actions recompute
 * it. A cross-site form cannot read the cookie, so it cannot make the token.
 */
import crypto from "node:crypto";

import { services } from "~/services.server";

import { isSecure, readCookie, safeEqual } from "./session.server";

export const CSRF_COOKIE = "sipas_csrf";
export const CSRF_FIELD = "csrf";

const tokenOf = (value: string) => crypto.createHmac("sha256", services().secret).update(`csrf:${value}`).digest("base64url");

export function csrfToken(request: Request): string | null {
  const value = readCookie(request, CSRF_COOKIE);
  return value ? tokenOf(value) : null;
}

/**
 * The token for the page being rendered, and the cookie to set when the browser has none yet (first
 * visit): the same request can then render a working form. A session cookie: nothing persists.
 */
export function csrfForPage(request: Request): { token: string; setCookie: string | null } {
  const existing = readCookie(request, CSRF_COOKIE);
  if (existing) return { token: tokenOf(existing), setCookie: null };
  const value = crypto.randomBytes(18).toString("base64url");
  const secure = isSecure(request) ? "; Secure" : "";
  return { token: tokenOf(value), setCookie: `${CSRF_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax${secure}` };
}

export function requireCsrf(request: Request, form: FormData): void {
  const expected = csrfToken(request);
  const sent = form.get(CSRF_FIELD);
  const ok = expected !== null && typeof sent === "string" && safeEqual(sent, expected);
  if (!ok) throw new Response("Biểu mẫu đã hết hạn hoặc không hợp lệ. Xin tải lại trang và thử lại.", { status: 403 });
}
