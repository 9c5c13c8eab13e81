/** Accounts: creation (CLI and admin screen), listing and disabling, sign-in with throttling, password change. */
import { and, asc, count, desc, eq, gt, inArray, isNull, lt, max, sql } from "drizzle-orm";

import { loginFailures, users } from "../../db/auth-schema";
import type { Db } from "../../db/client";
import { agencies } from "../../db/schema";
import { idOfCode } from "~/directory/ids.server";

import { knownDeviceNonce, passwordHashOf, type DeviceProof } from "./known-device.server";
import { dummyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "./password.server";
import { isServiceSector, SERVICE_SECTORS } from "~/survey/codes";

import { roleOf, storedRole, USER_ROLES, type UserRole } from "./roles";
import { endSessions } from "./session.server";

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
  input: { username: string; displayName?: string; role: string; agencyCode?: string; sector?: string; password: string },
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
    agencyId = idOfCode(db, "agency", input.agencyCode);
    if (agencyId === null) throw new UserInputError(`Không có cơ quan «${input.agencyCode}».`);
  }
  if (role === "agency" && agencyId === null) throw new UserInputError("Tài khoản vai trò «agency» phải gắn với một cơ quan (--agency).");
  // A sector department reads every unit of its sector and nothing else: a sector is required, an agency refused.
  const sector = input.sector?.trim() || null;
  if (role === "sector") {
    if (!sector || !isServiceSector(sector))
      throw new UserInputError(`Tài khoản vai trò «sector» phải gắn với một ngành (--sector): ${SERVICE_SECTORS.join(", ")}.`);
    if (agencyId !== null) throw new UserInputError("Tài khoản của sở ngành không gắn với một cơ quan: bỏ --agency.");
  } else if (sector) {
    throw new UserInputError("Chỉ tài khoản vai trò «sector» mới gắn với một ngành.");
  }
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new UserInputError(`Mật khẩu phải dài ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`);
  }
  if (db.select({ id: users.id }).from(users).where(eq(users.username, username)).get()) {
    throw new UserInputError(`Tên đăng nhập «${username}» đã có.`);
  }
  const hash = await hashPassword(input.password);
  return db
    .insert(users)
    .values({
      username,
      displayName: input.displayName?.trim() || username,
      role: storedRole(role),
      agencyId,
      serviceSector: role === "sector" && sector && isServiceSector(sector) ? sector : null,
      passwordHash: hash,
      createdAt: Date.now(),
    })
    .returning({ id: users.id })
    .get().id;
}

/** Every account with its agency's code or sector, by username (the accounts screen; never the password hash). */
export function listUsers(db: Db) {
  return db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      agency: agencies.code,
      sector: users.serviceSector,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .orderBy(asc(users.username))
    .all()
    .map((u) => ({ ...u, role: roleOf(u.role, u.sector) }));
}

/**
 * Disables an active account or enables a disabled one; null for an unknown id. Its sessions end either way
 * (a disabled account is signed out at once); the caller revokes a disabled surveyor's tablets.
 */
export function toggleUserDisabled(db: Db, id: number, now = Date.now()): { disabled: boolean } | null {
  const row = db
    .update(users)
    .set({ disabledAt: sql`case when ${users.disabledAt} is null then ${now} else null end` })
    .where(eq(users.id, id))
    .returning({ disabledAt: users.disabledAt })
    .get();
  if (!row) return null;
  endSessions(db, id);
  return { disabled: row.disabledAt !== null };
}

export type SignIn = { ok: true; userId: number } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** The failures of `key` still in the window at `now`. */
const inWindow = (key: string, now: number) => and(eq(loginFailures.key, key), gt(loginFailures.at, now - LOGIN_WINDOW_MS));

/** Milliseconds until `key` (at most `limit` failures in the window) may try again; 0 = now. */
function lockWait(db: Db, key: string, limit: number, now: number): number {
  // The lock lifts when the limit-th most recent failure leaves the window.
  const row = db
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(inWindow(key, now))
    .orderBy(desc(loginFailures.at))
    .limit(1)
    .offset(limit - 1)
    .get();
  return row ? row.at + LOGIN_WINDOW_MS - now : 0;
}

/** Records one failure of `key` now; its id, so that a success can take it back. */
function recordFailure(db: Db, key: string, now: number): number {
  return db.insert(loginFailures).values({ key, at: now }).returning({ id: loginFailures.id }).get().id;
}

/** Milliseconds an address must still wait: after the free failures, 1 s, 2 s, 4 s… after the last one, at most the window. */
function backOffWait(db: Db, key: string, now: number): number {
  const row = db
    .select({ n: count(), last: max(loginFailures.at) })
    .from(loginFailures)
    .where(inWindow(key, now))
    .get();
  const n = row?.n ?? 0;
  const last = row?.last ?? null;
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
  const name = username.trim().toLowerCase();
  const user = db
    .select({ id: users.id, hash: users.passwordHash })
    .from(users)
    .where(and(eq(users.username, name), isNull(users.disabledAt)))
    .get();
  const known = user && device ? knownDeviceNonce(device, user) : null;
  // The account's key: this known device's own, or the username's for every other browser. No address (a
  // server without one in its load context): no address key, or one shared key would slow everyone down.
  const accountKey = known ? `d:${user!.id}:${known}` : `u:${name}`;
  const addressKey = !known && clientAddress ? `ip:${clientAddress}` : null;
  const wait = Math.max(lockWait(db, accountKey, LOGIN_MAX_FAILURES, now), addressKey ? backOffWait(db, addressKey, now) : 0);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil(wait / 1000) };
  // The attempt counts as a failure from before the (slow, asynchronous) check of the password: otherwise
  // many guesses sent at once would all pass the count above while scrypt runs.
  const attempt = [accountKey, ...(addressKey ? [addressKey] : [])].map((key) => recordFailure(db, key, now));
  // Verify against a dummy hash for unknown users so the response time does not reveal who exists.
  const ok = await verifyPassword(password, user?.hash ?? (await dummyHash()));
  if (!ok || !user) {
    db.delete(loginFailures)
      .where(lt(loginFailures.at, now - LOGIN_WINDOW_MS))
      .run();
    return { ok: false, reason: "invalid" };
  }
  // The account's (or this device's) count starts again; the address keeps its other failures.
  db.delete(loginFailures).where(eq(loginFailures.key, accountKey)).run();
  db.delete(loginFailures).where(inArray(loginFailures.id, attempt)).run();
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
  const key = `pw:${userId}`;
  const wait = lockWait(db, key, PASSWORD_CHANGE_MAX_FAILURES, now);
  if (wait > 0) return { throttled: Math.ceil(wait / 1000) };
  recordFailure(db, key, now);
  const hash = passwordHashOf(db, userId);
  if (hash === null || !(await verifyPassword(current, hash))) return "wrong";
  db.delete(loginFailures).where(eq(loginFailures.key, key)).run();
  if (next.length < MIN_PASSWORD_LENGTH) return "weak";
  db.update(users)
    .set({ passwordHash: await hashPassword(next), passwordChangedAt: now })
    .where(eq(users.id, userId))
    .run();
  return "ok";
}
