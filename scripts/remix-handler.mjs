// The Remix request handler for express, as @remix-run/express's, but sending the body with back-pressure.
// The adapter (2.17) writes a streamed body with `writeReadableStreamToWritable`, which never waits for
// 'drain': it reads the Response stream as fast as the route makes it, so a client that reads slowly (or
// not at all) makes the server hold the whole of a long export (the raw-response CSV: tens of MB) in the
// socket's buffer. Piping `Readable.fromWeb(body)` into `res` asks the route's stream for the next chunk only
// when `res` has room, and cancels it when the client goes away (the CSV closes its read transaction).
// Proved by tests/e2e/slow-client.spec.ts. The request side is the adapter's own `createRemixRequest`.
// A client that reads as fast as the server writes is the opposite case: without compression in between, each
// chunk is pulled from the route's stream, written and the next pulled in a chain of promise jobs that never
// returns to the event loop, so the whole export ran before any other request was even read (a /healthz sent
// into a 654 000-row CSV waited 7.8 s). The body therefore passes through `yieldingToOthers`, which gives the
// event loop a turn (setImmediate: after pending I/O) whenever it has kept it for YIELD_AFTER_MS.
// Pages' unexpected errors get a reference the administrator finds in the log (app/errors/reference.server.ts).
import { createRemixRequest } from "@remix-run/express/dist/server.js";
import { createRequestHandler as createRemixHandler } from "@remix-run/node";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

/*
 * Requests take turns, one per turn of the event loop, in the order they arrived. Node accepts new connections
 * only between turns of its loop, and a turn runs the handlers of every request that is ready: with 50 API
 * clients each ingesting a batch (~7 ms of synchronous SQLite), one turn took 50 × 7 ms, and a client that
 * connected meanwhile was accepted one turn later, behind everyone who had come back — so the last of 50
 * connections waited for ~45 turns (API batches p99 4–5 s with p50 0.15 s; reproduced by 30 lines of plain
 * Node, no SQLite, no Remix). Started one per turn (setImmediate), each request's synchronous start runs
 * alone and the loop polls — accepts, reads — between any two: p99 then stays near the fair share (clients ×
 * the time of one), and no one waits behind a later arrival. Decision 0029.
 */
const waiting = [];
let granting = false;

/** Resolves when it is this request's turn; turns are given in arrival order, one per turn of the loop. */
export function nextTurn() {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!granting) {
      granting = true;
      setImmediate(grantTurn);
    }
  });
}

function grantTurn() {
  const next = waiting.shift();
  if (waiting.length > 0) setImmediate(grantTurn);
  else granting = false;
  next?.();
}

/** How long one response may hold the event loop before letting other requests' I/O run. */
const YIELD_AFTER_MS = 8;

/**
 * A pass-through that hands each chunk on at once, or — once this response has held the loop YIELD_AFTER_MS —
 * after a setImmediate. A Transform (16 KB buffers each side), not an async generator: those buffer 16 chunks
 * whatever their size, and the slow client's back-pressure would then let megabytes pile up.
 */
export function yieldingToOthers() {
  let since = performance.now();
  return new Transform({
    transform(chunk, _encoding, done) {
      if (performance.now() - since < YIELD_AFTER_MS) return done(null, chunk);
      setImmediate(() => {
        since = performance.now();
        done(null, chunk);
      });
    },
  });
}

export function createRequestHandler({ build, getLoadContext, mode = process.env.NODE_ENV }) {
  const handleRequest = createRemixHandler(build.entry.module.withErrorReferences?.(build) ?? build, mode);
  return async (req, res, next) => {
    try {
      await nextTurn();
      const request = createRemixRequest(req, res);
      const response = await handleRequest(request, await getLoadContext?.(req, res));
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

/** A Response body (a web stream) into a Node writable, with back-pressure and turns for other requests. */
export function pipeBody(body, writable) {
  return pipeline(Readable.fromWeb(body), yieldingToOthers(), writable);
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
    await pipeBody(response.body, res);
  } catch (error) {
    // The client went away mid-body: nothing to answer, and not a server error. The stream is cancelled.
    if (res.destroyed || error?.code === "ERR_STREAM_PREMATURE_CLOSE") return;
    throw error;
  }
}
