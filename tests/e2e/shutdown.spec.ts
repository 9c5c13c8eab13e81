/**
 * Operations (issue 8): SIGTERM while a rating is being posted — the server stops accepting connections,
 * finishes the request in flight (stored, answered 303), closes the database and exits 0. And the request
 * log: one JSON line per request, QR token redacted, nothing about the person.
 * Playwright phase, no browser: it needs the production server as a process to signal.
 */
import { expect, test } from "@playwright/test";
import crypto from "node:crypto";
import http from "node:http";

import { ServerProcess, UNLIMITED } from "../support/server-process";

test("SIGTERM during a POST: the POST completes and is stored, then the process exits 0", async () => {
  test.setTimeout(60_000);
  const server = new ServerProcess({ env: { ...UNLIMITED } });
  await server.start();
  try {
    const url = new URL(server.links().get("SO_YT-Q01")!);
    const rid = crypto.randomUUID();
    const body = Buffer.from(new URLSearchParams({ ...server.pageFields(rid), TONG_THE: "3", Y_KIEN: "tắt máy giữa chừng" }).toString());
    const child = server.child!;
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

    const answer = new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          // 100-continue: the server says when it has read the headers, so the request is surely in flight.
          headers: { "content-type": "application/x-www-form-urlencoded", "content-length": body.length, expect: "100-continue" },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
        },
      );
      req.on("error", reject);
      req.on("continue", () => {
        req.write(body.subarray(0, 10));
        // The server is told to stop while half of the body is still to come.
        child.kill("SIGTERM");
        setTimeout(() => req.end(body.subarray(10)), 300);
      });
    });

    const { status, location } = await answer;
    expect(status).toBe(303);
    expect(location).toContain("/cam-on");
    expect(await exited).toBe(0);
    server.child = null;
    expect(server.count("select count(*) as n from responses where uuid = ?", rid)).toBe(1);
    // Stopped accepting: nothing listens any more.
    await expect(fetch(`${server.baseUrl}/healthz`)).rejects.toThrow();

    // The request log: one JSON line per request, the QR token replaced, no address, query or agent.
    const lines = server.stdout.split("\n").filter((l) => l.startsWith("{"));
    const post = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.method === "POST");
    expect(post).toMatchObject({ method: "POST", path: "/q/:token", status: 303 });
    expect(Object.keys(post!).sort()).toEqual(["bytes", "method", "ms", "path", "status", "t"]);
    expect(server.stdout).not.toContain(url.pathname.split("/")[2]!);
    expect(server.stdout).not.toContain('127.0.0.1"');
  } finally {
    await server.stop();
  }
});
