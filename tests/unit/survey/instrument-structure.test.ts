/**
 * Instruments say their own structure (issue «Every instrument, end to end»): element or domain codes declared
 * per survey, a pooled domain rate, a number question, per-respondent measures. Checked against computations
 * written out by hand on small data.
 */
import { describe, expect, it } from "vitest";

import { computeFigures } from "../../../app/method/figures";
import { numberSummary, respondentMeasures } from "../../../app/method/measures";
import { publishFigures } from "../../../app/method/results";
import { rollupRows } from "../../../app/results/rollup-rows";
import { surveyDefinitionSchema, type SurveyDefinition } from "../../../app/survey/definition";
import { answerRows, checkAnswers } from "../../../app/survey/response";
import { numberType } from "../../../app/survey/types/number";

const l = (vi: string) => ({ vi, en: `${vi} (en)` });
const sat5 = (code: string) => ({ code, type: "scale", scale: "SAT5", label: l(code) });

/** A small QĐ 56-shaped form: domains A and B (pooled), a 0 «không sử dụng», G1 as a number, two measures. */
function healthFile(overrides: Record<string, unknown> = {}) {
  return {
    id: "thu-y-te",
    version: 1,
    title: l("Phiếu thử y tế"),
    noOpinion: { code: 0, label: l("Không sử dụng / không ý kiến") },
    scales: {
      SAT5: {
        label: l("5 mức"),
        options: [1, 2, 3, 4, 5].map((c) => ({ code: c, label: l(`Mức ${c}`) })),
        satisfied: [4, 5],
      },
    },
    sections: [
      { code: "a", title: l("A"), questions: [sat5("A1"), sat5("A2")] },
      { code: "b", title: l("B"), questions: [sat5("B1")] },
      {
        code: "g",
        title: l("G"),
        questions: [{ code: "G1", type: "number", min: 0, max: 200, unit: l("%"), thresholds: [80, 100], label: l("Đáp ứng bao nhiêu % mong đợi") }],
      },
    ],
    method: {
      index: "elements",
      version: "thu-2026",
      elementSource: "pooled",
      excludedCodes: [0],
      elements: [
        { code: "A", label: l("Khả năng tiếp cận"), criteria: ["A1", "A2"] },
        { code: "B", label: l("Minh bạch"), criteria: ["B1"] },
      ],
      measures: [
        { kind: "allSatisfied", code: "HL_TOAN_DIEN", label: l("Hài lòng toàn diện") },
        { kind: "atLeast", code: "G1_80", label: l("Đáp ứng từ 80 %"), question: "G1", value: 80 },
      ],
    },
    ...overrides,
  };
}

