/**
 * Regression tests for bodies the fuzzer (tests/e2e/fuzz.spec.ts) found answering 500 or storing U+FFFD on
 * the citizen form: wrong content types, malformed multipart, invalid UTF-8 raw or percent-encoded, oversize.
 */
import { describe, expect, it } from "vitest";

import { MAX_FORM_BYTES, readFormBody } from "../../../app/security/form-body.server";

const post = (body: BodyInit | null, type: string | null) =>
  new Request("http://localhost/q/x", { method: "POST", body, headers: type ? { "content-type": type } : {} });
const FORM = "application/x-www-form-urlencoded";

describe("readFormBody", () => {
  it("reads a browser's urlencoded form, '+' as space and UTF-8 escapes included", async () => {
    const read = await readFormBody(post("TONG_THE=3&Y_KIEN=C%C3%A1n+b%E1%BB%99&Y_KIEN=2", FORM));
    expect(read.ok && read.form.getAll("Y_KIEN")).toEqual(["Cán bộ", "2"]);
    expect(read.ok && read.form.get("TONG_THE")).toBe("3");
  });

  it("reads a multipart form", async () => {
    const form = new FormData();
    form.append("TONG_THE", "2");
    const read = await readFormBody(new Request("http://localhost/q/x", { method: "POST", body: form }));
    expect(read.ok && read.form.get("TONG_THE")).toBe("2");
  });

  it.each([
    ["JSON", "{}", "application/json"],
    ["text", "TONG_THE=2", "text/plain"],
    ["no content type", "TONG_THE=2", null],
    ["multipart without boundary", "garbage", "multipart/form-data"],
    ["multipart with a wrong boundary", "garbage", "multipart/form-data; boundary=zz"],
    ["percent-escape that is not UTF-8", "TONG_THE=2&Y_KIEN=%FF", FORM],
    ["lone surrogate escape", "Y_KIEN=%ED%A0%80", FORM],
  ])("refuses %s with 400", async (_, body, type) => {
    expect(await readFormBody(post(body, type))).toEqual({ ok: false, status: 400 });
  });

  it("refuses raw bytes that are not UTF-8 with 400", async () => {
    const bytes = Buffer.concat([Buffer.from("TONG_THE=2&Y_KIEN="), Buffer.from([0xe1, 0xbb])]);
    expect(await readFormBody(post(bytes, FORM))).toEqual({ ok: false, status: 400 });
  });

  it("refuses a body over the limit with 413, declared or streamed", async () => {
    const big = `Y_KIEN=${"x".repeat(MAX_FORM_BYTES)}`;
    expect(await readFormBody(post(big, FORM))).toEqual({ ok: false, status: 413 });
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const chunked = new Request("http://localhost/q/x", {
      method: "POST",
      body: stream,
      headers: { "content-type": FORM },
      duplex: "half",
    } as RequestInit);
    expect(await readFormBody(chunked)).toEqual({ ok: false, status: 413 });
  });
});
