/** PHIEN_HA as a distribution and MONG_DOI as a ranking, from counts, on the real SIPAS definition. */
import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { buildChoiceShares, buildExpectations, optionShares } from "../../../app/method";
import { surveyDefinitionSchema } from "../../../app/survey/definition";

const sipas = surveyDefinitionSchema.parse(JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../../surveys/sipas.json"), "utf8")));

describe("optionShares / buildChoiceShares (PHIEN_HA)", () => {
  it("shares of those who answered, every option pre-seeded, published with 2 decimals", () => {
    // 2 Không có, 1 Có một số, 0 Có nhiều → 66.67 / 33.33 / 0.
    expect(optionShares(sipas, "PHIEN_HA", { 1: 2, 2: 1 }).options.map((o) => [o.code, o.count])).toEqual([
      [1, 2],
      [2, 1],
      [3, 0],
    ]);
    expect(buildChoiceShares({ def: sipas, question: "PHIEN_HA", counts: { 1: 2, 2: 1 } })).toEqual({
      n: 3,
      fewAnswers: true,
      options: [
        { code: 1, label: "Không có", count: 2, share: 66.67 },
        { code: 2, label: "Có một số", count: 1, share: 33.33 },
        { code: 3, label: "Có nhiều", count: 0, share: 0 },
      ],
    });
  });

  it("nobody answering gives null shares, never NaN; 30 answers are enough", () => {
    expect(buildChoiceShares({ def: sipas, question: "PHIEN_HA", counts: undefined })).toMatchObject({ n: 0, fewAnswers: true });
    expect(buildChoiceShares({ def: sipas, question: "PHIEN_HA", counts: undefined }).options.every((o) => o.share === null)).toBe(true);
    expect(buildChoiceShares({ def: sipas, question: "PHIEN_HA", counts: { 1: 30 } })).toMatchObject({ n: 30, fewAnswers: false });
    expect(() => optionShares(sipas, "MONG_DOI", {})).toThrow(/không phải câu hỏi chọn một/);
  });
});

describe("buildExpectations (MONG_DOI)", () => {
  it("ranks options by the share of respondents (ties share a rank), labels in the request's language", () => {
    // 3 respondents; option 2 ticked by all three, 5 and 1 by two, the rest by none.
    const built = buildExpectations({ def: sipas, question: "MONG_DOI", ticks: { 2: 3, 5: 2, 1: 2 }, respondents: 3, locale: "en" });
    expect(built.respondents).toBe(3);
    expect(built.options.slice(0, 4).map((o) => [o.code, o.share, o.rank])).toEqual([
      [2, 100, 1],
      [1, 66.67, 2],
      [5, 66.67, 2],
      [3, 0, 4],
    ]);
    expect(built.options[0]?.label).toMatch(/^[A-Z][a-z]/);
    expect(
      buildExpectations({ def: sipas, question: "MONG_DOI", ticks: undefined, respondents: 0 }).options.every(
        (o) => o.share === null && o.rank === null,
      ),
    ).toBe(true);
  });
});
