/**
 * `sipas sync-national`: sends the national hub every month whose counts changed since the last successful
 * sync to that hub (a late tablet upload or a paper form changes a closed month; a province offline for weeks
 * simply has more months to send). Each month goes whole and replaces the province's rows of that month at the
 * hub in one transaction; what was sent is recorded (national_sync) only once the hub has taken it. Over HTTP(S)
 * to the hub's endpoint with the province's key, or straight into the hub's PostgreSQL through Drizzle.
 */
import { eq } from "drizzle-orm";

import type { Db } from "../../db/client";
import { nationalSync } from "../../db/national-schema";
import type { HubDb } from "../../hub/client";
import { provinceMonths, readProvinceMonth } from "./province-months.server";
import { HubInputError, provinceOfKey, replaceMonth, type ReplaceResult } from "./hub-store.server";
import type { MonthPayload } from "./payload.server";

/** Where months go: the province code the hub knows this key by, and a way to hand it a month. */
export type HubTarget = { address: string; province: () => Promise<string>; send: (payload: MonthPayload) => Promise<ReplaceResult> };

export class SyncError extends Error {}

/** The address recorded with what was sent: without user name or password. */
export function hubAddress(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    throw new SyncError(`Địa chỉ trung tâm «${url}» không hợp lệ.`);
  }
}

/** Why a request never reached the hub, in Vietnamese: Node's fetch says only "fetch failed", the reason is its `cause`. */
export function networkReason(error: unknown): string {
  const code = String((error as { cause?: { code?: unknown } } | null)?.cause?.code ?? "");
  if (code === "ECONNREFUSED") return "máy trung tâm từ chối kết nối (máy chủ chưa chạy hoặc sai cổng)";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "không tìm thấy tên máy trung tâm (kiểm tra địa chỉ và mạng)";
  if (code === "ETIMEDOUT" || code === "UND_ERR_CONNECT_TIMEOUT") return "hết thời gian chờ kết nối";
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "kết nối bị ngắt giữa chừng";
  if (/CERT|SSL|TLS/i.test(code)) return "chứng chỉ HTTPS của trung tâm không hợp lệ";
  return code ? `lỗi mạng (mã ${code})` : "lỗi mạng";
}

/** The hub's HTTP endpoint (POST /api/v1/hub/thang, docs/contracts.md §National hub). */
export function httpTarget(base: string, key: string): HubTarget {
  const address = hubAddress(base);
  const url = (path: string) => new URL(path, address.endsWith("/") ? address : `${address}/`).toString();
  const call = async (path: string, init: RequestInit) => {
    let res: Response;
    try {
      res = await fetch(url(path), { ...init, headers: { ...init.headers, authorization: `Bearer ${key}` } });
    } catch (error) {
      throw new SyncError(`Không kết nối được trung tâm ${address}: ${networkReason(error)}.`);
    }
    const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    if (!res.ok) throw new SyncError(`Trung tâm trả lời ${res.status}: ${String(body?.error ?? res.statusText)}`);
    return body ?? {};
  };
  return {
    address,
    province: async () => String((await call("api/v1/hub/thang", { method: "GET" })).province),
    send: async (payload) =>
      (await call("api/v1/hub/thang", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload),
      })) as ReplaceResult,
  };
}

/** Straight into the hub's database (a deployment on the same private network); the key still names the province. */
export function directTarget(hub: HubDb, url: string, key: string): HubTarget {
  let code: string | null = null;
  const province = async () => {
    code ??= await provinceOfKey(hub, key);
    if (!code) throw new SyncError("Khóa tỉnh không đúng hoặc đã được thay: xin trung tâm cấp lại (hub-add-province).");
    return code;
  };
  return {
    address: hubAddress(url),
    province,
    send: async (payload) => {
      try {
        return await replaceMonth(hub, await province(), payload);
      } catch (error) {
        if (error instanceof HubInputError) throw new SyncError(error.message);
        throw error;
      }
    },
  };
}

export type SyncSummary = { province: string; sent: number; unchanged: number; stale: number; rows: number };

/**
 * Sends the changed months, oldest first, one line per month to `progress`. `full`: send every month (after
 * the hub lost its data). A month that vanished locally (every response of it deleted) is sent empty.
 */
export async function syncNational(
  db: Db,
  target: HubTarget,
  options: { full?: boolean; progress?: (line: string) => void } = {},
): Promise<SyncSummary> {
  const say = options.progress ?? (() => {});
  const province = await target.province();
  const sent = new Map(
    db
      .select({ month: nationalSync.month, hash: nationalSync.contentHash })
      .from(nationalSync)
      .where(eq(nationalSync.hub, target.address))
      .all()
      .map((r) => [r.month, r.hash] as const),
  );
  const months = [...new Set([...provinceMonths(db), ...sent.keys()])].sort();
  const summary: SyncSummary = { province, sent: 0, unchanged: 0, stale: 0, rows: 0 };
  for (const month of months) {
    const payload = readProvinceMonth(db, province, month);
    if (!options.full && sent.get(month) === payload.hash) {
      summary.unchanged++;
      continue;
    }
    const rows = payload.responses.length + payload.answers.length;
    const result = await target.send(payload);
    if (result.status === "stale") {
      // Another sync of this province sent a newer reading of the month meanwhile: nothing to record.
      summary.stale++;
      say(`${month}: trung tâm đã có số liệu mới hơn (một lần đồng bộ khác), bỏ qua`);
      continue;
    }
    db.insert(nationalSync)
      .values({ hub: target.address, month, contentHash: payload.hash, syncedAt: Date.now() })
      .onConflictDoUpdate({ target: [nationalSync.hub, nationalSync.month], set: { contentHash: payload.hash, syncedAt: Date.now() } })
      .run();
    summary.sent++;
    summary.rows += rows;
    say(
      `${month}: đã gửi ${rows.toLocaleString("vi-VN")} dòng (${payload.responses.length.toLocaleString("vi-VN")} số phiếu, ${payload.answers.length.toLocaleString("vi-VN")} số câu trả lời)`,
    );
  }
  return summary;
}
