/**
 * "Faster than a human": the citizen form carries the instant it was rendered, signed with the server
 * secret (hidden `_t`). A post that comes sooner than the minimum after it, or whose `_t` was altered or
 * removed, is refused. No CAPTCHA, no cookie, nothing stored about the visitor.
 */
import crypto from "node:crypto";

function mac(secret: string, ms: number): string {
  return crypto.createHmac("sha256", secret).update(`form-time:${ms}`).digest("base64url");
}

export function signFormTime(secret: string, ms: number): string {
  return `${ms}.${mac(secret, ms)}`;
}

/** Milliseconds since the signed render time, or null when the value is missing, malformed or tampered. */
export function formAgeMs(secret: string, value: string, now: number): number | null {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return null;
  const ms = Number(match[1]);
  const expected = Buffer.from(mac(secret, ms));
  const given = Buffer.from(match[2]!);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  return now - ms;
}

/** Is the post too fast? A minimum of 0 switches the check off. */
export function isTooFast(secret: string, value: string, now: number, minSeconds: number): boolean {
  if (minSeconds <= 0) return false;
  const age = formAgeMs(secret, value, now);
  return age === null || age < minSeconds * 1000;
}
