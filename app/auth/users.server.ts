/** Accounts: creation (CLI and admin screen), sign-in with throttling, password change. */
import type { Db } from "../../db/client";

import { dummyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "./password.server";
import { USER_ROLES, type UserRole } from "./roles";

export class UserInputError extends Error {}

/** At most this many failed sign-ins per username and per address in the window, then a wait. */
export const LOGIN_MAX_FAILURES = 5;
/** An office behind one public address must not be locked out by one person's typos. */
export const LOGIN_MAX_FAILURES_PER_ADDRESS = 20;
export const LOGIN_WINDOW_MS = 15 * 60_000;

export async function createUser(
  db: Db,
  input: { username: string; displayName?: string; role: string; agencyCode?: string; password: string },
): Promise<number> {
  const username = input.username.trim().toLowerCase();
  if (!/^[a-z0-9._-]{3,40}$/.test(username)) {
    throw new UserInputError("Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch.");
  }
  if (!(USER_ROLES as readonly string[]).includes(input.role)) {
    throw new UserInputError(`Vai trò phải là một trong: ${USER_ROLES.join(", ")}.`);
  }
  const role = input.role as UserRole;
  let agencyId: number | null = null;
  if (input.agencyCode) {
    const agency = db.$client.prepare("select id from agencies where code = ?").get(input.agencyCode) as { id: number } | undefined;
    if (!agency) throw new UserInputError(`Không có cơ quan «${input.agencyCode}».`);
    agencyId = agency.id;
  }
  if (role === "agency" && agencyId === null) throw new UserInputError("Tài khoản vai trò «agency» phải gắn với một cơ quan (--agency).");
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new UserInputError(`Mật khẩu phải dài ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`);
  }
  if (db.$client.prepare("select 1 from users where username = ?").get(username)) {
    throw new UserInputError(`Tên đăng nhập «${username}» đã có.`);
  }
  const hash = await hashPassword(input.password);
  const info = db.$client
    .prepare(
      `insert into users (username, display_name, role, agency_id, password_hash, created_at)
       values (?, ?, ?, ?, ?, ?)`,
    )
    .run(username, input.displayName?.trim() || username, role, agencyId, hash, Date.now());
  return Number(info.lastInsertRowid);
}

export type SignIn = { ok: true; userId: number } | { ok: false; reason: "invalid" | "throttled" };

export async function signIn(db: Db, username: string, password: string, clientAddress: string, now = Date.now()): Promise<SignIn> {
  const name = username.trim().toLowerCase();
  // No address (a server without one in its load context): one shared key would lock everyone out.
  const keys = [`u:${name}`, ...(clientAddress ? [`ip:${clientAddress}`] : [])];
  const since = now - LOGIN_WINDOW_MS;
  const failures = db.$client.prepare("select count(*) as n from login_failures where key = ? and at > ?");
  const max = (key: string) => (key.startsWith("ip:") ? LOGIN_MAX_FAILURES_PER_ADDRESS : LOGIN_MAX_FAILURES);
  if (keys.some((key) => (failures.get(key, since) as { n: number }).n >= max(key))) {
    return { ok: false, reason: "throttled" };
  }
  // The attempt counts as a failure from before the (slow, asynchronous) check of the password: otherwise
  // many guesses sent at once would all pass the count above while scrypt runs.
  const insert = db.$client.prepare("insert into login_failures (key, at) values (?, ?)");
  const attempt = keys.map((key) => Number(insert.run(key, now).lastInsertRowid));
  const user = db.$client
    .prepare("select id, password_hash as hash from users where username = ? and disabled_at is null")
    .get(name) as { id: number; hash: string } | undefined;
  // Verify against a dummy hash for unknown users so the response time does not reveal who exists.
  const ok = await verifyPassword(password, user?.hash ?? (await dummyHash()));
  if (!ok || !user) {
    db.$client.prepare("delete from login_failures where at < ?").run(since);
    return { ok: false, reason: "invalid" };
  }
  db.$client.prepare("delete from login_failures where key = ?").run(keys[0]);
  const forget = db.$client.prepare("delete from login_failures where id = ?");
  for (const id of attempt) forget.run(id);
  return { ok: true, userId: user.id };
}

export async function changePassword(db: Db, userId: number, current: string, next: string): Promise<"ok" | "wrong" | "weak"> {
  const row = db.$client.prepare("select password_hash as hash from users where id = ?").get(userId) as { hash: string } | undefined;
  if (!row || !(await verifyPassword(current, row.hash))) return "wrong";
  if (next.length < MIN_PASSWORD_LENGTH) return "weak";
  const now = Date.now();
  db.$client.prepare("update users set password_hash = ?, password_changed_at = ? where id = ?").run(await hashPassword(next), now, userId);
  return "ok";
}
