/**
 * Comments in the browser: a citizen's comment (with markup in it) reaches the agency head's list as inert
 * text and goes mới → đang xử lý → đã trả lời with the reply and who answered; the head of another agency
 * is refused (403) on that comment's page and on a crafted POST, and does not see it listed.
 */
import type { Page } from "@playwright/test";
import Database from "better-sqlite3";

import { publicRef } from "../../app/responses/public-ref.server";
import { expect, MANY_FIELDS_COUNTER, sendRating, signInDemo, test, uniqueComment } from "./fixtures";

async function sendComment(page: Page, counterPath: string, comment: string) {
  await sendRating(page, counterPath, { face: "Không hài lòng", comment });
}

/** The follow-up row of a response (read-only look at the server's file). */
function followUp(responseId: number): unknown {
  const sqlite = new Database(process.env.SIPAS_E2E_DB!, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare("select status, reply_text from comment_follow_ups where response_id = ?").get(responseId) ?? null;
  } finally {
    sqlite.close();
  }
}

function responseIdOf(comment: string): number {
  const sqlite = new Database(process.env.SIPAS_E2E_DB!, { readonly: true, fileMustExist: true });
  try {
    return (sqlite.prepare("select response_id as id from answers where question = 'Y_KIEN' and text = ?").get(comment) as { id: number }).id;
  } finally {
    sqlite.close();
  }
}

test("an agency head takes a comment from mới through đang xử lý to đã trả lời, shown with who answered", async ({ page, db }) => {
  const comment = `${uniqueComment("gop-y")} <img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
  await sendComment(page, db.counterPath(MANY_FIELDS_COUNTER), comment);

  await signInDemo(page, "tthcc");
  await page.getByRole("link", { name: "Góp ý, phản ánh" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Góp ý, phản ánh, kiến nghị" })).toBeVisible();
  await page.getByLabel("Trạng thái").selectOption({ label: "Mới" });
  await page.getByRole("button", { name: "Lọc", exact: true }).click();
  const item = page.getByRole("listitem").filter({ hasText: comment.slice(0, 60) });
  await expect(item.locator("blockquote")).toHaveText(comment);
  await expect(item).toContainText("Mới");
  await expect(page.getByRole("main").locator("img, .fb-list script")).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  const ref = publicRef(process.env.SIPAS_E2E_SECRET!, responseIdOf(comment));
  await item.getByRole("link", { name: `Xử lý ý kiến ${ref}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Ý kiến ${ref}` })).toBeVisible();
  // The address carries the public reference, never the row id (issue 16, finding 3).
  await expect(page).toHaveURL(new RegExp(`/quan-tri/gop-y/${ref}\\?`));
  // A phone's width: nothing scrolls sideways on the list or here.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.getByRole("radio", { name: "Đang xử lý" }).check();
  await page.getByRole("button", { name: "Lưu trạng thái" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã chuyển sang «Đang xử lý».");
  await expect(page.locator(".fb-badge").first()).toHaveText("Đang xử lý");

  const reply = "Trung tâm đã bổ sung ghế chờ và hướng dẫn lại quy trình. Cảm ơn Ông/Bà đã góp ý.";
  await page.getByLabel("Nội dung trả lời (tối đa 2000 ký tự)").fill(reply);
  await page.getByRole("button", { name: "Lưu trả lời (chuyển sang «Đã trả lời»)" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu nội dung trả lời.");
  await expect(page.locator(".fb-badge").first()).toHaveText("Đã trả lời");
  await expect(page.locator(".fb-reply")).toContainText("Trả lời bởi Giám đốc Trung tâm PVHCC");
  await expect(page.locator(".fb-reply")).toContainText(reply);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  expect(followUp(responseIdOf(comment))).toEqual({ status: "da_tra_loi", reply_text: reply });

  // The list, filtered by "Đã trả lời", shows it with the reply.
  await page.getByRole("link", { name: "Danh sách ý kiến" }).click();
  // The list is there before its filter is used: a filter sent while the link's navigation is pending aborts it
  // (an AbortError in the console, once in a CI run).
  await expect(page.getByRole("heading", { level: 1, name: "Góp ý, phản ánh, kiến nghị" })).toBeVisible();
  await page.getByLabel("Trạng thái").selectOption({ label: "Đã trả lời" });
  await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(page.getByRole("listitem").filter({ hasText: comment.slice(0, 60) })).toContainText(reply);
});

test.describe("another agency's comment", () => {
  // The 403 document's status is logged by the browser as a failed resource load.
  test.use({ allowedConsoleErrors: [/status of 403/] });

  test("is not listed for an agency head, and its page and a crafted POST are refused with 403", async ({ page, db }) => {
    const comment = uniqueComment("tthcc-only");
    await sendComment(page, db.counterPath(MANY_FIELDS_COUNTER), comment);
    const id = responseIdOf(comment);
    const ref = publicRef(process.env.SIPAS_E2E_SECRET!, id);

    await signInDemo(page, "soxd");
    await page.goto("/quan-tri/gop-y");
    await expect(page.getByRole("heading", { level: 1, name: "Góp ý, phản ánh, kiến nghị" })).toBeVisible();
    await expect(page.getByText(comment)).toHaveCount(0);
    // No agency choice for an agency head, and asking for another agency by the address is refused.
    await expect(page.getByLabel("Cơ quan", { exact: true })).toHaveCount(0);
    expect((await page.goto("/quan-tri/gop-y?agency=TTHCC"))?.status()).toBe(403);

    const opened = await page.goto(`/quan-tri/gop-y/${ref}`);
    expect(opened?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "Không có quyền truy cập" })).toBeVisible();

    // A crafted POST with a valid CSRF token of this browser: refused, nothing stored.
    await page.goto("/quan-tri/gop-y");
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();
    for (const form of [
      { intent: "reply", reply: "Không phải cơ quan tôi" },
      { intent: "status", status: "dang_xu_ly" },
      { intent: "hide", reason: "thử" },
    ] as Record<string, string>[]) {
      const res = await page.request.post(`/quan-tri/gop-y/${ref}`, { form: { ...form, csrf }, maxRedirects: 0 });
      expect(res.status()).toBe(403);
    }
    expect(followUp(id)).toBeNull();
  });
});
