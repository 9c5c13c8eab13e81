/**
 * Reading a posted HTML form defensively. `request.formData()` throws on a body that is not a form (JSON,
 * text, a multipart body without its boundary) — a 500 — and reads any size into memory. The citizen form
 * is a few hundred bytes, so the body is read up to a limit and parsed here; `null` means "not a form we
 * accept", which the route answers with a 4xx and its own Vietnamese message.
 */
import { isUtf8 } from "node:buffer";

import { isWellFormedText } from "./text";

export const MAX_FORM_BYTES = 64 * 1024;

export type FormBody = { ok: true; form: FormData } | { ok: false; status: 400 | 413 };

/** Past this, an oversized upload is cut off (the connection closes) instead of read and thrown away. */
const DISCARD_CAP_BYTES = 16 * 1024 * 1024;

/**
 * Reads and throws away the rest of a refused body, so that the refusal reaches the client on a healthy
 * keep-alive connection: answering while the client is still uploading makes Node close the socket, and the
 * client sees a reset instead of the Vietnamese message. Beyond the cap the connection is simply closed.
 */
export async function discardBody(reader: ReadableStreamDefaultReader<Uint8Array> | undefined, cap = DISCARD_CAP_BYTES): Promise<void> {
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) return;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel();
      return;
    }
  }
}

/**
 * The whole body, read up to `limit` bytes (a declared length is checked first; a chunked upload is cut at
 * the limit), or null when it is larger — the rest then drained as discardBody says. Shared by the form and
 * JSON readers, so both keep the same bound and the same clean refusal.
 */
export async function readBoundedBody(request: Request, limit: number): Promise<Buffer<ArrayBuffer> | null> {
  const reader = request.body?.getReader();
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) {
    await discardBody(reader);
    return null;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await discardBody(reader);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export type FormBodyOptions = {
  /**
   * The form uploads files (a photo, a spreadsheet): their bytes are not text, so the body is not required
   * to be UTF-8 as a whole. Text fields are still decoded as UTF-8 by the multipart parser.
   */
  files?: boolean;
};

export async function readFormBody(request: Request, limit = MAX_FORM_BYTES, options: FormBodyOptions = {}): Promise<FormBody> {
  const bytes = await readBoundedBody(request, limit);
  if (!bytes) return { ok: false, status: 413 };
  const type = request.headers.get("content-type") ?? "";
  // A page served as UTF-8 posts UTF-8: other bytes are refused, not stored as U+FFFD in a comment.
  const multipart = /^multipart\/form-data\b/i.test(type);
  if (!(options.files && multipart) && !isUtf8(bytes)) return { ok: false, status: 400 };
  let form: FormData | null;
  if (/^application\/x-www-form-urlencoded\b/i.test(type)) {
    form = parseUrlEncoded(bytes.toString("utf8"));
  } else if (!multipart) {
    // Only what a browser's form sends; anything else (JSON, text/plain, no type) is not a rating form.
    return { ok: false, status: 400 };
  } else {
    try {
      form = await new Response(bytes, { headers: { "content-type": type } }).formData();
    } catch {
      form = null;
    }
  }
  // Text that could not be stored as UTF-8 (a lone surrogate) is refused like invalid bytes.
  return form && wellFormed(form) ? { ok: true, form } : { ok: false, status: 400 };
}

function wellFormed(form: FormData): boolean {
  for (const [name, value] of form) {
    if (!isWellFormedText(name) || (typeof value === "string" && !isWellFormedText(value))) return false;
  }
  return true;
}

/** application/x-www-form-urlencoded, strictly: a percent-escape that does not decode to UTF-8 is an error. */
function parseUrlEncoded(text: string): FormData | null {
  const form = new FormData();
  for (const pair of text.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const [name, value] = eq < 0 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)];
    try {
      form.append(decodeURIComponent(name.replace(/\+/g, " ")), decodeURIComponent(value.replace(/\+/g, " ")));
    } catch {
      return null;
    }
  }
  return form;
}
