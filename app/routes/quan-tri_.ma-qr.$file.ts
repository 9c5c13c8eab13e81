/**
 * `/quan-tri/ma-qr/CODE.svg` and `/quan-tri/ma-qr/CODE.png`: one counter's QR code as a file (admin only).
 * One route for both: the router has no partial dynamic segments (`$code.svg`), so the extension is parsed here.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";

import { requestBaseUrl } from "~/addresses/addresses.server";
import { requireUser } from "~/auth/session.server";
import { counterUrl, findQrCounter, qrPng, qrSvg } from "~/counters/qr.server";
import { services } from "~/services.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireUser(request, ["admin"]);
  const match = /^(.+)\.(svg|png)$/.exec(params.file ?? "");
  const { db, env } = services();
  const counter = match ? findQrCounter(db, match[1]!) : null;
  if (!match || !counter) throw new Response("Không tìm thấy", { status: 404 });
  const url = counterUrl(requestBaseUrl(env, request), counter.token);
  const headers = {
    // The file carries the counter's secret address: never kept by a shared cache.
    "Cache-Control": "no-store",
    // Counter codes are [A-Z0-9_-] (the directory's schema); quoted anyway.
    "Content-Disposition": `attachment; filename="${counter.code.replace(/[^A-Za-z0-9_.-]/g, "_")}.${match[2]}"`,
    "X-Content-Type-Options": "nosniff",
  };
  if (match[2] === "svg") {
    return new Response(await qrSvg(url), { headers: { ...headers, "Content-Type": "image/svg+xml; charset=utf-8" } });
  }
  return new Response(new Uint8Array(await qrPng(url)), { headers: { ...headers, "Content-Type": "image/png" } });
}
