/**
 * POST /api/v1/kiosk/pair {"code":"ABCD-EFGH","deviceUuid":"…","appVersion":"…"} — a tablet redeems the
 * pairing code an administrator showed it, and receives its own kiosk API key (shown once). Rate-limited
 * per client address; a wrong, used or expired code is refused in Vietnamese and changes nothing.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { jsonError, readJson } from "~/api/json.server";
import { redeemPairingCode } from "~/kiosk/pairing.server";
import { hit } from "~/security/rate-limit.server";
import { services } from "~/services.server";
import { UUID_PATTERN } from "~/survey/response";

export async function loader() {
  return jsonError(405, "Chỉ nhận POST.");
}

const bodySchema = z.object({
  code: z.string().max(32),
  deviceUuid: z.string().regex(UUID_PATTERN),
  appVersion: z.string().max(64).optional(),
});

const REFUSED: Record<"invalidCode" | "expired" | "used" | "deviceTaken", string> = {
  invalidCode: "Mã ghép không đúng. Xin kiểm tra lại mã hiển thị trên màn hình quản trị.",
  expired: "Mã ghép đã hết hạn (10 phút). Xin tạo mã mới trên màn hình quản trị.",
  used: "Mã ghép này đã được dùng. Mỗi mã chỉ ghép được một máy.",
  deviceTaken: "Máy này đã được ghép trước đó; xin tải lại trang và thử lại.",
};

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return jsonError(405, "Chỉ nhận POST.");
  const { db, env, secret } = services();
  const verdict = hit(`kiosk:pair:${context?.clientAddress ?? ""}`, { max: env.RATE_KIOSK_PAIR_PER_ADDRESS, windowMs: 10 * 60_000 });
  if (!verdict.ok) {
    return Response.json(
      { error: "Quá nhiều lần thử mã ghép; xin chờ ít phút rồi thử lại." },
      { status: 429, headers: { "Retry-After": String(verdict.retryAfterSeconds), "Cache-Control": "no-store" } },
    );
  }
  const parsed = bodySchema.safeParse(await readJson(request, 4096));
  if (!parsed.success) return jsonError(400, "Thiếu mã ghép hoặc mã thiết bị.");
  const result = redeemPairingCode(db, { secret, ...parsed.data });
  if (!result.ok) return jsonError(result.reason === "deviceTaken" ? 409 : 400, REFUSED[result.reason], { result: result.reason });
  return Response.json(
    { apiKey: result.apiKey, deviceId: result.deviceId, name: result.name, counter: result.counterCode, agency: result.agencyCode },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
}
