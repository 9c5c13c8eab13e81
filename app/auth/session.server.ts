/**
 * Sessions for Sở Nội vụ staff and agency heads: a random id in an HttpOnly, SameSite=Lax cookie
 * (Secure behind HTTPS), signed with the server secret, stored only as its sha256 with an expiry.
 * `requireUser` is what every admin loader and action calls: the scope is enforced on the server.
 */
import crypto from "node:crypto";

import { and, eq, gt, isNull, lt, ne } from "drizzle-orm";

import { sessions, users } from "../../db/auth-schema";
import type { Db } from "../../db/client";
import { agencies } from "../../db/schema";
import { services } from "~/services.server";

import type { ServiceSector } from "~/survey/codes";

import { roleOf, type UserRole } from "./roles";

export const SESSION_COOKIE = "sipas_session";
export const SESSION_TTL_MS = 12 * 3600_000;

export type SessionUser = {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  agencyId: number | null;
  agencyCode: string | null;
  /** A sector department's sector (role `sector`); null for every other role. */
  sector: ServiceSector | null;
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
  db.insert(sessions)
    .values({ idHash: sha256(id), userId, createdAt: now, expiresAt: now + SESSION_TTL_MS })
    .run();
  // Old sessions are swept here rather than by a timer: sign-ins are rare, and this keeps the table small.
  db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
  return cookie(request, `${id}.${sign(secret, id)}`, SESSION_TTL_MS / 1000);
}

export function destroySession(db: Db, request: Request): string {
  const user = getUser(db, services().secret, request);
  if (user) db.delete(sessions).where(eq(sessions.idHash, user.sessionHash)).run();
  return cookie(request, "", 0);
}

/** Ends the user's sessions (a disabled account), or all but `keep` (the browser that changed the password). */
export function endSessions(db: Db, userId: number, keep?: string): void {
  db.delete(sessions)
    .where(and(eq(sessions.userId, userId), keep === undefined ? undefined : ne(sessions.idHash, keep)))
    .run();
}

export function getUser(db: Db, secret: string, request: Request, now = Date.now()): SessionUser | null {
  const raw = readCookie(request, SESSION_COOKIE);
  if (!raw) return null;
  const [id, signature] = raw.split(".");
  if (!id || !signature) return null;
  const expected = sign(secret, id);
  if (!safeEqual(signature, expected)) return null;
  const hash = sha256(id);
  const row = db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      agencyId: users.agencyId,
      agencyCode: agencies.code,
      sector: users.serviceSector,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(eq(sessions.idHash, hash), gt(sessions.expiresAt, now), isNull(users.disabledAt)))
    .get();
  // Read back as the role of docs/contracts.md: a viewer with a sector is a sector department (app/auth/roles.ts).
  return row ? { ...row, role: roleOf(row.role, row.sector), sessionHash: hash } : null;
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
