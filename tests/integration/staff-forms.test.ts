/**
 * The staff forms' actions parse with one zod schema per form (issue 17, point 4; docs/decisions/0019): a
 * refused form answers 400 with each error under its field's name — what the page shows beside the field —
 * and without the values posted; an accepted one stores what the schema normalised.
 */
import { afterEach, describe, expect, it } from "vitest";

import crypto from "node:crypto";

import { ingestResponse } from "../../app/responses/ingest.server";
import { publicRef } from "../../app/responses/public-ref.server";
import { createPairingCode, listKiosks, redeemPairingCode } from "../../app/kiosk/pairing.server";
import { getDraft } from "../../app/report/drafts.server";
import { defaultPeriod } from "../../app/report/params.server";
import { action as reportAction } from "../../app/routes/quan-tri.bao-cao";
import { action as kioskAdminAction } from "../../app/routes/quan-tri.may-tai-quay";
import { action as officersAction } from "../../app/routes/quan-tri.can-bo";
import { action as supervisionAction } from "../../app/routes/quan-tri.giam-sat";
import { action as commentAction } from "../../app/routes/quan-tri.gop-y.$id";
import { action as importAction } from "../../app/routes/quan-tri.danh-muc.nhap";
import { provideServices } from "../../app/services.server";
import { ratingBody } from "../support/bodies";
import { settle, type Outcome } from "../support/route";
import { providedDemoServices } from "../support/services";
import { args, csrfOf, HTTP, post, staff, type Staff } from "../support/staff";

const SECRET = "y".repeat(40);
afterEach(() => provideServices(undefined));

function setup() {
  const s = providedDemoServices(SECRET);
  return { ...s, admin: staff(s.db, SECRET, "admin") };
}

function dataOf(outcome: Outcome, status: number): Record<string, unknown> {
  expect(outcome.kind, JSON.stringify(outcome)).toBe("data");
  expect(outcome.status).toBe(status);
  return outcome.kind === "data" ? outcome.data : {};
}

describe("the report's draft (quan-tri.bao-cao)", () => {
  const key = () => ({ survey: "danh-gia-ho-so", period: defaultPeriod(), scope: "province" });

  it("refuses a part over its limit under that part's name, storing nothing", async () => {
    const { db, admin } = setup();
    const fields = { ...key(), number: "x".repeat(61), recommendations: "Đề nghị", signerName: "y".repeat(121) };
    const refused = dataOf(await settle(() => reportAction(args(post("/quan-tri/bao-cao", fields, admin, SECRET)))), 400);
    expect(refused).toMatchObject({
      ok: false,
      form: "rp",
      reply: { status: "error", error: { number: ["report.tooLong"], signerName: ["report.tooLong"] } },
    });
    expect(JSON.stringify(refused)).not.toContain("Đề nghị");
    expect(getDraft(db, key()).recommendations).toBe("");
  });

  it("stores the parts trimmed, with the browser's line ends made \\n, empty parts empty", async () => {
    const { db, admin } = setup();
    const fields = { ...key(), number: "  88/BC-SNV ", recommendations: "Một\r\nHai\r\n", recipients: "" };
    const saved = dataOf(await settle(() => reportAction(args(post("/quan-tri/bao-cao", fields, admin, SECRET)))), 200);
    expect(saved).toEqual({ ok: true, message: "Đã lưu phần do cơ quan soạn." });
    expect(getDraft(db, key())).toMatchObject({ number: "88/BC-SNV", recommendations: "Một\nHai", recipients: "", signerTitle: "", signerName: "" });
  });
});

