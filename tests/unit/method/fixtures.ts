/**
 * Small definitions for the method tests, validated by the real schema so they cannot drift from it,
 * and `countAnswers`, which does in memory what the roll-up queries do in SQL: answers → counts.
 */
import { surveyDefinitionSchema, type SurveyDefinition } from "../../../app/survey/definition";
import type { GroupCounts } from "../../../app/method";

const l = (vi: string) => ({ vi, en: vi });
const sat5 = (code: string) => ({ code, type: "scale", scale: "SAT5", label: l(code) });

/** A SIPAS-shaped survey with three elements (TC, TT, PA), PA asked only after PA0 = 1. */
export function miniSipas(overrides: { elementSource?: "satisfaction" | "criteria"; weights?: [number, number, number] } = {}): SurveyDefinition {
  const [wTC, wTT, wPA] = overrides.weights ?? [1, 1, 1];
  return surveyDefinitionSchema.parse({
    id: "mini-sipas",
    version: 1,
    title: l("Khảo sát thử"),
    noOpinion: { code: 9, label: l("Không có ý kiến") },
    scales: {
      SAT5: {
        label: l("Thang 5 mức"),
        options: [1, 2, 3, 4, 5].map((code) => ({ code, label: l(`Mức ${code}`) })),
        satisfied: [4, 5],
      },
    },
    sections: [
      {
        code: "b",
        title: l("Phần B"),
        questions: [
          sat5("TC1"),
          sat5("TC2"),
          sat5("HL_TC"),
          sat5("TT1"),
          sat5("HL_TT"),
          { code: "PA0", type: "yesno", label: l("Có góp ý không?") },
          { ...sat5("PA1"), showIf: { question: "PA0", in: [1] } },
          { ...sat5("HL_PA"), showIf: { question: "PA0", in: [1] } },
          {
            code: "MONG_DOI",
            type: "multi",
            max: 3,
            label: l("Mong đợi"),
            options: [1, 2, 3, 4].map((code) => ({ code, label: l(`Mong đợi ${code}`) })),
          },
        ],
      },
    ],
    method: {
      index: "elements",
      version: "mini-2023",
      elementSource: overrides.elementSource ?? "satisfaction",
      elements: [
        { code: "TC", label: l("Tiếp cận"), satisfaction: "HL_TC", criteria: ["TC1", "TC2"], weight: wTC },
        { code: "TT", label: l("Thủ tục"), satisfaction: "HL_TT", criteria: ["TT1"], weight: wTT },
        { code: "PA", label: l("Phản ánh"), satisfaction: "HL_PA", criteria: ["PA1"], weight: wPA },
      ],
    },
  });
}

type Answers = Record<string, number | number[]>;

/** Answers → the per-group counts bundle; a multi-select adds one to each ticked code. */
export function countAnswers(responses: readonly Answers[]): GroupCounts {
  const questions: Record<string, Record<number, number>> = {};
  for (const answers of responses) {
    for (const [q, value] of Object.entries(answers)) {
      const bucket = (questions[q] ??= {});
      for (const code of Array.isArray(value) ? value : [value]) bucket[code] = (bucket[code] ?? 0) + 1;
    }
  }
  return { responses: responses.length, questions };
}

/** `n` responses to one question: `satisfied` of them 4, the rest 2. */
export function uniform(question: string, n: number, satisfied: number): GroupCounts {
  return { responses: n, questions: { [question]: { 4: satisfied, 2: n - satisfied } } };
}
