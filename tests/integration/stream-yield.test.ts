/**
 * A long body written to a client that takes everything at once must not hold the event loop (issue «Fast at
 * a whole province's scale»): scripts/remix-handler.mjs sends every Response body through `pipeBody`. Here a
 * 64 MB body made synchronously chunk after chunk goes into a writable that accepts each chunk at once — the
 * fast, uncompressed reader — and a task queued on the event loop (what another request's I/O is) must run
 * before the body has been sent. Without the yielding step the whole body goes through in promise jobs first.
 */
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";

import { pipeBody } from "../../scripts/remix-handler.mjs";

const CHUNKS = 1024;
const CHUNK = new Uint8Array(64 * 1024);

/** A web stream that makes its chunks as fast as they are asked for (like the CSV export reading SQLite). */
function fastBody(): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ < CHUNKS) controller.enqueue(CHUNK);
      else controller.close();
    },
  });
}

/** A writable that takes every chunk at once, counting what it took. */
function fastClient() {
  let written = 0;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.length;
      done();
    },
  });
  return { stream, written: () => written };
}

describe("pipeBody", () => {
  it("lets another task of the event loop run while a long body goes to a fast reader, and sends every byte", async () => {
    const client = fastClient();
    let seenAt: number | null = null;
    setImmediate(() => (seenAt = client.written()));
    await pipeBody(fastBody(), client.stream);
    expect(client.written()).toBe(CHUNKS * CHUNK.length);
    expect(seenAt).not.toBeNull();
    expect(seenAt!).toBeLessThan(CHUNKS * CHUNK.length);
  });

  it("(control) the same body piped without the yielding step holds the loop until the whole body is sent", async () => {
    const client = fastClient();
    let seenAt: number | null = null;
    setImmediate(() => (seenAt = client.written()));
    await pipeline(Readable.fromWeb(fastBody() as never), client.stream);
    // The queued task has not run yet: every byte went through before the loop had a turn.
    expect(seenAt).toBeNull();
    expect(client.written()).toBe(CHUNKS * CHUNK.length);
  });
});
