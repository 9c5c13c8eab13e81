/**
 * POST /api/v1/responses — one response or {"responses":[…]} (at most 500), with a kiosk, surveyor or
 * integration API key. Each response is stored exactly once (docs/contracts.md): created 201, duplicate 200
 * with "duplicate": true, conflict 409 (first kept), invalid 400 with Vietnamese messages naming the
 * question. A batch answers 200 with one result per item, in order; items are independent.
 */
import type { ActionFunctionArgs } from "@remix-run/node";

import { jsonError, readJson, requireApiKey } from "~/api/json.server";
import type { ApiPrincipal } from "~/auth/api-keys.server";
import { idOfCode } from "~/directory/ids.server";
import { surveyorScopeProblem } from "~/field/assignments.server";
import { fixedT } from "~/i18n/i18n";
import { kioskCapProblem } from "~/kiosk/cap.server";
import { ingestResponse, type IngestResult } from "~/responses/ingest.server";
import { issueMessage } from "~/responses/messages";
import { services } from "~/services.server";
import { MAX_BATCH } from "~/survey/codes";

export async function loader() {
  return jsonError(405, "Chỉ nhận POST.");
}

type ItemResult = { id: string | null; status: number; result: IngestResult["status"] | "forbidden" | "dailyCap"; [k: string]: unknown };

function scopeProblem(db: ReturnType<typeof services>["db"], principal: ApiPrincipal, item: unknown): string | null {
  const body = (item ?? {}) as { agency?: unknown; counter?: unknown };
  if (principal.kind === "surveyor") {
    const outside = surveyorScopeProblem(db, principal.keyId, String(body.agency ?? ""));
    if (outside) return outside;
  }
  if (principal.agencyId === null && principal.counterId === null) return null;
  if (principal.agencyId !== null) {
    const agencyId = idOfCode(db, "agency", String(body.agency ?? ""));
    if (agencyId !== null && agencyId !== principal.agencyId) return `Khóa API này không được gửi phiếu của cơ quan «${String(body.agency)}».`;
  }
  if (principal.counterId !== null) {
    if (idOfCode(db, "counter", String(body.counter ?? "")) !== principal.counterId)
      return "Khóa API của máy tại quầy chỉ được gửi phiếu của quầy đã ghép.";
  }
  return null;
}

/**
 * The channels each kind of key may claim. A kiosk's ratings are kiosk ratings (their times are kept to the
 * hour, privacy.ts): a kiosk key claiming another channel would get exact times stored. A surveyor's tablet
 * records interviews, never the anonymous counter channels. Integrations are other systems and may say any.
 */
const CHANNELS_OF_KEY: Record<ApiPrincipal["kind"], readonly string[] | null> = {
  kiosk: ["kiosk"],
  surveyor: ["surveyor", "paper", "phone"],
  integration: null,
};

function channelProblem(principal: ApiPrincipal, item: unknown): string | null {
  const allowed = CHANNELS_OF_KEY[principal.kind];
  const channel = (item as { channel?: unknown } | null)?.channel;
  if (!allowed || typeof channel !== "string" || allowed.includes(channel)) return null;
  return issueMessage(fixedT("vi"), { key: "channelNotForKey", params: { kind: principal.kind, value: channel } });
}

function ingestOne(principal: ApiPrincipal, item: unknown): ItemResult {
  const { db, surveys, env, secret } = services();
  const t = fixedT("vi");
  const id = typeof (item as { id?: unknown })?.id === "string" ? (item as { id: string }).id : null;
  const forbidden = scopeProblem(db, principal, item);
  if (forbidden) return { id, status: 403, result: "forbidden", error: forbidden };
  const wrongChannel = channelProblem(principal, item);
  if (wrongChannel) return { id, status: 403, result: "forbidden", error: wrongChannel };
  // 403 per item: the tablet keeps the rating as "needs attention" instead of retrying it forever.
  const capped = kioskCapProblem(db, env, principal, item);
  if (capped) return { id, status: 403, result: "dailyCap", error: capped };
  const result = ingestResponse(db, surveys, item, {
    source: `api:key${principal.keyId}`,
    apiKeyId: principal.keyId,
    refuseInactiveCounter: true,
    dossiers: { secret, requireKnown: env.REQUIRE_KNOWN_DOSSIER === "1" },
  });
  switch (result.status) {
    case "created":
      return { id: result.id, status: 201, result: "created", duplicate: false };
    case "duplicate":
      return { id: result.id, status: 200, result: "duplicate", duplicate: true };
    case "completed":
      // A vote given its details (docs/decisions/0016): the same rating, now with more in it.
      return { id: result.id, status: 200, result: "completed", duplicate: false };
    case "conflict":
      return { id: result.id, status: 409, result: "conflict", error: t("validation.conflict", { id: result.id }) };
    case "dossierRated":
      return { id: result.id, status: 409, result: "dossierRated", error: t("dossier.alreadyRatedApi") };
    case "invalid": {
      const issues = result.issues.map((issue) => ({ path: issue.path, message: issueMessage(t, issue) }));
      return { id: result.id ?? id, status: 400, result: "invalid", error: issues.map((i) => i.message).join(" "), issues };
    }
  }
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return jsonError(405, "Chỉ nhận POST.");
  const { db } = services();
  const principal = requireApiKey(db, request, ["kiosk", "surveyor", "integration"]);
  const body = await readJson(request);
  const isBatch = typeof body === "object" && body !== null && !Array.isArray(body) && "responses" in body;
  if (!isBatch) {
    const one = ingestOne(principal, body);
    return Response.json(one, { status: one.status, headers: { "Cache-Control": "no-store" } });
  }
  const items = (body as { responses: unknown }).responses;
  if (!Array.isArray(items)) return jsonError(400, "«responses» phải là một danh sách phiếu.");
  if (items.length === 0) return jsonError(400, "Danh sách «responses» trống.");
  if (items.length > MAX_BATCH) return jsonError(413, `Mỗi lần gửi tối đa ${MAX_BATCH} phiếu (nhận ${items.length}).`);
  // One transaction for the batch, one savepoint per item: a refused item stores nothing, the rest commit.
  const results = db.$client.transaction(() => items.map((item) => ingestOne(principal, item))).immediate();
  const count = (r: ItemResult["result"]) => results.filter((x) => x.result === r).length;
  return Response.json(
    {
      results,
      created: count("created"),
      duplicates: count("duplicate"),
      completed: count("completed"),
      conflicts: count("conflict"),
      dossiersRated: count("dossierRated"),
      rejected: count("invalid") + count("forbidden") + count("dailyCap"),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
