/**
 * The national hub's sync endpoint (docs/contracts.md §National hub), served only when HUB_DATABASE_URL is set:
 * `POST /api/v1/hub/thang` with `Authorization: Bearer <province key>` and one month of counts replaces that
 * province's rows of the month in one transaction; `GET` says which province the key belongs to and the hash of
 * every month the hub holds for it. Bad input → 4xx with a Vietnamese message, and nothing changes.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";

import { jsonError, readJson } from "~/api/json.server";
import { bearerKey, HubInputError, provinceOfKey, replaceMonth } from "~/national/hub-store.server";
import { hubDb } from "~/national/hub.server";
import { monthPayloadSchema } from "~/national/payload.server";
import type { HubDb } from "../../hub/client";
import { hubMonths } from "../../hub/schema";

/** A month of the largest province estimated in docs/operations.md is ~6 MB of JSON; room to spare. */
const MAX_MONTH_BYTES = 48 * 1024 * 1024;

async function authenticate(request: Request): Promise<{ hub: HubDb; province: string }> {
  const pending = hubDb();
  if (!pending) throw jsonError(404, "Máy chủ này không phải trung tâm quốc gia.");
  const hub = await pending;
  const province = await provinceOfKey(hub, bearerKey(request.headers.get("authorization")));
  if (!province) throw jsonError(401, "Thiếu hoặc sai khóa tỉnh (Authorization: Bearer <khóa>), hoặc khóa đã được thay.");
  return { hub, province };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { hub, province } = await authenticate(request);
  const months = await hub
    .select({ month: hubMonths.month, hash: hubMonths.contentHash })
    .from(hubMonths)
    .where(eq(hubMonths.province, province))
    .orderBy(asc(hubMonths.month));
  return Response.json({ province, months }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return jsonError(405, "Chỉ nhận POST.");
  const { hub, province } = await authenticate(request);
  // zod's own Vietnamese messages for the checks that carry none of ours.
  const parsed = monthPayloadSchema.safeParse(await readJson(request, MAX_MONTH_BYTES), { error: z.locales.vi().localeError });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return jsonError(400, `Số liệu tháng không hợp lệ: ${issue?.path.join(".") || "(gốc)"}: ${issue?.message ?? ""}`);
  }
  try {
    return Response.json(await replaceMonth(hub, province, parsed.data), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof HubInputError) return jsonError(400, error.message);
    throw error;
  }
}
