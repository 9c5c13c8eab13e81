/** checkAnswers: the answer rules every channel shares, on the real definitions. */
import { describe, expect, it } from "vitest";

import { answerRows, checkAnswers, isShown, type AnswerIssue } from "../../../app/survey/response";
import { realDefinition } from "../../support/surveys";

const dossier = realDefinition("danh-gia-ho-so");
const sipas = realDefinition("sipas");
const api = { requireRequired: false };
const form = { requireRequired: true };

function issues(result: ReturnType<typeof checkAnswers>): AnswerIssue[] {
  return result.ok ? [] : result.issues;
}

describe("checkAnswers: valid answers", () => {
  it("accepts a full sipas interview and normalises it (multi sorted, text NFC and trimmed)", () => {
    const nfd = "  Cán bộ nhiệt tình  ".normalize("NFD");
    const result = checkAnswers(
      sipas,
      { GIOI_TINH: 2, NHOM_TUOI: 5, TC1: 4, HL_TC: 9, PA0: 1, PA1: 5, HL_PA: 4, PHIEN_HA: 1, HL_CHUNG: 5, MONG_DOI: [8, 1, 3], Y_KIEN: nfd },
      api,
    );
    expect(result).toEqual({
      ok: true,
      answers: {
        GIOI_TINH: 2,
        NHOM_TUOI: 5,
        TC1: 4,
        HL_TC: 9,
        PA0: 1,
        PA1: 5,
        HL_PA: 4,
        PHIEN_HA: 1,
        HL_CHUNG: 5,
        MONG_DOI: [1, 3, 8],
        Y_KIEN: "Cán bộ nhiệt tình".normalize("NFC"),
      },
    });
    if (result.ok) expect(result.answers.Y_KIEN).not.toBe(nfd.trim());
  });

  it("accepts an empty response through the API (paper blanks), and treats null and '' as blanks", () => {
    expect(checkAnswers(sipas, {}, api)).toEqual({ ok: true, answers: {} });
    expect(checkAnswers(dossier, { TONG_THE: 2, THUAN_TIEN: null, DUNG_HAN: "", Y_KIEN: "" }, api)).toEqual({
      ok: true,
      answers: { TONG_THE: 2 },
    });
  });

  it("keeps tabs and new lines in a comment", () => {
    const result = checkAnswers(dossier, { Y_KIEN: "Dòng 1\nDòng 2\r\n\tthụt lề" }, api);
    expect(result).toEqual({ ok: true, answers: { Y_KIEN: "Dòng 1\nDòng 2\r\n\tthụt lề" } });
  });
});

