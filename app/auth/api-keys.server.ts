/**
 * API keys for kiosks, surveyors' tablets and integrations (contracts.md). A key is shown once when made;
 * only its sha256 is stored, with a short prefix to recognise it in lists. Revoking takes effect at once.
 */
import crypto from "node:crypto";

import type { Db } from "../../db/client";

import type { ApiKeyKind } from "./roles";

export { API_KEY_KINDS, type ApiKeyKind } from "./roles";

export type ApiPrincipal = { keyId: number; kind: ApiKeyKind; agencyId: number | null; counterId: number | null };

const hash = (key: string) => crypto.createHash("sha256").update(key).digest("hex");

export function createApiKey(
  db: Db,
  { kind, name, agencyId = null, counterId = null }: { kind: ApiKeyKind; name: string; agencyId?: number | null; counterId?: number | null },
): { id: number; key: string; prefix: string } {
  // 32 random bytes: unguessable; the kind in clear helps an operator who finds a key in a config file.
  const key = `sipas_${kind}_${crypto.randomBytes(32).toString("base64url")}`;
  const prefix = key.slice(0, `sipas_${kind}_`.length + 6);
  const info = db.$client
    .prepare(
      `insert into api_keys (kind, name, agency_id, counter_id, prefix, key_hash, created_at)
       values (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(kind, name, agencyId, counterId, prefix, hash(key), Date.now());
  return { id: Number(info.lastInsertRowid), key, prefix };
}

/**
 * Revokes a key and marks the device holding it (kiosk, surveyor tablet) as revoked in the same step, from
 * whichever screen it is done: a device's state is its key's state, so the kiosk and supervision screens never
 * show as paired a tablet whose key no longer works.
 */
export function revokeApiKey(db: Db, id: number, now = Date.now()): boolean {
  return db.$client.transaction(() => {
    const changed = db.$client.prepare("update api_keys set revoked_at = ? where id = ? and revoked_at is null").run(now, id).changes === 1;
    if (changed) db.$client.prepare("update devices set revoked_at = ? where api_key_id = ? and revoked_at is null").run(now, id);
    return changed;
  })();
}

/** The principal of `Authorization: Bearer <key>`, or null for a missing, unknown or revoked key. */
export function authenticateApiKey(db: Db, authorization: string | null, now = Date.now()): ApiPrincipal | null {
  const match = /^Bearer\s+(sipas_[a-z]+_[A-Za-z0-9_-]{43})\s*$/i.exec(authorization ?? "");
  if (!match) return null;
  const row = db.$client
    .prepare(
      `select id, kind, agency_id as agencyId, counter_id as counterId, last_used_at as lastUsedAt
         from api_keys where key_hash = ? and revoked_at is null`,
    )
    .get(hash(match[1]!)) as (ApiPrincipal & { id: number; lastUsedAt: number | null }) | undefined;
  if (!row) return null;
  // "Last contact" is for the supervisor's screen; a write per minute is plenty.
  if (!row.lastUsedAt || now - row.lastUsedAt > 60_000) {
    db.$client.prepare("update api_keys set last_used_at = ? where id = ?").run(now, row.id);
  }
  return { keyId: row.id, kind: row.kind, agencyId: row.agencyId, counterId: row.counterId };
}
