/**
 * The root loader issues the CSRF cookie on a browser's first page (so forms work on the very first
 * request, in production and under `npm run dev`), and gives citizens' rating pages no cookie at all.
 */
import { afterEach, describe, expect, it } from "vitest";

import { requireCsrf } from "../../app/auth/csrf.server";
import { readEnv } from "../../app/env.server";
import { loader } from "../../app/root";
import { provideServices } from "../../app/services.server";
import { demoServices } from "../support/services";
import { settle } from "../support/route";

afterEach(() => provideServices(undefined));

function setup() {
  const s = demoServices();
  provideServices({ env: readEnv({ DATABASE_PATH: s.db.$client.name } as never), db: s.db, surveys: s.surveys, secret: "s".repeat(40) });
}

const load = (url: string, cookie?: string) =>
  settle(() => loader({ request: new Request(url, { headers: cookie ? { cookie } : {} }), params: {}, context: {} }));

describe("CSRF cookie from the root loader", () => {
  it("sets a cookie on the first staff page whose token the next POST passes", async () => {
    setup();
    const first = await load("http://test/dang-nhap");
    expect(first.kind).toBe("data");
    if (first.kind !== "data") return;
    const setCookie = first.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/^sipas_csrf=[A-Za-z0-9_-]{24}; Path=\/; HttpOnly; SameSite=Lax$/);
    const cookie = setCookie.split(";")[0]!;
    const form = new FormData();
    form.set("csrf", String(first.data.csrf));
    expect(() => requireCsrf(new Request("http://test/dang-nhap", { method: "POST", headers: { cookie } }), form)).not.toThrow();
    // A browser that has the cookie keeps it: no new cookie, same token.
    const again = await load("http://test/quan-tri", cookie);
    expect(again.kind === "data" && again.headers.get("Set-Cookie")).toBeFalsy();
    expect(again.kind === "data" && again.data.csrf).toBe(first.data.csrf);
  });

  it("gives the citizen's rating page no cookie", async () => {
    setup();
    const page = await load("http://test/q/AAAAAAAAAAAAAAAAAAAAAA");
    expect(page.kind === "data" && page.headers.get("Set-Cookie")).toBeFalsy();
    expect(page.kind === "data" && page.data.csrf).toBeNull();
  });
});
