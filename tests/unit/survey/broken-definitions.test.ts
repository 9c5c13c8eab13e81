/** A broken file in `surveys/` is refused with the file name and the path inside it. */
import { describe, expect, it } from "vitest";

import { loadDefinitions, parseDefinitionFile, SurveyDefinitionError } from "../../../app/survey/registry.server";
import { tmpDir, validDefinitionFile, writeFile, type DefinitionFile } from "../../support/surveys";

type Edit = (def: DefinitionFile & Record<string, unknown>) => void;

/** Writes the small valid definition changed by `edit` as `<id>.json` and returns parseDefinitionFile's error. */
function refusal(edit: Edit, name = "thu-nghiem.json"): string {
  const def = validDefinitionFile() as DefinitionFile & Record<string, unknown>;
  edit(def);
  const file = writeFile(tmpDir(), name, def);
  try {
    parseDefinitionFile(file);
  } catch (error) {
    expect(error).toBeInstanceOf(SurveyDefinitionError);
    return (error as Error).message;
  }
  throw new Error("the definition was accepted");
}

const questions = (def: DefinitionFile) => def.sections[0]!.questions as Record<string, unknown>[];

describe("parseDefinitionFile", () => {
  it("accepts the small valid definition, with zod's defaults filled in", () => {
    const file = writeFile(tmpDir(), "thu-nghiem.json", validDefinitionFile());
    const def = parseDefinitionFile(file);
    expect(def.id).toBe("thu-nghiem");
    expect(def.locales).toEqual(["vi", "en"]);
    expect(def.sections[0]!.questions[0]).toMatchObject({ code: "TONG_THE", required: true, allowNoOpinion: true, profile: false });
    expect(def.method).toMatchObject({ excludedCodes: [9] });
  });

  it("refuses a missing English label, naming the file and the path of the label", () => {
    const message = refusal((def) => {
      questions(def)[1]!.label = { vi: "Có góp ý không?" };
    });
    expect(message).toContain("surveys/thu-nghiem.json");
    expect(message).toContain("sections.0.questions.1.label.en");
  });

  it("refuses an empty Vietnamese label in Vietnamese", () => {
    const message = refusal((def) => {
      def.title = { vi: "  ", en: "Test" };
    });
    expect(message).toContain("surveys/thu-nghiem.json");
    expect(message).toContain("title.vi: thiếu nhãn tiếng Việt");
  });

  it("refuses a question code used twice", () => {
    const message = refusal((def) => {
      questions(def)[4]!.code = "TONG_THE";
    });
    expect(message).toContain("sections.0.questions.4.code");
    expect(message).toContain("«TONG_THE» bị trùng");
  });

  it("refuses a duplicate code across sections too", () => {
    const message = refusal((def) => {
      def.sections.push({ code: "them", title: { vi: "Thêm", en: "More" }, questions: [{ ...questions(def)[4]! }] } as never);
    });
    expect(message).toContain("sections.1.questions.0.code");
  });

  it("refuses a condition on a later question", () => {
    const message = refusal((def) => {
      const qs = questions(def);
      // HL_GOP_Y (conditional on GOP_Y) moved before GOP_Y.
      [qs[1], qs[2]] = [qs[2]!, qs[1]!];
    });
    expect(message).toContain("sections.0.questions.1.showIf.question");
    expect(message).toContain("«HL_GOP_Y» phụ thuộc «GOP_Y», câu này phải đứng trước");
  });

  it("refuses a condition on a code the earlier question does not have", () => {
    const message = refusal((def) => {
      questions(def)[2]!.showIf = { question: "GOP_Y", in: [3] };
    });
    expect(message).toContain("sections.0.questions.2.showIf.in");
  });

  it("refuses a condition on a text question (no codes)", () => {
    const message = refusal((def) => {
      questions(def).push({ code: "SAU_Y_KIEN", type: "yesno", showIf: { question: "Y_KIEN", in: [1] }, label: { vi: "x", en: "x" } });
    });
    expect(message).toContain("sections.0.questions.5.showIf.in");
  });

  it("refuses an unknown scale", () => {
    const message = refusal((def) => {
      questions(def)[0]!.scale = "SAT7";
    });
    expect(message).toContain("sections.0.questions.0.scale");
    expect(message).toContain("SAT7");
  });

  it("refuses a scale that uses the no-opinion code", () => {
    const message = refusal((def) => {
      def.scales.SAT3.options[0]!.code = 9;
    });
    expect(message).toContain("sections.0.questions.0.scale");
  });

  it("refuses a multi-select whose max exceeds its options", () => {
    const message = refusal((def) => {
      questions(def)[3]!.max = 4;
    });
    expect(message).toContain("sections.0.questions.3.max");
  });

  it("refuses duplicate option codes", () => {
    const message = refusal((def) => {
      (questions(def)[3]!.options as { code: number }[])[2]!.code = 1;
    });
    expect(message).toContain("sections.0.questions.3.options");
  });

  it("refuses a method that names a non-scale question", () => {
    const message = refusal((def) => {
      def.method.question = "Y_KIEN";
    });
    expect(message).toContain("method.question");
    expect(message).toContain("«Y_KIEN» phải là câu hỏi thang đo");
  });

  it("refuses a method that names a missing question", () => {
    const message = refusal((def) => {
      def.method.question = "KHONG_CO";
    });
    expect(message).toContain("method.question");
    expect(message).toContain("KHONG_CO");
  });

  it("refuses an element method whose criteria are not scale questions", () => {
    const message = refusal((def) => {
      def.method = {
        index: "elements",
        version: "thu-1",
        elements: [{ code: "TC", label: { vi: "Tiếp cận", en: "Access" }, satisfaction: "TONG_THE", criteria: ["TONG_THE", "GOP_Y"] }],
      } as never;
    });
    expect(message).toContain("method.elements.0.criteria.1");
  });

  it("refuses an unknown question type", () => {
    const message = refusal((def) => {
      questions(def)[4]!.type = "essay";
    });
    expect(message).toContain("sections.0.questions.4");
  });

  it("refuses invalid JSON, naming the file", () => {
    const file = writeFile(tmpDir(), "thu-nghiem.json", '{"id": "thu-nghiem",');
    expect(() => parseDefinitionFile(file)).toThrow(SurveyDefinitionError);
    expect(() => parseDefinitionFile(file)).toThrow(/surveys\/thu-nghiem\.json: không đọc được JSON/);
  });

  it("refuses an id that does not match the file name", () => {
    const message = refusal(() => {}, "khac.json");
    expect(message).toContain("surveys/khac.json");
    expect(message).toContain("«thu-nghiem» phải trùng tên tệp");
  });

  it("lists every problem of a file, one line each", () => {
    const message = refusal((def) => {
      questions(def)[1]!.label = { vi: "Có góp ý không?" };
      questions(def)[3]!.max = 4;
    });
    // Zod runs the cross-checks only on a file whose shape is valid; the shape problem is reported in any case.
    expect(message.split("\n").length).toBeGreaterThanOrEqual(2);
    expect(message).toContain("sections.0.questions.1.label.en");
  });
});

describe("loadDefinitions", () => {
  it("loads every .json of a directory in file-name order and ignores other files", () => {
    const dir = tmpDir();
    writeFile(dir, "b-phieu.json", validDefinitionFile("b-phieu"));
    writeFile(dir, "a-phieu.json", validDefinitionFile("a-phieu"));
    writeFile(dir, "ghi-chu.md", "# not a survey");
    expect(loadDefinitions(dir).map((d) => d.id)).toEqual(["a-phieu", "b-phieu"]);
  });

  it("stops at a broken file with its name", () => {
    const dir = tmpDir();
    writeFile(dir, "a-phieu.json", validDefinitionFile("a-phieu"));
    writeFile(dir, "hong.json", "not json");
    expect(() => loadDefinitions(dir)).toThrow(/surveys\/hong\.json/);
  });
});
