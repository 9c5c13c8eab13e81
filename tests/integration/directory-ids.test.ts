/** The one code → id resolver of the directory, on the demo province's directory in a real SQLite file. */
import { describe, expect, it } from "vitest";

import { idOfCode, idsOfCodes } from "../../app/directory/ids.server";
import { demoServices } from "../support/services";

describe("idOfCode / idsOfCodes", () => {
  it("finds each kind's row by code, says null for an unknown code, and maps several codes at once", () => {
    const { db } = demoServices();
    const raw = (table: string, code: string) => (db.$client.prepare(`select id from ${table} where code = ?`).get(code) as { id: number }).id;
    expect(idOfCode(db, "agency", "TTHCC")).toBe(raw("agencies", "TTHCC"));
    expect(idOfCode(db, "field", "DAT_DAI")).toBe(raw("fields", "DAT_DAI"));
    expect(idOfCode(db, "counter", "TTHCC-Q01")).toBe(raw("counters", "TTHCC-Q01"));
    expect(idOfCode(db, "sector", "NN_MT")).toBe(raw("sectors", "NN_MT"));
    expect(idOfCode(db, "agency", "KHONG_CO")).toBeNull();
    expect(idOfCode(db, "procedure", "")).toBeNull();
    expect(idsOfCodes(db, "field", ["DAT_DAI", "XAY_DUNG", "KHONG_CO"])).toEqual(
      new Map([
        ["DAT_DAI", raw("fields", "DAT_DAI")],
        ["XAY_DUNG", raw("fields", "XAY_DUNG")],
      ]),
    );
    expect(idsOfCodes(db, "agency", [])).toEqual(new Map());
  });
});
