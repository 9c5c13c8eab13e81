/**
 * Counters' QR codes: the images (SVG and PNG, from the `qrcode` package), token rotation and switching a
 * counter on and off. Tokens are random and stored, not signed (docs/decisions/0006-qr-tokens.md): a
 * forged or old token simply matches no active row, and revoking one counter's poster is one UPDATE.
 */
import crypto from "node:crypto";

import { and, asc, eq } from "drizzle-orm";
import QRCode from "qrcode";

import type { Db } from "../../db/client";
import { agencies, counters } from "../../db/schema";

/** Error correction M (15 %) survives a scuffed or sun-faded poster; the 4-module quiet zone is the standard's. */
const QR_OPTIONS = { errorCorrectionLevel: "M", margin: 4 } as const;

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...QR_OPTIONS, type: "svg", color: { dark: "#000000", light: "#ffffff" } });
}

/**
 * The code as one SVG path (horizontal runs of dark modules, quiet zone included) for pages that draw it
 * themselves: React renders `<path d>` as data, so the poster needs no raw HTML.
 */
export function qrPath(text: string): { size: number; d: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel });
  const margin = QR_OPTIONS.margin;
  const runs: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      runs.push(`M${start + margin} ${row + margin}h${col - start}v1h${start - col}z`);
    }
  }
  return { size: modules.size + 2 * margin, d: runs.join("") };
}

/** A PNG big enough to print at A5 without blurring (about 1 000 px wide). */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...QR_OPTIONS, type: "png", width: 1024 });
}

/** 128 random bits, base64url: 22 characters (lookup.server.ts TOKEN_PATTERN). */
export function newCounterToken(): string {
  return crypto.randomBytes(16).toString("base64url");
}

export type QrCounter = {
  id: number;
  code: string;
  name: string;
  token: string;
  active: boolean;
  agencyCode: string;
  agencyName: string;
};

/** Counters with their agency, for the QR screen, the downloads and the posters. */
export function listQrCounters(db: Db, filter: { agencyCode?: string; counterCode?: string } = {}): QrCounter[] {
  return db
    .select({
      id: counters.id,
      code: counters.code,
      name: counters.name,
      token: counters.token,
      active: counters.active,
      agencyCode: agencies.code,
      agencyName: agencies.name,
    })
    .from(counters)
    .innerJoin(agencies, eq(agencies.id, counters.agencyId))
    .where(
      and(
        filter.agencyCode === undefined ? undefined : eq(agencies.code, filter.agencyCode),
        filter.counterCode === undefined ? undefined : eq(counters.code, filter.counterCode),
      ),
    )
    .orderBy(asc(agencies.level), asc(agencies.name), asc(counters.code))
    .all();
}

export function findQrCounter(db: Db, code: string): QrCounter | null {
  return listQrCounters(db, { counterCode: code })[0] ?? null;
}

export function counterUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/q/${token}`;
}

/**
 * Gives the counter a new token: the old one matches nothing from this moment (printed posters with it
 * show the 404 page). Returns the new token, or null for an unknown counter.
 */
export function rotateToken(db: Db, counterId: number): string | null {
  const token = newCounterToken();
  const changed = db.update(counters).set({ token }).where(eq(counters.id, counterId)).run().changes;
  return changed ? token : null;
}

/** An inactive counter's page is the 404 page; its token is kept, so enabling it again revives its posters. */
export function setCounterActive(db: Db, counterId: number, active: boolean): boolean {
  return db.update(counters).set({ active }).where(eq(counters.id, counterId)).run().changes > 0;
}
