/**
 * POST /api/v1/devices/heartbeat — a tablet or kiosk says it is alive and what it still holds, with its own
 * device API key. The supervisor's screen reads it (last contact, items pending / needing attention).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { jsonError, readJson, requireApiKey } from "~/api/json.server";
import { recordHeartbeat } from "~/field/devices.server";
import { services } from "~/services.server";

export async function loader() {
  return jsonError(405, "Chỉ nhận POST.");
}

const count = z.number().int().min(0).max(1_000_000);
const heartbeatSchema = z.object({
  deviceUuid: z.string().min(1).max(64),
  appVersion: z.string().max(64).optional(),
  pending: count,
  attention: count,
});

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return jsonError(405, "Chỉ nhận POST.");
  const { db } = services();
  const principal = requireApiKey(db, request, ["kiosk", "surveyor"]);
  const parsed = heartbeatSchema.safeParse(await readJson(request, 4096));
  if (!parsed.success) {
    return jsonError(400, "Nội dung không hợp lệ: cần deviceUuid, pending và attention (số nguyên không âm).");
  }
  const now = Date.now();
  if (!recordHeartbeat(db, principal.keyId, parsed.data, now)) return jsonError(404, "Khóa API này không thuộc thiết bị nào đã cài đặt.");
  return Response.json({ ok: true, serverTime: now }, { headers: { "Cache-Control": "no-store" } });
}
