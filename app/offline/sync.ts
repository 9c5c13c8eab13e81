/**
 * Sends the outbox to the server with the device's API key. Browser-only.
 *
 * Before a batch is posted its items are marked "sent" (durably); the server's answer moves each to
 * "confirmed" (201 created / 200 duplicate, with the receipt) or "attention" (400/403/409, with the server's
 * Vietnamese message). No answer (network down, 5xx, timeout, page closed) leaves them "sent", and the next
 * sync sends them again: the server dedups by id, so "sent" means "may or may not be stored yet", never lost.
 */
import { getDevice } from "./device";
import { itemsToSend, outboxCounts, pruneConfirmed, updateItems, type OutboxItem } from "./outbox";

export type SyncReport = {
  sent: number;
  confirmed: number;
  attention: number;
  stillPending: number;
  offline: boolean;
  revoked: boolean;
  /** No device record (never set up): nothing can be sent. */
  noDevice?: boolean;
};

export const SYNC_BATCH = 100;
export const SYNC_TIMEOUT_MS = 20_000;
/**
 * Pruning reads every confirmed item (30 days of interviews), so it runs on the first sync after the page
 * loads and then at most every 6 hours, not on every sync: done on each one, the sync got slower as the
 * outbox grew (measured: the randomized test's per-trial time more than doubled over 1 800 items).
 */
export const PRUNE_EVERY_MS = 6 * 3600_000;
let lastPrune = Number.NEGATIVE_INFINITY;

export const REVOKED_REASON = "Thiết bị đã bị thu hồi hoặc chưa được ghép: hãy đăng nhập và cài đặt lại thiết bị.";

type ItemResult = { id?: string | null; status?: number; result?: string; error?: string };
type Outcome =
  { kind: "results"; results: ItemResult[] } | { kind: "offline" } | { kind: "revoked"; message: string } | { kind: "refused"; message: string };

export type SyncOptions = { appVersion?: string; baseUrl?: string; timeoutMs?: number };

async function post(url: string, apiKey: string, body: unknown, timeoutMs: number): Promise<Response | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(body),
      signal: controller.signal,
      cache: "no-store",
      credentials: "omit",
    });
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

async function sendBatch(items: OutboxItem[], apiKey: string, opts: SyncOptions): Promise<Outcome> {
  const response = await post(
    `${opts.baseUrl ?? ""}/api/v1/responses`,
    apiKey,
    { responses: items.map((i) => i.body) },
    opts.timeoutMs ?? SYNC_TIMEOUT_MS,
  );
  if (!response || response.status >= 500 || response.status === 429) return { kind: "offline" };
  type Body = { results?: ItemResult[]; error?: string } | null;
  let json: Body = null;
  try {
    json = (await response.json()) as Body;
  } catch {
    // A body cut off mid-way is no answer at all: the items may or may not be stored, so they stay "sent".
    return { kind: "offline" };
  }
  if (response.ok && Array.isArray(json?.results)) return { kind: "results", results: json.results };
  const message = typeof json?.error === "string" ? json.error : `Máy chủ trả lời ${response.status}.`;
  if (response.status === 401 || response.status === 403) return { kind: "revoked", message: `${REVOKED_REASON} (${message})` };
  return { kind: "refused", message };
}

