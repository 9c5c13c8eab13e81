/**
 * The one IndexedDB database of the offline apps (surveyor tablets, counter kiosks): `sipas-offline`.
 * Browser-only. Stores: `outbox` (keyPath `id`, the response UUID), `device` (key/value: the paired device
 * and small settings), `drafts` (keyPath `id`: interviews not yet saved). A new store needs a version bump here.
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";

import type { OutboxItem } from "./outbox";

export const OFFLINE_DB_NAME = "sipas-offline";
export const OFFLINE_DB_VERSION = 1;

export type Draft = { id: string; updatedAt: number; data: Record<string, unknown> };

export interface OfflineSchema extends DBSchema {
  outbox: { key: string; value: OutboxItem; indexes: { state: string } };
  device: { key: string; value: unknown };
  drafts: { key: string; value: Draft };
}

let opening: Promise<IDBPDatabase<OfflineSchema>> | null = null;

export function offlineDb(): Promise<IDBPDatabase<OfflineSchema>> {
  opening ??= openDB<OfflineSchema>(OFFLINE_DB_NAME, OFFLINE_DB_VERSION, {
    upgrade(db) {
      if (!db.objectStoreNames.contains("outbox")) {
        const outbox = db.createObjectStore("outbox", { keyPath: "id" });
        outbox.createIndex("state", "state");
      }
      if (!db.objectStoreNames.contains("device")) db.createObjectStore("device");
      if (!db.objectStoreNames.contains("drafts")) db.createObjectStore("drafts", { keyPath: "id" });
    },
    // Another tab (a newer app version) wants to upgrade: let it, and reopen on next use.
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
      opening = null;
    },
    terminated() {
      opening = null;
    },
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

/** Closes the connection; the next call reopens it. Tests use it to simulate a reload (no in-memory state). */
export async function closeOfflineDb(): Promise<void> {
  const current = opening;
  opening = null;
  if (current) (await current.catch(() => null))?.close();
}

/**
 * Chrome's "strict" durability flushes to disk before the transaction completes: an item the surveyor was told
 * is saved must survive a power cut right after. Other browsers ignore the option.
 */
export const STRICT = { durability: "strict" } as const;