describe("a kiosk's limits (quan-tri.may-tai-quay)", () => {
  function paired() {
    const s = setup();
    const counterId = (s.db.$client.prepare("select id from counters where code = 'TTHCC-Q01'").get() as { id: number }).id;
    const { code } = createPairingCode(s.db, { secret: SECRET, counterId, userId: s.admin.id });
    const redeemed = redeemPairingCode(s.db, { secret: SECRET, code, deviceUuid: crypto.randomUUID() });
    if (!redeemed.ok) throw new Error(redeemed.reason);
    return { ...s, device: listKiosks(s.db)[0]!.id };
  }
  const limits = (s: ReturnType<typeof paired>, fields: Record<string, string>) =>
    settle(() => kioskAdminAction(args(post("/quan-tri/may-tai-quay", { intent: "limits", device: String(s.device), ...fields }, s.admin, SECRET))));

  it("refuses each limit out of range under its own name, in that kiosk's row", async () => {
    const s = paired();
    const refused = dataOf(await limits(s, { cooldown: "3601", cap: "-1" }), 400);
    expect(refused).toMatchObject({
      ok: false,
      device: s.device,
      form: `limits-${s.device}`,
      reply: { error: { cooldown: ["kiosk.cooldownInvalid"], cap: ["kiosk.capInvalid"] } },
    });
    expect(dataOf(await limits(s, { cooldown: "2.5", cap: "" }), 400)).toMatchObject({ reply: { error: { cooldown: ["kiosk.cooldownInvalid"] } } });
    expect(dataOf(await limits(s, { cooldown: "mười", cap: "" }), 400)).toMatchObject({ reply: { error: { cooldown: ["kiosk.cooldownInvalid"] } } });
    expect(listKiosks(s.db)[0]).toMatchObject({ cooldownSeconds: null, dailyCap: null });
  });

  it("stores numbers, and empty as the province default", async () => {
    const s = paired();
    expect(dataOf(await limits(s, { cooldown: "0", cap: "50" }), 200)).toMatchObject({ ok: true, device: s.device });
    expect(listKiosks(s.db)[0]).toMatchObject({ cooldownSeconds: 0, dailyCap: 50 });
    expect(dataOf(await limits(s, { cooldown: "", cap: "" }), 200)).toMatchObject({ ok: true });
    expect(listKiosks(s.db)[0]).toMatchObject({ cooldownSeconds: null, dailyCap: null });
  });
});

describe("the officer form (quan-tri.can-bo)", () => {
  /** The page's multipart form, as the browser sends it. */
  function multipart(who: Staff, fields: Record<string, string | string[]>, photo?: File): Request {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    body.append("photo", photo ?? new File([], "", { type: "application/octet-stream" }));
    body.set("csrf", csrfOf(SECRET));
    return new Request(`${HTTP}/quan-tri/can-bo?co-quan=TTHCC`, { method: "POST", body, headers: { cookie: who.cookie } });
  }
  const officers = (db: ReturnType<typeof setup>["db"]) =>
    db.$client
      .prepare(
        `select o.name, o.title, o.pin_hash is not null as pin, (select group_concat(code) from (select c.code from counter_officers co join counters c on c.id = co.counter_id where co.officer_id = o.id order by c.code)) as counters
           from officers o where o.name like 'Thử %' order by o.id`,
      )
      .all();

  it("puts each refusal beside its field: the name, the PIN, the photo", async () => {
    const { db, admin } = setup();
    const refused = dataOf(await settle(() => officersAction(args(multipart(admin, { intent: "create", name: " ", pin: "12a4" })))), 400);
    expect(refused).toMatchObject({ ok: false, form: "officer", reply: { error: { name: ["kiosk.nameRequired"], pin: ["kiosk.pinInvalid"] } } });
    const notAnImage = new File([new TextEncoder().encode("không phải ảnh")], "anh.jpg", { type: "image/jpeg" });
    const badPhoto = dataOf(await settle(() => officersAction(args(multipart(admin, { intent: "create", name: "Thử Ảnh" }, notAnImage)))), 400);
    expect(badPhoto).toMatchObject({
      message: "Ảnh phải là tệp JPEG, PNG hoặc WebP.",
      form: "officer",
      reply: { error: { photo: ["kiosk.photoType"] } },
    });
    expect(officers(db)).toEqual([]);
  });

  it("adds an officer with a PIN and counters; a row button with no officer is refused as unknown", async () => {
    const { db, admin } = setup();
    const counters = db.$client.prepare("select id from counters where code in ('TTHCC-Q01', 'TTHCC-Q02') order by code").all() as { id: number }[];
    const added = dataOf(
      await settle(() =>
        officersAction(
          args(multipart(admin, { intent: "create", name: " Thử Văn Bình ", title: "", pin: "2468", counter: counters.map((c) => String(c.id)) })),
        ),
      ),
      200,
    );
    expect(added).toEqual({ ok: true, message: "Đã thêm cán bộ Thử Văn Bình." });
    expect(officers(db)).toEqual([{ name: "Thử Văn Bình", title: "", pin: 1, counters: "TTHCC-Q01,TTHCC-Q02" }]);
    expect(dataOf(await settle(() => officersAction(args(multipart(admin, { intent: "disable" })))), 400)).toEqual({
      ok: false,
      message: "Không tìm thấy cán bộ này trong cơ quan.",
    });
  });
});

