/**
 * One code rule and one name rule for the whole directory (issue 16, finding 4). A name with "<" or ">" was
 * imported, then made the publishing preview of the whole province throw (500); a code with "." was imported,
 * then the agency's report answered 400. Now the import refuses such a name (Vietnamese, nothing changes),
 * a code with "." works everywhere, and names stored before the rule no longer break a preview or a report.
 */
import { afterEach, describe, expect, it } from "vitest";

import { importDirectory } from "../../app/directory/import.server";
import { NAME_MAX, publishableName } from "../../app/directory/rules";
import { vietnamDay } from "../../app/method/period";
import { ingestResponse } from "../../app/responses/ingest.server";
import { loader as agencyLoader } from "../../app/routes/quan-tri.co-quan.$code";
import { loader as publishLoader } from "../../app/routes/quan-tri.cong-bo";
import { loader as reportLoader } from "../../app/routes/quan-tri.bao-cao";
import { loader as fileLoader } from "../../app/routes/quan-tri_.bao-cao.$file";
import { provideServices } from "../../app/services.server";
import { ratingBody } from "../support/bodies";
import { settle } from "../support/route";
import { providedDemoServices } from "../support/services";
import { args, get, staff } from "../support/staff";

const SECRET = "x".repeat(40);
afterEach(() => provideServices(undefined));

function setup() {
  const s = providedDemoServices(SECRET);
  return { ...s, admin: staff(s.db, SECRET, "admin") };
}

const directoryRows = (db: ReturnType<typeof setup>["db"]) =>
  ["sectors", "fields", "agencies", "counters", "procedures"].map((t) => db.$client.prepare(`select * from ${t} order by id`).all());

describe("the directory's name rule", () => {
  it.each([
    ["markup", "<b>Sở Khoa học</b>", "không được chứa «<» hoặc «>»"],
    ["a «>»", "Sở A > Sở B", "không được chứa «<» hoặc «>»"],
    ["a line break", "Sở Khoa học\nvà Công nghệ", "không được chứa xuống dòng hay ký tự điều khiển"],
    ["a right-to-left override", "Sở\u202eKhoa học", "không được chứa xuống dòng hay ký tự điều khiển"],
    ["a lone surrogate", "Sở \ud800", "chứa ký tự không hợp lệ (nửa cặp thay thế UTF-16)"],
    ["301 characters", "ư".repeat(NAME_MAX + 1), `dài tối đa ${NAME_MAX} ký tự`],
    ["only spaces", "   ", "không được để trống"],
  ])("refuses an agency name with %s in Vietnamese, and the import changes nothing", (_, name, problem) => {
    const { db } = setup();
    const before = directoryRows(db);
    const result = importDirectory(db, { agencies: [{ code: "SO_KHCN", name, level: "tinh" }] });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual([{ path: "agencies[0].name", message: `Cơ quan «SO_KHCN»: tên ${problem}` }]);
    expect(directoryRows(db)).toEqual(before);
  });

  it("applies to every list: sectors, fields, counters and procedures", () => {
    const { db } = setup();
    const result = importDirectory(db, {
      sectors: [{ code: "S1", name: "<i>" }],
      fields: [{ code: "F1", name: "a\tb" }],
      counters: [{ code: "TTHCC-Q99", agency: "TTHCC", name: "Quầy <9>", fields: [] }],
      procedures: [{ code: "1.009999", name: "Thủ tục\r\nmới" }],
    });
    expect((result.ok ? [] : result.errors.map((e) => e.path)).sort()).toEqual([
      "counters[0].name",
      "fields[0].name",
      "procedures[0].name",
      "sectors[0].name",
    ]);
  });

  it("publishes a name stored before the rule in the rule's form, and leaves a good name alone", () => {
    expect(publishableName("Sở <Khoa học>\nvà Công nghệ")).toBe("Sở ‹Khoa học› và Công nghệ");
    expect(publishableName("Sở Tư pháp")).toBe("Sở Tư pháp");
    expect([...publishableName("ư".repeat(400))]).toHaveLength(NAME_MAX);
    expect(publishableName("\u0007")).toBe("—");
  });
});

describe("a code with «.» and names stored before the rule, through publishing and the report", () => {
  async function withOddAgency() {
    const s = setup();
    const imported = importDirectory(s.db, {
      agencies: [{ code: "SO.KHCN", name: "Sở Khoa học và Công nghệ", level: "tinh" }],
      counters: [{ code: "SO.KHCN-Q01", agency: "SO.KHCN", name: "Quầy một cửa", fields: ["DAT_DAI"] }],
    });
    expect(imported).toMatchObject({ ok: true });
    // Names an earlier version accepted, written as it would have stored them.
    s.db.$client.prepare("update agencies set name = ? where code = 'SO.KHCN'").run(`Sở <Khoa học>\nvà Công nghệ ${"ư".repeat(400)}`);
    s.db.$client.prepare("update fields set name = ? where code = 'DAT_DAI'").run("Đất đai <b>\u202e");
    const day = vietnamDay(Date.now());
    for (let i = 0; i < 3; i++) {
      const body = ratingBody({
        id: crypto.randomUUID(),
        agency: "SO.KHCN",
        counter: "SO.KHCN-Q01",
        field: "DAT_DAI",
        channel: "paper",
        submittedAt: `${day}T09:00:00+07:00`,
      });
      expect(ingestResponse(s.db, s.surveys, body, { source: "test" }).status).toBe("created");
    }
    return { ...s, year: day.slice(0, 4) };
  }

  it("the publishing preview builds (200), with the odd names in the rule's form", async () => {
    const { admin, year } = await withOddAgency();
    const outcome = await settle(() => publishLoader(args(get(`/quan-tri/cong-bo?survey=danh-gia-ho-so&period=${year}`, admin))));
    expect(outcome.status).toBe(200);
    const data =
      outcome.kind === "data"
        ? (outcome.data as { error: string | null; preview: { names: { agencies: Record<string, string>; fields: Record<string, string> } } | null })
        : null;
    expect(data?.error).toBeNull();
    const name = data!.preview!.names.agencies["SO.KHCN"]!;
    expect(name.startsWith("Sở ‹Khoa học› và Công nghệ ư")).toBe(true);
    expect([...name]).toHaveLength(NAME_MAX);
    expect(data!.preview!.names.fields.DAT_DAI).toBe("Đất đai ‹b›");
  });

  it("the agency's report, its figures workbook and its dashboard page answer 200 for the code «SO.KHCN»", async () => {
    const { admin, year } = await withOddAgency();
    const q = `survey=danh-gia-ho-so&period=${year}&scope=SO.KHCN`;
    expect((await settle(() => reportLoader(args(get(`/quan-tri/bao-cao?${q}`, admin))))).status).toBe(200);
    for (const file of ["so-lieu.xlsx", "bao-cao.docx", "phieu.csv"]) {
      const outcome = await settle(() => fileLoader(args(get(`/quan-tri/bao-cao/${file}?${q}`, admin), { file })));
      expect(outcome.status, file).toBe(200);
    }
    const page = await settle(() =>
      agencyLoader(args(get(`/quan-tri/co-quan/SO.KHCN?survey=danh-gia-ho-so&period=${year}&agency=SO.KHCN`, admin), { code: "SO.KHCN" })),
    );
    expect(page.status).toBe(200);
    expect(page.kind === "data" ? (page.data as { data: { invalid: string[] } }).data.invalid : null).toEqual([]);
  });
});
