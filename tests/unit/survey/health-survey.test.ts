/** A third definition, written only as data (surveys/y-te.json, Sở Y tế): the same engine loads and checks it. */
import path from "node:path";
import { describe, expect, it } from "vitest";

import { mergeSection, pruneHidden, sectionIssues } from "../../../app/field/interview";
import { parseDefinitionFile, SURVEYS_DIR } from "../../../app/survey/registry.server";
import { buildResponseSchema, checkAnswers } from "../../../app/survey/response";

const def = parseDefinitionFile(path.join(SURVEYS_DIR, "y-te.json"));

describe("the public health services survey (surveys/y-te.json)", () => {
  it("is a valid definition with its own questions and method", () => {
    expect(def.id).toBe("y-te");
    expect(def.method.index).toBe("elements");
    expect(def.sections.flatMap((s) => s.questions.map((q) => q.code))).toContain("QUAY_LAI");
  });

  it("accepts good answers and refuses bad ones with the engine's own issue keys", () => {
    expect(checkAnswers(def, { HL_CHUNG: 5, HINH_THUC: 2, BHYT: 1, CC1: 9, QUAY_LAI: 1, Y_KIEN: "Sạch sẽ" }, { requireRequired: true }).ok).toBe(true);
    const bad = checkAnswers(def, { HL_CHUNG: 7, HL_TC: 9, TC9: 1 }, { requireRequired: true });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => `${i.question}:${i.key}`).sort()).toEqual(["HL_CHUNG:codeNotAllowed", "TC9:unknownQuestion"]);
    expect(checkAnswers(def, {}, { requireRequired: true }).ok).toBe(false);
  });

  it("validates a whole tablet response through the same schema as the API", () => {
    const body = { id: "0193f0c2-7d1e-7c3a-9b1e-6a2f3c4d5e6f", survey: "y-te", agency: "SO_YT", channel: "surveyor", submittedAt: "2026-08-14T09:12:00+07:00", locale: "vi", answers: { HL_CHUNG: 4 } };
    expect(buildResponseSchema(def).safeParse(body).success).toBe(true);
    expect(buildResponseSchema(def).safeParse({ ...body, survey: "sipas" }).success).toBe(false);
  });

  it("drives the tablet's screen logic like any other definition", () => {
    const section = def.sections.at(-1)!;
    const form = new URLSearchParams([["HL_CHUNG", "5"], ["QUAY_LAI", "1"]]);
    const answers = mergeSection(def, section, { GIOI_TINH: 2 }, form as unknown as FormData);
    expect(answers).toEqual({ GIOI_TINH: 2, HL_CHUNG: 5, QUAY_LAI: 1 });
    expect(sectionIssues(def, section, answers)).toEqual([]);
    expect(sectionIssues(def, section, {}).map((i) => i.question)).toEqual(["HL_CHUNG"]);
    expect(pruneHidden(def, answers)).toEqual(answers);
  });
});
