/**
 * Reading the tablet's own IndexedDB (`sipas-offline`, app/offline/db.ts) from a test: what is really on the
 * device, not what the page shows. Read-only; closes its connection so the app can upgrade the database later.
 */
import type { Page } from "@playwright/test";

/** Every value of one object store (`outbox`, `device`, `drafts`). */
export function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open("sipas-offline");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result as T[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  );
}

/** One value of a key/value store, e.g. the device record (`device`, `self`). */
export function readKey<T>(page: Page, store: string, key: string): Promise<T | undefined> {
  return page.evaluate(
    ([name, k]) =>
      new Promise<T | undefined>((resolve, reject) => {
        const open = indexedDB.open("sipas-offline");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(name).objectStore(name).get(k);
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result as T | undefined);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    [store, key] as const,
  );
}
