/**
 * Shared pieces of the e2e suite: `db` (read-only access to the server's SQLite file, to find counters and
 * count what was stored), the rating page's elements by role and Vietnamese name, and a guard that fails a
 * test when the page logs an error. The database is shared by every test of a run and holds demo data, so
 * tests count only rows they can recognise: their own comment text or their own form id (`_rid`).
 */
import { test as base, expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import crypto from "node:crypto";

export { expect };

/** A counter with one field (the field is implied) and one with several (the citizen may pick one). */
export const ONE_FIELD_COUNTER = "SO_YT-Q01";
export const ONE_FIELD_COUNTER_FIELD = "Y_TE";
export const MANY_FIELDS_COUNTER = "TTHCC-Q01";

export type Where = { comment?: string; uuid?: string; counter?: string };

export type StoredResponse = {
  uuid: string;
  channel: string;
  locale: string;
  counter: string | null;
  field: string | null;
  agency: string;
  /** Long format, one entry per answers row: code questions as numbers, text questions as strings. */
  answers: Record<string, number | string>;
};

export type SipasDb = {
  /** The absolute QR address of a counter, as printed by `sipas links`. */
  counterUrl(code: string): string;
  /** The path part of `counterUrl` (for `page.goto` with the configured baseURL). */
  counterPath(code: string): string;
  countResponses(where: Where): number;
  responses(where: Where): StoredResponse[];
  /** Rows of `publications` (published or withdrawn): to see that a refused click stored nothing. */
  countPublications(): number;
};

function whereSql(where: Where): { sql: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  if (where.comment !== undefined) {
    parts.push("exists (select 1 from answers a where a.response_id = r.id and a.question = 'Y_KIEN' and a.text = ?)");
    params.push(where.comment);
  }
  if (where.uuid !== undefined) {
    parts.push("r.uuid = ?");
    params.push(where.uuid);
  }
  if (where.counter !== undefined) {
    parts.push("c.code = ?");
    params.push(where.counter);
  }
  // Counting "everything" would count the demo data and other tests' rows: never what a test means.
  if (!parts.length) throw new Error("countResponses needs a comment, a uuid or a counter");
  return { sql: parts.join(" and "), params };
}

function openDb(file: string): SipasDb & { close(): void } {
  // Read-only: the server is the only writer. WAL lets this connection read while it writes.
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  const token = (code: string): string => {
    const row = sqlite.prepare("select token from counters where code = ? and active = 1").get(code) as { token: string } | undefined;
    if (!row) throw new Error(`no active counter ${code} in the demo data`);
    return row.token;
  };
  const baseUrl = process.env.SIPAS_E2E_BASE_URL ?? "http://127.0.0.1:3917";
  return {
    counterPath: (code) => `/q/${token(code)}`,
    counterUrl: (code) => `${baseUrl}/q/${token(code)}`,
    countResponses(where) {
      const { sql, params } = whereSql(where);
      const row = sqlite.prepare(`select count(*) as n from responses r left join counters c on c.id = r.counter_id where ${sql}`).get(...params) as {
        n: number;
      };
      return row.n;
    },
    responses(where) {
      const { sql, params } = whereSql(where);
      const rows = sqlite
        .prepare(
          `select r.id, r.uuid, r.channel, r.locale, c.code as counter, f.code as field, ag.code as agency
             from responses r
             join agencies ag on ag.id = r.agency_id
             left join counters c on c.id = r.counter_id
             left join fields f on f.id = r.field_id
            where ${sql} order by r.id`,
        )
        .all(...params) as (Omit<StoredResponse, "answers"> & { id: number })[];
      const answers = sqlite.prepare("select question, code, text from answers where response_id = ?");
      return rows.map(({ id, ...r }) => {
        const map: Record<string, number | string> = {};
        for (const a of answers.all(id) as { question: string; code: number | null; text: string | null }[]) {
          map[a.question] = a.code ?? a.text ?? "";
        }
        return { ...r, answers: map };
      });
    },
    countPublications: () => (sqlite.prepare("select count(*) as n from publications").get() as { n: number }).n,
    close: () => sqlite.close(),
  };
}

/** A comment no other test (or demo row) has: how a test recognises its own response. */
export function uniqueComment(label: string): string {
  return `Cán bộ nhiệt tình, hướng dẫn rõ ràng (e2e ${label} ${crypto.randomUUID().slice(0, 8)})`;
}

/** The password of the demo accounts (db/seed): admin, xem, tthcc, soxd… */
export const DEMO_PASSWORD = "sipas-demo-2026";

/** Signs a demo staff account in and waits for the admin navigation (every staff role but the surveyor has it). */
export async function signInDemo(page: Page, username: string): Promise<void> {
  await page.goto("/dang-nhap");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("navigation", { name: "Điều hướng quản trị" })).toBeVisible();
}