describe("checkAnswers: refusals", () => {
  it("refuses a question the survey does not have", () => {
    const result = checkAnswers(dossier, { TONG_THE: 3, HL_TC: 4 }, api);
    expect(issues(result)).toEqual([{ question: "HL_TC", key: "unknownQuestion" }]);
    // The valid answers are still returned, for a form to re-render.
    expect(result.answers).toEqual({ TONG_THE: 3 });
  });

  it("refuses a code out of range on every type", () => {
    expect(issues(checkAnswers(dossier, { THUAN_TIEN: 4 }, api))).toEqual([
      { question: "THUAN_TIEN", key: "codeNotAllowed", params: { value: 4, allowed: "3, 2, 1, 9" } },
    ]);
    expect(issues(checkAnswers(sipas, { HL_TC: 0 }, api))).toEqual([
      { question: "HL_TC", key: "codeNotAllowed", params: { value: 0, allowed: "1, 2, 3, 4, 5, 9" } },
    ]);
    expect(issues(checkAnswers(sipas, { GIOI_TINH: 3 }, api))).toMatchObject([{ question: "GIOI_TINH", key: "codeNotAllowed" }]);
    expect(issues(checkAnswers(sipas, { PA0: 3 }, api))).toMatchObject([{ question: "PA0", key: "codeNotAllowed" }]);
    expect(issues(checkAnswers(sipas, { MONG_DOI: [1, 9] }, api))).toMatchObject([
      { question: "MONG_DOI", key: "codeNotAllowed", params: { value: 9 } },
    ]);
  });

  it("accepts the no-opinion code 9 only on scale questions that allow it", () => {
    expect(checkAnswers(dossier, { THUAN_TIEN: 9, DUNG_HAN: 9, THAI_DO: 9 }, api).ok).toBe(true);
    expect(checkAnswers(sipas, { TC1: 9, HL_CHUNG: 9 }, api).ok).toBe(true);
    // TONG_THE has allowNoOpinion: false.
    expect(issues(checkAnswers(dossier, { TONG_THE: 9 }, api))).toEqual([
      { question: "TONG_THE", key: "codeNotAllowed", params: { value: 9, allowed: "3, 2, 1" } },
    ]);
    // Not a scale question: 9 is not one of its codes.
    expect(issues(checkAnswers(sipas, { GIOI_TINH: 9, PA0: 9, PHIEN_HA: 9 }, api)).map((i) => i.key)).toEqual([
      "codeNotAllowed",
      "codeNotAllowed",
      "codeNotAllowed",
    ]);
  });

  it("refuses non-integer codes and codes sent as strings", () => {
    for (const value of [2.5, "3", true, { code: 3 }, Number.NaN]) {
      expect(issues(checkAnswers(dossier, { TONG_THE: value }, api)), String(value)).toEqual([
        { question: "TONG_THE", key: "notCode", params: { allowed: "3, 2, 1" } },
      ]);
    }
    expect(issues(checkAnswers(sipas, { GIOI_TINH: "Nam" }, api))).toMatchObject([{ question: "GIOI_TINH", key: "notCode" }]);
    expect(issues(checkAnswers(sipas, { MONG_DOI: [1, "2"] }, api))).toMatchObject([{ question: "MONG_DOI", key: "notCode" }]);
  });

  it("refuses a single code or a list where the other is expected", () => {
    expect(issues(checkAnswers(sipas, { MONG_DOI: 1 }, api))).toEqual([{ question: "MONG_DOI", key: "notList" }]);
    expect(issues(checkAnswers(sipas, { HL_TC: [4] }, api))).toMatchObject([{ question: "HL_TC", key: "notCode" }]);
  });

  it("refuses too many choices, a duplicate choice and an empty list", () => {
    expect(issues(checkAnswers(sipas, { MONG_DOI: [1, 2, 3, 4] }, api))).toEqual([
      { question: "MONG_DOI", key: "tooManyChoices", params: { max: 3, count: 4 } },
    ]);
    expect(issues(checkAnswers(sipas, { MONG_DOI: [2, 2] }, api))).toEqual([{ question: "MONG_DOI", key: "duplicateChoice" }]);
    expect(issues(checkAnswers(sipas, { MONG_DOI: [] }, api))).toEqual([{ question: "MONG_DOI", key: "emptyList" }]);
    expect(checkAnswers(sipas, { MONG_DOI: [8, 2, 5] }, api)).toEqual({ ok: true, answers: { MONG_DOI: [2, 5, 8] } });
  });

  it("counts a comment's length in characters, not UTF-16 units or combining marks", () => {
    // danh-gia-ho-so: Y_KIEN maxLength 1000.
    const emoji = "😀".repeat(1000); // 2000 UTF-16 units, 1000 characters
    expect(checkAnswers(dossier, { Y_KIEN: emoji }, api)).toEqual({ ok: true, answers: { Y_KIEN: emoji } });
    expect(issues(checkAnswers(dossier, { Y_KIEN: `${emoji}😀` }, api))).toEqual([
      { question: "Y_KIEN", key: "textTooLong", params: { max: 1000, length: 1001 } },
    ]);
    // "ệ" decomposed is 3 code points; composed (NFC) it is one character.
    const decomposed = "ệ".normalize("NFD").repeat(1000);
    expect(decomposed.length).toBe(3000);
    expect(checkAnswers(dossier, { Y_KIEN: decomposed }, api)).toEqual({ ok: true, answers: { Y_KIEN: "ệ".repeat(1000) } });
    expect(issues(checkAnswers(dossier, { Y_KIEN: "a".repeat(1001) }, api))).toMatchObject([{ key: "textTooLong" }]);
    // Surrounding spaces are trimmed before counting.
    expect(checkAnswers(dossier, { Y_KIEN: ` ${"a".repeat(1000)} ` }, api).ok).toBe(true);
  });

  it("refuses control characters and non-strings in a comment", () => {
    for (const value of ["Tốt\u0000", "a\u0007b", "\u001bx", "x\u007f", "a\u000bb"]) {
      expect(issues(checkAnswers(dossier, { Y_KIEN: value }, api)), JSON.stringify(value)).toEqual([{ question: "Y_KIEN", key: "notText" }]);
    }
    expect(issues(checkAnswers(dossier, { Y_KIEN: 42 }, api))).toEqual([{ question: "Y_KIEN", key: "notText" }]);
    expect(issues(checkAnswers(dossier, { Y_KIEN: ["a"] }, api))).toEqual([{ question: "Y_KIEN", key: "notText" }]);
  });

  it("reports every problem, in definition order", () => {
    const result = checkAnswers(sipas, { Y_KIEN: 1, XYZ: 1, GIOI_TINH: 7, MONG_DOI: [] }, api);
    expect(issues(result).map((i) => `${i.question}:${i.key}`)).toEqual([
      "XYZ:unknownQuestion",
      "GIOI_TINH:codeNotAllowed",
      "MONG_DOI:emptyList",
      "Y_KIEN:notText",
    ]);
  });
});

