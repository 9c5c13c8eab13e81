/**
 * The directory screens and the spreadsheet import, on a real SQLite file: CSV and XLSX read into the JSON
 * structure of `import-directory` with Vietnamese errors naming sheet and row; the import page's two steps
 * (check → preview, apply) called directly with provideServices; all or nothing; admin only; CSRF; audit.
 */
import ExcelJS from "exceljs";
import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";

import type { UserRole } from "../../app/auth/roles";
import { createSession } from "../../app/auth/session.server";
import { importDirectory } from "../../app/directory/import.server";
import { csvTemplate, readDirectoryCsv, readDirectoryXlsx, xlsxTemplate } from "../../app/directory/tabular.server";
import { readEnv } from "../../app/env.server";
import { action as editAction, loader as editLoader } from "../../app/routes/quan-tri.danh-muc.$list";
import { loader as listLoader } from "../../app/routes/quan-tri.danh-muc._index";
import { loader as csvTemplateLoader } from "../../app/routes/quan-tri.danh-muc.mau[.]csv";
import { loader as xlsxTemplateLoader } from "../../app/routes/quan-tri.danh-muc.mau[.]xlsx";
import { action as importAction, loader as importLoader } from "../../app/routes/quan-tri.danh-muc.nhap";
import { provideServices } from "../../app/services.server";
import type { Db } from "../../db/client";
import { demoServices } from "../support/services";

const SECRET = "bí-mật-thử-nghiệm-0123456789abcdefghijkl";
const HTTP = "http://test";
const CSRF_COOKIE = "Zm9ybS1jb29raWUtdmFsdWUx";
const CSRF = crypto.createHmac("sha256", SECRET).update(`csrf:${CSRF_COOKIE}`).digest("base64url");
const TABLES = ["sectors", "fields", "agencies", "counters", "counter_fields", "targets", "procedures"] as const;

afterEach(() => provideServices(undefined));

function setup(role: UserRole = "admin") {
  const s = demoServices();
  provideServices({ env: readEnv({ DATABASE_PATH: s.db.$client.name } as never), db: s.db, surveys: s.surveys, secret: SECRET });
  const id = Number(
    s.db.$client
      .prepare(
        `insert into users (username, display_name, role, agency_id, password_hash, created_at)
         values (?, ?, ?, (select id from agencies where code = 'TTHCC' and ? = 'agency'), ?, ?)`,
      )
      .run(`u-${role}`, `Người dùng ${role}`, role, role, "scrypt$x", Date.now()).lastInsertRowid,
  );
  const session = (createSession(s.db, SECRET, new Request(`${HTTP}/dang-nhap`), id) ?? "").split(";")[0]!;
  return { db: s.db, cookie: `sipas_csrf=${CSRF_COOKIE}; ${session}` };
}

function snapshot(db: Db) {
  return Object.fromEntries(TABLES.map((t) => [t, db.$client.prepare(`select * from ${t} order by 1, 2`).all()]));
}

function upload(cookie: string, file: File, csrf: string | null = CSRF): Request {
  const body = new FormData();
  if (csrf !== null) body.set("csrf", csrf);
  body.set("intent", "check");
  body.set("file", file);
  return new Request(`${HTTP}/quan-tri/danh-muc/nhap`, { method: "POST", body, headers: { cookie } });
}

function applyRequest(cookie: string, payload: string, signature: string): Request {
  const body = new URLSearchParams({ csrf: CSRF, intent: "apply", payload, signature });
  return new Request(`${HTTP}/quan-tri/danh-muc/nhap`, { method: "POST", body, headers: { cookie } });
}

/** The `data()` of an action: its body and status. */
async function run(promise: Promise<unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    value = error;
  }
  if (value instanceof Response) return { status: value.status, body: {} };
  const { data, init } = value as { data: Record<string, unknown>; init: ResponseInit | null };
  return { status: init?.status ?? 200, body: data };
}

const CSV_GOOD = [
  "loai,ma,ten,nganh,cap,hieu_luc_tu,hieu_luc_den,ke_thua,phep_so_sanh,ti_le,co_quan,linh_vuc",
  "nganh,N_MOI,Ngành mới,,,,,,,,,",
  'linh_vuc,LV_MOI,"Lĩnh vực mới, thử",N_MOI,,,,,>=,"92,5",,',
  "co_quan,CQ_MOI,Cơ quan mới,,xa,2025-07-01,,,,,,",
  "quay,CQ_MOI-Q01,Quầy 1,,,,,,,,CQ_MOI,LV_MOI;DAT_DAI",
  "thu_tuc,1.009999,Thủ tục mới,,,,,,,,,LV_MOI",
].join("\r\n");

