/**
 * Every address the server prints or encodes (QR posters and files, the QR list, the kiosk pairing QR, the
 * `links` command, the start-up lines) comes from here (docs/decisions/0026-addresses.md):
 *
 * - `PUBLIC_URL` when it is set: the province's own name, the same for everyone;
 * - else, in a page, the address the staff member typed to reach it (the request's `Host`): a poster printed
 *   from http://192.168.1.20:3000 encodes that, which a phone on the same network can open;
 * - else, outside a request (start-up, `links`), the machine's LAN addresses and the port the server listens
 *   on, which the server writes beside the database when it starts (`<DATABASE_PATH>.address`).
 *
 * The Host header is the client's to write, so it is used only for the signed-in admin's own pages (what
 * the admin reads and prints is what the admin's browser asked for): a forged Host can only mislead the one
 * who forged it. It is never used for what other people see (the public page, e-mails, the API).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import type { Env } from "~/env.server";

const trimSlash = (url: string) => url.replace(/\/+$/, "");

/** The base address of a page's links and QR codes: PUBLIC_URL, else the origin the staff member's browser used. */
export function requestBaseUrl(env: Env, request: Request): string {
  if (env.PUBLIC_URL) return trimSlash(env.PUBLIC_URL);
  // request.url is built by the adapter from Host (X-Forwarded-Host is removed first, scripts/server.mjs) and
  // the front door refuses a Host that is not a host name (app/security/origin.server.ts).
  return new URL(request.url).origin;
}

/** Is this base address one only the server itself can open (localhost, 127.x, ::1)? */
export function isLoopbackUrl(base: string): boolean {
  const host = new URL(base).hostname.replace(/^\[(.*)\]$/, "$1");
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}

/** The machine's IPv4 addresses on its networks (not loopback): what a phone in the building can reach. */
export function lanAddresses(interfaces: ReturnType<typeof os.networkInterfaces> = os.networkInterfaces()): string[] {
  const found: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal && !found.includes(a.address)) found.push(a.address);
  }
  return found;
}

const ANY_HOST = new Set(["0.0.0.0", "::", "[::]"]);

/** The addresses a server listening on host:port answers on, the LAN ones first (a loopback host: itself only). */
export function listenUrls(host: string, port: number, lan: string[] = lanAddresses()): string[] {
  if (!ANY_HOST.has(host)) return [`http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}`];
  return [...lan.map((ip) => `http://${ip}:${port}`), `http://localhost:${port}`];
}

/** Where the server writes the host and port it listens on, for `links` (beside the database, like its secret). */
export function addressFile(env: Env): string {
  return `${path.resolve(env.DATABASE_PATH)}.address`;
}

/** Called by scripts/server.mjs once listening. */
export function recordListenAddress(env: Env, port: number): void {
  fs.mkdirSync(path.dirname(addressFile(env)), { recursive: true });
  fs.writeFileSync(addressFile(env), `${JSON.stringify({ host: env.HOST, port })}\n`);
}

/** The host and port of the last server started on this database, or the environment's when none has run. */
export function lastListenAddress(env: Env): { host: string; port: number } {
  try {
    const saved = JSON.parse(fs.readFileSync(addressFile(env), "utf8")) as { host?: unknown; port?: unknown };
    if (typeof saved.host === "string" && Number.isInteger(saved.port)) return { host: saved.host, port: saved.port as number };
  } catch {
    // no server has run on this database yet, or the file is not ours: the environment's PORT and HOST
  }
  return { host: env.HOST, port: env.PORT };
}

/** The base address outside a request (start-up, `links`): PUBLIC_URL, else the first address a phone can open. */
export function machineBaseUrl(env: Env, listen: { host: string; port: number } = lastListenAddress(env)): string {
  if (env.PUBLIC_URL) return trimSlash(env.PUBLIC_URL);
  return listenUrls(listen.host, listen.port)[0]!;
}

/** Printed at start-up and by `links` while PUBLIC_URL is unset. */
export const UNSET_PUBLIC_URL_WARNING =
  "Cảnh báo: chưa đặt PUBLIC_URL. Mã QR và áp phích sẽ mang địa chỉ mà quản trị viên đang dùng để mở trang quản trị " +
  "(mở bằng địa chỉ mạng nội bộ ở trên, đừng dùng localhost, thì điện thoại mới mở được); khi đã có tên miền, đặt " +
  "PUBLIC_URL=https://… để mọi mã QR dùng địa chỉ đó.";
