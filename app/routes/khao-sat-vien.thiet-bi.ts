/**
 * POST /khao-sat-vien/thiet-bi — a signed-in surveyor sets the tablet up (session + CSRF): a `devices` row and
 * a device-bound surveyor API key, answered once as JSON for the tablet to keep in IndexedDB.
 */
import type { ActionFunctionArgs } from "@remix-run/node";

import { jsonError } from "~/api/json.server";
import { audit } from "~/auth/audit.server";
import { requireCsrf } from "~/auth/csrf.server";
import { getUser } from "~/auth/session.server";
import { registerSurveyorDevice } from "~/field/devices.server";
import { readFormBody } from "~/security/form-body.server";
import { services } from "~/services.server";

export async function loader() {
  return jsonError(405, "Chỉ nhận POST.");
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return jsonError(405, "Chỉ nhận POST.");
  const { db, secret } = services();
  const user = getUser(db, secret, request);
  if (!user) return jsonError(401, "Phiên đăng nhập đã hết; xin đăng nhập lại để cài đặt máy.");
  if (user.role !== "surveyor") return jsonError(403, "Chỉ khảo sát viên mới cài đặt được máy khảo sát.");
  const read = await readFormBody(request);
  if (!read.ok) return jsonError(read.status, "Biểu mẫu không hợp lệ; xin tải lại trang và thử lại.");
  const form = read.form;
  try {
    requireCsrf(request, form);
  } catch {
    return jsonError(403, "Biểu mẫu đã hết hạn; xin tải lại trang và thử lại.");
  }
  const result = registerSurveyorDevice(db, {
    userId: user.id,
    username: user.username,
    deviceUuid: String(form.get("deviceUuid") ?? ""),
    name: String(form.get("name") ?? ""),
  });
  if (!result.ok) return jsonError(result.status, result.error);
  audit(db, { userId: user.id, action: "device.register", target: result.device.deviceUuid });
  return Response.json(result.device, { headers: { "Cache-Control": "no-store" } });
}
