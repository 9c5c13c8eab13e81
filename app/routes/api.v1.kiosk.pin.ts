/**
 * POST /api/v1/kiosk/pin {"officer":12,"pin":"1234"} — the officer on duty signs in on the kiosk. Checked on
 * the server (the tablet never holds a PIN hash: a 4–8 digit PIN would fall to a brute force in seconds).
 * Limited per kiosk, and locked per officer after 5 wrong PINs in 15 minutes (pin-lockout.server.ts), so that a
 * PIN cannot be guessed at the counter. Only the officers of the kiosk's own counter can be tried (and locked).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { jsonError, readJson, requireApiKey } from "~/api/json.server";
import { PIN_PATTERN } from "~/kiosk/codes";
import { kioskDeviceOf } from "~/kiosk/config.server";
import { verifyOfficerPin } from "~/kiosk/officers.server";
import { beginPinAttempt } from "~/kiosk/pin-lockout.server";
import { hit } from "~/security/rate-limit.server";
import { services } from "~/services.server";

export async function loader() {
  return jsonError(405, "Chỉ nhận POST.");
}

const bodySchema = z.object({ officer: z.number().int().positive(), pin: z.string().regex(PIN_PATTERN) });

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return jsonError(405, "Chỉ nhận POST.");
  const { db } = services();
  const principal = requireApiKey(db, request, ["kiosk"]);
  const device = kioskDeviceOf(db, principal);
  if (!device) return jsonError(401, "Máy tại quầy này chưa được ghép hoặc đã bị hủy ghép.");
  // Counted before the check: ten tries per 10 minutes per kiosk.
  const verdict = hit(`kiosk:pin:${device.id}`, { max: 10, windowMs: 10 * 60_000 });
  if (!verdict.ok) return jsonError(429, "Nhập sai mã PIN quá nhiều lần; xin chờ ít phút.");
  const parsed = bodySchema.safeParse(await readJson(request, 1024));
  if (!parsed.success) return jsonError(400, "Mã PIN gồm 4 đến 8 chữ số.");
  const officerId = parsed.data.officer;
  const attempt = beginPinAttempt(db, { officerId, counterId: device.counterId, deviceId: device.id });
  // Another counter's officer (or one without a PIN): refused without counting a failure against them.
  if (attempt.kind === "notHere") return jsonError(403, "Cán bộ này không làm việc tại quầy của máy này, hoặc chưa có mã PIN.");
  // 423 (not 429): the tablet tells this officer to wait, rather than "wrong PIN".
  if (attempt.kind === "locked") return jsonError(423, "Mã PIN của cán bộ này bị nhập sai quá nhiều lần; đăng nhập bằng PIN tạm khóa 15 phút.");
  const ok = await verifyOfficerPin(db, { officerId, counterId: device.counterId, pin: parsed.data.pin });
  attempt.settle(ok);
  if (!ok) return jsonError(403, "Mã PIN không đúng.");
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
