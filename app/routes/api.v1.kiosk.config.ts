/**
 * GET /api/v1/kiosk/config — the paired kiosk's configuration (counter, agency, officers on the counter's
 * list, limits, delays, survey definition), with the kiosk's own key. 401 once the kiosk is unpaired.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";

import { jsonError, requireApiKey } from "~/api/json.server";
import { kioskConfig, kioskDeviceOf } from "~/kiosk/config.server";
import { services } from "~/services.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const s = services();
  const principal = requireApiKey(s.db, request, ["kiosk"]);
  const device = kioskDeviceOf(s.db, principal);
  if (!device) return jsonError(401, "Máy tại quầy này chưa được ghép hoặc đã bị hủy ghép.");
  const appVersion = request.headers.get("x-app-version")?.slice(0, 64) ?? null;
  const config = kioskConfig(s, device, { appVersion });
  if (!config) return jsonError(404, "Không tìm thấy quầy hoặc phiếu đánh giá của máy này.");
  return Response.json(config, { headers: { "Cache-Control": "no-store" } });
}
