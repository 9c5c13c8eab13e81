/**
 * The outbox of responses made on a device (surveyor tablet, kiosk), in IndexedDB. Browser-only.
 * An item is the exact API body keyed by its device-made UUID; it moves pending → sent → confirmed, or to
 * "attention" when the server refuses it, where it waits for a human (retry or dismiss). Nothing is deleted
 * except confirmed items older than 30 days: a refused interview must never vanish (docs/decisions/0009).
 */
import { offlineDb, STRICT } from "./db";

export const OUTBOX_STATES = ["pending", "sent", "confirmed", "attention", "dismissed"] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export type OutboxReceipt = { status: number; result: string; at: number };

export type OutboxItem = {
  /** The response UUID, made on the device: the idempotency key on the server. */
  id: string;
  /** Exactly the docs/contracts.md response body. */
  body: Record<string, unknown>;
  state: OutboxState;
  createdAt: number;
  updatedAt: number;
  attempts: number;
  /** Vietnamese text shown for "attention" (the server's message when it gave one). */
  reason?: string;
  /** What the server answered when it confirmed the item. */
  receipt?: OutboxReceipt;
};

export const CONFIRMED_RETENTION_MS = 30 * 24 * 3600_000;
const CHANNEL = "sipas-outbox";

const listeners = new Set<() => void>();
let channel: BroadcastChannel | null = null;

function ensureChannel() {
  if (channel || typeof BroadcastChannel === "undefined") return;
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = () => listeners.forEach((l) => l());
}

/** Tells this tab's listeners and every other tab that the outbox changed. */
export function notifyOutboxChange(): void {
  ensureChannel();
  listeners.forEach((l) => l());
  channel?.postMessage("changed");
}

export function onOutboxChange(listener: () => void): () => void {
  ensureChannel();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Durable before it resolves; the same id twice is one item (the first kept, as on the server). */
export async function addToOutbox(body: Record<string, unknown>): Promise<OutboxItem> {
  const id = body.id;
  if (typeof id !== "string" || id.length === 0) throw new Error("Phiếu thiếu mã định danh (id).");
  const db = await offlineDb();
  const tx = db.transaction("outbox", "readwrite", STRICT);
  const existing = await tx.store.get(id);
  const now = Date.now();
  const item: OutboxItem = existing ?? { id, body, state: "pending", createdAt: now, updatedAt: now, attempts: 0 };
  if (!existing) await tx.store.put(item);
  await tx.done;
  notifyOutboxChange();
  return item;
}

/**
 * Gives an item a new body: a kiosk vote that the citizen completed with details (docs/decisions/0016). The
 * new body holds the whole rating, so whatever the server has seen of the item, sending it again is right: a
 * pending item stays pending; one in flight or confirmed goes back to pending (the answer to the earlier
 * post is then ignored, sync only settles items still "sent"); one waiting for a human keeps its state.
 * Durable before it resolves; an item not in the outbox (pruned, or never written) is added.
 */
export async function replaceBody(id: string, body: Record<string, unknown>): Promise<void> {
  if (body.id !== id) throw new Error("Phiếu thay thế phải giữ nguyên mã định danh (id).");
  const db = await offlineDb();
  const tx = db.transaction("outbox", "readwrite", STRICT);
  const existing = await tx.store.get(id);
  const now = Date.now();
  const state: OutboxState = !existing || existing.state === "sent" || existing.state === "confirmed" ? "pending" : existing.state;
  await tx.store.put({ ...(existing ?? { id, createdAt: now, attempts: 0 }), body, state, updatedAt: now, receipt: undefined });
  await tx.done;
  notifyOutboxChange();
}

/** Newest first. */
export async function listOutbox(): Promise<OutboxItem[]> {
  const db = await offlineDb();
  const items = await db.getAll("outbox");
  return items.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
}

export async function getOutboxItem(id: string): Promise<OutboxItem | undefined> {
  return (await offlineDb()).get("outbox", id);
}

export async function outboxCounts(): Promise<Record<OutboxState, number>> {
  const counts = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<OutboxState, number>;
  // One read transaction for the five counts (each count its own transaction cost five round trips).
  const index = (await offlineDb()).transaction("outbox").store.index("state");
  const n = await Promise.all(OUTBOX_STATES.map((state) => index.count(state)));
  OUTBOX_STATES.forEach((state, i) => (counts[state] = n[i]!));
  return counts;
}

/**
 * A human's decision on an item that needs attention: send it again, or set it aside. A dismissed item stays
 * listed (greyed) and can still be retried; nothing is deleted.
 */
export async function resolveItem(id: string, action: "retry" | "dismiss"): Promise<void> {
  const db = await offlineDb();
  const tx = db.transaction("outbox", "readwrite", STRICT);
  const item = await tx.store.get(id);
  if (!item) throw new Error(`Không có phiếu ${id} trong hàng đợi.`);
  const allowed = action === "retry" ? ["attention", "dismissed"] : ["attention"];
  if (!allowed.includes(item.state)) throw new Error(`Phiếu ${id} đang ở trạng thái «${item.state}», không thể xử lý.`);
  await tx.store.put({ ...item, state: action === "retry" ? "pending" : "dismissed", updatedAt: Date.now() });
  await tx.done;
  notifyOutboxChange();
}

/**
 * Moves items between states inside one transaction. `update` sees the current item and returns the new one,
 * or null to leave it alone (e.g. a human retried it meanwhile): sync never overwrites a newer decision.
 */
export async function updateItems(ids: string[], update: (item: OutboxItem) => OutboxItem | null): Promise<void> {
  if (ids.length === 0) return;
  const db = await offlineDb();
  const tx = db.transaction("outbox", "readwrite", STRICT);
  for (const id of ids) {
    const item = await tx.store.get(id);
    const next = item ? update(item) : null;
    if (next) await tx.store.put(next);
  }
  await tx.done;
  notifyOutboxChange();
}

/** Items sync must (re)send: pending, and sent ones whose answer never came back. Oldest first. */
export async function itemsToSend(): Promise<OutboxItem[]> {
  const db = await offlineDb();
  const [pending, sent] = await Promise.all([db.getAllFromIndex("outbox", "state", "pending"), db.getAllFromIndex("outbox", "state", "sent")]);
  return [...pending, ...sent].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** The only deletion: confirmed items (the server holds them) older than 30 days. */
export async function pruneConfirmed(now = Date.now()): Promise<number> {
  const db = await offlineDb();
  const tx = db.transaction("outbox", "readwrite", STRICT);
  let removed = 0;
  for (const item of await tx.store.index("state").getAll("confirmed")) {
    if (now - item.updatedAt > CONFIRMED_RETENTION_MS) {
      await tx.store.delete(item.id);
      removed += 1;
    }
  }
  await tx.done;
  if (removed) notifyOutboxChange();
  return removed;
}
