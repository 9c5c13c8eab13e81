/**
 * Officers (công chức) of an agency and the counters they serve at. Managed by the agency's head (own
 * agency) or an administrator; PINs are scrypt-hashed like passwords; photos are small data URLs checked by
 * their bytes, not by the name or type the browser claims.
 */
import { and, asc, eq, inArray, isNotNull, isNull } from "drizzle-orm";

import type { Db } from "../../db/client";
import { agencies, counterOfficers as counterOfficerLinks, counters, officers } from "../../db/schema";
import { audit } from "~/auth/audit.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";

import { PHOTO_MAX_BYTES } from "./codes";

export type OfficerRow = {
  id: number;
  agencyId: number;
  agencyCode: string;
  name: string;
  title: string;
  photo: string | null;
  hasPin: boolean;
  disabled: boolean;
  counters: string[];
};

/** Whether the officer has a PIN, without reading the hash out of the database. */
const hasPin = isNotNull(officers.pinHash).mapWith(Boolean);

export function listOfficers(db: Db, { agencyId }: { agencyId: number }): OfficerRow[] {
  const rows = db
    .select({
      id: officers.id,
      agencyId: officers.agencyId,
      agencyCode: agencies.code,
      name: officers.name,
      title: officers.title,
      photo: officers.photo,
      hasPin,
      disabled: isNotNull(officers.disabledAt).mapWith(Boolean),
    })
    .from(officers)
    .innerJoin(agencies, eq(agencies.id, officers.agencyId))
    .where(eq(officers.agencyId, agencyId))
    .orderBy(isNotNull(officers.disabledAt), asc(officers.name), asc(officers.id))
    .all();
  // The counters each officer serves at, by code.
  const links = db
    .select({ officerId: counterOfficerLinks.officerId, code: counters.code })
    .from(counterOfficerLinks)
    .innerJoin(counters, eq(counters.id, counterOfficerLinks.counterId))
    .innerJoin(officers, eq(officers.id, counterOfficerLinks.officerId))
    .where(eq(officers.agencyId, agencyId))
    .all();
  const countersOf = new Map<number, string[]>();
  for (const l of links) countersOf.set(l.officerId, [...(countersOf.get(l.officerId) ?? []), l.code]);
  return rows.map((r) => ({ ...r, counters: (countersOf.get(r.id) ?? []).sort() }));
}

export function findOfficer(db: Db, id: number): { id: number; agencyId: number; pinHash: string | null; disabledAt: number | null } | null {
  return (
    db
      .select({ id: officers.id, agencyId: officers.agencyId, pinHash: officers.pinHash, disabledAt: officers.disabledAt })
      .from(officers)
      .where(eq(officers.id, id))
      .get() ?? null
  );
}

/** The officers a kiosk offers at its counter: active ones linked to the counter. */
export function counterOfficers(db: Db, counterId: number): { id: number; name: string; title: string; photo: string | null; hasPin: boolean }[] {
  return db
    .select({ id: officers.id, name: officers.name, title: officers.title, photo: officers.photo, hasPin })
    .from(counterOfficerLinks)
    .innerJoin(officers, eq(officers.id, counterOfficerLinks.officerId))
    .where(and(eq(counterOfficerLinks.counterId, counterId), isNull(officers.disabledAt)))
    .orderBy(asc(officers.name), asc(officers.id))
    .all();
}

/** The agency's counters, for the officer form's check boxes. */
export function agencyCounters(db: Db, agencyId: number): { id: number; code: string; name: string }[] {
  return db
    .select({ id: counters.id, code: counters.code, name: counters.name })
    .from(counters)
    .where(eq(counters.agencyId, agencyId))
    .orderBy(asc(counters.code))
    .all();
}

/** The magic bytes of the accepted image types: what the file is, whatever its name says. */
function sniffImage(bytes: Uint8Array): "image/jpeg" | "image/png" | "image/webp" | null {
  const at = (i: number) => bytes[i] ?? -1;
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return "image/jpeg";
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return "image/png";
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.slice(from, to));
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return null;
}

export type PhotoCheck = { ok: true; dataUrl: string | null } | { ok: false; key: "photoTooLarge" | "photoType" };

