/**
 * The three patient forms of QĐ 56/QĐ-BYT (08/01/2024) as survey definitions: outpatient (y-te), inpatient
 * (y-te-noi-tru), expanded immunisation (y-te-tiem-chung). Each is checked against the form's structure, and its
 * figures from the roll-ups against a computation written out from raw answers.
 */
import { describe, expect, it } from "vitest";

import { computeFigures } from "../../../app/method/figures";
import { respondentMeasures } from "../../../app/method/measures";
import { allQuestions, type SurveyDefinition } from "../../../app/survey/definition";
import { answerRows, type Answers } from "../../../app/survey/response";
import { domainItems, expectAccepted, expectFiveLevelItems, expectVerifyMarkers, plausibleAnswers, rolledUpCounts } from "../../support/instruments";
import { realDefinition } from "../../support/surveys";

/** Items per domain and the «would you come back» question (its code and number of answers), per form. */
const FORMS = {
  "y-te": { items: { A: 5, B: 10, C: 8, D: 4, E: 4 }, comeBack: ["G2", 6] },
  "y-te-noi-tru": { items: { A: 5, B: 7, C: 11, D: 7, E: 6 }, comeBack: ["G2", 6] },
  "y-te-tiem-chung": { items: { A: 5, B: 8, C: 12, D: 5, E: 3 }, comeBack: ["E4", 4] },
} as const;

const question = (def: SurveyDefinition, code: string) => allQuestions(def).find((q) => q.code === code)!;
const measures = (def: SurveyDefinition, answers: Answers) => respondentMeasures(def, answerRows(def, answers));

describe.each(Object.entries(FORMS))("QĐ 56 form %s", (id, form) => {
  const def = realDefinition(id);
  const items = Object.values(domainItems(def)).flat();

  it("has domains A–E with the form's items, in order, equally weighted, pooled, 0 out of every denominator", () => {
    expect(def.method).toMatchObject({ index: "elements", version: "qd56-2024", elementSource: "pooled", excludedCodes: [0] });
    const counts = Object.fromEntries(Object.entries(domainItems(def)).map(([d, list]) => [d, list.length]));
    expect(counts).toEqual(form.items);
    for (const [d, list] of Object.entries(domainItems(def))) expect(list).toEqual(list.map((_, i) => `${d}${i + 1}`));
    expect(def.method.index === "elements" && new Set(def.method.elements.map((e) => e.weight))).toEqual(new Set([1]));
    const codes = allQuestions(def).map((q) => q.code);
    expect(items.map((c) => codes.indexOf(c))).toEqual(items.map((c) => codes.indexOf(c)).sort((a, b) => a - b));
  });

  it("asks every domain item on the five levels (satisfied 4, 5) with 0 «không sử dụng / không ý kiến»", () => {
    expectFiveLevelItems(def);
  });

  it("asks G1 as a whole-number percentage 0–200 with thresholds 80 and 100, and whether the respondent would come back", () => {
    expect(question(def, "G1")).toMatchObject({ type: "number", min: 0, max: 200, thresholds: [80, 100], unit: { vi: "%" }, required: true });
    const [code, answers] = form.comeBack;
    const q = question(def, code);
    expect(q.type === "single" && q.options.map((o) => o.code)).toEqual(Array.from({ length: answers }, (_, i) => i + 1));
    expect(question(def, "Y_KIEN")).toMatchObject({ type: "text" });
    expect(
      allQuestions(def)
        .filter((p) => p.profile)
        .map((p) => p.code),
    ).toEqual(expect.arrayContaining(["GIOI_TINH", "NHOM_TUOI", "NOI_SONG"]));
  });

  it("declares «tỷ lệ hài lòng toàn diện» over every domain item and «G1 ≥ 80 %»", () => {
    expect(def.method.measures).toEqual([
      { kind: "allSatisfied", code: "HL_TOAN_DIEN", label: { vi: "Tỷ lệ hài lòng toàn diện", en: expect.any(String) } },
      { kind: "atLeast", code: "G1_TU_80", label: expect.any(Object), question: "G1", value: 80 },
    ]);
  });

  it("accepts a plausible full response through checkAnswers and the API schema, the tablet's rules included", () => {
    const answers = plausibleAnswers(def);
    expect(Object.values(answers)).toContain(0);
    expectAccepted(def, answers);
  });

  it("is «toàn diện» (1) for a respondent answering only 4 and 5 (and some 0), not (2) once an item is 3; G1 ≥ 80 likewise", () => {
    const satisfied = plausibleAnswers(def, { G1: 80 });
    expect(items.map((c) => satisfied[c])).toEqual(expect.arrayContaining([0, 4, 5]));
    expect(measures(def, satisfied)).toEqual([
      ["HL_TOAN_DIEN", 1],
      ["G1_TU_80", 1],
    ]);
    expect(measures(def, { ...satisfied, [items.at(-1)!]: 3, G1: 79 })).toEqual([
      ["HL_TOAN_DIEN", 2],
      ["G1_TU_80", 2],
    ]);
    // Only «không sử dụng» and no G1: nothing to judge.
    expect(measures(def, Object.fromEntries(items.map((c) => [c, 0])))).toEqual([]);
  });

  it("marks every question's English label «(verify)»: no wording was taken from the official text", () => {
    expect(expectVerifyMarkers(def)).toEqual(allQuestions(def).map((q) => q.code));
  });
});

