/**
 * Forms posted from elsewhere (issue 16, finding 6): Remix refused an action whose `Origin` was not this host
 * by throwing — a 500 for a cross-site form, and for a citizen's browser that sends `Origin: null`. The
 * server now checks once, before Remix, and answers a Vietnamese 403 page; nothing is stored or changed.
 * A real browser makes the requests (a page of another site served by page.route, and a data: page, whose
 * origin is opaque), so the headers are the ones browsers really send.
 */
import type { Page } from "@playwright/test";

import { rawRequest } from "../support/raw-http";

import { expect, test, uniqueComment } from "./fixtures";

// The refused POST is a 403 document: the browser logs it.
test.use({ allowedConsoleErrors: [/status of 403/] });

/** A page that posts `fields` to `action` as soon as its button is clicked. */
const formPage = (action: string, fields: Record<string, string>) =>
  `<!doctype html><meta charset="utf-8"><form method="post" action="${action}">${Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${v}">`)
    .join("")}<button>Gửi</button></form>`;

async function postFrom(page: Page, url: string, html: string) {
  if (url.startsWith("data:")) await page.goto(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
  else {
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
    await page.goto(url);
  }
  const posted = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Gửi" }).click();
  const response = await posted;
  return { status: response.status(), origin: await response.request().headerValue("origin") };
}

test("a rating posted from another site or with Origin: null gets the Vietnamese 403 page and is not stored", async ({ page, db }) => {
  for (const from of ["http://evil.example/vote", "data:"]) {
    const comment = uniqueComment(`origin ${from}`);
    const html = formPage(db.counterUrl("SO_YT-Q01"), { _rid: crypto.randomUUID(), TONG_THE: "1", Y_KIEN: comment });
    const { status, origin } = await postFrom(page, from, html);
    expect(origin, from).toBe(from === "data:" ? "null" : "http://evil.example");
    expect(status, from).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "Biểu mẫu gửi từ trang khác" })).toBeVisible();
    await expect(page.getByText("không được gửi từ chính trang này")).toBeVisible();
    expect(db.countResponses({ comment }), from).toBe(0);
  }
});

test("a sign-in form posted from another site is refused with 403 and gives no session", async ({ page, context, baseURL }) => {
  const { status } = await postFrom(
    page,
    "http://evil.example/login",
    formPage(`${baseURL}/dang-nhap`, { username: "admin", password: "sipas-demo-2026" }),
  );
  expect(status).toBe(403);
  expect((await context.cookies(baseURL!)).map((c) => c.name)).not.toContain("sipas_session");
});

/** A form POST with exactly these headers (Origin, Host: what a hand-made client sends). */
const raw = (baseURL: string, path: string, headers: Record<string, string>) =>
  rawRequest(baseURL, path, { headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: "username=x&password=y" });

test("hand-made origins and hosts never get a 5xx: 403 for another origin, 400 for an unusable Host", async ({ baseURL }) => {
  const host = new URL(baseURL!).host;
  for (const origin of ["null", "", "::::", "https://evil.example", `http://${host}.evil.example`]) {
    for (const path of ["/dang-nhap", "/dang-nhap.data", "/quan-tri/mat-khau"]) {
      const res = await raw(baseURL!, path, { origin });
      expect(res.status, `${path} Origin ${JSON.stringify(origin)}`).toBe(403);
    }
  }
  // An X-Forwarded-Host is not trusted: it cannot make another origin pass.
  expect((await raw(baseURL!, "/dang-nhap", { origin: "https://evil.example", "x-forwarded-host": "evil.example" })).status).toBe(403);
  // This site's own origin goes on to the page (here: no CSRF token, a 403 from the form check, not a 500).
  expect((await raw(baseURL!, "/dang-nhap", { origin: `http://${host}`, "x-forwarded-host": "evil.example" })).status).toBeLessThan(500);
  for (const bad of ["a b", "a/b", "a@b"]) {
    const res = await raw(baseURL!, "/dang-nhap", { host: bad });
    expect(res.status, bad).toBe(400);
    expect(res.text).toBe("Tiêu đề Host của yêu cầu không hợp lệ.");
  }
});
