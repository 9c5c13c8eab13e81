/**
 * CSRF protection for every form that changes something: the server (scripts/server.mjs) gives each
 * browser a random `sipas_csrf` cookie; forms carry HMAC(secret, cookie) in a hidden `csrf` field and
 * actions recompute it. A cross-site form cannot read the cookie, so it cannot make the token.
 */
import crypto from "node:crypto";

import { services } from "~/services.server";

import { readCookie, safeEqual } from "./session.server";

export const CSRF_COOKIE = "sipas_csrf";
export const CSRF_FIELD = "csrf";

export function csrfToken(request: Request): string | null {
  const value = readCookie(request, CSRF_COOKIE);
  if (!value) return null;
  return crypto.createHmac("sha256", services().secret).update(`csrf:${value}`).digest("base64url");
}

export function requireCsrf(request: Request, form: FormData): void {
  const expected = csrfToken(request);
  const sent = form.get(CSRF_FIELD);
  const ok = expected !== null && typeof sent === "string" && safeEqual(sent, expected);
  if (!ok) throw new Response("Biểu mẫu đã hết hạn hoặc không hợp lệ. Xin tải lại trang và thử lại.", { status: 403 });
}
