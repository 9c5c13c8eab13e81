/** Every file in `surveys/` is valid and carries the exact codes of docs/contracts.md. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { allQuestions, surveyDefinitionSchema, type Question, type SurveyDefinition } from "../../../app/survey/definition";
import { parseDefinitionFile } from "../../../app/survey/registry.server";
import { realDefinition, realDefinitions, SURVEYS_DIR } from "../../support/surveys";

const files = fs.readdirSync(SURVEYS_DIR).filter((f) => f.endsWith(".json"));

function question(def: SurveyDefinition, code: string): Question {
  const q = allQuestions(def).find((x) => x.code === code);
  if (!q) throw new Error(`${def.id}: no question ${code}`);
  return q;
}

/** Every `{vi, en}` record anywhere in a raw definition, with its JSON path. */
function localizedRecords(value: unknown, at = ""): { path: string; record: Record<string, unknown> }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => localizedRecords(v, `${at}.${i}`));
  if (!value || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  const here = "vi" in record || "en" in record ? [{ path: at, record }] : [];
  return [...here, ...Object.entries(record).flatMap(([k, v]) => localizedRecords(v, `${at}.${k}`))];
}

describe("surveys/*.json", () => {
  it("holds the two surveys of docs/contracts.md, the four Bộ GD&ĐT forms (Sở GD&ĐT) and the three patient forms of QĐ 56 (Sở Y tế)", () => {
    const ids = [
      "danh-gia-ho-so",
      "giao-duc-mam-non",
      "giao-duc-thcs",
      "giao-duc-thpt",
      "giao-duc-tieu-hoc",
      "sipas",
      "y-te-noi-tru",
      "y-te-tiem-chung",
      "y-te",
    ];
    expect(files.sort()).toEqual(ids.map((id) => `${id}.json`));
    expect(realDefinitions().map((d) => d.id)).toEqual(ids);
  });

  for (const file of files) {
    it(`${file} parses with surveyDefinitionSchema, its id is its file name`, () => {
      const raw: unknown = JSON.parse(fs.readFileSync(path.join(SURVEYS_DIR, file), "utf8"));
      const parsed = surveyDefinitionSchema.safeParse(raw);
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(`${parsed.data?.id}.json`).toBe(file);
      expect(parseDefinitionFile(path.join(SURVEYS_DIR, file))).toEqual(parsed.data);
    });

    it(`${file}: every label, title and option has a non-empty vi and en`, () => {
      const raw: unknown = JSON.parse(fs.readFileSync(path.join(SURVEYS_DIR, file), "utf8"));
      const records = localizedRecords(raw);
      expect(records.length).toBeGreaterThan(10);
      for (const { path: at, record } of records) {
        expect(typeof record.vi === "string" && record.vi.trim() !== "", `${at}.vi`).toBe(true);
        expect(typeof record.en === "string" && record.en.trim() !== "", `${at}.en`).toBe(true);
      }
      const def = realDefinitions().find((d) => `${d.id}.json` === file)!;
      for (const q of allQuestions(def)) {
        expect(q.label.vi.trim(), q.code).not.toBe("");
        expect(q.label.en.trim(), q.code).not.toBe("");
      }
    });
  }
});

describe("danh-gia-ho-so", () => {
  const def = realDefinition("danh-gia-ho-so");

  it("asks TONG_THE, THUAN_TIEN, DUNG_HAN, THAI_DO on SAT3 and Y_KIEN as text", () => {
    expect(allQuestions(def).map((q) => q.code)).toEqual(["TONG_THE", "THUAN_TIEN", "DUNG_HAN", "THAI_DO", "Y_KIEN"]);
    for (const code of ["TONG_THE", "THUAN_TIEN", "DUNG_HAN", "THAI_DO"]) {
      expect(question(def, code)).toMatchObject({ type: "scale", scale: "SAT3" });
    }
    expect(question(def, "Y_KIEN")).toMatchObject({ type: "text", required: false });
  });

  it("codes SAT3 as 1 Không hài lòng, 2 Hài lòng, 3 Rất hài lòng; satisfied 2, 3; no opinion 9", () => {
    const sat3 = def.scales.SAT3!;
    expect(Object.fromEntries(sat3.options.map((o) => [o.code, o.label.vi]))).toEqual({
      1: "Không hài lòng",
      2: "Hài lòng",
      3: "Rất hài lòng",
    });
    expect([...sat3.satisfied].sort()).toEqual([2, 3]);
    expect(def.noOpinion.code).toBe(9);
  });

  it("the counter page insists on TONG_THE only; its index is TONG_THE", () => {
    expect(
      allQuestions(def)
        .filter((q) => q.required)
        .map((q) => q.code),
    ).toEqual(["TONG_THE"]);
    expect(def.method).toMatchObject({ index: "question", question: "TONG_THE", excludedCodes: [9] });
  });
});

