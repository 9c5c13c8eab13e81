/** issueMessage: ingest issues → sentences naming the question or the field, in the reader's language. */
import { describe, expect, it } from "vitest";

import { fixedT } from "../../../app/i18n/i18n";
import { issueMessage } from "../../../app/responses/messages";
import { checkAnswers } from "../../../app/survey/response";
import { realDefinition } from "../../support/surveys";

const vi = fixedT("vi");
const en = fixedT("en");

describe("issueMessage", () => {
  it("names the question and the allowed codes in Vietnamese", () => {
    expect(issueMessage(vi, { key: "codeNotAllowed", params: { question: "TONG_THE", value: 7, allowed: "3, 2, 1" } })).toBe(
      "Câu hỏi «TONG_THE»: mã 7 không hợp lệ, chỉ nhận 3, 2, 1.",
    );
    expect(issueMessage(vi, { key: "unknownQuestion", params: { question: "HL_XYZ" } })).toBe("Câu hỏi «HL_XYZ» không có trong phiếu.");
    expect(issueMessage(vi, { key: "hiddenAnswered", params: { question: "PA1", parent: "PA0" } })).toBe(
      "Câu hỏi «PA1» chỉ được trả lời khi «PA0» có câu trả lời phù hợp.",
    );
    expect(issueMessage(vi, { key: "tooManyChoices", params: { question: "MONG_DOI", max: 3, count: 4 } })).toBe(
      "Câu hỏi «MONG_DOI»: chọn tối đa 3, nhận được 4.",
    );
    expect(issueMessage(vi, { key: "textTooLong", params: { question: "Y_KIEN", max: 1000, length: 1001 } })).toBe(
      "Câu hỏi «Y_KIEN»: dài quá 1000 ký tự (nhận được 1001).",
    );
  });

  it("names the directory code that is unknown", () => {
    expect(issueMessage(vi, { key: "unknownAgency", params: { value: "ABC" } })).toBe("Không có cơ quan «ABC».");
    expect(issueMessage(vi, { key: "unknownSurvey", params: { value: "khong-co" } })).toBe("Không có phiếu khảo sát «khong-co».");
    expect(issueMessage(vi, { key: "counterNotInAgency", params: { value: "SO_TP-Q01", agency: "TTHCC" } })).toBe(
      "Quầy «SO_TP-Q01» không thuộc cơ quan «TTHCC».",
    );
  });

  it("falls back to the generic field sentence for an unexpected key", () => {
    expect(issueMessage(vi, { key: "somethingNew", params: { field: "agency" } })).toBe("Trường «agency» thiếu hoặc không hợp lệ.");
  });

  it("does not escape the text it interpolates (the CLI and the API print it as is)", () => {
    expect(issueMessage(vi, { key: "unknownField", params: { value: "A&B<1>" } })).toBe("Không có lĩnh vực «A&B<1>».");
  });

  it("has a Vietnamese sentence for every issue key checkAnswers can produce", () => {
    const def = realDefinition("sipas");
    const result = checkAnswers(
      def,
      { XYZ: 1, GIOI_TINH: "a", NHOM_TUOI: 7, MONG_DOI: 1, PA1: 3, Y_KIEN: 3, HL_CHUNG: null },
      { requireRequired: true },
    );
    expect(result.ok).toBe(false);
    for (const issue of result.ok ? [] : result.issues) {
      const text = issueMessage(vi, { key: issue.key, params: { question: issue.question, ...issue.params } });
      expect(text, issue.key).toContain(`«${issue.question}»`);
      expect(text, issue.key).not.toContain("validation.");
      expect(text, issue.key).not.toContain("{{");
    }
  });

  it("speaks English with the English t", () => {
    const text = issueMessage(en, { key: "unknownAgency", params: { value: "ABC" } });
    expect(text).toContain("ABC");
    expect(text).not.toBe(issueMessage(vi, { key: "unknownAgency", params: { value: "ABC" } }));
  });
});
