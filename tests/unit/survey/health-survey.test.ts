/**
 * surveys/y-te.json is the outpatient form of QĐ 56/QĐ-BYT (Mẫu ngoại trú), version 2 of the survey `y-te`: it
 * replaced the invented version 1 under a new method version, so the figures never compare the two.
 */
import { describe, expect, it } from "vitest";

import { mergeSection, sectionIssues } from "../../../app/field/interview";
import { allQuestions } from "../../../app/survey/definition";
import { buildResponseSchema, checkAnswers } from "../../../app/survey/response";
import { domainItems, plausibleAnswers } from "../../support/instruments";
import { realDefinition } from "../../support/surveys";

const def = realDefinition("y-te");
const question = (code: string) => allQuestions(def).find((q) => q.code === code)!;
const form = (pairs: [string, string][]) => new URLSearchParams(pairs) as unknown as FormData;
const issues = (raw: Record<string, unknown>, requireRequired = false) => {
  const r = checkAnswers(def, raw, { requireRequired });
  return r.ok ? [] : r.issues.map((i) => `${i.question}:${i.key}`);
};

describe("the outpatient form of QĐ 56 (surveys/y-te.json)", () => {
  it("is version 2 of `y-te`, under the method version of QĐ 56 (not version 1's «y-te-2026»)", () => {
    expect([def.id, def.version, def.method.version]).toEqual(["y-te", 2, "qd56-2024"]);
    expect(def.method).toMatchObject({ index: "elements", elementSource: "pooled", excludedCodes: [0] });
    expect(Object.fromEntries(Object.entries(domainItems(def)).map(([d, items]) => [d, items.length]))).toEqual({ A: 5, B: 10, C: 8, D: 4, E: 4 });
    // B6–B10: the five items on waiting times.
    expect(
      domainItems(def)
        .B!.slice(5)
        .every((c) => question(c).label.vi.startsWith("Đánh giá thời gian")),
    ).toBe(true);
  });

  it("asks who answers, sex, age group, insurance, place and living standard as profile questions; the distance as a number", () => {
    expect(
      allQuestions(def)
        .filter((q) => q.profile)
        .map((q) => q.code),
    ).toEqual(["NGUOI_TRA_LOI", "GIOI_TINH", "NHOM_TUOI", "BHYT", "NOI_SONG", "MUC_SONG"]);
    expect(question("KHOANG_CACH")).toMatchObject({ type: "number", min: 0, profile: false, unit: { vi: "km" } });
  });

  it("G2 has the six answers of the form; «Khác» asks what, and only then; E5 (cost against quality) is not a domain item", () => {
    const g2 = question("G2");
    expect(g2.type === "single" && g2.options.map((o) => o.code)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(g2.type === "single" && g2.options[4]!.label.vi).toBe("Chắc chắn sẽ quay lại hoặc giới thiệu cho người khác");
    expect(issues({ G2: 6, G2_KHAC: "Tùy bác sĩ" })).toEqual([]);
    expect(issues({ G2: 4, G2_KHAC: "Tùy bác sĩ" })).toEqual(["G2_KHAC:hiddenAnswered"]);
    expect(question("E5")).toMatchObject({ type: "single" });
    expect(Object.values(domainItems(def)).flat()).not.toContain("E5");
  });

  it("takes 0 as «không sử dụng / không ý kiến» and refuses version 1's codes and its 9", () => {
    expect(issues({ A1: 0, C4: 0, G1: 120 })).toEqual([]);
    expect(issues({ A1: 9, G1: 201 })).toEqual(["A1:codeNotAllowed", "G1:numberOutOfRange"]);
    expect(issues({ TC1: 4, HL_CHUNG: 5, QUAY_LAI: 1 })).toEqual(["TC1:unknownQuestion", "HL_CHUNG:unknownQuestion", "QUAY_LAI:unknownQuestion"]);
  });

  it("the tablet insists on G1 and G2; the API and paper imports accept blanks", () => {
    const section = def.sections.find((s) => s.code === "danh-gia-chung")!;
    expect(sectionIssues(def, section, {}).map((i) => i.question)).toEqual(["G1", "G2"]);
    const answers = mergeSection(
      def,
      section,
      {},
      form([
        ["G1", "95"],
        ["G2", "5"],
      ]),
    );
    expect(answers).toEqual({ G1: 95, G2: 5 });
    expect(sectionIssues(def, section, answers)).toEqual([]);
    const body = {
      id: "0193f0c2-7d1e-7c3a-9b1e-6a2f3c4d5e6f",
      survey: "y-te",
      agency: "SO_YT",
      channel: "paper",
      submittedAt: "2026-08-14T09:12:00+07:00",
      answers: { A1: 4, E5: 3 },
    };
    expect(buildResponseSchema(def).safeParse(body).success).toBe(true);
    expect(buildResponseSchema(def, { requireRequired: true }).safeParse(body).success).toBe(false);
    expect(buildResponseSchema(def, { requireRequired: true }).safeParse({ ...body, answers: plausibleAnswers(def) }).success).toBe(true);
  });
});
