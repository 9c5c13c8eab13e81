/**
 * API keys for kiosks, surveyors' tablets and integrations (docs/contracts.md). A key is shown once when made;
 * only its sha256 is stored, with a short prefix to recognise it in lists. Revoking takes effect at once.
 */
import crypto from "node:crypto";

import { and, desc, eq, isNull, sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { devices } from "../../db/field-schema";
import { perConnection } from "../../db/prepared";
import { agencies, apiKeys } from "../../db/schema";

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
  const { id } = db
    .insert(apiKeys)
    .values({ kind, name, agencyId, counterId, prefix, keyHash: hash(key), createdAt: Date.now() })
    .returning({ id: apiKeys.id })
    .get();
  return { id, key, prefix };
}

/**
 * Revokes a key and marks the device holding it (kiosk, surveyor tablet) as revoked in the same step, from
 * whichever screen it is done: a device's state is its key's state, so the kiosk and supervision screens never
 * show as paired a tablet whose key no longer works.
 */
export function revokeApiKey(db: Db, id: number, now = Date.now()): boolean {
  return db.transaction(() => {
    const changed =
      db
        .update(apiKeys)
        .set({ revokedAt: now })
        .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .run().changes === 1;
    if (changed)
      db.update(devices)
        .set({ revokedAt: now })
        .where(and(eq(devices.apiKeyId, id), isNull(devices.revokedAt)))
        .run();
    return changed;
  });
}

/** Every key, newest first, with its agency's code (the accounts screen; never the hash). */
export function listApiKeys(db: Db) {
  return db
    .select({
      id: apiKeys.id,
      kind: apiKeys.kind,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      agency: agencies.code,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .leftJoin(agencies, eq(agencies.id, apiKeys.agencyId))
    .orderBy(desc(apiKeys.createdAt))
    .all();
}

/** Checked on every API request (each batch of up to 500 items): prepared once per connection (db/prepared.ts). */
const keyStatements = perConnection((db) => ({
  live: db
    .select({ id: apiKeys.id, kind: apiKeys.kind, agencyId: apiKeys.agencyId, counterId: apiKeys.counterId, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, sql.placeholder("keyHash")), isNull(apiKeys.revokedAt)))
    .prepare(),
  touch: db
    .update(apiKeys)
    .set({ lastUsedAt: sql`${sql.placeholder("now")}` })
    .where(eq(apiKeys.id, sql.placeholder("id")))
    .prepare(),
}));

/** The principal of `Authorization: Bearer <key>`, or null for a missing, unknown or revoked key. */
export function authenticateApiKey(db: Db, authorization: string | null, now = Date.now()): ApiPrincipal | null {
  const match = /^Bearer\s+(sipas_[a-z]+_[A-Za-z0-9_-]{43})\s*$/i.exec(authorization ?? "");
  if (!match) return null;
  const statements = keyStatements(db);
  const row = statements.live.get({ keyHash: hash(match[1]!) });
  if (!row) return null;
  // "Last contact" is for the supervisor's screen; a write per minute is plenty.
  if (!row.lastUsedAt || now - row.lastUsedAt > 60_000) statements.touch.run({ now, id: row.id });
  return { keyId: row.id, kind: row.kind, agencyId: row.agencyId, counterId: row.counterId };
}
