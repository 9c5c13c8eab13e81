/**
 * QĐ 766 indicators (issue 19) on a hand-built fixture in a real SQLite file: dossiers late, disliked, both,
 * with a PAKN, rated but on time, unrated, still open, returned on the last day of July and on the first of
 * August, PAKN on time, late, open, unsatisfied; a unit at exactly 90.00 % earns the full points.
 * Expected values are worked out by hand below each case.
 */
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";

import { createApiKey } from "../../app/auth/api-keys.server";

import { ingestResponse } from "../../app/responses/ingest.server";
import { importListFile } from "../../app/qd766/files.server";
import { qd766Indicators } from "../../app/qd766/indicators.server";
import { reportQd766 } from "../../app/qd766/monthly.server";
import { qd766Blocks } from "../../app/qd766/report-block";
import { publicRef } from "../../app/responses/public-ref.server";
import { action as paknAction } from "../../app/routes/quan-tri.qd766-pakn";
import { settle } from "../support/route";
import { args, post as staffPost, staff } from "../support/staff";
import type { Db } from "../../db/client";
import { ratingBody, uuid } from "../support/bodies";
import { readEnv } from "../../app/env.server";
import { provideServices } from "../../app/services.server";
import { demoServices, providedDemoServices, type TestServices } from "../support/services";

afterEach(() => provideServices(undefined));

const SECRET = "k".repeat(40);
const JULY = { from: "2026-07-01", to: "2026-07-31" };

const DOSSIERS = [
  "code,agency,field,procedure,received,due,returned,channel",
  "HS-A1,TTHCC,DAT_DAI,,2026-07-01,2026-07-10,2026-07-12,truc-tiep", // late
  "HS-A2,TTHCC,DAT_DAI,,2026-07-01,2026-07-10,2026-07-08,truc-tuyen", // disliked
  "HS-A3,TTHCC,DAT_DAI,,2026-07-01,2026-07-10,2026-07-15,truc-tiep", // late and disliked
  "HS-A4,TTHCC,HO_TICH,,2026-07-01,2026-07-20,2026-07-18,buu-chinh", // with a PAKN
  "HS-A5,TTHCC,HO_TICH,,2026-07-01,2026-07-20,2026-07-19,", // rated «hài lòng», on time
  "HS-A6,TTHCC,HO_TICH,,2026-07-01,2026-07-20,2026-07-20,truc-tiep", // unrated, on its due day; a PAKN in August
  "HS-A7,TTHCC,HO_TICH,,2026-07-20,2026-07-31,2026-07-31,truc-tiep", // returned on the last day of July
  "HS-A9,TTHCC,DAT_DAI,,2026-07-01,2026-07-10,2026-07-09,truc-tiep", // disliked and with a PAKN
  "HS-A10,TTHCC,DAT_DAI,,2026-07-20,2026-08-10,,truc-tiep", // still open
  "HS-B1,TTHCC,DAT_DAI,,2026-07-25,2026-08-05,2026-08-01,truc-tiep", // returned on the first of August
  "HS-T01,SO_TP,TU_PHAP,,2026-07-01,2026-07-05,2026-07-06,truc-tiep", // late
  "HS-T02,SO_TP,TU_PHAP,,2026-07-01,2026-07-05,2026-07-05,truc-tiep", // with a PAKN
  ...Array.from({ length: 18 }, (_, i) => `HS-T${String(i + 3).padStart(2, "0")},SO_TP,TU_PHAP,,2026-07-01,2026-07-10,2026-07-10,truc-tuyen`),
].join("\n");

const PAKN = [
  "id,agency,received,due,handled,dossier,unsatisfied",
  "P1,TTHCC,2026-07-20,2026-07-25,2026-07-24,HS-A4,0", // on time
  "P2,TTHCC,2026-07-05,2026-07-15,2026-07-20,hs-a9,1", // late and unsatisfied (code in lower case: the same dossier)
  "P3,TTHCC,2026-07-28,2026-08-05,,,", // open, not yet due at the end of July: on time
  "P4,TTHCC,2026-07-10,2026-07-20,,,0", // open and past due: late
  "P5,TTHCC,2026-07-02,2026-07-10,2026-07-09,,1", // on time, unsatisfied
  "P6,TTHCC,2026-08-05,2026-08-10,2026-08-06,HS-A6,0", // August: does not flag A6 in July
  "PT1,SO_TP,2026-07-15,2026-07-30,2026-07-16,HS-T02,", // on time
].join("\n");