describe("sipas", () => {
  const def = realDefinition("sipas");
  const codes = allQuestions(def).map((q) => q.code);
  const criteria = {
    TC: ["TC1", "TC2", "TC3", "TC4"],
    TT: ["TT1", "TT2", "TT3", "TT4", "TT5"],
    CC: ["CC1", "CC2", "CC3", "CC4", "CC5", "CC6"],
    KQ: ["KQ1", "KQ2", "KQ3"],
    PA: ["PA1", "PA2", "PA3", "PA4"],
  };

  it("has every question code of docs/contracts.md, each once", () => {
    const expected = [
      "GIOI_TINH",
      "NHOM_TUOI",
      "DAN_TOC",
      "HOC_VAN",
      "NGHE_NGHIEP",
      "NOI_SONG",
      ...Object.values(criteria).flat(),
      "HL_TC",
      "HL_TT",
      "HL_CC",
      "HL_KQ",
      "HL_PA",
      "PA0",
      "PHIEN_HA",
      "HL_CHUNG",
      "MONG_DOI",
      "Y_KIEN",
    ];
    expect([...codes].sort()).toEqual([...expected].sort());
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("profile questions are single choices coded 1…k as in docs/method.md §2", () => {
    const k = { GIOI_TINH: 2, NHOM_TUOI: 5, HOC_VAN: 6, NGHE_NGHIEP: 7, NOI_SONG: 4 };
    for (const code of ["GIOI_TINH", "NHOM_TUOI", "DAN_TOC", "HOC_VAN", "NGHE_NGHIEP", "NOI_SONG"]) {
      const q = question(def, code);
      expect(q, code).toMatchObject({ type: "single", profile: true });
      if (q.type !== "single") continue;
      const optionCodes = q.options.map((o) => o.code);
      expect(optionCodes, code).toEqual(optionCodes.map((_, i) => i + 1));
      if (code in k) expect(optionCodes.length, code).toBe(k[code as keyof typeof k]);
    }
    const gioiTinh = question(def, "GIOI_TINH");
    expect(gioiTinh.type === "single" && gioiTinh.options.map((o) => o.label.vi)).toEqual(["Nam", "Nữ"]);
  });

  it("criteria, element and overall questions are SAT5, in the order of §3", () => {
    const sat5 = def.scales.SAT5!;
    expect(sat5.options.map((o) => o.code)).toEqual([1, 2, 3, 4, 5]);
    expect([...sat5.satisfied].sort()).toEqual([4, 5]);
    for (const code of [...Object.values(criteria).flat(), "HL_TC", "HL_TT", "HL_CC", "HL_KQ", "HL_PA", "HL_CHUNG"]) {
      expect(question(def, code), code).toMatchObject({ type: "scale", scale: "SAT5" });
    }
    for (const list of Object.values(criteria)) {
      const at = list.map((c) => codes.indexOf(c));
      expect(at).toEqual([...at].sort((a, b) => a - b));
    }
  });

  it("PA0 is a yes/no (1 Có, 2 Không); PA1–PA4 and HL_PA are shown only after PA0 = 1", () => {
    expect(question(def, "PA0")).toMatchObject({ type: "yesno" });
    for (const code of ["PA1", "PA2", "PA3", "PA4", "HL_PA"]) {
      expect(question(def, code).showIf, code).toEqual({ question: "PA0", in: [1] });
      expect(codes.indexOf(code)).toBeGreaterThan(codes.indexOf("PA0"));
    }
    const conditional = allQuestions(def)
      .filter((q) => q.showIf)
      .map((q) => q.code);
    expect(conditional.sort()).toEqual(["HL_PA", "PA1", "PA2", "PA3", "PA4"]);
  });

  it("PHIEN_HA is 1 Không có, 2 Có một số, 3 Có nhiều", () => {
    const q = question(def, "PHIEN_HA");
    expect(q.type).toBe("single");
    expect(q.type === "single" && q.options.map((o) => [o.code, o.label.vi])).toEqual([
      [1, "Không có"],
      [2, "Có một số"],
      [3, "Có nhiều"],
    ]);
  });

  it("MONG_DOI is a multi-select of at most 3 among codes 1–8; Y_KIEN is free text", () => {
    const q = question(def, "MONG_DOI");
    expect(q).toMatchObject({ type: "multi", max: 3 });
    expect(q.type === "multi" && q.options.map((o) => o.code)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(question(def, "Y_KIEN")).toMatchObject({ type: "text" });
  });

  it("the method names the five elements with their satisfaction question and criteria", () => {
    expect(def.method.index).toBe("elements");
    if (def.method.index !== "elements") return;
    expect(def.method.excludedCodes).toEqual([9]);
    expect(def.method.elements.map((e) => [e.code, e.satisfaction, e.criteria])).toEqual(
      Object.entries(criteria).map(([code, list]) => [code, `HL_${code}`, list]),
    );
  });
});
