/** POST /api/v1/dossiers — QĐ 766 list rows as JSON with an integration key (app/qd766/api.server.ts). */
import type { ActionFunctionArgs } from "@remix-run/node";

import { jsonError } from "~/api/json.server";
import { importListRequest } from "~/qd766/api.server";

export async function loader() {
  return jsonError(405, "Chỉ nhận POST.");
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return jsonError(405, "Chỉ nhận POST.");
  return importListRequest(request, "dossiers");
}
