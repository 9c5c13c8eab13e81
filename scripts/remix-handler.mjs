// The Remix request handler for express, as @remix-run/express's, but sending the body with back-pressure.
// The adapter (2.17) writes a streamed body with `writeReadableStreamToWritable`, which never waits for
// 'drain': it reads the Response stream as fast as the route makes it, so a client that reads slowly (or
// not at all) makes the server hold the whole of a long export (the raw-response CSV: tens of MB) in the
// socket's buffer. Piping `Readable.fromWeb(body)` into `res` asks the route's stream for the next chunk only
// when `res` has room, and cancels it when the client goes away (the CSV closes its read transaction).
// Proved by tests/e2e/slow-client.spec.ts. The request side is the adapter's own `createRemixRequest`.
// Pages' unexpected errors get a reference the administrator finds in the log (app/errors/reference.server.ts).
import { createRemixRequest } from "@remix-run/express/dist/server.js";
import { createRequestHandler as createRemixHandler } from "@remix-run/node";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export function createRequestHandler({ build, getLoadContext, mode = process.env.NODE_ENV }) {
  const handleRequest = createRemixHandler(build.entry.module.withErrorReferences?.(build) ?? build, mode);
  return async (req, res, next) => {
    try {
      const request = createRemixRequest(req, res);
      const response = await handleRequest(request, await getLoadContext?.(req, res));
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

async function sendResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("content-type") ?? "")) res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  try {
    await pipeline(Readable.fromWeb(response.body), res);
  } catch (error) {
    // The client went away mid-body: nothing to answer, and not a server error. The stream is cancelled.
    if (res.destroyed || error?.code === "ERR_STREAM_PREMATURE_CLOSE") return;
    throw error;
  }
}
