/** Small helpers shared by the JSON API routes: Vietnamese errors, body limits, key checks. */
import type { Db } from "../../db/client";
import { authenticateApiKey, type ApiKeyKind, type ApiPrincipal } from "~/auth/api-keys.server";
import { readBoundedBody } from "~/security/form-body.server";
import { hit } from "~/security/rate-limit.server";
import { isWellFormedText } from "~/security/text";
import { services } from "~/services.server";

export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/**
 * Nesting a body may have: a batch of responses is four levels deep (batch, list, response, an answer's list
 * of codes). Deeper bodies are refused before any route sees them: code that walks a value recursively
 * (JSON.stringify of a stored copy, a schema) would otherwise overflow the stack on a body 100 000 levels deep.
 */
export const MAX_JSON_DEPTH = 32;

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
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw jsonError(400, "Nội dung gửi lên không phải JSON hợp lệ.");
  }
  const problem = jsonProblem(value);
  if (problem === "surrogate") {
    throw jsonError(400, "Nội dung gửi lên có một ký tự không hợp lệ (nửa cặp thay thế UTF-16, ví dụ \\ud800): xin gửi văn bản Unicode hợp lệ.");
  }
  if (problem === "depth") throw jsonError(400, `Nội dung JSON lồng nhau quá sâu (tối đa ${MAX_JSON_DEPTH} cấp).`);
  return value;
}

/**
 * What makes a parsed body unusable although it is JSON: a string or key holding a lone surrogate (a `\ud800`
 * escape parses to one; stored, it is not UTF-8), or nesting past MAX_JSON_DEPTH. Walked with an explicit
 * stack, so a deep body cannot overflow this check either.
 */
export function jsonProblem(value: unknown): "surrogate" | "depth" | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v === "string") {
      if (!isWellFormedText(v)) return "surrogate";
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (depth >= MAX_JSON_DEPTH) return "depth";
    for (const [key, child] of Object.entries(v)) {
      if (!Array.isArray(v) && !isWellFormedText(key)) return "surrogate";
      stack.push([child, depth + 1]);
    }
  }
  return null;
}
