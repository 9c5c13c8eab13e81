/** The tablet interview's screen logic on the SIPAS definition: conditional questions and MONG_DOI ≤ 3. */
import path from "node:path";
import { describe, expect, it } from "vitest";

import { mergeSection, pruneHidden, responseBody, sectionIssues, shownQuestions } from "../../../app/field/interview";
import { parseDefinitionFile, SURVEYS_DIR } from "../../../app/survey/registry.server";

const def = parseDefinitionFile(path.join(SURVEYS_DIR, "sipas.json"));
const section = (code: string) => def.sections.find((s) => s.code === code)!;
const form = (pairs: [string, string][]) => new URLSearchParams(pairs) as unknown as FormData;

describe("tablet interview logic (sipas)", () => {
  it("asks PA1–PA4 and HL_PA only after PA0 = 1, and drops their answers when PA0 changes", () => {
    const s = section("gop-y");
    expect(shownQuestions(s, {}).map((q) => q.code)).toEqual(["PA0"]);
    const yes = mergeSection(
      def,
      s,
      {},
      form([
        ["PA0", "1"],
        ["PA1", "5"],
        ["HL_PA", "4"],
      ]),
    );
    expect(shownQuestions(s, yes).map((q) => q.code)).toEqual(["PA0", "PA1", "PA2", "PA3", "PA4", "HL_PA"]);
    expect(pruneHidden(def, { ...yes, PA0: 2 })).toEqual({ PA0: 2 });
  });

  it("refuses more than 3 expectations on the screen, with the definition's rule", () => {
    const s = section("tong-the");
    const answers = mergeSection(
      def,
      s,
      {},
      form([
        ["HL_CHUNG", "4"],
        ["MONG_DOI", "1"],
        ["MONG_DOI", "2"],
        ["MONG_DOI", "3"],
        ["MONG_DOI", "4"],
      ]),
    );
    expect(sectionIssues(def, s, answers).map((i) => `${i.question}:${i.key}`)).toEqual(["MONG_DOI:tooManyChoices"]);
  });

  it("builds the docs/contracts.md body with channel surveyor, refusing a missing required answer", () => {
    const target = { survey: "sipas", agency: "TTHCC", field: "DAT_DAI" };
    const ok = responseBody(def, target, "0193f0c2-7d1e-7c3a-9b1e-6a2f3c4d5e6f", { HL_CHUNG: 5 }, new Date("2026-08-14T02:00:00Z"));
    expect(ok.ok && ok.body).toMatchObject({ channel: "surveyor", field: "DAT_DAI", submittedAt: "2026-08-14T02:00:00.000Z" });
    expect(responseBody(def, target, "0193f0c2-7d1e-7c3a-9b1e-6a2f3c4d5e6f", {}, new Date()).ok).toBe(false);
  });
});
