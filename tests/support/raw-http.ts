/**
 * One HTTP request with exactly the headers given — `Host` and `Origin` included, which fetch will not send as
 * written — for the tests of what the server does before Remix (app/security/origin.server.ts).
 */
import http from "node:http";

export function rawRequest(
  baseUrl: string,
  path: string,
  { method = "POST", headers = {}, body = "" }: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; type: string; text: string }> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, signal: AbortSignal.timeout(10_000) },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
