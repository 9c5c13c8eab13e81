/**
 * Pure pieces of the kiosk shared by the server, the admin screens and the tablet: the pairing code's
 * alphabet and normalisation, the PIN format, the photo limits.
 */

/** No 0/O, 1/I/L: a code read aloud or typed from a screen across the counter must not be misread. */
export const PAIRING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const PAIRING_CODE_LENGTH = 8;
export const PAIRING_TTL_MS = 10 * 60_000;

/** Upper case, spaces and dashes removed: "abcd-efgh" and "ABCD EFGH" are the same code. */
export function normalizePairingCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, "");
}

export function isPairingCode(code: string): boolean {
  return code.length === PAIRING_CODE_LENGTH && [...code].every((c) => PAIRING_ALPHABET.includes(c));
}

/** "ABCDEFGH" → "ABCD-EFGH", easier to read aloud. */
export function formatPairingCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** A kiosk PIN: 4–8 digits, typed on the tablet's own keypad by the officer on duty. */
export const PIN_PATTERN = /^[0-9]{4,8}$/;

/** Officer photos: small, shown at about 96 px on the tablet; stored as a data URL in the officer's row. */
export const PHOTO_MAX_BYTES = 150 * 1024;
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;

export const KIOSK_SURVEY = "danh-gia-ho-so";