const OPT = { requireRequired: false };
const parse = (file: unknown): SurveyDefinition => surveyDefinitionSchema.parse(file);
const issuesOf = (file: unknown) => {
  const r = surveyDefinitionSchema.safeParse(file);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe("instrument structure as data", () => {
  it("takes the instrument's own element codes (A, B), with a pooled domain rate and no satisfaction question", () => {
    const def = parse(healthFile());
    expect(def.method.index === "elements" && def.method.elements.map((e) => e.code)).toEqual(["A", "B"]);
  });

  it("refuses a duplicated element code, a satisfaction source without its question, and bad measures", () => {
    const file = healthFile();
    const method = file.method as Record<string, unknown>;
    expect(
      issuesOf({ ...file, method: { ...method, elements: [...(method.elements as object[]), { code: "A", label: l("A"), criteria: ["B1"] }] } }),
    ).toContain("mã yếu tố «A» bị trùng");
    expect(issuesOf({ ...file, method: { ...method, elementSource: "satisfaction" } }).join(" ")).toMatch(/cần câu hỏi hài lòng chung/);
    expect(
      issuesOf({ ...file, method: { ...method, measures: [{ kind: "atLeast", code: "X", label: l("X"), question: "A1", value: 1 }] } }),
    ).toContain("«A1» phải là câu hỏi nhập số");
    expect(issuesOf({ ...file, method: { ...method, measures: [{ kind: "allSatisfied", code: "A1", label: l("X") }] } })).toContain(
      "mã chỉ số «A1» trùng mã một câu hỏi",
    );
    expect(issuesOf({ ...file, method: { ...method, elements: [{ code: "a-1", label: l("x"), criteria: ["A1"] }] } }).join(" ")).toMatch(
      /mã yếu tố viết hoa/,
    );
  });

  it("reads a number from a form, refuses what is not a whole number in range, stores it as the code", () => {
    const def = parse(healthFile());
    expect(numberType.fromForm([" 120 "])).toBe(120);
    expect(numberType.fromForm(["85,5"])).toBe("85,5");
    expect(checkAnswers(def, { G1: 120 }, OPT).ok).toBe(true);
    const bad = checkAnswers(def, { G1: 201, A1: 4 }, OPT);
    expect(!bad.ok && bad.issues.map((i) => `${i.question}:${i.key}`)).toEqual(["G1:numberOutOfRange"]);
    const notWhole = checkAnswers(def, { G1: 85.5 }, OPT);
    expect(!notWhole.ok && notWhole.issues[0]!.key).toBe("notWholeNumber");
    expect(answerRows(def, { G1: 0 })).toEqual([{ question: "G1", code: 0, text: null }]);
  });

  it("decides each respondent's measures from their own answers: satisfied on every item answered; G1 ≥ 80", () => {
    const def = parse(healthFile());
    const rows = (a: Record<string, number>) => answerRows(def, a);
    expect(respondentMeasures(def, rows({ A1: 5, A2: 4, B1: 0, G1: 80 }))).toEqual([
      ["HL_TOAN_DIEN", 1],
      ["G1_80", 1],
    ]);
    expect(respondentMeasures(def, rows({ A1: 5, B1: 3, G1: 79 }))).toEqual([
      ["HL_TOAN_DIEN", 2],
      ["G1_80", 2],
    ]);
    // Only «không sử dụng» answers, no G1: nothing to judge, no row.
    expect(respondentMeasures(def, rows({ A1: 0, B1: 0 }))).toEqual([]);
    // Rolled up like answers, under their own codes.
    expect(rollupRows(def, rows({ A1: 4, G1: 150 })).answers).toEqual([
      ["A1", 4],
      ["G1", 150],
      ["HL_TOAN_DIEN", 1],
      ["G1_80", 1],
    ]);
  });

  it("summarises a number: mean, median (odd and even counts) and shares at or above each threshold", () => {
    const values = [50, 80, 80, 100, 120];
    const counts = { 50: 1, 80: 2, 100: 1, 120: 1 };
    expect(numberSummary(counts, [80, 100])).toEqual({
      n: 5,
      mean: values.reduce((a, b) => a + b, 0) / 5,
      median: 80,
      atLeast: [
        { threshold: 80, share: (4 / 5) * 100 },
        { threshold: 100, share: (2 / 5) * 100 },
      ],
    });
    expect(numberSummary({ 10: 1, 20: 1, 30: 1, 40: 1 }, []).median).toBe(25);
    expect(numberSummary(undefined, [80])).toEqual({ n: 0, mean: null, median: null, atLeast: [{ threshold: 80, share: null }] });
  });

  it("computes pooled domain rates, the measures' rates and the number summary of a group, and publishes them", () => {
    const def = parse(healthFile());
    // Three respondents: (A1 5, A2 2, B1 4, G1 90), (A1 4, A2 0, B1 5, G1 60), (A1 1, B1 0).
    const counts = {
      responses: 3,
      questions: {
        A1: { 5: 1, 4: 1, 1: 1 },
        A2: { 2: 1, 0: 1 },
        B1: { 4: 1, 5: 1, 0: 1 },
        G1: { 90: 1, 60: 1 },
        HL_TOAN_DIEN: { 1: 1, 2: 2 },
        G1_80: { 1: 1, 2: 1 },
      },
    };
    const figures = computeFigures(def, counts);
    expect(figures.kind).toBe("elements");
    if (figures.kind !== "elements") return;
    // A: satisfied answers 5, 4 of valid 5, 4, 1, 2 → 2 / 4; B: 2 / 2.
    expect(figures.elements.A!.rate).toBe(50);
    expect(figures.elements.B!.rate).toBe(100);
    expect(figures.index).toBe(75);
    const published = publishFigures(figures);
    expect(published.measures).toEqual({
      HL_TOAN_DIEN: expect.objectContaining({ rate: 33.33, n: 3, fewAnswers: true }),
      G1_80: expect.objectContaining({ rate: 50, n: 2 }),
    });
    expect(published.numbers).toEqual({
      G1: {
        n: 2,
        mean: 75,
        median: 75,
        atLeast: [
          { threshold: 80, share: 50 },
          { threshold: 100, share: 0 },
        ],
        fewAnswers: true,
      },
    });
  });
});
