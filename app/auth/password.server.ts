/**
 * Password hashing with scrypt from node:crypto (memory-hard, no native dependency to build).
 * Stored as `scrypt$N$r$p$salt$hash` so parameters can be raised later and old hashes still verify.
 */
import crypto from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LEN = 32;
// N=2^15, r=8 needs 32 MiB; node's default maxmem (32 MiB) is just too small.
const MAXMEM = 64 * 1024 * 1024;

export { MIN_PASSWORD_LENGTH } from "./roles";

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password.normalize("NFC"), salt, KEY_LEN, { N, r: R, p: P, maxmem: MAXMEM });
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

/** For seeding at start-up, which is synchronous; never on a request path (it blocks the event loop). */
export function hashPasswordSync(password: string): string {
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(password.normalize("NFC"), salt, KEY_LEN, { N, r: R, p: P, maxmem: MAXMEM });
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

/** The parts of a stored hash, or null for one that cannot be right (a truncated hash would match by chance). */
function parseStored(stored: string): { salt: Buffer; expected: Buffer; options: crypto.ScryptOptions } | null {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash || rest.length) return null;
  const expected = Buffer.from(hash, "base64url");
  if (expected.length < 16) return null;
  return { salt: Buffer.from(salt, "base64url"), expected, options: { N: Number(n), r: Number(r), p: Number(p), maxmem: MAXMEM } };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  // A corrupt hash (bad parameters) is a refusal, not a 500.
  try {
    const actual = await scrypt(password.normalize("NFC"), parsed.salt, parsed.expected.length, parsed.options);
    return crypto.timingSafeEqual(actual, parsed.expected);
  } catch {
    return false;
  }
}

/** For the start-up check of the demo accounts, which is synchronous; never on a request path. */
export function verifyPasswordSync(password: string, stored: string): boolean {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  try {
    return crypto.timingSafeEqual(crypto.scryptSync(password.normalize("NFC"), parsed.salt, parsed.expected.length, parsed.options), parsed.expected);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword("không-có-người-dùng-này");
  return dummy;
}
