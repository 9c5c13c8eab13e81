/**
 * Citizens' comments and their follow-up on a real SQLite file: filters (period, agency, field, overall
 * rating, status, tag, hidden), pages and the query plan, the workflow mới → đang xử lý → đã trả lời with
 * who answered, hiding with a reason, tags, audit rows, inert rendering, and the refusals: an agency head
 * on another agency's comment (page, list, crafted POST), viewers and surveyors, CSRF, bad input.
 */
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { CommentCard } from "../../app/components/feedback/CommentCard";
import { getComments } from "../../app/dashboard/comments.server";
import { readEnv } from "../../app/env.server";
import { commentView, listComments, listSql, readComment, type CommentFilter } from "../../app/feedback/list.server";
import { forLocale } from "../../app/i18n/i18n";
import { action as commentAction, loader as commentLoader } from "../../app/routes/quan-tri.gop-y.$id";
import { loader as listLoader } from "../../app/routes/quan-tri.gop-y._index";
import { publicRef } from "../../app/responses/public-ref.server";
import { provideServices } from "../../app/services.server";
import { province, submit, type Province } from "../support/results-fixture";
import { settle } from "../support/route";
import { args, get, post, staff, type Staff } from "../support/staff";

const SECRET = "bí-mật-thử-nghiệm-góp-ý-0123456789abcdefgh";
const SCRIPT = "<script>alert('xss')</script> Chờ lâu quá";
const IMG = `<img src=x onerror="alert(1)"> Thiếu ghế`;

let p: Province;
let ids: { a1Unhappy: number; a1Happy: number; a1Old: number; x1Script: number; x1Img: number };

function rate(agency: string, field: string, TONG_THE: number | undefined, comment: string, at = "2026-08-14T09:00:00+07:00"): number {
  const answers: Record<string, unknown> = { THAI_DO: 2, Y_KIEN: comment };
  if (TONG_THE !== undefined) answers.TONG_THE = TONG_THE;
  return submit(p, { survey: "danh-gia-ho-so", agency, field, counter: `${agency}-Q01`, channel: "qr", at, answers });
}

beforeEach(() => {
  p = province();
  ids = {
    a1Unhappy: rate("A1", "DAT_DAI", 1, "Hồ sơ bị trả lại nhiều lần", "2026-08-20T09:00:00+07:00"),
    a1Happy: rate("A1", "DAT_DAI", 3, "Cán bộ nhiệt tình", "2026-08-10T09:00:00+07:00"),
    a1Old: rate("A1", "DAT_DAI", 2, "Góp ý từ quý trước", "2026-05-10T09:00:00+07:00"),
    x1Script: rate("X1", "HO_TICH", 1, SCRIPT, "2026-08-15T09:00:00+07:00"),
    x1Img: rate("X1", "HO_TICH", 2, IMG, "2026-08-16T09:00:00+07:00"),
  };
  // A response without a comment, and a SIPAS comment: neither belongs to the counter rating's list.
  submit(p, {
    survey: "danh-gia-ho-so",
    agency: "A1",
    field: "DAT_DAI",
    counter: "A1-Q01",
    channel: "qr",
    at: "2026-08-14T09:00:00+07:00",
    answers: { TONG_THE: 3 },
  });
  submit(p, { survey: "sipas", agency: "A1", at: "2026-08-14T09:00:00+07:00", answers: { HL_CHUNG: 2, Y_KIEN: "Ý kiến SIPAS" } });
  provideServices({ env: readEnv({ DATABASE_PATH: p.db.$client.name } as never), db: p.db, surveys: p.surveys, secret: SECRET });
});
afterEach(() => provideServices(undefined));

const def = () => p.surveys.get("danh-gia-ho-so")!.def;
/** The address of a comment carries its public reference, never its row id. */
const refOf = (id: number) => publicRef(SECRET, id);
const Q3: CommentFilter = { survey: "danh-gia-ho-so", from: "2026-07-01", to: "2026-09-30" };
const list = (f: Partial<CommentFilter> = {}, seeHidden = true) => listComments(p.db, def(), { ...Q3, ...f }, { locale: "vi", seeHidden });
const idsOf = (f: Partial<CommentFilter> = {}) => list(f).rows.map((r) => r.id);
const followUps = () => p.db.$client.prepare("select * from comment_follow_ups").all();
const tags = () => p.db.$client.prepare("select * from comment_tags").all();
const audits = () =>
  p.db.$client.prepare("select action, target, user_id as userId, details from audit_log where action like 'comment.%' order by id").all() as {
    action: string;
    target: string;
    userId: number;
    details: string | null;
  }[];