describe("checkAnswers: conditional questions", () => {
  it("refuses PA1–PA4 and HL_PA when PA0 = 2 (Không), naming PA0", () => {
    const result = checkAnswers(sipas, { PA0: 2, PA1: 4, HL_PA: 5, HL_CHUNG: 4 }, api);
    expect(issues(result)).toEqual([
      { question: "PA1", key: "hiddenAnswered", params: { parent: "PA0" } },
      { question: "HL_PA", key: "hiddenAnswered", params: { parent: "PA0" } },
    ]);
    expect(result.answers).toEqual({ PA0: 2, HL_CHUNG: 4 });
  });

  it("refuses PA1 when PA0 is missing or itself invalid", () => {
    expect(issues(checkAnswers(sipas, { PA1: 4 }, api))).toEqual([{ question: "PA1", key: "hiddenAnswered", params: { parent: "PA0" } }]);
    expect(issues(checkAnswers(sipas, { PA0: 7, PA1: 4 }, api)).map((i) => `${i.question}:${i.key}`)).toEqual([
      "PA0:codeNotAllowed",
      "PA1:hiddenAnswered",
    ]);
  });

  it("accepts PA1–PA4 and HL_PA when PA0 = 1, and blanks for hidden questions", () => {
    expect(checkAnswers(sipas, { PA0: 1, PA1: 4, PA2: 5, PA3: 9, PA4: 1, HL_PA: 4 }, api).ok).toBe(true);
    expect(checkAnswers(sipas, { PA0: 2, PA1: null, PA2: "" }, api)).toEqual({ ok: true, answers: { PA0: 2 } });
  });

  it("isShown follows the checked parent value", () => {
    const pa1 = sipas.sections.flatMap((s) => s.questions).find((q) => q.code === "PA1")!;
    expect(isShown(pa1, { PA0: 1 })).toBe(true);
    expect(isShown(pa1, { PA0: 2 })).toBe(false);
    expect(isShown(pa1, { PA0: "1" })).toBe(false);
    expect(isShown(pa1, {})).toBe(false);
  });
});

describe("checkAnswers: required questions", () => {
  it("insists on required answers only for interactive forms", () => {
    expect(checkAnswers(dossier, { THUAN_TIEN: 2 }, api).ok).toBe(true);
    expect(issues(checkAnswers(dossier, { THUAN_TIEN: 2 }, form))).toEqual([{ question: "TONG_THE", key: "required" }]);
    expect(issues(checkAnswers(dossier, { TONG_THE: "", THUAN_TIEN: 2 }, form))).toEqual([{ question: "TONG_THE", key: "required" }]);
    expect(checkAnswers(dossier, { TONG_THE: 1 }, form)).toEqual({ ok: true, answers: { TONG_THE: 1 } });
    expect(issues(checkAnswers(sipas, {}, form))).toEqual([{ question: "HL_CHUNG", key: "required" }]);
  });
});

describe("edge cases found in review", () => {
  it("a comment of spaces only is a blank (stored as missing), not an empty text", () => {
    // Today "   " passes the blank test of checkAnswers, is trimmed to "" and stored as an answer row with text "".
    expect(checkAnswers(dossier, { TONG_THE: 3, Y_KIEN: "   " }, api)).toEqual({ ok: true, answers: { TONG_THE: 3 } });
  });
});

describe("answerRows", () => {
  it("gives one long-format row per answer, one per multi option, the text in `text`", () => {
    const checked = checkAnswers(sipas, { MONG_DOI: [3, 1], HL_TC: 4, Y_KIEN: "Tốt", PA0: 2 }, api);
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    expect(answerRows(sipas, checked.answers)).toEqual([
      { question: "HL_TC", code: 4, text: null },
      { question: "PA0", code: 2, text: null },
      { question: "MONG_DOI", code: 1, text: null },
      { question: "MONG_DOI", code: 3, text: null },
      { question: "Y_KIEN", code: null, text: "Tốt" },
    ]);
  });
});
