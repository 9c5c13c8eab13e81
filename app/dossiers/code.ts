/**
 * The dossier receipt code (mã hồ sơ / mã biên nhận) as a citizen types it or a receipt's QR carries it.
 * Pure: shared by the form, the API schema and the import.
 */

/** 4–40 letters, digits, '-', '/', '.' (after trimming): what one-stop systems print on receipts. */
export const DOSSIER_CODE_PATTERN = /^[A-Za-z0-9./-]{4,40}$/;

/** The form a code is hashed in: trimmed and upper-case, so that "000.00.12.h56-250801-0001" matches its print. */
export function normaliseDossierCode(raw: string): string {
  return raw.trim().toUpperCase();
}

export function isDossierCode(raw: string): boolean {
  return DOSSIER_CODE_PATTERN.test(normaliseDossierCode(raw));
}

/** How a dossier was submitted, as the one-stop system says it: trực tiếp, trực tuyến, bưu chính (QĐ 766). */
export const DOSSIER_CHANNELS = ["truc-tiep", "truc-tuyen", "buu-chinh"] as const;
export type DossierChannel = (typeof DOSSIER_CHANNELS)[number];
