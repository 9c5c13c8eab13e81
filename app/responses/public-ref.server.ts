/**
 * The public reference of a response (issue 16, finding 3; docs/decisions/0015-hardening-round-two.md). Row ids
 * grow with arrival, so a comment's address /quan-tri/gop-y/1234 told its place in the day — the n-th rating of
 * an hour, to be matched with a queue log — although QR and kiosk times are cut to the hour on purpose. The
 * reference is the row id encrypted with a key derived from the server secret (AES-256 on one 16-byte block:
 * the id and a fixed tag), written in 22 base64url characters: opaque, unordered, and decoded without a
 * lookup table or a migration. A reference that was not made here fails the tag and is simply "not found".
 * Changing the server secret changes every reference (like every session and QR link).
 */
import crypto from "node:crypto";

const TAG = Buffer.from("sipas-r1");
const REF = /^[A-Za-z0-9_-]{22}$/;
const keys = new Map<string, Buffer>();

function keyOf(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.createHmac("sha256", secret).update("sipas:public-ref:v1").digest();
    keys.set(secret, key);
  }
  return key;
}

function aes(secret: string, block: Buffer, encrypt: boolean): Buffer {
  const cipher = encrypt ? crypto.createCipheriv("aes-256-ecb", keyOf(secret), null) : crypto.createDecipheriv("aes-256-ecb", keyOf(secret), null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

/** The reference of response `id`: what addresses and screens show instead of the row id. */
export function publicRef(secret: string, id: number): string {
  const block = Buffer.alloc(16);
  block.writeBigUInt64BE(BigInt(id));
  TAG.copy(block, 8);
  return aes(secret, block, true).toString("base64url");
}

/** The row id behind a reference, or null for anything this server did not make. */
export function idOfRef(secret: string, ref: string): number | null {
  if (!REF.test(ref)) return null;
  const bytes = Buffer.from(ref, "base64url");
  // One spelling per reference: the last character carries 4 unused bits.
  if (bytes.length !== 16 || bytes.toString("base64url") !== ref) return null;
  const plain = aes(secret, bytes, false);
  if (!plain.subarray(8).equals(TAG)) return null;
  const id = plain.readBigUInt64BE(0);
  return id >= 1n && id <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(id) : null;
}
