/**
 * Officers (công chức) of an agency and the counters they serve at. Managed by the agency's head (own
 * agency) or an administrator; PINs are scrypt-hashed like passwords; photos are small data URLs checked by
 * their bytes, not by the name or type the browser claims.
 */
import type { Db } from "../../db/client";
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

export function listOfficers(db: Db, { agencyId }: { agencyId: number }): OfficerRow[] {
  const rows = db.$client
    .prepare(
      `select o.id, o.agency_id as agencyId, a.code as agencyCode, o.name, o.title, o.photo,
              o.pin_hash is not null as hasPin, o.disabled_at is not null as disabled,
              (select group_concat(c.code, ' ') from counter_officers co join counters c on c.id = co.counter_id
                where co.officer_id = o.id) as counters
         from officers o join agencies a on a.id = o.agency_id
        where o.agency_id = ? order by o.disabled_at is not null, o.name, o.id`,
    )
    .all(agencyId) as (Omit<OfficerRow, "hasPin" | "disabled" | "counters"> & { hasPin: number; disabled: number; counters: string | null })[];
  return rows.map((r) => ({ ...r, hasPin: r.hasPin === 1, disabled: r.disabled === 1, counters: r.counters ? r.counters.split(" ").sort() : [] }));
}

export function findOfficer(db: Db, id: number): { id: number; agencyId: number; pinHash: string | null; disabledAt: number | null } | null {
  return (
    (db.$client
      .prepare("select id, agency_id as agencyId, pin_hash as pinHash, disabled_at as disabledAt from officers where id = ?")
      .get(id) as { id: number; agencyId: number; pinHash: string | null; disabledAt: number | null } | undefined) ?? null
  );
}

/** The officers a kiosk offers at its counter: active ones linked to the counter. */
export function counterOfficers(db: Db, counterId: number): { id: number; name: string; title: string; photo: string | null; hasPin: boolean }[] {
  return (
    db.$client
      .prepare(
        `select o.id, o.name, o.title, o.photo, o.pin_hash is not null as hasPin
           from counter_officers co join officers o on o.id = co.officer_id
          where co.counter_id = ? and o.disabled_at is null order by o.name, o.id`,
      )
      .all(counterId) as { id: number; name: string; title: string; photo: string | null; hasPin: number }[]
  ).map((o) => ({ ...o, hasPin: o.hasPin === 1 }));
}

/** The agency's counters, for the officer form's check boxes. */
export function agencyCounters(db: Db, agencyId: number): { id: number; code: string; name: string }[] {
  return db.$client.prepare("select id, code, name from counters where agency_id = ? order by code").all(agencyId) as {
    id: number;
    code: string;
    name: string;
  }[];
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
  db.$client.prepare("delete from counter_officers where officer_id = ?").run(officerId);
  // Only the agency's own counters: a forged form cannot place an officer at another agency's counter.
  const insert = db.$client.prepare(
    "insert into counter_officers (counter_id, officer_id) select id, ? from counters where id = ? and agency_id = ?",
  );
  for (const id of new Set(counterIds)) insert.run(officerId, id, agencyId);
}

export async function createOfficer(db: Db, { agencyId, input, userId }: { agencyId: number; input: OfficerInput; userId: number }): Promise<number> {
  const pinHash = input.pin ? await hashPassword(input.pin) : null;
  const id = db.$client.transaction(() => {
    const info = db.$client
      .prepare("insert into officers (agency_id, name, title, photo, pin_hash, created_at) values (?, ?, ?, ?, ?, ?)")
      .run(agencyId, input.name, input.title, input.photo ?? null, pinHash, Date.now());
    const officerId = Number(info.lastInsertRowid);
    setCounters(db, officerId, agencyId, input.counterIds);
    return officerId;
  })();
  audit(db, { userId, action: "officer.create", target: String(id), details: { agencyId, counters: input.counterIds.length } });
  return id;
}

export async function updateOfficer(db: Db, { id, agencyId, input, userId }: { id: number; agencyId: number; input: OfficerInput; userId: number }) {
  const pinHash = input.pin ? await hashPassword(input.pin) : input.pin;
  db.$client.transaction(() => {
    db.$client.prepare("update officers set name = ?, title = ? where id = ? and agency_id = ?").run(input.name, input.title, id, agencyId);
    if (pinHash !== undefined) db.$client.prepare("update officers set pin_hash = ? where id = ? and agency_id = ?").run(pinHash, id, agencyId);
    if (input.photo !== undefined) db.$client.prepare("update officers set photo = ? where id = ? and agency_id = ?").run(input.photo, id, agencyId);
    setCounters(db, id, agencyId, input.counterIds);
  })();
  // Never the PIN, only that it changed.
  audit(db, { userId, action: "officer.update", target: String(id), details: { pinChanged: input.pin !== undefined, photoChanged: input.photo !== undefined } });
}

/** Disabled officers leave the kiosks' lists; their past ratings keep crediting them. */
export function setOfficerDisabled(db: Db, { id, agencyId, disabled, userId }: { id: number; agencyId: number; disabled: boolean; userId: number }): boolean {
  const changed =
    db.$client.prepare("update officers set disabled_at = ? where id = ? and agency_id = ?").run(disabled ? Date.now() : null, id, agencyId).changes === 1;
  if (changed) audit(db, { userId, action: disabled ? "officer.disable" : "officer.enable", target: String(id) });
  return changed;
}

/** The PIN check of the kiosk: the officer must serve at this counter, be active and have this PIN. */
export async function verifyOfficerPin(db: Db, { officerId, counterId, pin }: { officerId: number; counterId: number; pin: string }): Promise<boolean> {
  const row = db.$client
    .prepare(
      `select o.pin_hash as pinHash from officers o join counter_officers co on co.officer_id = o.id
        where o.id = ? and co.counter_id = ? and o.disabled_at is null`,
    )
    .get(officerId, counterId) as { pinHash: string | null } | undefined;
  if (!row?.pinHash) return false;
  return verifyPassword(pin, row.pinHash);
}