/** The same file with two bad rows: an unknown level (row 4) and a counter of an unknown agency (row 5). */
const CSV_BAD = CSV_GOOD.replace("co_quan,CQ_MOI,Cơ quan mới,,xa", "co_quan,CQ_MOI,Cơ quan mới,,huyen").replace(
  "Quầy 1,,,,,,,,CQ_MOI",
  "Quầy 1,,,,,,,,CQ_KHONG_CO",
);

describe("readDirectoryCsv", () => {
  it("turns rows into the import-directory structure, by the loai column", () => {
    const read = readDirectoryCsv(CSV_GOOD);
    expect(read.errors).toEqual([]);
    expect(read.input).toEqual({
      sectors: [{ code: "N_MOI", name: "Ngành mới" }],
      fields: [{ code: "LV_MOI", name: "Lĩnh vực mới, thử", sector: "N_MOI", target: { op: ">=", pct: 92.5 } }],
      agencies: [{ code: "CQ_MOI", name: "Cơ quan mới", level: "xa", validFrom: "2025-07-01" }],
      counters: [{ code: "CQ_MOI-Q01", name: "Quầy 1", agency: "CQ_MOI", fields: ["LV_MOI", "DAT_DAI"] }],
      procedures: [{ code: "1.009999", name: "Thủ tục mới", field: "LV_MOI" }],
    });
    expect(read.origins.counters).toEqual([{ sheet: "CSV", row: 5 }]);
  });

  it("reports an unknown list and an unknown column with their row numbers", () => {
    const read = readDirectoryCsv("loai,ma,ten,mau\nphong,X,Y,\n");
    expect(read.errors).toEqual([
      { sheet: "CSV", row: 1, message: expect.stringContaining("Cột «mau» không dùng được") },
      { sheet: "CSV", row: 2, message: expect.stringContaining("Dòng 2: loại «phong» không có") },
    ]);
  });

  it("reports broken quoting at its row, through the app's one CSV reader", () => {
    const read = readDirectoryCsv('loai,ma,ten\r\nnganh,N1,"Ngành\r\nmột"\r\nnganh,N2,"Ngành "hai""\r\n');
    expect(read.errors).toEqual([{ sheet: "CSV", row: 4, message: "Dòng 4: sau dấu ngoặc kép đóng phải là dấu phẩy hoặc hết dòng" }]);
    expect(read.input.sectors).toEqual([]);
  });

  it("the template reads back without errors and imports", () => {
    const { db } = setup();
    const read = readDirectoryCsv(csvTemplate());
    expect(csvTemplate().startsWith("\uFEFF")).toBe(true);
    expect(read.errors).toEqual([]);
    expect(importDirectory(db, read.input, { dryRun: true })).toMatchObject({ ok: true });
  });
});

describe("readDirectoryXlsx", () => {
  it("reads one sheet per list, with spreadsheet row numbers, dates and numbers", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook
      .addWorksheet("Cơ quan")
      .addRows([
        ["ma", "ten", "cap", "hieu_luc_tu", "hieu_luc_den", "ke_thua"],
        ["XA_CU", "Xã cũ", "xa", new Date(Date.UTC(2020, 0, 1)), "2025-06-30", "TTHCC"],
        [],
        ["XA_SAI", "Xã sai", "huyen"],
      ]);
    workbook.addWorksheet("Lĩnh vực").addRows([
      ["ma", "ten", "phep_so_sanh", "ti_le"],
      ["LV_X", "Lĩnh vực X", ">", 95],
    ]);
    const read = await readDirectoryXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(read.errors).toEqual([]);
    expect(read.input.agencies[0]).toEqual({
      code: "XA_CU",
      name: "Xã cũ",
      level: "xa",
      validFrom: "2020-01-01",
      validTo: "2025-06-30",
      successor: "TTHCC",
    });
    expect(read.input.fields[0]).toEqual({ code: "LV_X", name: "Lĩnh vực X", target: { op: ">", pct: 95 } });
    expect(read.origins.agencies).toEqual([
      { sheet: "Cơ quan", row: 2 },
      { sheet: "Cơ quan", row: 4 },
    ]);
  });

  it("the template reads back without errors; a file that is not a workbook is refused in Vietnamese", async () => {
    const read = await readDirectoryXlsx(new Uint8Array(await xlsxTemplate()));
    expect(read.errors).toEqual([]);
    expect(read.input.procedures).toHaveLength(1);
    const bad = await readDirectoryXlsx(new TextEncoder().encode("không phải excel"));
    expect(bad.errors[0]!.message).toContain("không phải tệp Excel");
  });
});

