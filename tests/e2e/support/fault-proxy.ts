/**
 * A small HTTP proxy in front of a real server that injects the failures a tablet meets in the field: the
 * network gone before the request leaves (connection destroyed, nothing forwarded), the answer lost after the
 * server committed (forwarded, upstream answered, client connection destroyed), a 503, a delay, and a real
 * SIGKILL of the server after it committed a batch, then a restart. The page can set the fault itself with
 * `POST /__fault {"mode": …}` (handled here, never forwarded) so a whole trial runs inside one evaluate.
 */
import http from "node:http";
import type net from "node:net";

export type FaultMode = "none" | "down" | "dropAfter" | "error503" | "delay" | "killAfter";

export type FaultProxy = { port: number; url: string; mode: FaultMode; stats: Record<string, number>; close(): Promise<void> };

export async function faultProxy(
  upstreamPort: () => number,
  opts: { restart?: () => Promise<void>; kill?: () => Promise<void> } = {},
): Promise<FaultProxy> {
  const sockets = new Set<net.Socket>();
  const stats: Record<string, number> = { forwarded: 0, refused: 0, dropped: 0, errors503: 0, kills: 0 };
  let restarting: Promise<void> | null = null;
  const state = { mode: "none" as FaultMode };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => void handle(req, res, Buffer.concat(chunks)));
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) {
    if (req.url === "/__fault" && req.method === "POST") {
      state.mode = (JSON.parse(body.toString() || "{}") as { mode?: FaultMode }).mode ?? "none";
      res.writeHead(204).end();
      return;
    }
    if (restarting) await restarting;
    const isApi = req.url?.startsWith("/api/") ?? false;
    const mode = isApi ? state.mode : state.mode === "down" ? "down" : "none";
    if (mode === "down") {
      stats.refused! += 1;
      req.socket.destroy();
      return;
    }
    if (mode === "error503") {
      stats.errors503! += 1;
      res.writeHead(503, { "content-type": "application/json" }).end('{"error":"Máy chủ bận (giả lập)."}');
      return;
    }
    // Long enough to reorder a sync against a reload mid-sync (≤ 15 ms) or a second tab, short enough not to
    // dominate the randomized test's run time (it was 30–150 ms per request for the rest of a trial).
    if (mode === "delay") await new Promise((r) => setTimeout(r, 5 + Math.random() * 35));
    const upstream = http.request({ host: "127.0.0.1", port: upstreamPort(), method: req.method, path: req.url, headers: req.headers }, (up) => {
      const parts: Buffer[] = [];
      up.on("data", (c: Buffer) => parts.push(c));
      up.on("end", () => {
        stats.forwarded! += 1;
        const isPost = req.method === "POST";
        if (isPost && mode === "dropAfter") {
          stats.dropped! += 1;
          req.socket.destroy();
          return;
        }
        if (isPost && mode === "killAfter" && opts.kill && opts.restart) {
          // The server committed and answered; it dies before the tablet hears it, and comes back.
          stats.kills! += 1;
          state.mode = "none";
          req.socket.destroy();
          restarting = opts
            .kill()
            .then(opts.restart)
            .finally(() => (restarting = null));
          return;
        }
        const headers = { ...up.headers };
        res.writeHead(up.statusCode ?? 502, headers);
        res.end(Buffer.concat(parts));
      });
    });
    upstream.on("error", () => req.socket.destroy());
    upstream.end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return state.mode;
    },
    set mode(m: FaultMode) {
      state.mode = m;
    },
    stats,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