describe("an assignment made by hand (quan-tri.giam-sat)", () => {
  const assign = (s: ReturnType<typeof setup>, fields: Record<string, string>) =>
    settle(() =>
      supervisionAction(
        args(post("/quan-tri/giam-sat", { intent: "create", survey: "sipas", agency: "SO_YT", field: "", ...fields }, s.admin, SECRET)),
      ),
    );
  const count = (s: ReturnType<typeof setup>) => (s.db.$client.prepare("select count(*) as n from assignments").get() as { n: number }).n;

  it("says beside each field what is wrong, and the summary repeats it", async () => {
    const s = setup();
    const surveyor = staff(s.db, SECRET, "surveyor");
    const refused = dataOf(await assign(s, { userId: String(surveyor.id), quota: "0", from: "2026-13-01", to: "2026-09-30" }), 400);
    expect(refused).toMatchObject({
      ok: false,
      form: "assign",
      reply: { error: { quota: ["Chỉ tiêu phải từ 1 trở lên."], from: ["Ngày bắt đầu phải có dạng YYYY-MM-DD."] } },
      message: "Chỉ tiêu phải từ 1 trở lên. Ngày bắt đầu phải có dạng YYYY-MM-DD.",
    });
    const reversed = dataOf(await assign(s, { userId: String(surveyor.id), quota: "10", from: "2026-09-30", to: "2026-09-01" }), 400);
    expect(reversed).toMatchObject({ reply: { error: { to: ["Ngày kết thúc phải sau ngày bắt đầu."] } } });
    expect(count(s)).toBe(0);
  });

  it("makes the assignment ('any field' is no field); the directory and the role are checked by the server", async () => {
    const s = setup();
    const surveyor = staff(s.db, SECRET, "surveyor");
    expect(dataOf(await assign(s, { userId: String(surveyor.id), quota: "10", from: "2026-09-01", to: "2026-09-30" }), 200)).toEqual({
      ok: true,
      message: "Đã giao việc.",
    });
    expect(s.db.$client.prepare("select field_id as field, quota from assignments").all()).toEqual([{ field: null, quota: 10 }]);
    const notSurveyor = dataOf(await assign(s, { userId: String(s.admin.id), quota: "10", from: "2026-09-01", to: "2026-09-30" }), 400);
    expect(notSurveyor).toEqual({ ok: false, message: "Người được giao phải là khảo sát viên đang hoạt động." });
  });
});

describe("a comment's follow-up (quan-tri.gop-y.$id)", () => {
  it("names the field of each refusal, a stale row button gets the general message, all in Vietnamese", async () => {
    const s = setup();
    expect(ingestResponse(s.db, s.surveys, ratingBody(), { source: "test" }).status).toBe("created");
    const { id } = s.db.$client.prepare("select id from responses").get() as { id: number };
    const ref = publicRef(SECRET, id);
    const change = (fields: Record<string, string>) =>
      settle(() => commentAction(args(post(`/quan-tri/gop-y/${ref}`, fields, s.admin, SECRET), { id: ref })));
    expect(dataOf(await change({ intent: "reply", reply: "x".repeat(2001) }), 400)).toMatchObject({
      message: "Nội dung trả lời dài quá 2000 ký tự.",
      form: "fb-reply",
      reply: { error: { reply: ["feedback.replyTooLong"] } },
    });
    expect(dataOf(await change({ intent: "tag", tag: "<b>" }), 400)).toMatchObject({
      form: "fb-tag",
      reply: { error: { tag: ["feedback.tagBad"] } },
    });
    expect(dataOf(await change({ intent: "hide", reason: " " }), 400)).toMatchObject({
      form: "fb-hide",
      reply: { error: { reason: ["feedback.reasonMissing"] } },
    });
    expect(dataOf(await change({ intent: "untag", tag: "" }), 400)).toEqual({ ok: false, message: "Yêu cầu không hợp lệ." });
  });
});

describe("the directory import's file (quan-tri.danh-muc.nhap)", () => {
  function upload(who: Staff, file?: File): Request {
    const body = new FormData();
    body.set("csrf", csrfOf(SECRET));
    body.set("intent", "check");
    body.set("file", file ?? new File([], "", { type: "application/octet-stream" }));
    return new Request(`${HTTP}/quan-tri/danh-muc/nhap`, { method: "POST", body, headers: { cookie: who.cookie } });
  }

  it("says beside the file input that a file is missing, or not a spreadsheet", async () => {
    const { admin } = setup();
    expect(dataOf(await settle(() => importAction(args(upload(admin)))), 400)).toMatchObject({
      kind: "invalid",
      reason: "noFile",
      form: "dm",
      reply: { error: { file: ["directory.noFile"] } },
    });
    const notASheet = new File([new TextEncoder().encode("%PDF-1.7")], "danh-muc.pdf", { type: "application/pdf" });
    expect(dataOf(await settle(() => importAction(args(upload(admin, notASheet)))), 400)).toMatchObject({
      kind: "invalid",
      reason: "badType",
      reply: { error: { file: ["directory.badType"] } },
    });
  });
});