const bytes = (text: string) => new TextEncoder().encode(text);

function rate(s: TestServices, n: number, code: string, tongThe: number) {
  const body = ratingBody({
    id: uuid(n),
    dossier: code,
    submittedAt: "2026-07-20T10:00:00+07:00",
    answers: { TONG_THE: tongThe, THUAN_TIEN: 2, DUNG_HAN: 9 },
  });
  expect(ingestResponse(s.db, s.surveys, body, { source: "test", dossiers: { secret: SECRET, requireKnown: false } }).status).toBe("created");
}

async function fixture(): Promise<TestServices> {
  const s = demoServices();
  expect(await importListFile(s.db, SECRET, "dossiers", "ho-so.csv", bytes(DOSSIERS))).toEqual({ ok: true, created: 30, updated: 0 });
  expect(await importListFile(s.db, SECRET, "pakn", "pakn.csv", bytes(PAKN))).toEqual({ ok: true, created: 7, updated: 0 });
  rate(s, 1, "HS-A2", 1);
  rate(s, 2, "hs-a3", 1);
  rate(s, 3, "HS-A5", 3);
  rate(s, 4, "HS-A9", 1);
  return s;
}

const table = (db: Db, name: "dossiers" | "pakn") => db.$client.prepare(`select * from ${name} order by id`).all();

