/**
 * Known devices (issue 16, finding 5; docs/decisions/0015-hardening-round-two.md). Five wrong passwords from
 * anywhere locked an account — `admin` included — for 15 minutes, and five more every 15 minutes kept it
 * locked: a lock-out anyone could aim at anyone. A successful sign-in now leaves a signed cookie on that
 * browser; signing in again from it is not subject to the account's lock (nor to the address back-off), only
 * to a limit of its own (key `d:<user>:<nonce>` in `login_failures`), which a stranger cannot reach.
 *
 * The cookie `sipas_device` holds up to four entries (a shared office computer): `<user id>.<nonce>.<mac>`,
 * where mac = HMAC(server secret, user id, nonce, the user's current password hash), cut to 128 bits. So a
 * forged entry fails, and changing the password retires every known device of that user at once (a copied
 * cookie stops helping); the browser that changed it is given a fresh entry.
 */
import crypto from "node:crypto";

import { eq } from "drizzle-orm";

import { users } from "../../db/auth-schema";
import type { Db } from "../../db/client";

import { isSecure, readCookie, safeEqual } from "./session.server";

export const DEVICE_COOKIE = "sipas_device";
export const DEVICE_TTL_SECONDS = 180 * 86_400;
const MAX_ENTRIES = 4;
const ENTRY = /^([1-9]\d{0,14})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/;

type Entry = { userId: number; nonce: string; mac: string };
/** What a sign-in needs to recognise a known device: the secret and the browser's entries. */
export type DeviceProof = { secret: string; entries: Entry[] };

const macOf = (secret: string, userId: number, nonce: string, passwordHash: string) =>
  crypto.createHmac("sha256", secret).update(`device:${userId}:${nonce}:${passwordHash}`).digest("base64url").slice(0, 22);

function entriesOf(request: Request): Entry[] {
  const raw = readCookie(request, DEVICE_COOKIE) ?? "";
  const entries: Entry[] = [];
  for (const part of raw.split("~").slice(0, MAX_ENTRIES)) {
    const m = ENTRY.exec(part);
    if (m) entries.push({ userId: Number(m[1]), nonce: m[2]!, mac: m[3]! });
  }
  return entries;
}

export function deviceProof(request: Request, secret: string): DeviceProof {
  return { secret, entries: entriesOf(request) };
}

/** The nonce of this browser's entry for the user, when its signature holds for their current password. */
export function knownDeviceNonce(proof: DeviceProof, user: { id: number; hash: string }): string | null {
  const entry = proof.entries.find((e) => e.userId === user.id && safeEqual(e.mac, macOf(proof.secret, user.id, e.nonce, user.hash)));
  return entry?.nonce ?? null;
}

/** The user's current password hash (what an entry's signature is bound to), or null for an unknown id. */
export function passwordHashOf(db: Db, userId: number): string | null {
  return db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)).get()?.hash ?? null;
}

/**
 * The Set-Cookie that makes (or keeps) this browser a known device of the user: their entry first (the same
 * nonce while it is valid, so the device keeps its own failure count), then up to three other users' entries.
 */
export function rememberDevice(db: Db, secret: string, request: Request, userId: number): string {
  const hash = passwordHashOf(db, userId);
  if (hash === null) throw new Error(`rememberDevice: no user ${userId}`);
  const proof = deviceProof(request, secret);
  const nonce = knownDeviceNonce(proof, { id: userId, hash }) ?? crypto.randomBytes(16).toString("base64url").slice(0, 22);
  const mine = `${userId}.${nonce}.${macOf(secret, userId, nonce, hash)}`;
  const others = proof.entries.filter((e) => e.userId !== userId).map((e) => `${e.userId}.${e.nonce}.${e.mac}`);
  const value = [mine, ...others].slice(0, MAX_ENTRIES).join("~");
  return [
    `${DEVICE_COOKIE}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${DEVICE_TTL_SECONDS}`,
    ...(isSecure(request) ? ["Secure"] : []),
  ].join("; ");
}
