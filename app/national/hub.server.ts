/**
 * The hub mode of the app: one connection pool to the hub's PostgreSQL per process, migrated on first use,
 * when HUB_DATABASE_URL is set; null otherwise (a province's server, where the hub's pages do not exist).
 */
import { migrateHub, openHub, type HubDb } from "../../hub/client";
import { services } from "../services.server";

const holder = globalThis as typeof globalThis & { __sipasHub?: Promise<HubDb> };

export function hubDb(): Promise<HubDb> | null {
  const url = services().env.HUB_DATABASE_URL;
  if (!url) return null;
  holder.__sipasHub ??= (async () => {
    const hub = openHub(url);
    await migrateHub(hub);
    return hub;
  })().catch((error: unknown) => {
    // Let the next request try again (the hub's PostgreSQL may start after the app).
    holder.__sipasHub = undefined;
    throw error;
  });
  return holder.__sipasHub;
}