describe("QĐ 766 indicators on the hand-built fixture", () => {
  it("gives each indicator, both 5.4 variants and the points per agency for July", async () => {
    const s = await fixture();
    const result = qd766Indicators(s.db, JULY, "agency");
    expect(result).toMatchObject({ from: "2026-07-01", to: "2026-07-31", by: "agency", version: "qd766-2022" });
    const [tthcc, sotp] = [result.groups.find((g) => g.key === "TTHCC"), result.groups.find((g) => g.key === "SO_TP")];
    // TTHCC: A1 A2 A3 A4 A5 A6 A7 A9 settled (not the open A10, not B1 of August): 8.
    // late A1 A3; disliked A2 A3 A9; with PAKN A4 A9 (P6 came in August); flagged A2 A3 A4 A9; late or flagged + A1.
    // 5.4 = 100 − 2/8 − 4/8 = 25 %; union 100 − 5/8 = 37.5 %; points 25 × 6 / 90 = 1.67.
    // PAKN received in July: P1 P2 P3 P4 P5; on time P1 P3 P5; unsatisfied P2 P5; unsatisfied or late P2 P4 P5.
    // 5.2 = 3/5 = 60 % → 60 × 4 / 90 = 2.67; 5.3 = 2/5 = 40 % → 1.78.
    expect(tthcc).toEqual({
      key: "TTHCC",
      label: "Trung tâm Phục vụ hành chính công tỉnh Điện Biên",
      dossiers: 8,
      late: 2,
      disliked: 3,
      withPakn: 2,
      flagged: 4,
      lateOrFlagged: 5,
      rate54: 25,
      rate54Union: 37.5,
      points54: 1.67,
      pakn: 5,
      paknOnTime: 3,
      paknUnsatisfied: 2,
      rate52: 60,
      rate53: 40,
      points52: 2.67,
      points53: 1.78,
    });
    // SO_TP: 20 settled, one late (T01), one with a PAKN (T02): 100 − 5 − 5 = 90.00 % exactly → the full 6 points.
    expect(sotp).toMatchObject({ dossiers: 20, late: 1, withPakn: 1, flagged: 1, lateOrFlagged: 2, rate54: 90, rate54Union: 90, points54: 6 });
    expect(sotp).toMatchObject({ pakn: 1, paknOnTime: 1, rate52: 100, rate53: 100, points52: 4, points53: 4 });
    // The province: 28 dossiers, late 3, flagged 5, late or flagged 7: 100 − 300/28 − 500/28 = 71.43; union 75.
    // PAKN 6: on time 4, unsatisfied 2, unsatisfied or late 3 → 66.67 % (2.96 points) and 50 % (2.22 points).
    expect(result.overall).toEqual({
      dossiers: 28,
      late: 3,
      disliked: 3,
      withPakn: 3,
      flagged: 5,
      lateOrFlagged: 7,
      rate54: 71.43,
      rate54Union: 75,
      points54: 4.76,
      pakn: 6,
      paknOnTime: 4,
      paknUnsatisfied: 2,
      rate52: 66.67,
      rate53: 50,
      points52: 2.96,
      points53: 2.22,
    });
  });

  it("puts the dossier returned on 1 August in August, and a PAKN flags a dossier only from the month it came in", async () => {
    const s = await fixture();
    const months = qd766Indicators(s.db, { from: "2026-07-01", to: "2026-08-31" }, "month");
    expect(months.groups.map((g) => [g.key, g.label, g.dossiers, g.withPakn, g.pakn])).toEqual([
      ["2026-07", "Tháng 7/2026", 28, 3, 6],
      ["2026-08", "Tháng 8/2026", 1, 0, 1],
    ]);
    // Over both months A6's August PAKN counts: with PAKN 4, and P3 (due 5 August, still open) is now late.
    expect(months.overall).toMatchObject({ dossiers: 29, withPakn: 4, flagged: 6, pakn: 7, paknOnTime: 4 });
    const august = qd766Indicators(s.db, { from: "2026-08-01", to: "2026-08-31" });
    expect(august.overall).toMatchObject({ dossiers: 1, late: 0, rate54: 100, points54: 6, pakn: 1, paknOnTime: 1 });
    // A period with nothing settled: no rate, no points.
    expect(qd766Indicators(s.db, { from: "2026-06-01", to: "2026-06-30" }).overall).toMatchObject({
      dossiers: 0,
      rate54: null,
      points54: null,
      rate52: null,
    });
  });

  it("groups by field, sector, quarter and year with the same counts", async () => {
    const s = await fixture();
    const fields = qd766Indicators(s.db, JULY, "field");
    // PAKN go under the field of the dossier they name; P3, P4, P5 name none.
    expect(fields.groups.map((g) => [g.key, g.dossiers, g.pakn]).sort()).toEqual([
      ["", 0, 3],
      ["DAT_DAI", 4, 1],
      ["HO_TICH", 4, 1],
      ["TU_PHAP", 20, 1],
    ]);
    expect(qd766Indicators(s.db, { from: "2026-07-01", to: "2026-09-30" }, "quarter").groups.map((g) => [g.key, g.label, g.dossiers])).toEqual([
      ["2026-Q3", "Quý III/2026", 29],
    ]);
    expect(qd766Indicators(s.db, { from: "2026-01-01", to: "2026-12-31" }, "year").groups.map((g) => [g.label, g.dossiers])).toEqual([
      ["Năm 2026", 29],
    ]);
    const sectors = qd766Indicators(s.db, JULY, "sector");
    expect(sectors.groups.reduce((n, g) => n + g.dossiers, 0)).toBe(28);
  });
});

describe("the official report's 766 block", () => {
  it("gives the province and each unit for the report's period, or only the agency in scope; nothing without dossiers", async () => {
    const s = await fixture();
    const table = (blocks: ReturnType<typeof qd766Blocks>) => blocks.find((b) => b.kind === "table")!;
    const province = table(qd766Blocks(reportQd766(s.db, JULY, null)));
    expect(province).toMatchObject({
      table: {
        rows: [
          ["Toàn tỉnh", "28", "71,43", "75,00", "4,76", "66,67", "50,00"],
          ["Sở Tư pháp", "20", "90,00", "90,00", "6,00", "100,00", "100,00"],
          expect.any(Array),
        ],
      },
    });
    const own = table(qd766Blocks(reportQd766(s.db, JULY, "TTHCC")));
    expect(own).toMatchObject({
      table: { rows: [["Trung tâm Phục vụ hành chính công tỉnh Điện Biên", "8", "25,00", "37,50", "1,67", "60,00", "40,00"]] },
    });
    expect(qd766Blocks(reportQd766(s.db, { from: "2026-06-01", to: "2026-06-30" }, null))).toEqual([]);
  });
});

