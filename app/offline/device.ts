/**
 * The device record kept on a tablet or kiosk: its UUID and its own API key, so that sync works for days
 * after the staff session ended. Browser-only; stored in the `device` store under one key.
 */
import { offlineDb, STRICT } from "./db";

export type DeviceRecord = {
  deviceUuid: string;
  kind: "kiosk" | "surveyor";
  apiKey: string;
  name: string;
  agency?: string;
  counter?: string;
  pairedAt: number;
  extra?: Record<string, unknown>;
};

const KEY = "self";

export async function getDevice(): Promise<DeviceRecord | null> {
  const db = await offlineDb();
  return ((await db.get("device", KEY)) as DeviceRecord | undefined) ?? null;
}

export async function saveDevice(d: DeviceRecord): Promise<void> {
  const db = await offlineDb();
  const tx = db.transaction("device", "readwrite", STRICT);
  await tx.store.put(d, KEY);
  await tx.done;
}

/** Refuses while anything still has to reach the server or a human: forgetting the key would strand it. */
export async function forgetDevice(): Promise<void> {
  const db = await offlineDb();
  const tx = db.transaction(["outbox", "device"], "readwrite", STRICT);
  const index = tx.objectStore("outbox").index("state");
  for (const state of ["pending", "sent", "attention"] as const) {
    const n = await index.count(state);
    if (n > 0) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new Error(`Còn ${n} phiếu chưa xử lý xong (${state}); không thể gỡ thiết bị.`);
    }
  }
  await tx.objectStore("device").delete(KEY);
  await tx.done;
}

export function newDeviceUuid(): string {
  return crypto.randomUUID();
}
