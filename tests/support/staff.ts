/**
 * Signed-in staff for route tests: a user of a role (an agency head of an agency), their session cookie,
 * and requests as their browser sends them (the CSRF cookie and the token its forms carry).
 */
import crypto from "node:crypto";

import { storedRole, type UserRole } from "../../app/auth/roles";
import type { ServiceSector } from "../../app/survey/codes";
import { createSession } from "../../app/auth/session.server";
import type { Db } from "../../db/client";

export const HTTP = "http://test";
const CSRF_COOKIE = "c3RhZmYtY3NyZi1jb29raWUx";

export type Staff = { id: number; cookie: string; name: string };

/** `sector`: a sector department's sector (role "sector", stored as a viewer with it). */
export function staff(db: Db, secret: string, role: UserRole, agency?: string, sector?: ServiceSector): Staff {
  const agencyId = agency ? (db.$client.prepare("select id from agencies where code = ?").get(agency) as { id: number }).id : null;
  const name = `${role}-${crypto.randomBytes(3).toString("hex")}`;
  const info = db.$client
    .prepare("insert into users (username, display_name, role, agency_id, service_sector, password_hash, created_at) values (?, ?, ?, ?, ?, ?, ?)")
    .run(name, `Cán bộ ${name}`, storedRole(role), agencyId, sector ?? null, "scrypt$1024$8$1$x$y", Date.now());
  const id = Number(info.lastInsertRowid);
  const session = createSession(db, secret, new Request(`${HTTP}/dang-nhap`), id).split(";")[0]!;
  return { id, name: `Cán bộ ${name}`, cookie: `sipas_csrf=${CSRF_COOKIE}; ${session}` };
}

export const csrfOf = (secret: string) => crypto.createHmac("sha256", secret).update(`csrf:${CSRF_COOKIE}`).digest("base64url");

export function get(path: string, who?: Staff): Request {
  return new Request(`${HTTP}${path}`, { headers: who ? { cookie: who.cookie } : {} });
}

/** A form POST; `csrf: null` leaves the token out, a string sends that (forged) token. */
export function post(path: string, fields: Record<string, string>, who: Staff, secret: string, csrf?: string | null): Request {
  const body = new URLSearchParams(fields);
  const token = csrf === undefined ? csrfOf(secret) : csrf;
  if (token !== null) body.set("csrf", token);
  return new Request(`${HTTP}${path}`, { method: "POST", body, headers: { cookie: who.cookie } });
}

export const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: { clientAddress: "127.0.0.1" } });
