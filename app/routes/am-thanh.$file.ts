/**
 * GET /am-thanh/<sha256>: a recorded voice (docs/contracts.md §Audio). Public — what the QR page, the kiosk
 * and the tablets play — and named by its content, so it is cached for a year and never revalidated. One byte
 * range is honoured (`206`), as media players ask; several ranges are answered with the whole file.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import fs from "node:fs";
import { Readable } from "node:stream";

import { byteRange, voiceFile } from "~/languages/recordings.server";
import { services } from "~/services.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const voice = voiceFile(services().db, params.file ?? "");
  if (!voice) return new Response("Không tìm thấy bản ghi âm", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const headers: Record<string, string> = {
    "Content-Type": voice.mime,
    "Accept-Ranges": "bytes",
    // The address is the content's hash: the same address is always the same bytes. no-transform: never
    // recompressed, so that byte ranges stay the file's.
    "Cache-Control": "public, max-age=31536000, immutable, no-transform",
    ETag: `"${voice.sha256}"`,
    "X-Content-Type-Options": "nosniff",
  };
  if (request.headers.get("if-none-match") === headers.ETag) return new Response(null, { status: 304, headers });
  const range = byteRange(request.headers.get("range"), voice.bytes);
  if (range === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${voice.bytes}` } });
  }
  const { start, end } = range ?? { start: 0, end: voice.bytes - 1 };
  const body = Readable.toWeb(fs.createReadStream(voice.file, { start, end })) as ReadableStream<Uint8Array>;
  return new Response(body, {
    status: range ? 206 : 200,
    headers: { ...headers, "Content-Length": String(end - start + 1), ...(range ? { "Content-Range": `bytes ${start}-${end}/${voice.bytes}` } : {}) },
  });
}