/** A small deterministic sequence (no wall clock, no Math.random): the same fixture on every run. */
function sequence(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return Math.floor((x / 2147483648) * n);
  };
}

describe("QĐ 56 figures from roll-ups equal a computation from raw answers", () => {
  it.each(Object.keys(FORMS))("%s: pooled domain rates, «tỷ lệ hài lòng toàn diện» and the mean of G1", (id) => {
    const def = realDefinition(id);
    const domains = domainItems(def);
    const items = Object.values(domains).flat();
    const next = sequence(id.length);
    // 40 respondents: each item blank (5 %), 0 (5 %), 1–3 (2 %) or 4–5; G1 from 40 to 150 or blank. About half are «toàn diện».
    const respondents = Array.from({ length: 40 }, () => {
      const answers: Answers = {};
      for (const c of items) {
        const r = next(100);
        if (r < 5) continue;
        answers[c] = r < 10 ? 0 : r < 12 ? 1 + next(3) : 4 + next(2);
      }
      if (next(8) !== 0) answers.G1 = 40 + next(111);
      return answers;
    });

    const figures = computeFigures(def, rolledUpCounts(def, respondents));
    expect(figures.kind).toBe("elements");
    if (figures.kind !== "elements") return;

    const valid = (a: Answers, c: string) => typeof a[c] === "number" && a[c] !== 0;
    const sat = (a: Answers, c: string) => valid(a, c) && (a[c] as number) >= 4;
    for (const [d, list] of Object.entries(domains)) {
      const n = respondents.reduce((s, a) => s + list.filter((c) => valid(a, c)).length, 0);
      const yes = respondents.reduce((s, a) => s + list.filter((c) => sat(a, c)).length, 0);
      expect(figures.elements[d]!.rate, d).toBeCloseTo((100 * yes) / n, 10);
    }
    const judged = respondents.filter((a) => items.some((c) => valid(a, c)));
    const whole = judged.filter((a) => items.every((c) => !valid(a, c) || sat(a, c)));
    expect(whole.length, "the fixture has both kinds of respondent").toBeGreaterThan(5);
    expect(judged.length - whole.length).toBeGreaterThan(5);
    expect(figures.measures.HL_TOAN_DIEN!.n).toBe(judged.length);
    expect(figures.measures.HL_TOAN_DIEN!.rate).toBeCloseTo((100 * whole.length) / judged.length, 10);
    const g1 = respondents.flatMap((a) => (typeof a.G1 === "number" ? [a.G1] : []));
    expect(figures.numbers.G1!.mean).toBeCloseTo(g1.reduce((s, v) => s + v, 0) / g1.length, 10);
    const atLeast80 = (100 * g1.filter((v) => v >= 80).length) / g1.length;
    expect(figures.numbers.G1!.atLeast[0]!.share).toBeCloseTo(atLeast80, 10);
    expect(figures.measures.G1_TU_80!.rate).toBeCloseTo(atLeast80, 10);
  });
});
