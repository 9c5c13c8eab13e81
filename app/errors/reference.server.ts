/**
 * A reference for each unexpected error of a page (docs/decisions/0019-forms-and-error-boundaries.md). An
 * error thrown by a page's loader or action that is not an answer — a Response (a redirect, a 4xx with its
 * Vietnamese reason) is an answer — is logged here once, as one JSON line on stderr with a short reference and
 * the stack, and reaches the page's error boundary as a 500 carrying only that reference. Left to Remix, the
 * page would read "Unexpected Server Error" and the log would hold a stack nobody could tie to a person's
 * report; with it the person reads «Mã tham chiếu: 7KQ4-M2XD» and the administrator greps the log for it.
 *
 * Applied to the build by the production server (scripts/remix-handler.mjs). Resource routes (downloads, the
 * API) are left alone: their 500 goes to a program or a file, not to a boundary.
 */
import crypto from "node:crypto";

import type { ActionFunction, LoaderFunction, ServerBuild } from "@remix-run/node";

import { redactPath } from "../../scripts/request-log.mjs";
import type { ErrorReferenceBody } from "./reference";

/** No 0/O, 1/I/L or U/V pairs: a reference is read aloud over the phone. */
const ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789";

/** Eight letters and digits, as XXXX-XXXX: unique enough for one server's log (29⁸ ≈ 5·10¹¹). */
export function newErrorReference(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4).join("")}`;
}

export type LogSink = { write(line: string): unknown };

/** The log line of one unexpected error: the same redacted path as the request log, the stack for the administrator. */
export function errorLogLine(ref: string, request: Request, error: Error, now = new Date()): string {
  return JSON.stringify({
    t: now.toISOString(),
    level: "error",
    ref,
    method: request.method,
    path: redactPath(new URL(request.url).pathname),
    error: error.stack ?? `${error.name}: ${error.message}`,
  });
}

/** `fn`, with its unexpected errors logged under a reference and thrown again as a 500 carrying it. */
export function withErrorReference<A extends { request: Request }, R>(
  fn: (args: A) => R,
  sink: LogSink = process.stderr,
): (args: A) => Promise<Awaited<R>> {
  return async (args: A): Promise<Awaited<R>> => {
    try {
      return await fn(args);
    } catch (error) {
      // Responses, redirects and data() are the route's answers; an aborted request has no one to tell.
      if (!(error instanceof Error) || args.request.signal.aborted) throw error;
      const ref = newErrorReference();
      sink.write(`${errorLogLine(ref, args.request, error)}\n`);
      throw Response.json({ errorRef: ref } satisfies ErrorReferenceBody, { status: 500 });
    }
  };
}

/** The build with every page's loader and action wrapped by withErrorReference. */
export function withErrorReferences(build: ServerBuild, sink?: LogSink): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const { loader, action, default: page } = route.module;
      if (!page || (!loader && !action)) return [id, route];
      const module = {
        ...route.module,
        ...(loader ? { loader: withErrorReference(loader, sink) as LoaderFunction } : {}),
        ...(action ? { action: withErrorReference(action, sink) as ActionFunction } : {}),
      };
      return [id, { ...route, module }];
    }),
  );
  return { ...build, routes };
}