describe("importing dossier and PAKN lists", () => {
  it("importing the same files twice changes nothing", async () => {
    const s = await fixture();
    const before = { dossiers: table(s.db, "dossiers"), pakn: table(s.db, "pakn"), figures: qd766Indicators(s.db, JULY, "agency") };
    expect(await importListFile(s.db, SECRET, "dossiers", "ho-so.csv", bytes(DOSSIERS))).toEqual({ ok: true, created: 0, updated: 0 });
    expect(await importListFile(s.db, SECRET, "pakn", "pakn.csv", bytes(PAKN))).toEqual({ ok: true, created: 0, updated: 0 });
    expect({ dossiers: table(s.db, "dossiers"), pakn: table(s.db, "pakn"), figures: qd766Indicators(s.db, JULY, "agency") }).toEqual(before);
  });

  it("a later row updates its dossier (returned, a new due day); the earlier header keeps what it does not say", async () => {
    const s = await fixture();
    const later = "code,agency,field,procedure,received,due,returned,channel\nHS-A10,TTHCC,DAT_DAI,,2026-07-20,2026-07-25,2026-07-30,truc-tiep\n";
    expect(await importListFile(s.db, SECRET, "dossiers", "later.csv", bytes(later))).toEqual({ ok: true, created: 0, updated: 1 });
    expect(qd766Indicators(s.db, JULY).overall).toMatchObject({ dossiers: 29, late: 4 });
    const earlier = "code,agency,field,procedure,returned\nHS-A10,TTHCC,DAT_DAI,,2026-07-31\n";
    expect(await importListFile(s.db, SECRET, "dossiers", "earlier.csv", bytes(earlier))).toEqual({ ok: true, created: 0, updated: 1 });
    const row = s.db.$client
      .prepare(
        "select received_day, due_day, returned_day, channel from dossiers where returned_day = '2026-07-31' and received_day = '2026-07-20' and due_day = '2026-07-25'",
      )
      .all();
    expect(row).toHaveLength(1);
  });

  it("refuses a bad row with a Vietnamese message naming the line, and stores nothing of that file", async () => {
    const s = await fixture();
    const before = { dossiers: table(s.db, "dossiers"), pakn: table(s.db, "pakn") };
    const bad = [
      "code,agency,field,procedure,received,due,returned,channel",
      "HS-N1,TTHCC,DAT_DAI,,2026-08-01,2026-08-10,,truc-tiep",
      "HS-N2,TTHCC,DAT_DAI,,2026-08-01,2026-07-10,2026-08-05,fax",
      "HS-N3,KHONG_CO,DAT_DAI,,2026-08-01,2026-08-10,2026-02-30,truc-tiep",
    ].join("\n");
    expect(await importListFile(s.db, SECRET, "dossiers", "bad.csv", bytes(bad))).toEqual({
      ok: false,
      errors: [
        { line: 3, message: "ngày hẹn trả ở trước ngày tiếp nhận; kênh nộp «fax» không hợp lệ (truc-tiep, truc-tuyen hoặc buu-chinh)" },
        { line: 4, message: "không có cơ quan «KHONG_CO»; ngày trả kết quả «2026-02-30» không hợp lệ (cần YYYY-MM-DD)" },
      ],
    });
    const badPakn = "id,agency,received,due,handled,dossier,unsatisfied\nQ1,TTHCC,2026-08-01,2026-08-10,,,\nQ2,TTHCC,2026-08-01,2026-08-10,,,co\n";
    expect(await importListFile(s.db, SECRET, "pakn", "bad.csv", bytes(badPakn))).toEqual({
      ok: false,
      errors: [{ line: 3, message: "cột unsatisfied chỉ nhận 1, 0 hoặc để trống, không nhận «co»" }],
    });
    expect(await importListFile(s.db, SECRET, "pakn", "x.csv", bytes("ma,co_quan\n1,2"))).toMatchObject({ ok: false, errors: [{ line: 1 }] });
    expect({ dossiers: table(s.db, "dossiers"), pakn: table(s.db, "pakn") }).toEqual(before);
  });

  it("reads the same lists from an XLSX workbook, naming the spreadsheet row of a bad one", async () => {
    const s = demoServices();
    const xlsx = async (text: string) => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet("PAKN");
      for (const line of text.split("\n")) sheet.addRow(line.split(","));
      return new Uint8Array(await workbook.xlsx.writeBuffer());
    };
    // Open PAKN end in empty cells: the row is as wide as its header all the same.
    const good = "id,agency,received,due,handled,dossier,unsatisfied\nX1,TTHCC,2026-07-01,2026-07-05,2026-07-04,,\nX2,SO_TP,2026-07-02,2026-07-10,,,";
    expect(await importListFile(s.db, SECRET, "pakn", "pakn.xlsx", await xlsx(good))).toEqual({ ok: true, created: 2, updated: 0 });
    // X2 is still open and was due on 10 July: late at the end of July.
    expect(qd766Indicators(s.db, JULY).overall).toMatchObject({ pakn: 2, paknOnTime: 1 });
    const bad = `${good}\nX3,TTHCC,2026-07-02,hom-qua,,,`;
    expect(await importListFile(s.db, SECRET, "pakn", "pakn.xlsx", await xlsx(bad))).toEqual({
      ok: false,
      errors: [{ line: 4, message: "ngày hạn xử lý «hom-qua» không hợp lệ (cần YYYY-MM-DD)" }],
    });
    expect(await importListFile(s.db, SECRET, "dossiers", "ho-so.xlsx", bytes("not a workbook"))).toMatchObject({
      ok: false,
      errors: [{ line: 1, message: "không đọc được tệp: không phải tệp Excel .xlsx" }],
    });
  });
});

