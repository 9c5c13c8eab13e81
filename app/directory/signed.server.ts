/**
 * The import preview carries the parsed file to the "Áp dụng" POST in a hidden field, signed with the
 * session secret: what is applied is exactly what was checked and shown, without keeping uploads on the
 * server. The signature is re-checked and the file is validated again when applied.
 */
import crypto from "node:crypto";

const PURPOSE = "directory-import:";

export function signPayload(secret: string, payload: string): string {
  return crypto
    .createHmac("sha256", secret)
    .update(PURPOSE + payload)
    .digest("base64url");
}

export function verifyPayload(secret: string, payload: string, signature: string): boolean {
  const expected = Buffer.from(signPayload(secret, payload));
  const sent = Buffer.from(signature);
  return expected.length === sent.length && crypto.timingSafeEqual(expected, sent);
}
