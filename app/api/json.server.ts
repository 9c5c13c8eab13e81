/** Small helpers shared by the JSON API routes: Vietnamese errors, body limits, key checks. */
import type { Db } from "../../db/client";
import { authenticateApiKey, type ApiKeyKind, type ApiPrincipal } from "~/auth/api-keys.server";
import { jsonDepthExceeds, MAX_JSON_DEPTH } from "./json-depth";
import { readBoundedBody } from "~/security/form-body.server";
import { hit } from "~/security/rate-limit.server";
import { services } from "~/services.server";

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error, ...extra }, { status, headers: { "Cache-Control": "no-store" } });
}

/** The request's API key principal if its kind is allowed, else a thrown 401/403 in Vietnamese. */
export function requireApiKey(db: Db, request: Request, kinds: readonly ApiKeyKind[]): ApiPrincipal {
  const principal = authenticateApiKey(db, request.headers.get("authorization"));
  if (!principal) {
    throw jsonError(401, "Thiếu hoặc sai khóa API (Authorization: Bearer <khóa>), hoặc khóa đã bị thu hồi.");
  }
  if (!kinds.includes(principal.kind)) {
    throw jsonError(403, `Khóa API loại «${principal.kind}» không được dùng cho thao tác này.`);
  }
  const verdict = hit(`api:key:${principal.keyId}`, { max: services().env.RATE_API_PER_KEY, windowMs: 60_000 });
  if (!verdict.ok) {
    throw Response.json(
      { error: "Quá nhiều yêu cầu với khóa API này; xin thử lại sau." },
      { status: 429, headers: { "Retry-After": String(verdict.retryAfterSeconds), "Cache-Control": "no-store" } },
    );
  }
  return principal;
}

/** Reads a JSON body no larger than the limit; malformed or oversized bodies are refused in Vietnamese. */
export async function readJson(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const bytes = await readBoundedBody(request, limit);
  if (!bytes) throw jsonError(413, `Nội dung quá lớn (tối đa ${limit} byte).`);
  // Invalid UTF-8 is refused rather than silently turned into U+FFFD inside a stored comment.
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw jsonError(400, "Nội dung gửi lên không phải văn bản UTF-8 hợp lệ.");
  }
  if (jsonDepthExceeds(text)) throw jsonError(400, `Nội dung gửi lên lồng nhau quá ${MAX_JSON_DEPTH} tầng.`);
  try {
    return JSON.parse(text);
  } catch {
    throw jsonError(400, "Nội dung gửi lên không phải JSON hợp lệ.");
  }
}