async function change(who: Staff, id: number, fields: Record<string, string>, csrf?: string | null) {
  return settle(() => commentAction(args(post(`/quan-tri/gop-y/${refOf(id)}`, fields, who, SECRET, csrf), { id: refOf(id) })));
}

describe("the list and its filters", () => {
  it("period, agency, field and overall rating; newest day first; only comments of the survey", () => {
    expect(idsOf()).toEqual([ids.a1Unhappy, ids.x1Img, ids.x1Script, ids.a1Happy]);
    expect(idsOf({ from: "2026-04-01", to: "2026-06-30" })).toEqual([ids.a1Old]);
    expect(idsOf({ agency: "X1" })).toEqual([ids.x1Img, ids.x1Script]);
    expect(idsOf({ field: "DAT_DAI" })).toEqual([ids.a1Unhappy, ids.a1Happy]);
    expect(idsOf({ rating: "chua-hai-long" })).toEqual([ids.a1Unhappy, ids.x1Script]);
    expect(idsOf({ rating: "hai-long" })).toEqual([ids.x1Img, ids.a1Happy]);
    expect(idsOf({ rating: "khong" })).toEqual([]);
    const sipas = listComments(p.db, p.surveys.get("sipas")!.def, { ...Q3, survey: "sipas", rating: "hai-long" }, { locale: "vi", seeHidden: true });
    expect(sipas.rows.map((r) => [r.text, r.rating])).toEqual([]);
    const sipasUnhappy = listComments(
      p.db,
      p.surveys.get("sipas")!.def,
      { ...Q3, survey: "sipas", rating: "chua-hai-long" },
      { locale: "vi", seeHidden: true },
    );
    expect(sipasUnhappy.rows.map((r) => [r.text, r.rating])).toEqual([["Ý kiến SIPAS", "Không hài lòng"]]);
    expect(list().rows[0]).toMatchObject({
      text: "Hồ sơ bị trả lại nhiều lần",
      agency: "A1",
      field: "Đất đai",
      rating: "Không hài lòng",
      status: "moi",
      hidden: null,
      reply: null,
      tags: [],
    });
  });

  it("status, tag and hidden, after changes through the route", async () => {
    const admin = staff(p.db, SECRET, "admin");
    await change(admin, ids.a1Unhappy, { intent: "status", status: "dang_xu_ly" });
    await change(admin, ids.x1Img, { intent: "tag", tag: "  Cơ sở   vật chất " });
    await change(admin, ids.x1Script, { intent: "hide", reason: "Mã độc" });
    expect(idsOf({ status: "dang_xu_ly" })).toEqual([ids.a1Unhappy]);
    expect(idsOf({ status: "moi" })).toEqual([ids.x1Img, ids.a1Happy]);
    expect(idsOf({ tag: "cơ sở vật chất" })).toEqual([ids.x1Img]);
    expect(idsOf()).not.toContain(ids.x1Script);
    expect(idsOf({ hidden: true })).toContain(ids.x1Script);
    // A reader who may not see hidden text gets the row without it.
    expect(list({ hidden: true }, false).rows.find((r) => r.id === ids.x1Script)).toMatchObject({ text: null, hidden: { reason: "Mã độc" } });
    // The dashboard's drill-down leaves a hidden comment out too.
    const onDashboard = getComments(p.db, { def: def(), survey: "danh-gia-ho-so", agency: "X1", range: { from: Q3.from, to: Q3.to }, locale: "vi" });
    expect(onDashboard.rows.map((r) => r.text)).toEqual([IMG]);
  });

  it("pages of twenty, a capped count, and a plan that walks the (survey, day) index newest first, sorting within a day only", () => {
    for (let i = 0; i < 41; i++) rate("X2", "HO_TICH", 2, `Ý kiến số ${i}`, "2026-09-01T09:00:00+07:00");
    expect(list()).toMatchObject({ total: 45, pages: 3 });
    expect(list({ page: 2 }).rows).toHaveLength(20);
    expect(list({ page: 3 }).rows).toHaveLength(5);
    expect(list({ page: 99 }).page).toBe(3);
    expect(list().more).toBe(false);
    // Past the cap the count stops: the first pages are offered and the page says "more than".
    expect(listComments(p.db, def(), { ...Q3, page: 9 }, { locale: "vi", seeHidden: true, countCap: 30 })).toMatchObject({
      total: 30,
      more: true,
      pages: 2,
      page: 2,
    });
    for (const f of [{}, { agency: "A1" }, { status: "moi" as const }, { rating: "chua-hai-long" as const }]) {
      const { sql, params } = listSql(p.db, def(), { ...Q3, ...f });
      const plan = (p.db.$client.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join("\n");
      expect(plan).toMatch(/SEARCH responses USING INDEX responses_(survey|agency)_day_idx/);
      expect(plan).toMatch(/SEARCH answers USING INDEX answers_response_idx/);
      // Sorted within each day only (by time, then UUID: never by arrival), the days walked in index order.
      expect(plan).toContain("USE TEMP B-TREE FOR LAST 2 TERMS OF ORDER BY");
      expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      expect(plan).not.toContain("answers_question_code_idx");
    }
  });
});

describe("the workflow", () => {
  it("mới → đang xử lý → đã trả lời with the reply and who answered; tags; hide and unhide; every change audited", async () => {
    const head = staff(p.db, SECRET, "agency", "A1");
    const id = ids.a1Unhappy;
    expect(await change(head, id, { intent: "status", status: "dang_xu_ly" })).toMatchObject({
      status: 200,
      data: { ok: true, message: "Đã chuyển sang «Đang xử lý»." },
    });
    expect(await change(head, id, { intent: "reply", reply: "Sở đã làm việc với bộ phận một cửa; hồ sơ được giải quyết ngày 25/8." })).toMatchObject({
      status: 200,
    });
    const c = readComment(p.db, def(), id, { locale: "vi", seeHidden: true })!;
    expect(c.status).toBe("da_tra_loi");
    expect(c.reply).toMatchObject({ text: "Sở đã làm việc với bộ phận một cửa; hồ sơ được giải quyết ngày 25/8.", by: head.name });
    await change(head, id, { intent: "tag", tag: "Thời gian" });
    await change(head, id, { intent: "tag", tag: "thời gian" }); // the same tag twice: nothing new
    await change(head, id, { intent: "untag", tag: "thời gian" });
    await change(head, id, { intent: "hide", reason: "Lời lẽ xúc phạm" });
    await change(head, id, { intent: "unhide" });
    expect(audits().map((a) => a.action)).toEqual([
      "comment.status",
      "comment.reply",
      "comment.tag",
      "comment.untag",
      "comment.hide",
      "comment.unhide",
    ]);
    expect(audits().every((a) => a.target === String(id) && a.userId === head.id)).toBe(true);
    expect(readComment(p.db, def(), id, { locale: "vi", seeHidden: true })).toMatchObject({ hidden: null, tags: [], status: "da_tra_loi" });
  });

  it("bad input gets a Vietnamese message and changes nothing", async () => {
    const admin = staff(p.db, SECRET, "admin");
    const id = ids.a1Unhappy;
    const cases: [Record<string, string>, string][] = [
      [{ intent: "reply", reply: "x".repeat(2001) }, "Nội dung trả lời dài quá 2000 ký tự."],
      [{ intent: "reply", reply: "   " }, "Xin nhập nội dung trả lời."],
      [{ intent: "status", status: "da_tra_loi" }, "Trạng thái không hợp lệ"],
      [{ intent: "status", status: "xong" }, "Trạng thái không hợp lệ"],
      [{ intent: "tag", tag: "<b>x</b>" }, "Tên thẻ chỉ gồm"],
      [{ intent: "tag", tag: "t".repeat(41) }, "Tên thẻ dài quá 40 ký tự."],
      [{ intent: "hide", reason: "" }, "Xin ghi lý do ẩn."],
      [{ intent: "xoa" }, "Yêu cầu không hợp lệ."],
    ];
    for (const [fields, message] of cases) {
      const out = await change(admin, id, fields);
      expect(out, JSON.stringify(fields)).toMatchObject({ status: 400, data: { ok: false, message: expect.stringContaining(message) } });
    }
    for (let i = 0; i < 10; i++) await change(admin, id, { intent: "tag", tag: `thẻ ${i}` });
    expect(await change(admin, id, { intent: "tag", tag: "thẻ thừa" })).toMatchObject({
      status: 400,
      data: { message: "Mỗi ý kiến có tối đa 10 thẻ." },
    });
    expect(followUps()).toEqual([]);
    expect(tags()).toHaveLength(10);
  });

  it("text is rendered inert: a comment's markup is shown as text, never as elements", () => {
    const html = (id: number) =>
      renderToString(
        createElement(
          I18nextProvider,
          { i18n: forLocale("vi") },
          createElement(CommentCard, { comment: commentView(readComment(p.db, def(), id, { locale: "vi", seeHidden: true })!, SECRET) }),
        ),
      );
    expect(html(ids.x1Script)).toContain("&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt; Chờ lâu quá");
    expect(html(ids.x1Script)).not.toContain("<script");
    expect(html(ids.x1Img)).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html(ids.x1Img)).not.toContain("<img");
  });
});