describe("import page", () => {
  it("a file with two bad rows: both reasons with sheet and row, and nothing changes", async () => {
    const { db, cookie } = setup();
    const before = snapshot(db);
    const { status, body } = await run(
      importAction({ request: upload(cookie, new File([CSV_BAD], "danh-muc.csv", { type: "text/csv" })), params: {}, context: {} }),
    );
    expect(status).toBe(400);
    expect(body).toMatchObject({ kind: "errors" });
    expect(body.errors).toEqual([
      { sheet: "CSV", row: 4, message: "Dòng 4: Cơ quan «CQ_MOI»: cấp phải là «tinh» hoặc «xa»" },
      { sheet: "CSV", row: 5, message: "Dòng 5: Quầy «CQ_MOI-Q01»: không có cơ quan «CQ_KHONG_CO»" },
    ]);
    expect(snapshot(db)).toEqual(before);
  });

  it("a good file: preview with counts and nothing changed; apply writes every row in one go, audited", async () => {
    const { db, cookie } = setup();
    const before = snapshot(db);
    const preview = await run(importAction({ request: upload(cookie, new File([CSV_GOOD], "danh-muc.csv")), params: {}, context: {} }));
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      kind: "preview",
      created: { sectors: 1, fields: 1, agencies: 1, counters: 1, procedures: 1 },
      updated: { sectors: 0, fields: 0, agencies: 0, counters: 0, procedures: 0 },
    });
    expect(snapshot(db)).toEqual(before);

    const { payload, signature } = preview.body as { payload: string; signature: string };
    // A preview altered in the browser is refused.
    const forged = await run(
      importAction({ request: applyRequest(cookie, payload.replace("Ngành mới", "Ngành khác"), signature), params: {}, context: {} }),
    );
    expect(forged).toMatchObject({ status: 400, body: { kind: "invalid", reason: "badSignature" } });
    expect(snapshot(db)).toEqual(before);

    const applied = await run(importAction({ request: applyRequest(cookie, payload, signature), params: {}, context: {} }));
    expect(applied).toMatchObject({ status: 200, body: { kind: "applied" } });
    expect(
      db.$client.prepare("select p.name, f.code as field from procedures p join fields f on f.id = p.field_id where p.code = '1.009999'").get(),
    ).toEqual({
      name: "Thủ tục mới",
      field: "LV_MOI",
    });
    expect(db.$client.prepare("select op, pct from targets t join fields f on f.id = t.field_id where f.code = 'LV_MOI'").get()).toEqual({
      op: ">=",
      pct: 92.5,
    });
    const log = db.$client.prepare("select action, target from audit_log where action like 'directory.%'").all();
    expect(log).toEqual([{ action: "directory.import", target: "danh-muc.csv" }]);
  });

  it("an XLSX upload goes through the same checks", async () => {
    const { db, cookie } = setup();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Thủ tục").addRows([
      ["ma", "ten", "linh_vuc"],
      ["1.000001", "Thủ tục A", "DAT_DAI"],
      ["1.000002", "", "KHONG_CO"],
    ]);
    const file = new File([new Uint8Array(await workbook.xlsx.writeBuffer())], "danh-muc.xlsx");
    const before = snapshot(db);
    const { body } = await run(importAction({ request: upload(cookie, file), params: {}, context: {} }));
    expect(body.errors).toEqual([{ sheet: "Thủ tục", row: 3, message: "Dòng 3: Thủ tục «1.000002»: tên bị thiếu" }]);
    expect(snapshot(db)).toEqual(before);
  });

  it("refuses non-admins (403) and a missing CSRF token", async () => {
    for (const role of ["viewer", "agency", "surveyor"] as const) {
      const { cookie } = setup(role);
      const request = new Request(`${HTTP}/quan-tri/danh-muc/nhap`, { headers: { cookie } });
      expect((await run(importLoader({ request, params: {}, context: {} }))).status).toBe(403);
      expect((await run(listLoader({ request, params: {}, context: {} }))).status).toBe(403);
      expect((await run(importAction({ request: upload(cookie, new File([CSV_GOOD], "a.csv")), params: {}, context: {} }))).status).toBe(403);
    }
    const { db, cookie } = setup();
    const before = snapshot(db);
    expect((await run(importAction({ request: upload(cookie, new File([CSV_GOOD], "a.csv"), null), params: {}, context: {} }))).status).toBe(403);
    expect(snapshot(db)).toEqual(before);
  });
});

