/**
 * What the administrator approved: the preview carries a fingerprint of its snapshot, and publishing stores a
 * snapshot only if the figures built at that moment have the same fingerprint. A response arriving between the
 * preview and the click would otherwise publish numbers nobody looked at; instead the page refuses, shows the new
 * preview, and the administrator publishes again. The snapshot holds no time or random value, so equal figures
 * always give equal fingerprints.
 */
import crypto from "node:crypto";

import type { Snapshot } from "./snapshot";

export const FINGERPRINT = /^[0-9a-f]{64}$/;

export function snapshotFingerprint(snapshot: Snapshot): string {
  return crypto.createHash("sha256").update(JSON.stringify(snapshot)).digest("hex");
}
