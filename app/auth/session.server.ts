/**
 * Sessions for Sở Nội vụ staff and agency heads: a random id in an HttpOnly, SameSite=Lax cookie
 * (Secure behind HTTPS), signed with the server secret, stored only as its sha256 with an expiry.
 * `requireUser` is what every admin loader and action calls: the scope is enforced on the server.
 */
import crypto from "node:crypto";

import type { Db } from "../../db/client";
import { services } from "~/services.server";

import type { UserRole } from "./roles";

export const SESSION_COOKIE = "sipas_session";
export const SESSION_TTL_MS = 12 * 3600_000;

export type SessionUser = {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  agencyId: number | null;
  agencyCode: string | null;
  sessionHash: string;
};

const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("hex");
const sign = (secret: string, value: string) => crypto.createHmac("sha256", secret).update(value).digest("base64url");

/** Constant-time comparison of two strings; compares bytes, so a non-ASCII character cannot make it throw. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(/;\s*/)) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq) === name) {
      // A malformed escape (a hand-made cookie) is no cookie, not a 500 on every page.
      try {
        return decodeURIComponent(part.slice(eq + 1));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** HTTPS directly, or behind the reverse proxy on this machine (X-Forwarded-Proto). */
export function isSecure(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

function cookie(request: Request, value: string, maxAgeSeconds: number): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeSeconds}`,
    ...(isSecure(request) ? ["Secure"] : []),
  ].join("; ");
}

export function createSession(db: Db, secret: string, request: Request, userId: number, now = Date.now()): string {
  const id = crypto.randomBytes(32).toString("base64url");
  db.$client
    .prepare("insert into sessions (id_hash, user_id, created_at, expires_at) values (?, ?, ?, ?)")
    .run(sha256(id), userId, now, now + SESSION_TTL_MS);
  // Old sessions are swept here rather than by a timer: sign-ins are rare, and this keeps the table small.
  db.$client.prepare("delete from sessions where expires_at < ?").run(now);
  return cookie(request, `${id}.${sign(secret, id)}`, SESSION_TTL_MS / 1000);
}

export function destroySession(db: Db, request: Request): string {
  const user = getUser(db, services().secret, request);
  if (user) db.$client.prepare("delete from sessions where id_hash = ?").run(user.sessionHash);
  return cookie(request, "", 0);
}

export function getUser(db: Db, secret: string, request: Request, now = Date.now()): SessionUser | null {
  const raw = readCookie(request, SESSION_COOKIE);
  if (!raw) return null;
  const [id, signature] = raw.split(".");
  if (!id || !signature) return null;
  const expected = sign(secret, id);
  if (!safeEqual(signature, expected)) return null;
  const hash = sha256(id);
  const row = db.$client
    .prepare(
      `select u.id, u.username, u.display_name as displayName, u.role, u.agency_id as agencyId, a.code as agencyCode
         from sessions s join users u on u.id = s.user_id left join agencies a on a.id = u.agency_id
        where s.id_hash = ? and s.expires_at > ? and u.disabled_at is null`,
    )
    .get(hash, now) as Omit<SessionUser, "sessionHash"> | undefined;
  return row ? { ...row, sessionHash: hash } : null;
}

/** The signed-in user, or a redirect to the sign-in page; a user without one of `roles` gets 403. */
export function requireUser(request: Request, roles?: readonly UserRole[]): SessionUser {
  const { db, secret } = services();
  const user = getUser(db, secret, request);
  if (!user) {
    const url = new URL(request.url);
    const back = encodeURIComponent(url.pathname + url.search);
    throw new Response(null, { status: 303, headers: { Location: `/dang-nhap?tiep=${back}` } });
  }
  if (roles && !roles.includes(user.role)) throw new Response("Không có quyền truy cập", { status: 403 });
  return user;
}

/** The agency a user's figures are limited to (null = the whole province). */
export function agencyScope(user: SessionUser): number | null {
  return user.role === "agency" ? user.agencyId : null;
}