describe("templates and lists", () => {
  it("serves the CSV (UTF-8 with BOM) and XLSX templates to admins", async () => {
    const { cookie } = setup();
    const request = new Request(`${HTTP}/quan-tri/danh-muc/mau.csv`, { headers: { cookie } });
    const csv = (await csvTemplateLoader({ request, params: {}, context: {} })) as Response;
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(new Uint8Array(await csv.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    const xlsx = (await xlsxTemplateLoader({ request, params: {}, context: {} })) as Response;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Ngành", "Lĩnh vực", "Cơ quan", "Quầy", "Thủ tục", "Hướng dẫn"]);
  });

  it("lists every list with resolved codes", async () => {
    const { cookie } = setup();
    const lists = (await listLoader({ request: new Request(`${HTTP}/quan-tri/danh-muc`, { headers: { cookie } }), params: {}, context: {} })) as {
      counters: { code: string; agency: string; fields: string | null }[];
    };
    expect(lists.counters.find((c) => c.code === "TTHCC-Q01")).toMatchObject({ agency: "TTHCC", fields: expect.stringContaining("DAT_DAI") });
  });
});

describe("create and edit forms", () => {
  function post(cookie: string, list: string, fields: [string, string][], csrf: string | null = CSRF) {
    const body = new URLSearchParams(fields);
    if (csrf !== null) body.set("csrf", csrf);
    const request = new Request(`${HTTP}/quan-tri/danh-muc/${list}`, { method: "POST", body, headers: { cookie } });
    return run(editAction({ request, params: { list }, context: {} }));
  }
  const auditOf = (db: Db) => db.$client.prepare("select action, target from audit_log where action like 'directory.%' order by id").all();

  it("creates and edits each list, audited; the counter's fields are checkboxes", async () => {
    const { db, cookie } = setup();
    expect(
      await post(cookie, "nganh", [
        ["ma", "N_X"],
        ["ten", "Ngành X"],
      ]),
    ).toMatchObject({ status: 200, body: { ok: true, code: "N_X" } });
    expect(
      await post(cookie, "nganh", [
        ["ma", "N_X"],
        ["ten", "Ngành X sửa"],
      ]),
    ).toMatchObject({ status: 200 });
    await post(cookie, "linh-vuc", [
      ["ma", "LV_X"],
      ["ten", "Lĩnh vực X"],
      ["nganh", "N_X"],
    ]);
    await post(cookie, "co-quan", [
      ["ma", "XA_MOI"],
      ["ten", "Xã mới"],
      ["cap", "xa"],
      ["hieu_luc_tu", "2025-07-01"],
    ]);
    // A merger: the old agency gets its last day and its successor.
    await post(cookie, "co-quan", [
      ["ma", "P_DBP"],
      ["ten", "Phường cũ"],
      ["cap", "xa"],
      ["hieu_luc_den", "2025-06-30"],
      ["ke_thua", "XA_MOI"],
    ]);
    await post(cookie, "quay", [
      ["ma", "XA_MOI-Q1"],
      ["ten", "Quầy 1"],
      ["co_quan", "XA_MOI"],
      ["linh_vuc", "LV_X"],
      ["linh_vuc", "DAT_DAI"],
    ]);
    await post(cookie, "thu-tuc", [
      ["ma", "1.000777"],
      ["ten", "Thủ tục X"],
      ["linh_vuc", "LV_X"],
    ]);

    expect(db.$client.prepare("select name from sectors where code = 'N_X'").get()).toEqual({ name: "Ngành X sửa" });
    expect(
      db.$client
        .prepare("select a.valid_to as validTo, s.code as successor from agencies a join agencies s on s.id = a.successor_id where a.code = 'P_DBP'")
        .get(),
    ).toEqual({ validTo: "2025-06-30", successor: "XA_MOI" });
    expect(
      db.$client
        .prepare(
          "select f.code from counter_fields cf join counters c on c.id = cf.counter_id join fields f on f.id = cf.field_id where c.code = 'XA_MOI-Q1' order by f.code",
        )
        .all(),
    ).toEqual([{ code: "DAT_DAI" }, { code: "LV_X" }]);
    expect(db.$client.prepare("select count(*) as n from procedures where code = '1.000777'").get()).toEqual({ n: 1 });
    expect(auditOf(db)).toEqual([
      { action: "directory.sectors.create", target: "N_X" },
      { action: "directory.sectors.update", target: "N_X" },
      { action: "directory.fields.create", target: "LV_X" },
      { action: "directory.agencies.create", target: "XA_MOI" },
      { action: "directory.agencies.update", target: "P_DBP" },
      { action: "directory.counters.create", target: "XA_MOI-Q1" },
      { action: "directory.procedures.create", target: "1.000777" },
    ]);
    const page = (await editLoader({
      request: new Request(`${HTTP}/quan-tri/danh-muc/co-quan?ma=P_DBP`, { headers: { cookie } }),
      params: { list: "co-quan" },
      context: {},
    })) as {
      editing: Record<string, string>;
    };
    expect(page.editing).toMatchObject({ code: "P_DBP", successor: "XA_MOI", validTo: "2025-06-30" });
  });

  it("refuses a bad form with Vietnamese reasons and changes nothing", async () => {
    const { db, cookie } = setup();
    const before = snapshot(db);
    // What the form's schema checks (the browser too): each error beside its field, and listed.
    const outcome = await post(cookie, "co-quan", [
      ["ma", "XA_Y"],
      ["ten", ""],
      ["cap", "huyen"],
      ["ke_thua", "KHONG_CO"],
    ]);
    expect(outcome.status).toBe(400);
    expect(outcome.body.errors).toEqual(["Xin nhập tên.", "Cấp phải là «tinh» hoặc «xa»."]);
    expect(outcome.body).toMatchObject({ form: "e", reply: { error: { ten: ["Xin nhập tên."], cap: ["Cấp phải là «tinh» hoặc «xa»."] } } });
    // What only the directory knows (the successor does not exist): the import's message, beside the successor.
    const unknown = await post(cookie, "co-quan", [
      ["ma", "XA_Y"],
      ["ten", "Xã Y"],
      ["cap", "xa"],
      ["ke_thua", "KHONG_CO"],
    ]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual(["Cơ quan «XA_Y»: không có cơ quan kế thừa «KHONG_CO»"]);
    expect(unknown.body).toMatchObject({ form: "e", reply: { error: { ke_thua: ["Cơ quan «XA_Y»: không có cơ quan kế thừa «KHONG_CO»"] } } });
    expect(snapshot(db)).toEqual(before);
    expect(auditOf(db)).toEqual([]);
  });

  it("adds a target from a date beside the older one (history kept)", async () => {
    const { db, cookie } = setup();
    const add = (pct: string, from: string) =>
      post(cookie, "linh-vuc", [
        ["intent", "add-target"],
        ["ma", "DAT_DAI"],
        ["phep_so_sanh", ">="],
        ["ti_le", pct],
        ["tu_ngay", from],
      ]);
    expect(await add("92", "2026-01-01")).toMatchObject({ status: 200, body: { ok: true, message: "targetAdded" } });
    expect(await add("93,5", "2026-01-01")).toMatchObject({ status: 200 });
    expect(await add("101", "2026-02-30")).toMatchObject({
      status: 400,
      body: { errors: ["Tỉ lệ phải từ 0 đến 100", "Ngày áp dụng phải là một ngày có thật, dạng YYYY-MM-DD"] },
    });
    const rows = db.$client
      .prepare(
        "select t.op, t.pct, t.valid_from as validFrom from targets t join fields f on f.id = t.field_id where f.code = 'DAT_DAI' order by valid_from",
      )
      .all();
    expect(rows).toEqual([
      { op: ">=", pct: 90, validFrom: "2000-01-01" },
      { op: ">=", pct: 93.5, validFrom: "2026-01-01" },
    ]);
    expect(auditOf(db)).toHaveLength(2);
  });

  it("403 for non-admins and without the CSRF token; 404 for an unknown list", async () => {
    const viewer = setup("viewer");
    expect(
      (
        await post(viewer.cookie, "nganh", [
          ["ma", "N_Z"],
          ["ten", "Z"],
        ])
      ).status,
    ).toBe(403);
    const { db, cookie } = setup();
    expect(
      (
        await post(
          cookie,
          "nganh",
          [
            ["ma", "N_Z"],
            ["ten", "Z"],
          ],
          null,
        )
      ).status,
    ).toBe(403);
    expect(db.$client.prepare("select count(*) as n from sectors where code = 'N_Z'").get()).toEqual({ n: 0 });
    const unknown = await run(
      editLoader({ request: new Request(`${HTTP}/quan-tri/danh-muc/khac`, { headers: { cookie } }), params: { list: "khac" }, context: {} }),
    );
    expect(unknown.status).toBe(404);
  });
});
