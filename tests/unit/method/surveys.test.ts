/** The per-dossier rating read from the real definition file, and every survey file through the builders. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { buildCriterionGroups, buildGroup, buildOverall, dossierRate } from "../../../app/method";
import { surveyDefinitionSchema } from "../../../app/survey/definition";

const SURVEYS = path.resolve(import.meta.dirname, "../../../surveys");
const load = (file: string) => surveyDefinitionSchema.parse(JSON.parse(readFileSync(path.join(SURVEYS, file), "utf8")));

describe("danh-gia-ho-so", () => {
  const def = load("danh-gia-ho-so.json");
  // TONG_THE: 3,3,2,2,2,1 and one 9 → 5 satisfied of 6 valid = 83.33 %; Wilson 43.65 – 96.99;
  // mean (3+3+2+2+2+1)/6 = 2.17. THUAN_TIEN: 1 of 2 = 50 %.
  const counts = { responses: 7, questions: { TONG_THE: { 3: 2, 2: 3, 1: 1, 9: 1 }, THUAN_TIEN: { 2: 1, 1: 1 } } };

  it("rate = (Rất hài lòng + Hài lòng) / all ratings, no-opinion excluded", () => {
    const r = dossierRate(def, counts.questions.TONG_THE);
    expect(r.n).toBe(6);
    expect(r.rate).toBeCloseTo(500 / 6, 10);
    expect(r.distribution.map((d) => d.code)).toEqual([3, 2, 1]);
  });

  it("publishes `questions` instead of `elements`, the index being TONG_THE", () => {
    const g = buildGroup({ def, key: "TTHCC-Q01", label: "Quầy 1", counts, target: { op: ">", pct: 95 } });
    expect(g).toEqual({
      key: "TTHCC-Q01",
      label: "Quầy 1",
      responses: 7,
      index: 83.33,
      questions: {
        TONG_THE: { rate: 83.33, n: 6, ciLow: 43.65, ciHigh: 96.99, fewAnswers: true },
        THUAN_TIEN: { rate: 50, n: 2, ciLow: 9.45, ciHigh: 90.55, fewAnswers: true },
        DUNG_HAN: { rate: null, n: 0, ciLow: null, ciHigh: null, fewAnswers: true },
        THAI_DO: { rate: null, n: 0, ciLow: null, ciHigh: null, fewAnswers: true },
      },
      target: { op: ">", pct: 95, met: null },
      fewAnswers: true,
    });
  });

  it("gives one criterion group per rating question", () => {
    const groups = buildCriterionGroups({ def, counts });
    expect(groups.map((g) => g.key)).toEqual(["TONG_THE", "THUAN_TIEN", "DUNG_HAN", "THAI_DO"]);
    expect(groups[0]).toMatchObject({ label: "Nhìn chung, Ông/Bà hài lòng thế nào với việc giải quyết hồ sơ?", mean: 2.17 });
    expect(groups[0]?.distribution).toEqual([
      { code: 3, count: 2, share: 33.33 },
      { code: 2, count: 3, share: 50 },
      { code: 1, count: 1, share: 16.67 },
    ]);
  });
});

describe("every survey file", () => {
  for (const file of readdirSync(SURVEYS).filter((f) => f.endsWith(".json"))) {
    it(`${file}: no answers give a null index, and its method keys drive the output`, () => {
      const def = load(file);
      const o = buildOverall({ def, counts: { responses: 0, questions: {} }, target: { op: ">", pct: 95 } });
      expect(o.index).toBeNull();
      expect(o.target?.met).toBeNull();
      if (def.method.index === "elements") {
        expect("elements" in o && Object.keys(o.elements)).toEqual(def.method.elements.map((e) => e.code));
      } else {
        expect("questions" in o && Object.keys(o.questions)).toContain(def.method.question);
      }
    });
  }
});