/** An uploaded photo → a data URL, or why not; an empty file input is "no new photo". */
export async function readPhoto(file: FormDataEntryValue | null): Promise<PhotoCheck> {
  if (!file || typeof file === "string" || file.size === 0) return { ok: true, dataUrl: null };
  if (file.size > PHOTO_MAX_BYTES) return { ok: false, key: "photoTooLarge" };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffImage(bytes);
  if (!type) return { ok: false, key: "photoType" };
  return { ok: true, dataUrl: `data:${type};base64,${Buffer.from(bytes).toString("base64")}` };
}

export type OfficerInput = {
  name: string;
  title: string;
  /** undefined: keep; null: remove; a string: the new PIN (hashed here). */
  pin?: string | null;
  /** undefined: keep; null: remove; a data URL: replace. */
  photo?: string | null;
  counterIds: number[];
};

function setCounters(db: Db, officerId: number, agencyId: number, counterIds: number[]) {
  db.delete(counterOfficerLinks).where(eq(counterOfficerLinks.officerId, officerId)).run();
  if (counterIds.length === 0) return;
  // Only the agency's own counters: a forged form cannot place an officer at another agency's counter.
  const own = db
    .select({ counterId: counters.id })
    .from(counters)
    .where(and(inArray(counters.id, [...new Set(counterIds)]), eq(counters.agencyId, agencyId)))
    .all();
  if (own.length > 0)
    db.insert(counterOfficerLinks)
      .values(own.map((c) => ({ counterId: c.counterId, officerId })))
      .run();
}

/** The officer `id`, only if of `agencyId`: a head never changes another agency's officer. */
const ownOfficer = (id: number, agencyId: number) => and(eq(officers.id, id), eq(officers.agencyId, agencyId));

export async function createOfficer(db: Db, { agencyId, input, userId }: { agencyId: number; input: OfficerInput; userId: number }): Promise<number> {
  const pinHash = input.pin ? await hashPassword(input.pin) : null;
  const id = db.transaction(() => {
    const officerId = db
      .insert(officers)
      .values({ agencyId, name: input.name, title: input.title, photo: input.photo ?? null, pinHash, createdAt: Date.now() })
      .returning({ id: officers.id })
      .get().id;
    setCounters(db, officerId, agencyId, input.counterIds);
    return officerId;
  });
  audit(db, { userId, action: "officer.create", target: String(id), details: { agencyId, counters: input.counterIds.length } });
  return id;
}

export async function updateOfficer(db: Db, { id, agencyId, input, userId }: { id: number; agencyId: number; input: OfficerInput; userId: number }) {
  const pinHash = input.pin ? await hashPassword(input.pin) : input.pin;
  db.transaction(() => {
    db.update(officers)
      .set({
        name: input.name,
        title: input.title,
        ...(pinHash !== undefined ? { pinHash } : {}),
        ...(input.photo !== undefined ? { photo: input.photo } : {}),
      })
      .where(ownOfficer(id, agencyId))
      .run();
    setCounters(db, id, agencyId, input.counterIds);
  });
  // Never the PIN, only that it changed.
  audit(db, {
    userId,
    action: "officer.update",
    target: String(id),
    details: { pinChanged: input.pin !== undefined, photoChanged: input.photo !== undefined },
  });
}

/** Disabled officers leave the kiosks' lists; their past ratings keep crediting them. */
export function setOfficerDisabled(
  db: Db,
  { id, agencyId, disabled, userId }: { id: number; agencyId: number; disabled: boolean; userId: number },
): boolean {
  const changed =
    db
      .update(officers)
      .set({ disabledAt: disabled ? Date.now() : null })
      .where(ownOfficer(id, agencyId))
      .run().changes === 1;
  if (changed) audit(db, { userId, action: disabled ? "officer.disable" : "officer.enable", target: String(id) });
  return changed;
}

/** The PIN check of the kiosk: the officer must serve at this counter, be active and have this PIN. */
export async function verifyOfficerPin(
  db: Db,
  { officerId, counterId, pin }: { officerId: number; counterId: number; pin: string },
): Promise<boolean> {
  const row = db
    .select({ pinHash: officers.pinHash })
    .from(officers)
    .innerJoin(counterOfficerLinks, eq(counterOfficerLinks.officerId, officers.id))
    .where(and(eq(officers.id, officerId), eq(counterOfficerLinks.counterId, counterId), isNull(officers.disabledAt)))
    .get();
  if (!row?.pinHash) return false;
  return verifyPassword(pin, row.pinHash);
}
