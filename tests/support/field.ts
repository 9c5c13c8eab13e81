/** Test helpers for the field work (tablets, devices, assignments): route services, users, device keys. */
import crypto from "node:crypto";

import { createApiKey } from "../../app/auth/api-keys.server";
import type { UserRole } from "../../app/auth/roles";
import { createSession } from "../../app/auth/session.server";
import { readEnv } from "../../app/env.server";
import { provideServices } from "../../app/services.server";
import type { Db } from "../../db/client";
import { demoServices, type TestServices } from "./services";

export const SECRET = "bí-mật-thử-nghiệm-field-0123456789abcdef";
export const HTTP = "http://test";

/** The demo directory and the surveys, handed to the routes. */
export function fieldServices(): TestServices {
  const s = demoServices();
  provideServices({ env: readEnv({ DATABASE_PATH: s.db.$client.name } as never), db: s.db, surveys: s.surveys, secret: SECRET });
  return s;
}

export const agencyId = (db: Db, code: string) => (db.$client.prepare("select id from agencies where code = ?").get(code) as { id: number }).id;

export function addUser(db: Db, username: string, role: UserRole, agency?: string): number {
  const info = db.$client
    .prepare("insert into users (username, display_name, role, agency_id, password_hash, created_at) values (?, ?, ?, ?, ?, ?)")
    .run(username, `Người dùng ${username}`, role, agency ? agencyId(db, agency) : null, "scrypt$1024$8$1$x$y", Date.now());
  return Number(info.lastInsertRowid);
}

/** A device row with its own key, as the tablet set-up makes it. */
export function addDevice(db: Db, { kind = "surveyor", userId = null }: { kind?: "surveyor" | "kiosk"; userId?: number | null } = {}) {
  const key = createApiKey(db, { kind, name: `Thiết bị thử ${crypto.randomUUID().slice(0, 8)}` });
  const deviceUuid = crypto.randomUUID();
  const info = db.$client
    .prepare("insert into devices (device_uuid, kind, name, api_key_id, user_id, created_at) values (?, ?, ?, ?, ?, ?)")
    .run(deviceUuid, kind, "Máy tính bảng thử", key.id, userId, Date.now());
  return { id: Number(info.lastInsertRowid), deviceUuid, key: key.key, keyId: key.id };
}

/** A browser's CSRF cookie and the token its forms carry. */
export const CSRF_COOKIE = "ZmllbGQtY3NyZi1jb29raWUx";
export const CSRF = crypto.createHmac("sha256", SECRET).update(`csrf:${CSRF_COOKIE}`).digest("base64url");

export function sessionCookie(db: Db, userId: number): string {
  return createSession(db, SECRET, new Request(`${HTTP}/dang-nhap`), userId).split(";")[0]!;
}

export function jsonPost(path: string, body: unknown, key?: string, headers: Record<string, string> = {}): Request {
  return new Request(`${HTTP}${path}`, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
  });
}
