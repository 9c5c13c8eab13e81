/** answersFromForm: the form fields of the QR page (named by question code) → raw answers for checkAnswers. */
import { describe, expect, it } from "vitest";

import { answersFromForm, checkAnswers } from "../../../app/survey/response";
import { realDefinition } from "../../support/surveys";

const dossier = realDefinition("danh-gia-ho-so");
const sipas = realDefinition("sipas");

function formData(entries: [string, string][]): FormData {
  const form = new FormData();
  for (const [k, v] of entries) form.append(k, v);
  return form;
}

describe("answersFromForm", () => {
  it("reads codes as numbers and text as given; ignores fields that are not questions", () => {
    const form = formData([
      ["_rid", "0193f0c2-7d1e-7c3a-9b1e-6a2f3c4d5e6f"],
      ["TONG_THE", "3"],
      ["THUAN_TIEN", " 2 "],
      ["Y_KIEN", "  Cán bộ nhiệt tình "],
      ["KHONG_CO", "1"],
    ]);
    expect(answersFromForm(dossier, form)).toEqual({ TONG_THE: 3, THUAN_TIEN: 2, Y_KIEN: "  Cán bộ nhiệt tình " });
  });

  it("treats empty strings and missing fields as blanks", () => {
    const form = formData([
      ["TONG_THE", ""],
      ["THUAN_TIEN", "   "],
      ["Y_KIEN", ""],
    ]);
    expect(answersFromForm(dossier, form)).toEqual({});
    expect(answersFromForm(dossier, new FormData())).toEqual({});
  });

  it("collects every checked box of a multi-select; blanks among them are dropped", () => {
    const form = formData([
      ["MONG_DOI", "5"],
      ["MONG_DOI", ""],
      ["MONG_DOI", "2"],
    ]);
    expect(answersFromForm(sipas, form)).toEqual({ MONG_DOI: [5, 2] });
    expect(answersFromForm(sipas, formData([["MONG_DOI", ""]]))).toEqual({});
  });

  it("keeps what is not a number as a string, so that checkAnswers refuses it by name", () => {
    const raw = answersFromForm(
      dossier,
      formData([
        ["TONG_THE", "abc"],
        ["THUAN_TIEN", "2.5"],
      ]),
    );
    expect(raw).toEqual({ TONG_THE: "abc", THUAN_TIEN: "2.5" });
    const checked = checkAnswers(dossier, raw, { requireRequired: true });
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.issues.map((i) => `${i.question}:${i.key}`)).toEqual(["TONG_THE:notCode", "THUAN_TIEN:notCode"]);
    const multi = answersFromForm(
      sipas,
      formData([
        ["MONG_DOI", "1"],
        ["MONG_DOI", "x"],
      ]),
    );
    expect(multi).toEqual({ MONG_DOI: [1, "x"] });
    expect(checkAnswers(sipas, multi, { requireRequired: false }).ok).toBe(false);
  });

  it("takes the first filled value of a one-answer question", () => {
    expect(
      answersFromForm(
        dossier,
        formData([
          ["TONG_THE", ""],
          ["TONG_THE", "2"],
          ["TONG_THE", "1"],
        ]),
      ),
    ).toEqual({ TONG_THE: 2 });
  });

  it("reads yes/no and single choices, and URLSearchParams as well as FormData", () => {
    const params = new URLSearchParams([
      ["PA0", "1"],
      ["PA1", "4"],
      ["GIOI_TINH", "2"],
      ["MONG_DOI", "3"],
      ["MONG_DOI", "1"],
    ]);
    const raw = answersFromForm(sipas, params);
    expect(raw).toEqual({ GIOI_TINH: 2, PA0: 1, PA1: 4, MONG_DOI: [3, 1] });
    expect(checkAnswers(sipas, raw, { requireRequired: false })).toEqual({
      ok: true,
      answers: { GIOI_TINH: 2, PA0: 1, PA1: 4, MONG_DOI: [1, 3] },
    });
  });

  it("a form that checks the whole flow: valid form → checked answers", () => {
    const raw = answersFromForm(
      dossier,
      formData([
        ["TONG_THE", "1"],
        ["THAI_DO", "9"],
        ["Y_KIEN", " Chờ lâu "],
      ]),
    );
    expect(checkAnswers(dossier, raw, { requireRequired: true })).toEqual({
      ok: true,
      answers: { TONG_THE: 1, THAI_DO: 9, Y_KIEN: "Chờ lâu" },
    });
  });
});
