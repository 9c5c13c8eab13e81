/**
 * The Bộ GD&ĐT satisfaction toolkit (QĐ 3982/QĐ-BGDĐT 2013 → QĐ 2329/QĐ-BGDĐT 2017 → QĐ 3476/QĐ-BGDĐT 2019) as one
 * definition per level: parents of preschool, primary and lower-secondary pupils; upper-secondary pupils or parents.
 * Each asks tiếp cận dịch vụ giáo dục, cơ sở vật chất, môi trường, hoạt động and kết quả giáo dục, the overall
 * satisfaction with the school and suggestions.
 */
import { describe, expect, it } from "vitest";

import { computeFigures } from "../../../app/method/figures";
import { respondentMeasures } from "../../../app/method/measures";
import { allQuestions } from "../../../app/survey/definition";
import { answerRows } from "../../../app/survey/response";
import { domainItems, expectAccepted, expectFiveLevelItems, expectVerifyMarkers, plausibleAnswers, rolledUpCounts } from "../../support/instruments";
import { realDefinition } from "../../support/surveys";

/** Items per area, and the profile question that says the child's class (with its number of answers). */
const FORMS = {
  "giao-duc-mam-non": { items: { TC: 7, CSVC: 5, MT: 5, HD: 5, KQ: 4 }, level: ["LOP_TRE", 4] },
  "giao-duc-tieu-hoc": { items: { TC: 7, CSVC: 5, MT: 5, HD: 5, KQ: 5 }, level: ["KHOI_LOP", 5] },
  "giao-duc-thcs": { items: { TC: 7, CSVC: 5, MT: 5, HD: 5, KQ: 5 }, level: ["KHOI_LOP", 4] },
  "giao-duc-thpt": { items: { TC: 7, CSVC: 5, MT: 5, HD: 5, KQ: 5 }, level: ["KHOI_LOP", 3] },
} as const;

const AREAS = [/^Tiếp cận dịch vụ giáo dục$/, /^Cơ sở vật chất/, /^Môi trường/, /^Hoạt động/, /^Kết quả/];

describe.each(Object.entries(FORMS))("Bộ GD&ĐT form %s", (id, form) => {
  const def = realDefinition(id);
  const question = (code: string) => allQuestions(def).find((q) => q.code === code)!;

  it("has the toolkit's five areas with their items, equally weighted, pooled", () => {
    expect(def.method).toMatchObject({ index: "elements", version: "qd3476-2019", elementSource: "pooled", measures: [] });
    if (def.method.index !== "elements") return;
    def.method.elements.forEach((e, i) => expect(e.label.vi).toMatch(AREAS[i]!));
    expect(new Set(def.method.elements.map((e) => e.weight))).toEqual(new Set([1]));
    expect(Object.fromEntries(Object.entries(domainItems(def)).map(([d, list]) => [d, list.length]))).toEqual(form.items);
  });

  it("asks every item on the five levels with 0 «không có ý kiến»; the overall satisfaction without it; suggestions as Y_KIEN", () => {
    expectFiveLevelItems(def);
    expect(question("HL_CHUNG")).toMatchObject({ type: "scale", scale: "SAT5", required: true, allowNoOpinion: false });
    expect(Object.values(domainItems(def)).flat()).not.toContain("HL_CHUNG");
    expect(question("Y_KIEN")).toMatchObject({ type: "text" });
  });

  it("asks who answers, the class, the pupil's sex and where the family lives, as profile questions", () => {
    const [level, classes] = form.level;
    expect(
      allQuestions(def)
        .filter((q) => q.profile)
        .map((q) => q.code),
    ).toEqual(["NGUOI_TRA_LOI", level, "GIOI_TINH", "NOI_SONG"]);
    const q = question(level);
    expect(q.type === "single" && q.options.length).toBe(classes);
  });

  it("accepts a plausible full response; the overall index is the mean of the five pooled area rates", () => {
    const answers = plausibleAnswers(def, { HL_CHUNG: 4 });
    expectAccepted(def, answers);
    expect(respondentMeasures(def, answerRows(def, answers))).toEqual([]);
    const figures = computeFigures(def, rolledUpCounts(def, [answers]));
    expect(figures.kind === "elements" && Object.values(figures.elements).map((e) => e?.rate)).toEqual([100, 100, 100, 100, 100]);
    expect(figures.index).toBe(100);
  });

  it("marks every question's English label «(verify)»: the wording is composed, not the toolkit's text", () => {
    expect(expectVerifyMarkers(def)).toEqual(allQuestions(def).map((q) => q.code));
  });
});
