/** Accounts: creation (CLI and admin screen), sign-in with throttling, password change. */
import type { Db } from "../../db/client";

import { knownDeviceNonce, type DeviceProof } from "./known-device.server";
import { dummyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "./password.server";
import { USER_ROLES, type UserRole } from "./roles";

export class UserInputError extends Error {}

/**
 * Sign-in limits (docs/decisions/0004 and 0015). From a browser that is not a known device of the account:
 * LOGIN_MAX_FAILURES failures of the username in LOGIN_WINDOW_MS lock it for such browsers, and an address
 * backs off — LOGIN_FREE_PER_ADDRESS failures free (an office behind one public address must not be stopped
 * by one person's typos), then a wait that doubles with each further failure, up to the window. From a known
 * device of the account (a signed cookie left by an earlier sign-in, app/auth/known-device.server.ts) only
 * that device's own LOGIN_MAX_FAILURES count: a stranger can lock out strangers, never the owner at their desk.
 */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_FREE_PER_ADDRESS = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Wrong current passwords on the password-change page, per account and window: then a wait. */
export const PASSWORD_CHANGE_MAX_FAILURES = 5;

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

export type SignIn = { ok: true; userId: number } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

type Db$ = Db["$client"];

/** Milliseconds until `key` (at most `max` failures in the window) may try again; 0 = now. */
function lockWait(sql: Db$, key: string, max: number, now: number): number {
  // The lock lifts when the max-th most recent failure leaves the window.
  const row = sql.prepare("select at from login_failures where key = ? and at > ? order by at desc limit 1 offset ?").get(key, now - LOGIN_WINDOW_MS, max - 1) as
    | { at: number }
    | undefined;
  return row ? row.at + LOGIN_WINDOW_MS - now : 0;
}

/** Milliseconds an address must still wait: after the free failures, 1 s, 2 s, 4 s… after the last one, at most the window. */
function backOffWait(sql: Db$, key: string, now: number): number {
  const { n, last } = sql.prepare("select count(*) as n, max(at) as last from login_failures where key = ? and at > ?").get(key, now - LOGIN_WINDOW_MS) as {
    n: number;
    last: number | null;
  };
  if (n < LOGIN_FREE_PER_ADDRESS || last === null) return 0;
  return Math.max(0, last + Math.min(1000 * 2 ** (n - LOGIN_FREE_PER_ADDRESS), LOGIN_WINDOW_MS) - now);
}

export async function signIn(
  db: Db,
  username: string,
  password: string,
  clientAddress: string,
  now = Date.now(),
  device?: DeviceProof,
): Promise<SignIn> {
  const sql = db.$client;
  const name = username.trim().toLowerCase();
  const user = sql.prepare("select id, password_hash as hash from users where username = ? and disabled_at is null").get(name) as
    | { id: number; hash: string }
    | undefined;
  const known = user && device ? knownDeviceNonce(device, user) : null;
  // The account's key: this known device's own, or the username's for every other browser. No address (a
  // server without one in its load context): no address key, or one shared key would slow everyone down.
  const accountKey = known ? `d:${user!.id}:${known}` : `u:${name}`;
  const addressKey = !known && clientAddress ? `ip:${clientAddress}` : null;
  const wait = Math.max(lockWait(sql, accountKey, LOGIN_MAX_FAILURES, now), addressKey ? backOffWait(sql, addressKey, now) : 0);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil(wait / 1000) };
  // The attempt counts as a failure from before the (slow, asynchronous) check of the password: otherwise
  // many guesses sent at once would all pass the count above while scrypt runs.
  const insert = sql.prepare("insert into login_failures (key, at) values (?, ?)");
  const attempt = [accountKey, ...(addressKey ? [addressKey] : [])].map((key) => Number(insert.run(key, now).lastInsertRowid));
  // Verify against a dummy hash for unknown users so the response time does not reveal who exists.
  const ok = await verifyPassword(password, user?.hash ?? (await dummyHash()));
  if (!ok || !user) {
    sql.prepare("delete from login_failures where at < ?").run(now - LOGIN_WINDOW_MS);
    return { ok: false, reason: "invalid" };
  }
  // The account's (or this device's) count starts again; the address keeps its other failures.
  sql.prepare("delete from login_failures where key = ?").run(accountKey);
  const forget = sql.prepare("delete from login_failures where id = ?");
  for (const id of attempt) forget.run(id);
  return { ok: true, userId: user.id };
}

/**
 * A password change asks for the current password: a session left open (or stolen) must not become a way to
 * guess it (issue 16, finding 10). PASSWORD_CHANGE_MAX_FAILURES wrong ones in the window stop further tries
 * (key `pw:<user>`), counted before the slow check like a sign-in.
 */
export async function changePassword(
  db: Db,
  userId: number,
  current: string,
  next: string,
  now = Date.now(),
): Promise<"ok" | "wrong" | "weak" | { throttled: number }> {
  const sql = db.$client;
  const key = `pw:${userId}`;
  const wait = lockWait(sql, key, PASSWORD_CHANGE_MAX_FAILURES, now);
  if (wait > 0) return { throttled: Math.ceil(wait / 1000) };
  sql.prepare("insert into login_failures (key, at) values (?, ?)").run(key, now);
  const row = sql.prepare("select password_hash as hash from users where id = ?").get(userId) as { hash: string } | undefined;
  if (!row || !(await verifyPassword(current, row.hash))) return "wrong";
  sql.prepare("delete from login_failures where key = ?").run(key);
  if (next.length < MIN_PASSWORD_LENGTH) return "weak";
  sql.prepare("update users set password_hash = ?, password_changed_at = ? where id = ?").run(await hashPassword(next), now, userId);
  return "ok";
}