/**
 * The citizen's two pages — the vote (faces and «Gửi đánh giá») and the thank-you page with its optional
 * details — found as a screen reader user would find them (this also checks the labels).
 */
export function ratePage(page: Page) {
  const overall = page.getByRole("radiogroup", { name: /^Nhìn chung, Ông\/Bà hài lòng thế nào với việc giải quyết hồ sơ\?/ });
  return {
    heading: page.getByRole("heading", { level: 1, name: "Đánh giá việc giải quyết thủ tục hành chính" }),
    overall,
    face: (name: "Rất hài lòng" | "Hài lòng" | "Không hài lòng"): Locator => overall.getByRole("radio", { name, exact: true }),
    convenience: page.getByRole("group", { name: "Mức độ thuận tiện" }),
    onTime: page.getByRole("group", { name: "Mức độ đúng hạn trong trả kết quả" }),
    attitude: page.getByRole("group", { name: /^Thái độ của cán bộ/ }),
    field: page.getByRole("group", { name: "Hồ sơ của Ông/Bà thuộc lĩnh vực nào?" }),
    comment: page.getByRole("textbox", { name: "Ý kiến góp ý khác (không bắt buộc)" }),
    dossier: page.getByRole("textbox", { name: "Mã hồ sơ (mã biên nhận)" }),
    submit: page.getByRole("button", { name: "Gửi đánh giá" }),
    /** On the thank-you page: adds the details to the rating. */
    sendDetails: page.getByRole("button", { name: "Gửi thêm ý kiến" }),
    details: page.getByRole("region", { name: "Ông/Bà có thể cho biết thêm (không bắt buộc)" }),
    /** The language switch: a plain link in the language's own name. */
    english: page.getByRole("link", { name: "English" }),
    errorSummary: page.getByRole("alert"),
    thanks: page.getByRole("heading", { level: 1, name: "Cảm ơn Ông/Bà đã đánh giá!" }),
    /** The rating id of the page on screen. */
    rid: () => page.locator('input[type="hidden"][name="_rid"]').inputValue(),
    /** Its page token (signs the id). */
    pageToken: () => page.locator('input[type="hidden"][name="_t"]').inputValue(),
  };
}

/** A page of the rating form as the server gives it to a client without a browser: its id and token. */
export async function freshRatingPage(request: APIRequestContext, path: string): Promise<{ _rid: string; _t: string }> {
  const html = await (await request.get(path)).text();
  const value = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? "";
  return { _rid: value("_rid"), _t: value("_t") };
}

/**
 * A citizen with JavaScript at a counter: a tap on a face (the vote), then, on the thank-you page, the comment
 * (and any other detail the test fills in `more`). Resolves once the details are stored.
 */
export async function sendRating(
  page: Page,
  counterPath: string,
  {
    face,
    comment,
    more,
  }: { face: "Rất hài lòng" | "Hài lòng" | "Không hài lòng"; comment?: string; more?: (rate: ReturnType<typeof ratePage>) => Promise<void> },
): Promise<string> {
  const rate = ratePage(page);
  await page.goto(counterPath);
  const rid = await rate.rid();
  await rate.face(face).click();
  await expect(rate.thanks).toBeVisible();
  if (comment === undefined && !more) return rid;
  if (comment !== undefined) await rate.comment.fill(comment);
  await more?.(rate);
  await rate.sendDetails.click();
  await expect(rate.details).toHaveCount(0);
  return rid;
}

/** Waits for the document POST that a click on the submit button starts, and returns its response. */
export async function submitForm(page: Page, click: () => Promise<void>) {
  const posted = page.waitForResponse((r) => r.request().method() === "POST" && r.request().resourceType() === "document");
  await click();
  return posted;
}

type TestFixtures = {
  /** Console messages that are expected in this test (e.g. the 404 of a missing page). */
  allowedConsoleErrors: RegExp[];
};

export const test = base.extend<TestFixtures, { db: SipasDb }>({
  db: [
    // Playwright needs the object pattern to see that this fixture depends on no other.
    async ({}, use) => {
      const file = process.env.SIPAS_E2E_DB;
      if (!file) throw new Error("SIPAS_E2E_DB is not set: run through tests/playwright.config.ts");
      const db = openDb(file);
      await use(db);
      db.close();
    },
    { scope: "worker" },
  ],
  allowedConsoleErrors: [[], { option: true }],
  // An error in the console is a bug somewhere (a missing asset, a failing script): fail the test.
  page: async ({ page, allowedConsoleErrors }, use) => {
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && !allowedConsoleErrors.some((re) => re.test(m.text()))) errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    await use(page);
    expect(errors, "errors logged in the browser console").toEqual([]);
  },
});