describe("who may see and change what", () => {
  it("an agency head lists and opens only their agency's comments; another agency is 403 by query, path and POST", async () => {
    const head = staff(p.db, SECRET, "agency", "A1");
    const listed = await settle(() => listLoader(args(get("/quan-tri/gop-y?period=2026-Q3", head))));
    expect(listed.kind === "data" && (listed.data.list as { rows: { agency: string }[] }).rows.map((r) => r.agency)).toEqual(["A1", "A1"]);
    expect((await settle(() => listLoader(args(get("/quan-tri/gop-y?period=2026-Q3&agency=X1", head))))).status).toBe(403);
    expect((await settle(() => commentLoader(args(get(`/quan-tri/gop-y/${refOf(ids.x1Img)}`, head), { id: refOf(ids.x1Img) })))).status).toBe(403);
    for (const fields of [
      { intent: "reply", reply: "Không phải việc của tôi" },
      { intent: "hide", reason: "x" },
      { intent: "tag", tag: "x" },
      { intent: "status", status: "dang_xu_ly" },
    ] as Record<string, string>[]) {
      expect((await change(head, ids.x1Img, fields)).status).toBe(403);
    }
    expect((await settle(() => commentLoader(args(get(`/quan-tri/gop-y/${refOf(ids.a1Happy)}`, head), { id: refOf(ids.a1Happy) })))).status).toBe(
      200,
    );
    expect([followUps(), tags(), audits()]).toEqual([[], [], []]);
  });

  it("viewers read (hidden text withheld) and change nothing; surveyors get 403; CSRF is required", async () => {
    const admin = staff(p.db, SECRET, "admin");
    await change(admin, ids.x1Script, { intent: "hide", reason: "Mã độc" });
    const before = [followUps(), tags(), audits()];
    const viewer = staff(p.db, SECRET, "viewer");
    const page = await settle(() => commentLoader(args(get(`/quan-tri/gop-y/${refOf(ids.x1Script)}`, viewer), { id: refOf(ids.x1Script) })));
    expect(page).toMatchObject({ status: 200, data: { canWrite: false, comment: { text: null, hidden: { reason: "Mã độc" } } } });
    expect((await change(viewer, ids.a1Happy, { intent: "status", status: "dang_xu_ly" })).status).toBe(403);
    const surveyor = staff(p.db, SECRET, "surveyor");
    expect((await settle(() => listLoader(args(get("/quan-tri/gop-y", surveyor))))).status).toBe(403);
    expect((await change(surveyor, ids.a1Happy, { intent: "status", status: "dang_xu_ly" })).status).toBe(403);
    for (const csrf of [null, "gia-mao"])
      expect((await change(admin, ids.a1Happy, { intent: "status", status: "dang_xu_ly" }, csrf)).status).toBe(403);
    expect((await change(admin, 999_999, { intent: "status", status: "dang_xu_ly" })).status).toBe(404);
    expect([followUps(), tags(), audits()]).toEqual(before);
  });
});