describe("the QĐ 766 lists through the API", () => {
  async function post(path: "dossiers" | "pakn", body: unknown, key: string) {
    const { action } = path === "dossiers" ? await import("../../app/routes/api.v1.dossiers") : await import("../../app/routes/api.v1.pakn");
    const request = new Request(`http://test/api/v1/${path}`, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    });
    // A refused key is a thrown Response (as every API route's).
    const response = await action({ request, params: {}, context: {} }).catch((thrown: unknown) => {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it("imports with an integration key, idempotent by code; a bad item is refused by number and nothing stored", async () => {
    const s = providedDemoServices(SECRET);
    const { key } = createApiKey(s.db, { kind: "integration", name: "Một cửa" });
    const dossier = {
      code: "HS-API-1",
      agency: "TTHCC",
      field: "DAT_DAI",
      received: "2026-07-01",
      due: "2026-07-10",
      returned: "2026-07-12",
      channel: "truc-tuyen",
    };
    expect(await post("dossiers", { dossiers: [dossier] }, key)).toEqual({ status: 200, body: { created: 1, updated: 0 } });
    expect(await post("dossiers", { dossiers: [dossier] }, key)).toEqual({ status: 200, body: { created: 0, updated: 0 } });
    expect(
      await post(
        "pakn",
        {
          pakn: [
            { id: "API-P1", agency: "TTHCC", received: "2026-07-02", due: "2026-07-09", handled: "2026-07-03", dossier: "HS-API-1", unsatisfied: 0 },
          ],
        },
        key,
      ),
    ).toEqual({
      status: 200,
      body: { created: 1, updated: 0 },
    });
    const before = table(s.db, "dossiers");
    const bad = await post(
      "dossiers",
      {
        dossiers: [
          { ...dossier, code: "HS-API-2" },
          { ...dossier, code: "HS-API-3", due: "10/07/2026" },
        ],
      },
      key,
    );
    expect(bad).toEqual({
      status: 400,
      body: {
        error: "Không nạp gì: có mục không hợp lệ.",
        errors: [{ item: 2, message: "ngày hẹn trả «10/07/2026» không hợp lệ (cần YYYY-MM-DD)" }],
      },
    });
    expect(table(s.db, "dossiers")).toEqual(before);
    expect(qd766Indicators(s.db, JULY).overall).toMatchObject({ dossiers: 1, late: 1, withPakn: 1, lateOrFlagged: 1, pakn: 1, paknOnTime: 1 });
    // Only integration keys; a key of one agency sends that agency's rows only.
    const kiosk = createApiKey(s.db, { kind: "kiosk", name: "Quầy" });
    expect((await post("dossiers", { dossiers: [dossier] }, kiosk.key)).status).toBe(403);
    const soTp = createApiKey(s.db, { kind: "integration", name: "Sở Tư pháp", agencyId: idOf(s.db, "SO_TP") });
    expect((await post("dossiers", { dossiers: [dossier] }, soTp.key)).status).toBe(403);
    expect((await post("dossiers", { dossiers: [] }, key)).status).toBe(400);
    expect((await post("pakn", { pakn: [{ id: { x: 1 } }] }, key)).status).toBe(400);
  });
});

function idOf(db: Db, code: string): number {
  return (db.$client.prepare("select id from agencies where code = ?").get(code) as { id: number }).id;
}

describe("a PAKN created by staff from a citizen's comment", () => {
  it("joins the comment's agency and dossier, updates on a second save, refuses bad days and other agencies", async () => {
    const s = await fixture();
    provideServices({ env: readEnv({ DATABASE_PATH: s.db.$client.name } as never), db: s.db, surveys: s.surveys, secret: SECRET });
    const body = ratingBody({
      id: uuid(9),
      dossier: "HS-A7",
      submittedAt: "2026-07-31T10:00:00+07:00",
      answers: { TONG_THE: 2, Y_KIEN: "Chờ lâu quá" },
    });
    expect(ingestResponse(s.db, s.surveys, body, { source: "test", dossiers: { secret: SECRET, requireKnown: false } }).status).toBe("created");
    const id = (s.db.$client.prepare("select id from responses where uuid = ?").get(uuid(9)) as { id: number }).id;
    const ref = publicRef(SECRET, id);
    const admin = staff(s.db, SECRET, "admin");
    const send = (fields: Record<string, string>, who = admin) =>
      settle(() => paknAction(args(staffPost("/quan-tri/qd766-pakn", { ref, ...fields }, who, SECRET))));

    const before = table(s.db, "pakn");
    const bad = await send({ received: "2026-07-31", due: "2026-07-20" });
    expect(bad).toMatchObject({ status: 400 });
    expect(bad.kind === "response" && (await bad.response.text())).toBe("Hạn xử lý không được ở trước ngày tiếp nhận.");
    expect((await send({ received: "2026-02-30", due: "2026-03-05" })).status).toBe(400);
    const outsider = staff(s.db, SECRET, "agency", "SO_TP");
    expect((await send({ received: "2026-07-31", due: "2026-08-05" }, outsider)).status).toBe(403);
    expect(table(s.db, "pakn")).toEqual(before);

    const saved = await send({ received: "2026-07-31", due: "2026-08-05" });
    expect(saved).toMatchObject({ status: 302 });
    // A7 now has a PAKN received on the last day of July; the PAKN is open and not yet due: on time.
    expect(qd766Indicators(s.db, JULY, "agency").groups.find((g) => g.key === "TTHCC")).toMatchObject({ withPakn: 3, pakn: 6, paknOnTime: 4 });
    await send({ received: "2026-07-31", due: "2026-08-05", handled: "2026-08-01", unsatisfied: "1" });
    expect(table(s.db, "pakn")).toHaveLength(before.length + 1);
    expect(qd766Indicators(s.db, JULY, "agency").groups.find((g) => g.key === "TTHCC")).toMatchObject({ pakn: 6, paknUnsatisfied: 3 });
  });
});
