/**
 * The reference of an unexpected page error (app/errors/reference.server.ts): logged once with the stack under
 * a reference, given to the page as a 500 carrying the reference only; the route's own answers untouched.
 */
import type { ServerBuild } from "@remix-run/node";
import { describe, expect, it } from "vitest";

import { errorReferenceOf } from "../../../app/errors/reference";
import { newErrorReference, withErrorReference, withErrorReferences } from "../../../app/errors/reference.server";

const REF = /^[A-HJ-NP-TW-Z2-9]{4}-[A-HJ-NP-TW-Z2-9]{4}$/;

function sink() {
  const lines: string[] = [];
  return { lines, write: (line: string) => lines.push(line) };
}

const args = (path = "/quan-tri/cong-bo", signal?: AbortSignal) => ({ request: new Request(`http://127.0.0.1${path}?secret=1`, { signal }) });

/** What a route error boundary receives for a thrown Response (Remix unwraps the JSON body). */
async function asRouteError(thrown: unknown) {
  const response = thrown as Response;
  return { status: response.status, statusText: "", internal: false, data: await response.json() };
}

describe("error references", () => {
  it("are eight unambiguous letters and digits, different each time", () => {
    const refs = new Set(Array.from({ length: 1000 }, newErrorReference));
    for (const ref of refs) expect(ref).toMatch(REF);
    expect(refs.size).toBe(1000);
  });

  it("an unexpected error is logged once with its stack, and the page gets only the reference", async () => {
    const out = sink();
    const failing = withErrorReference(async () => {
      throw new Error("no such table: publications");
    }, out);
    const thrown = await failing(args("/quan-tri/gop-y/Zk3xQ9aP0dLmN2bR7tYw")).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(500);
    const error = await asRouteError(thrown);
    const ref = errorReferenceOf(error);
    expect(ref).toMatch(REF);
    expect(Object.keys(error.data)).toEqual(["errorRef"]);
    expect(out.lines).toHaveLength(1);
    const line = JSON.parse(out.lines[0]!);
    expect(line).toMatchObject({ level: "error", ref, method: "GET", path: "/quan-tri/gop-y/:token" });
    expect(line.error).toContain("no such table: publications");
    expect(line.error).toContain("reference.test.ts");
    expect(out.lines[0]).not.toContain("secret=1");
  });

  it("the route's answers (a 4xx Response, a redirect, a value) pass through, unlogged", async () => {
    const out = sink();
    const refused = new Response("Không có quyền truy cập", { status: 403 });
    await expect(
      withErrorReference(async () => {
        throw refused;
      }, out)(args()),
    ).rejects.toBe(refused);
    expect(await withErrorReference(async () => ({ ok: true }), out)(args())).toEqual({ ok: true });
    expect(out.lines).toEqual([]);
    expect(errorReferenceOf({ status: 403, statusText: "", internal: false, data: "Không có quyền truy cập" })).toBeNull();
    expect(errorReferenceOf(new Error("render"))).toBeNull();
  });

  it("a request the client abandoned is not logged as a failure", async () => {
    const out = sink();
    const controller = new AbortController();
    controller.abort();
    const cancelled = new Error("aborted");
    await expect(
      withErrorReference(async () => {
        throw cancelled;
      }, out)(args("/quan-tri", controller.signal)),
    ).rejects.toBe(cancelled);
    expect(out.lines).toEqual([]);
  });

  it("wraps the loaders and actions of pages, not of resource routes", async () => {
    const boom = async () => {
      throw new Error("boom");
    };
    const build = {
      routes: {
        page: { id: "page", path: "p", module: { default: () => null, loader: boom, action: boom } },
        file: { id: "file", path: "f", module: { loader: boom } },
      },
    } as unknown as ServerBuild;
    const out = sink();
    const wrapped = withErrorReferences(build, out);
    const page = wrapped.routes.page!.module;
    for (const fn of [page.loader!, page.action!]) {
      const thrown = await Promise.resolve(fn({ ...args(), params: {}, context: {} })).catch((e: unknown) => e);
      expect((thrown as Response).status).toBe(500);
    }
    expect(wrapped.routes.file!.module.loader).toBe(boom);
    expect(out.lines).toHaveLength(2);
  });
});
