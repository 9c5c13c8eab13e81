/**
 * Requests take turns in arrival order, one per turn of the event loop (scripts/remix-handler.mjs `nextTurn`,
 * docs/decisions/0029-request-turns.md). Without it, a busy server accepted one new connection per turn of its
 * loop while each turn served every connection already in: 50 API clients starting together saw p99 4–5 s
 * for a p50 of 0.15 s. Ordering, not time, is asserted: a late connection is served within a round of everyone.
 */
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";

import { nextTurn } from "../../scripts/remix-handler.mjs";

/** Synchronous work of one request (what an ingest transaction is to the event loop). */
function busy(ms: number) {
  const start = performance.now();
  while (performance.now() - start < ms);
}

describe("request turns", () => {
  it("are granted in arrival order, one per turn of the event loop", async () => {
    const order: string[] = [];
    const first = nextTurn().then(() => {
      order.push("first");
      // Everything the first request does before it next waits runs before the second is let in.
      queueMicrotask(() => queueMicrotask(() => order.push("first, still")));
    });
    const second = nextTurn().then(() => order.push("second"));
    const third = nextTurn().then(() => order.push("third"));
    await Promise.all([first, second, third]);
    expect(order).toEqual(["first", "first, still", "second", "third"]);
  });

  it("let every connection of a crowd that arrives together be served within a round of the others", async () => {
    const CONNECTIONS = 30;
    const TOTAL = 600;
    let served = 0;
    /** For each connection: how many requests the server had served when its first one started. */
    const firstServedAt = new Map<number, number>();
    const server = http.createServer(async (req, res) => {
      await nextTurn();
      const who = Number(req.headers["x-client"]);
      if (!firstServedAt.has(who)) firstServedAt.set(who, served);
      busy(2);
      served++;
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    let left = TOTAL;
    try {
      await new Promise<void>((done, fail) => {
        let open = CONNECTIONS;
        for (let i = 0; i < CONNECTIONS; i++) {
          const socket = net.connect(port, "127.0.0.1");
          const send = () => {
            if (left-- <= 0) {
              socket.end();
              if (--open === 0) done();
              return;
            }
            socket.write(`GET / HTTP/1.1\r\nHost: x\r\nX-Client: ${i}\r\n\r\n`);
          };
          socket.on("connect", send);
          socket.on("data", send);
          socket.on("error", fail);
        }
      });
    } finally {
      server.closeAllConnections();
      server.close();
    }
    expect(firstServedAt.size).toBe(CONNECTIONS);
    // In a fair order each connection is first served once the ones before it have been: within one round of
    // everyone (and a second for the connections still arriving). Served one connection per loop turn instead,
    // the last ones came in after hundreds of requests of the early ones.
    expect(Math.max(...firstServedAt.values())).toBeLessThan(2 * CONNECTIONS);
  });
});
