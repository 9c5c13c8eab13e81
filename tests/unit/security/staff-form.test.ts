/**
 * Staff forms read their bodies through app/security/staff-form.server.ts (decision 0013): a malformed body is
 * a 400, an oversized one a 413, the CSRF token is still checked, file uploads keep their bytes. The HTTP side
 * (every form route of the authorization matrix, as the role that may use it) is in tests/e2e/authz.spec.ts.
 */
import fs from "node:fs";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { csrfToken } from "../../../app/auth/csrf.server";
import { provideServices } from "../../../app/services.server";
import { readFormBody } from "../../../app/security/form-body.server";
import { requireForm, requireUploadForm, STAFF_FORM_BYTES } from "../../../app/security/staff-form.server";
import { DRAFT_LIMITS } from "../../../app/report/limits";

const COOKIE = "sipas_csrf=cookie-value";
const FORM = "application/x-www-form-urlencoded";

beforeEach(() => provideServices({ secret: "s".repeat(40) } as never));
afterEach(() => provideServices(undefined));

const token = () => csrfToken(new Request("http://test/", { headers: { cookie: COOKIE } }))!;
const post = (body: BodyInit, type?: string) =>
  new Request("http://test/quan-tri/x", { method: "POST", body, headers: { cookie: COOKIE, ...(type ? { "content-type": type } : {}) } });

async function thrownStatus(run: () => Promise<unknown>): Promise<{ status: number; text: string }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Response) return { status: error.status, text: await error.text() };
    throw error;
  }
  throw new Error("nothing thrown");
}

describe("requireForm", () => {
  it("gives the form when the CSRF token is right, and 403 when it is not", async () => {
    const form = await requireForm(post(`csrf=${token()}&intent=save&name=C%C3%A1n+b%E1%BB%99`, FORM));
    expect(form.get("name")).toBe("Cán bộ");
    expect((await thrownStatus(() => requireForm(post("csrf=wrong&intent=save", FORM)))).status).toBe(403);
  });

  it.each([
    ["multipart with a boundary, garbage", "garbage", "multipart/form-data; boundary=zz"],
    ["multipart cut off", '--zz\r\nContent-Disposition: form-data; name="csrf"\r\n\r\nx', "multipart/form-data; boundary=zz"],
    ["JSON", "{}", "application/json"],
    ["an escape that is not UTF-8", "csrf=x&name=%FF", FORM],
  ])("refuses %s with 400 and a Vietnamese message", async (_, body, type) => {
    const { status, text } = await thrownStatus(() => requireForm(post(body, type)));
    expect(status).toBe(400);
    expect(text).toMatch(/Biểu mẫu không hợp lệ/);
  });

  it("refuses a body over the bound with 413, and the bound fits the longest staff field in Vietnamese", async () => {
    const { status, text } = await thrownStatus(() => requireForm(post(`csrf=${token()}&x=${"a".repeat(STAFF_FORM_BYTES)}`, FORM)));
    expect([status, text]).toEqual([413, "Biểu mẫu gửi lên quá lớn. Xin rút gọn nội dung và thử lại."]);
    // A report draft with every field at its limit, all in 3-byte letters: read, not refused.
    const fields = Object.entries(DRAFT_LIMITS).map(([k, max]) => [k, "ệ".repeat(max)]);
    const form = await requireForm(post(new URLSearchParams([["csrf", token()], ...fields]).toString(), FORM));
    expect(String(form.get("recommendations")).length).toBe(DRAFT_LIMITS.recommendations);
  });
});

describe("requireUploadForm", () => {
  const upload = (bytes: Uint8Array<ArrayBuffer>, csrf = token()) => {
    const form = new FormData();
    form.append("csrf", csrf);
    form.append("photo", new File([bytes], "p.jpg", { type: "image/jpeg" }));
    return new Request("http://test/quan-tri/can-bo", { method: "POST", body: form, headers: { cookie: COOKIE } });
  };
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x80, 0xfe]);

  it("keeps a file's bytes (not UTF-8) and checks the CSRF token", async () => {
    const form = await requireUploadForm(upload(jpeg), 1024);
    const file = form?.get("photo");
    expect(file instanceof File && new Uint8Array(await file.arrayBuffer())).toEqual(jpeg);
    expect((await thrownStatus(() => requireUploadForm(upload(jpeg, "wrong"), 1024))).status).toBe(403);
    // The same bytes are refused by a text form: a page served as UTF-8 posts UTF-8.
    expect(await readFormBody(upload(jpeg))).toEqual({ ok: false, status: 400 });
  });

  it("answers null over the bound (the route says so on its page) and 400 for a malformed body", async () => {
    expect(await requireUploadForm(upload(new Uint8Array(2048)), 1024)).toBeNull();
    expect((await thrownStatus(() => requireUploadForm(post("garbage", "multipart/form-data; boundary=zz"), 1024))).status).toBe(400);
  });
});

it("no route reads request.formData() itself", () => {
  const dir = path.resolve(import.meta.dirname, "../../../app/routes");
  const offenders = fs.readdirSync(dir).filter((f) => /await request\.formData\(/.test(fs.readFileSync(path.join(dir, f), "utf8")));
  expect(offenders, "read the body with requireForm / requireUploadForm (app/security/staff-form.server.ts)").toEqual([]);
});
