/**
 * How a page learns the reference of an unexpected server error (reference.server.ts makes it): the error
 * reaches the route's boundary as a thrown 500 whose JSON body is `{ errorRef }`, and nothing else — no
 * message, no stack. Shared by the server (which writes it) and the boundaries (which read it).
 */
import { isRouteErrorResponse } from "@remix-run/react";

export type ErrorReferenceBody = { errorRef: string };

/** The reference the server logged for this error, or null (an answer of the route, or an error in the browser). */
export function errorReferenceOf(error: unknown): string | null {
  if (!isRouteErrorResponse(error) || error.status !== 500) return null;
  const data: unknown = error.data;
  return data && typeof data === "object" && "errorRef" in data && typeof data.errorRef === "string" ? data.errorRef : null;
}
