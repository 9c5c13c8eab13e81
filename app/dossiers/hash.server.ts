/**
 * Only a keyed hash of a dossier code is ever stored: HMAC-SHA256 with the server secret over the normalised
 * code. Receipt codes are short and guessable (agency prefix, date, serial), so a plain hash could be
 * reversed by trying them all; without the secret it cannot.
 */
import crypto from "node:crypto";

import { normaliseDossierCode } from "./code";

export function dossierHash(secret: string, code: string): string {
  return crypto
    .createHmac("sha256", secret)
    .update(`dossier:${normaliseDossierCode(code)}`)
    .digest("hex");
}
