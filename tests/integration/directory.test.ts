/** `importDirectory` on a real SQLite file: the demo directory, re-imports, and all-or-nothing refusals. */
import { describe, expect, it } from "vitest";

import { importDirectory } from "../../app/directory/import.server";
import type { Db } from "../../db/client";
import demo from "../../db/seed/demo-directory.json";
import { testDatabase } from "../support/db";

const TABLES = ["sectors", "fields", "agencies", "counters", "counter_fields", "targets"] as const;

function count(db: Db, table: (typeof TABLES)[number]): number {
  return (db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

/** Every row of every directory table: "nothing changed" means this is identical before and after. */
function snapshot(db: Db): Record<string, unknown[]> {
  return Object.fromEntries(TABLES.map((t) => [t, db.$client.prepare(`select * from ${t} order by 1, 2`).all()]));
}

function target(db: Db, fieldCode: string | null) {
  return db.$client
    .prepare(
      `select t.op, t.pct, t.valid_from as validFrom from targets t left join fields f on f.id = t.field_id
       where t.agency_id is null and ${fieldCode === null ? "t.field_id is null" : "f.code = ?"}`,
    )
    .all(...(fieldCode === null ? [] : [fieldCode]));
}

function tokens(db: Db): Record<string, string> {
  const rows = db.$client.prepare("select code, token from counters").all() as { code: string; token: string }[];
  return Object.fromEntries(rows.map((r) => [r.code, r.token]));
}

function counterFieldCodes(db: Db, counterCode: string): string[] {
  const rows = db.$client
    .prepare(
      `select f.code from counter_fields cf join counters c on c.id = cf.counter_id join fields f on f.id = cf.field_id
       where c.code = ? order by f.code`,
    )
    .all(counterCode) as { code: string }[];
  return rows.map((r) => r.code);
}

const demoCounts = {
  sectors: demo.sectors.length,
  fields: demo.fields.length,
  agencies: demo.agencies.length,
  counters: demo.counters.length,
  procedures: 0,
};
const zero = { sectors: 0, fields: 0, agencies: 0, counters: 0, procedures: 0 };

describe("importDirectory", () => {
  it("imports the demo directory: every row, the targets, a token and the fields of each counter", () => {
    const db = testDatabase();
    expect(importDirectory(db, demo)).toEqual({ ok: true, created: demoCounts, updated: zero });

    expect(count(db, "sectors")).toBe(demo.sectors.length);
    expect(count(db, "fields")).toBe(demo.fields.length);
    expect(count(db, "agencies")).toBe(demo.agencies.length);
    expect(count(db, "counters")).toBe(demo.counters.length);
    expect(count(db, "counter_fields")).toBe(demo.counters.reduce((n, c) => n + c.fields.length, 0));
    // One target per field of the file, plus the overall one.
    expect(count(db, "targets")).toBe(demo.fields.filter((f) => "target" in f).length + 1);

    expect(target(db, "DAT_DAI")).toEqual([{ op: ">=", pct: 90, validFrom: "2000-01-01" }]);
    expect(target(db, null)).toEqual([{ op: ">", pct: 95, validFrom: "2000-01-01" }]);

    const byCode = tokens(db);
    for (const c of demo.counters) {
      expect(byCode[c.code]).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(counterFieldCodes(db, c.code)).toEqual([...c.fields].sort());
    }
    expect(new Set(Object.values(byCode)).size).toBe(demo.counters.length);

    const ward = db.$client.prepare("select level, valid_from as validFrom, valid_to as validTo from agencies where code = 'P_DBP'").get();
    expect(ward).toEqual({ level: "xa", validFrom: "2025-07-01", validTo: null });
  });

  it("re-imports the same file as updates only: no new rows, tokens kept", () => {
    const db = testDatabase();
    expect(importDirectory(db, demo).ok).toBe(true);
    const before = snapshot(db);
    const tokensBefore = tokens(db);

    expect(importDirectory(db, demo)).toEqual({ ok: true, created: zero, updated: demoCounts });
    expect(tokens(db)).toEqual(tokensBefore);
    expect(snapshot(db)).toEqual(before);
  });

  it("applies changes to existing rows, replaces a counter's fields, and deletes nothing left out", () => {
    const db = testDatabase();
    expect(importDirectory(db, demo).ok).toBe(true);
    const token = tokens(db)["TTHCC-Q01"];

    const result = importDirectory(db, {
      fields: [{ code: "DAT_DAI", name: "Đất đai (sửa)", sector: "NN_MT", target: { op: ">", pct: 92.5 } }],
      agencies: [
        { code: "X_MOI", name: "Xã Mới", level: "xa", validFrom: "2026-01-01" },
        // Merged into X_MOI: the successor is listed before it is created, in the same file.
        { code: "X_SIN_THAU", name: "Xã Sín Thầu", level: "xa", validFrom: "2025-07-01", validTo: "2025-12-31", successor: "X_MOI" },
      ],
      counters: [{ code: "TTHCC-Q01", agency: "TTHCC", name: "Quầy 1 – Đất đai", fields: ["DAT_DAI", "XAY_DUNG"] }],
      overallTarget: { op: ">=", pct: 96 },
    });
    expect(result).toEqual({
      ok: true,
      created: { ...zero, agencies: 1 },
      updated: { ...zero, fields: 1, agencies: 1, counters: 1 },
    });

    expect(counterFieldCodes(db, "TTHCC-Q01")).toEqual(["DAT_DAI", "XAY_DUNG"]);
    expect(tokens(db)["TTHCC-Q01"]).toBe(token);
    expect(target(db, "DAT_DAI")).toEqual([{ op: ">", pct: 92.5, validFrom: "2000-01-01" }]);
    expect(target(db, null)).toEqual([{ op: ">=", pct: 96, validFrom: "2000-01-01" }]);
    expect(db.$client.prepare("select name from fields where code = 'DAT_DAI'").get()).toEqual({ name: "Đất đai (sửa)" });
    expect(
      db.$client
        .prepare(
          `select a.valid_to as validTo, s.code as successor from agencies a join agencies s on s.id = a.successor_id
           where a.code = 'X_SIN_THAU'`,
        )
        .get(),
    ).toEqual({ validTo: "2025-12-31", successor: "X_MOI" });
    // Rows the file did not mention are still there.
    expect(count(db, "agencies")).toBe(demo.agencies.length + 1);
    expect(count(db, "counters")).toBe(demo.counters.length);
    expect(count(db, "targets")).toBe(demo.fields.filter((f) => "target" in f).length + 1);
  });

  it("reports every bad row in Vietnamese with its path, and changes nothing", () => {
    const db = testDatabase();
    const badFile = {
      sectors: [{ code: "NN_MT", name: "Nông nghiệp và Môi trường" }],
      fields: [{ code: "DAT_DAI", name: "Đất đai", sector: "NN_MT" }],
      agencies: [
        { code: "TTHCC", name: "Trung tâm Phục vụ hành chính công tỉnh", level: "tinh" },
        { code: "H_CU", name: "Huyện cũ", level: "huyen" },
      ],
      counters: [
        { code: "TTHCC-Q01", agency: "TTHCC", name: "Quầy 1", fields: ["DAT_DAI"] },
        { code: "X-Q01", agency: "ABC", name: "Quầy 1", fields: ["DAT_DAI"] },
      ],
    };

    // On an empty database, with valid rows around the bad ones: nothing is written.
    const before = snapshot(db);
    const result = importDirectory(db, badFile);
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: "agencies[1].level", message: "Cơ quan «H_CU»: cấp phải là «tinh» hoặc «xa»" },
        { path: "counters[1].agency", message: "Quầy «X-Q01»: không có cơ quan «ABC»" },
      ],
    });
    expect(snapshot(db)).toEqual(before);

    // On a filled database, where the valid rows would be updates: still nothing changes.
    expect(importDirectory(db, demo).ok).toBe(true);
    const filled = snapshot(db);
    const renamed = { ...badFile, sectors: [{ code: "NN_MT", name: "Tên mới" }] };
    expect(importDirectory(db, renamed).ok).toBe(false);
    expect(snapshot(db)).toEqual(filled);
  });

  it("translates malformed rows (typos, dates, ranges, types) instead of showing zod's English", () => {
    const db = testDatabase();
    const result = importDirectory(db, {
      sectors: [{ code: "NN MT", name: "" }],
      fields: [{ code: "DAT_DAI", name: "Đất đai", target: { op: "=>", pct: 120 } }],
      agencies: [
        { code: "A1", name: "Cơ quan 1", levle: "tinh" },
        { code: "A2", name: "Cơ quan 2", level: "xa", validFrom: "2025-02-30" },
        { code: "A3", name: "Cơ quan 3", level: "xa", validFrom: "2025-07-01", validTo: "2025-06-30" },
      ],
      counters: [{ code: "Q1", agency: "A2", name: "Quầy", fields: "DAT_DAI" }],
      overallTarget: { op: ">", pct: "95" },
    });
    if (result.ok) throw new Error("expected errors");
    const messages = Object.fromEntries(result.errors.map((e) => [e.path, e.message]));
    expect(messages).toEqual({
      "sectors[0].code": "Ngành thứ 1: mã phải gồm 1–64 ký tự chữ không dấu, số, «_», «.» hoặc «-»",
      "sectors[0].name": "Ngành thứ 1: tên không được để trống",
      "fields[0].target.op": "Lĩnh vực «DAT_DAI»: phép so sánh phải là «>» hoặc «>=»",
      "fields[0].target.pct": "Lĩnh vực «DAT_DAI»: tỉ lệ phải từ 0 đến 100",
      "agencies[0].level": "Cơ quan «A1»: cấp bị thiếu",
      "agencies[0].levle": "Cơ quan «A1»: không có trường «levle» (kiểm tra lỗi chính tả)",
      "agencies[1].validFrom": "Cơ quan «A2»: ngày bắt đầu hiệu lực phải là một ngày có thật, dạng YYYY-MM-DD",
      "agencies[2].validTo": "Cơ quan «A3»: ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực",
      "counters[0].fields": "Quầy «Q1»: danh sách lĩnh vực của quầy phải là danh sách",
      "overallTarget.pct": "Chỉ tiêu chung: tỉ lệ phải là số",
    });
    expect(count(db, "sectors") + count(db, "fields") + count(db, "agencies")).toBe(0);

    expect(importDirectory(db, [])).toEqual({
      ok: false,
      errors: [{ path: "", message: "tệp phải là đối tượng" }],
    });
    expect(importDirectory(db, { agency: [] })).toEqual({
      ok: false,
      errors: [{ path: "agency", message: "không có trường «agency» (kiểm tra lỗi chính tả)" }],
    });
  });

  it("refuses a code used twice in the file", () => {
    const db = testDatabase();
    const result = importDirectory(db, {
      sectors: [
        { code: "NN_MT", name: "Nông nghiệp và Môi trường" },
        { code: "NN_MT", name: "Nông nghiệp" },
      ],
      agencies: [{ code: "TTHCC", name: "Trung tâm", level: "tinh", sector: "NN_MT" }],
      counters: [{ code: "TTHCC-Q01", agency: "TTHCC", name: "Quầy 1", fields: [] }],
    });
    expect(result).toEqual({
      ok: false,
      errors: [{ path: "sectors[1].code", message: "Ngành «NN_MT»: mã bị trùng (đã có ở sectors[0])" }],
    });
    expect(count(db, "sectors") + count(db, "agencies") + count(db, "counters")).toBe(0);
  });

  it("accepts references to codes already in the database, and refuses unknown ones", () => {
    const db = testDatabase();
    const first = importDirectory(db, {
      sectors: [{ code: "TP", name: "Tư pháp" }],
      fields: [{ code: "HO_TICH", name: "Hộ tịch", sector: "TP" }],
      agencies: [{ code: "X_A", name: "Xã A", level: "xa" }],
    });
    expect(first.ok).toBe(true);

    const second = importDirectory(db, {
      agencies: [{ code: "X_B", name: "Xã B", level: "xa", sector: "TP", successor: "X_A" }],
      counters: [{ code: "X_A-Q01", agency: "X_A", name: "Bộ phận Một cửa", fields: ["HO_TICH"] }],
    });
    expect(second).toEqual({
      ok: true,
      created: { ...zero, agencies: 1, counters: 1 },
      updated: zero,
    });
    expect(db.$client.prepare("select a.code from counters c join agencies a on a.id = c.agency_id where c.code = 'X_A-Q01'").get()).toEqual({
      code: "X_A",
    });
    expect(counterFieldCodes(db, "X_A-Q01")).toEqual(["HO_TICH"]);

    const unknown = importDirectory(db, {
      fields: [{ code: "CHUNG_THUC", name: "Chứng thực", sector: "XX" }],
      agencies: [{ code: "X_C", name: "Xã C", level: "xa", successor: "X_Z" }],
      counters: [{ code: "X_A-Q02", agency: "X_A", name: "Quầy 2", fields: ["HO_TICH", "Y_TE", "HO_TICH"] }],
    });
    expect(unknown).toEqual({
      ok: false,
      errors: [
        { path: "agencies[0].successor", message: "Cơ quan «X_C»: không có cơ quan kế thừa «X_Z»" },
        { path: "counters[0].fields[1]", message: "Quầy «X_A-Q02»: không có lĩnh vực «Y_TE»" },
        { path: "counters[0].fields[2]", message: "Quầy «X_A-Q02»: lĩnh vực «HO_TICH» ghi hai lần" },
        { path: "fields[0].sector", message: "Lĩnh vực «CHUNG_THUC»: không có ngành «XX»" },
      ],
    });
  });
});