async function runSync(opts: SyncOptions): Promise<SyncReport> {
  const report: SyncReport = { sent: 0, confirmed: 0, attention: 0, stillPending: 0, offline: false, revoked: false };
  const device = await getDevice();
  const queue = await itemsToSend();
  if (!device) return { ...report, stillPending: queue.length, noDevice: true };
  for (let start = 0; start < queue.length; start += SYNC_BATCH) {
    const batch = queue.slice(start, start + SYNC_BATCH);
    const ids = batch.map((i) => i.id);
    const now = Date.now();
    // Only items still waiting are sent: a human may have acted on one since the queue was read.
    const taken = new Set<string>();
    await updateItems(ids, (item) => {
      if (item.state !== "pending" && item.state !== "sent") return null;
      taken.add(item.id);
      return { ...item, state: "sent", attempts: item.attempts + 1, updatedAt: now };
    });
    const sending = batch.filter((i) => taken.has(i.id));
    if (sending.length === 0) continue;
    report.sent += sending.length;
    const outcome = await sendBatch(sending, device.apiKey, opts);
    const at = Date.now();
    if (outcome.kind === "offline") {
      // Back to pending: the next sync sends them again and the server's answer settles what it holds.
      await updateItems(
        sending.map((i) => i.id),
        (item) => (item.state === "sent" ? { ...item, state: "pending", updatedAt: at } : null),
      );
      report.offline = true;
      break;
    }
    if (outcome.kind === "revoked" || outcome.kind === "refused") {
      await updateItems(
        sending.map((i) => i.id),
        (item) => (item.state === "sent" ? { ...item, state: "attention", reason: outcome.message, updatedAt: at } : null),
      );
      report.attention += sending.length;
      if (outcome.kind === "revoked") {
        report.revoked = true;
        break;
      }
      continue;
    }
    const byId = new Map<string, ItemResult>();
    outcome.results.forEach((r, i) => byId.set(typeof r.id === "string" ? r.id.toLowerCase() : (sending[i]?.id.toLowerCase() ?? ""), r));
    await updateItems(
      sending.map((i) => i.id),
      (item) => {
        if (item.state !== "sent") return null;
        const r = byId.get(item.id.toLowerCase());
        const status = r?.status ?? 0;
        if (status === 200 || status === 201) {
          report.confirmed += 1;
          return { ...item, state: "confirmed", reason: undefined, receipt: { status, result: r?.result ?? "", at }, updatedAt: at };
        }
        if (status === 400 || status === 403 || status === 409) {
          report.attention += 1;
          return { ...item, state: "attention", reason: r?.error ?? `Máy chủ từ chối (${status}).`, updatedAt: at };
        }
        // No verdict for this item (should not happen): keep it for the next sync rather than guess.
        return { ...item, state: "pending", updatedAt: at };
      },
    );
  }
  if (Date.now() - lastPrune >= PRUNE_EVERY_MS) {
    lastPrune = Date.now();
    await pruneConfirmed();
  }
  const counts = await outboxCounts();
  report.stillPending = counts.pending + counts.sent;
  await heartbeat(device.apiKey, device.deviceUuid, counts.pending + counts.sent, counts.attention, opts).then((ok) => {
    if (ok === "revoked") report.revoked = true;
  });
  return report;
}

/** Tells the server the device is alive and what it still holds (the supervisor's screen shows it). */
async function heartbeat(apiKey: string, deviceUuid: string, pending: number, attention: number, opts: SyncOptions) {
  const response = await post(
    `${opts.baseUrl ?? ""}/api/v1/devices/heartbeat`,
    apiKey,
    { deviceUuid, appVersion: opts.appVersion ?? "", pending, attention },
    opts.timeoutMs ?? SYNC_TIMEOUT_MS,
  );
  if (!response) return "offline";
  return response.status === 401 ? "revoked" : response.ok ? "ok" : "error";
}

/** Single-flight across tabs: two tabs syncing at once would only waste bandwidth (the server dedups anyway). */
export async function syncNow(opts: SyncOptions = {}): Promise<SyncReport> {
  if (typeof navigator !== "undefined" && navigator.locks) {
    return navigator.locks.request("sipas-sync", () => runSync(opts));
  }
  return runSync(opts);
}

/** Syncs on start, when the network returns, and every `intervalMs` while online; returns a stop function. */
export function startAutoSync(opts: { appVersion?: string; intervalMs?: number; onReport?: (r: SyncReport) => void } = {}): () => void {
  let stopped = false;
  const run = () => {
    if (stopped || !navigator.onLine) return;
    syncNow({ appVersion: opts.appVersion })
      .then((r) => opts.onReport?.(r))
      .catch(() => undefined);
  };
  const timer = setInterval(run, opts.intervalMs ?? 60_000);
  window.addEventListener("online", run);
  run();
  return () => {
    stopped = true;
    clearInterval(timer);
    window.removeEventListener("online", run);
  };
}
