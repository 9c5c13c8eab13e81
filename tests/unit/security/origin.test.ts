/**
 * The front door of scripts/server.mjs (issue 16, finding 6): a changing request from another origin or with
 * `Origin: null` is refused with a Vietnamese 403 page before Remix, whose own check threw (a 500); a `Host`
 * the adapter cannot build a URL from is a 400. The HTTP behaviour is proved in tests/e2e/origin.spec.ts.
 */
import { describe, expect, it } from "vitest";

import { frontDoorRefusal, isForeignOrigin, isUsableHost } from "../../../app/security/origin.server";

const HOST = "danhgia.example.gov.vn";
const post = (origin: string | undefined, path = "/dang-nhap", host: string | undefined = HOST) => ({
  method: "POST",
  path,
  origin,
  host,
  cookie: undefined,
});

describe("the origin check", () => {
  it.each([
    ["https://evil.example", true],
    ["null", true],
    ["", true],
    ["::::", true],
    ["https://danhgia.example.gov.vn.evil.example", true],
    ["http://danhgia.example.gov.vn:8080", true],
    ["https://danhgia.example.gov.vn", false],
    ["http://danhgia.example.gov.vn", false],
  ])("a form posted with Origin %j: foreign = %s", (origin, foreign) => {
    expect(isForeignOrigin(post(origin))).toBe(foreign);
    expect(isForeignOrigin(post(origin, "/q/RA5d3btm736EZMKy_rJ2IQ"))).toBe(foreign);
    expect(isForeignOrigin(post(origin, "/quan-tri/gop-y.data"))).toBe(foreign);
  });

  it("passes reads, posts without Origin (scripts, tablets) and the key-authenticated API", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) expect(isForeignOrigin({ ...post("null"), method })).toBe(false);
    expect(isForeignOrigin(post(undefined))).toBe(false);
    expect(isForeignOrigin(post("https://evil.example", "/api/v1/responses"))).toBe(false);
    // No Host to compare with: refused, as Remix would have (by throwing).
    expect(isForeignOrigin({ ...post("https://danhgia.example.gov.vn"), host: undefined })).toBe(true);
  });

  it("answers a 403 page in Vietnamese (English when chosen), never cached", () => {
    const refusal = frontDoorRefusal(post("null"))!;
    expect(refusal.status).toBe(403);
    expect(refusal.headers["Content-Type"]).toBe("text/html; charset=utf-8");
    expect(refusal.headers["Cache-Control"]).toBe("no-store");
    expect(refusal.body).toContain('<html lang="vi">');
    expect(refusal.body).toContain("<h1>Biểu mẫu gửi từ trang khác</h1>");
    expect(frontDoorRefusal({ ...post("null"), cookie: "lng=en" })!.body).toContain("<h1>Form sent from another site</h1>");
    expect(frontDoorRefusal(post("https://danhgia.example.gov.vn"))).toBeNull();
  });
});

describe("the Host check", () => {
  it.each([
    ["danhgia.example.gov.vn", true],
    ["127.0.0.1:3000", true],
    ["[::1]:3000", true],
    ["EXAMPLE.com", true],
    [undefined, true],
    ["a b", false],
    ["a/b", false],
    ["a@b", false],
    ["a?b", false],
    ["a#b", false],
    ["a:99999", false],
    ["", false],
  ])("Host %j usable: %s", (host, usable) => {
    expect(isUsableHost(host)).toBe(usable);
  });

  it("answers an unusable Host with a Vietnamese 400", () => {
    expect(frontDoorRefusal({ method: "GET", path: "/", origin: undefined, host: "a b", cookie: undefined })).toMatchObject({
      status: 400,
      body: "Tiêu đề Host của yêu cầu không hợp lệ.",
    });
  });
});
