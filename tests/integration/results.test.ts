/**
 * getResults on a real SQLite file, responses stored through the real write path. Every figure below is
 * computed by hand; the roll-ups and the method module must give exactly these.
 *
 * SIPAS, ten responses in August 2026 (– = blank; PA0 = 2 hides HL_PA; GIOI_TINH 1 Nam, 2 Nữ):
 *
 *  #  | agency field   | HL_TC HL_TT HL_CC HL_KQ PA0 HL_PA | GIOI_TINH
 *  1  | A1     DAT_DAI |  5     4     5     4    1    5   | 1
 *  2  | A1     DAT_DAI |  4     4     3     4    1    2   | 1
 *  3  | A1     DAT_DAI |  3     5     4     9    2    –   | 1
 *  4  | A1     HO_TICH |  4     2     4     4    2    –   | 1
 *  5  | A1     HO_TICH |  9     4     5     5    2    –   | 2
 *  6  | A1     –       |  5     4     4     –    2    –   | 2
 *  7  | X1     HO_TICH |  2     3     4     4    1    4   | 2
 *  8  | X1     HO_TICH |  4     4     2     5    2    –   | –
 *  9  | X1     HO_TICH |  5     5     5     5    2    –   | –
 * 10  | X1     HO_TICH |  4     1     9     3    –    –   | –
 *
 * Satisfied = 4, 5; code 9 ("không có ý kiến") and blanks are out of every denominator.
 * Overall: TC 7/9 = 77.78 · TT 7/10 = 70.00 · CC 7/9 = 77.78 · KQ 7/8 = 87.50 · PA 2/3 = 66.67
 *   index = (77.78 + 70 + 77.78 + 87.5 + 66.67) / 5 = 379.72 / 5 = 75.94 (full precision: 75.9444…).
 *   Wilson 95 % for TT 7/10: centre (.7 + z²/20) / (1 + z²/10) = .644490, half-width .247715
 *   → 39.68 – 89.22. CC 7/9 → 45.26 – 93.68; KQ 7/8 → 52.91 – 97.76; PA 2/3 → 20.77 – 93.85.
 * By agency: A1 (#1–6) TC 4/5 = 80, TT 5/6 = 83.33, CC 5/6 = 83.33, KQ 4/4 = 100, PA 1/2 = 50
 *   → index 396.67 / 5 = 79.33. X1 (#7–10) TC 3/4 = 75, TT 2/4 = 50, CC 2/3 = 66.67, KQ 3/4 = 75,
 *   PA 1/1 = 100 → 366.67 / 5 = 73.33.
 * By field: DAT_DAI (#1–3) TC 2/3, TT 3/3, CC 2/3, KQ 2/2, PA 1/2 → (66.67+100+66.67+100+50)/5 = 76.67;
 *   HO_TICH (#4,5,7–10) TC 4/5 = 80, TT 3/6 = 50, CC 4/5 = 80, KQ 5/6 = 83.33, PA 1/1 = 100 → 78.67;
 *   no field (#6) TC, TT, CC 1/1 = 100, KQ and PA without data (left out) → 100.
 * Criterion HL_TC: distribution 1:0 2:1 3:1 4:4 5:3 of n = 9 → 0, 11.11, 11.11, 44.44, 33.33 %;
 *   mean (2 + 3 + 16 + 15) / 9 = 4.00; code 9 once of 10 answers given = 10.00 %.
 * By GIOI_TINH: Nam (#1–4) TC 3/4, TT 3/4, CC 3/4, KQ 3/3, PA 1/2 → (75·3 + 100 + 50)/5 = 75.00;
 *   Nữ (#5–7) TC 1/2 = 50, TT 2/3, CC 3/3, KQ 2/2, PA 1/1 → 416.67 / 5 = 83.33;
 *   not answered (#8–10) TC 3/3, TT 2/3, CC 1/2, KQ 2/3, PA – → 283.33 / 4 = 70.83.
 * Every group has fewer than 30 responses: fewAnswers, and met is null against > 95 (and ≥ 90 for land).
 */
import { describe, expect, it } from "vitest";

import { getResults, ResultsInputError } from "../../app/results/results.server";
import { registerSurveys } from "../../app/survey/registry.server";
import { allFinite, groupsOf, province, submit, surveyDefinitions, type Province } from "../support/results-fixture";

const ROWS: [string, string | undefined, number[], number | undefined, number | undefined, number | undefined][] = [
  // agency, field, [HL_TC, HL_TT, HL_CC, HL_KQ], PA0, HL_PA, GIOI_TINH
  ["A1", "DAT_DAI", [5, 4, 5, 4], 1, 5, 1],
  ["A1", "DAT_DAI", [4, 4, 3, 4], 1, 2, 1],
  ["A1", "DAT_DAI", [3, 5, 4, 9], 2, undefined, 1],
  ["A1", "HO_TICH", [4, 2, 4, 4], 2, undefined, 1],
  ["A1", "HO_TICH", [9, 4, 5, 5], 2, undefined, 2],
  ["A1", undefined, [5, 4, 4], 2, undefined, 2],
  ["X1", "HO_TICH", [2, 3, 4, 4], 1, 4, 2],
  ["X1", "HO_TICH", [4, 4, 2, 5], 2, undefined, undefined],
  ["X1", "HO_TICH", [5, 5, 5, 5], 2, undefined, undefined],
  ["X1", "HO_TICH", [4, 1, 9, 3], undefined, undefined, undefined],
];

function sipasExample(): Province {
  const p = province();
  for (const [agency, field, [TC, TT, CC, KQ], PA0, HL_PA, GIOI_TINH] of ROWS) {
    const answers = { HL_TC: TC, HL_TT: TT, HL_CC: CC, HL_KQ: KQ, PA0, HL_PA, GIOI_TINH };
    submit(p, { agency, field, answers: Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined)) });
  }
  return p;
}

const AUGUST = { survey: "sipas", from: "2026-08-01", to: "2026-08-31" };
const few = { target: { op: ">", pct: 95, met: null }, fewAnswers: true };

describe("getResults: the SIPAS worked example", () => {
  it("by none: the overall index, every element with n and its Wilson interval", () => {
    const { db, surveys } = sipasExample();
    const r = getResults(db, surveys, { ...AUGUST, by: "none" });
    expect(r).toMatchObject({ survey: "sipas", from: "2026-08-01", to: "2026-08-31", by: "none", groups: [] });
    expect(r.overall).toMatchObject({
      responses: 10,
      index: 75.94,
      elements: {
        TC: { rate: 77.78, n: 9, ciLow: 45.26, ciHigh: 93.68, fewAnswers: true },
        TT: { rate: 70, n: 10, ciLow: 39.68, ciHigh: 89.22, fewAnswers: true },
        CC: { rate: 77.78, n: 9 },
        KQ: { rate: 87.5, n: 8, ciLow: 52.91, ciHigh: 97.76 },
        PA: { rate: 66.67, n: 3, ciLow: 20.77, ciHigh: 93.85 },
      },
      ...few,
    });
  });

  it("by agency: one group per agency with responses, by code, each held to the overall target", () => {
    const { db, surveys } = sipasExample();
    const r = getResults(db, surveys, { ...AUGUST, by: "agency" });
    expect(r.overall).toMatchObject({ responses: 10, index: 75.94 });
    expect(r.groups).toMatchObject([
      { key: "A1", label: "Trung tâm Phục vụ hành chính công tỉnh", responses: 6, index: 79.33, ...few },
      { key: "X1", label: "Xã Một", responses: 4, index: 73.33, ...few },
    ]);
    expect(r.groups[0]).toMatchObject({
      elements: { TC: { rate: 80, n: 5 }, TT: { rate: 83.33, n: 6 }, CC: { rate: 83.33, n: 6 }, KQ: { rate: 100, n: 4 }, PA: { rate: 50, n: 2 } },
    });
    expect(r.groups[1]).toMatchObject({
      elements: { TC: { rate: 75, n: 4 }, TT: { rate: 50, n: 4 }, CC: { rate: 66.67, n: 3 }, KQ: { rate: 75, n: 4 }, PA: { rate: 100, n: 1 } },
    });
  });

  it("by field: land held to its own ≥ 90 target, the rest to > 95, responses without a field last", () => {
    const { db, surveys } = sipasExample();
    const r = getResults(db, surveys, { ...AUGUST, by: "field" });
    expect(r.groups).toMatchObject([
      { key: "DAT_DAI", label: "Đất đai", responses: 3, index: 76.67, target: { op: ">=", pct: 90, met: null }, fewAnswers: true },
      { key: "HO_TICH", label: "Hộ tịch", responses: 6, index: 78.67, ...few },
      { key: "", label: "(không rõ lĩnh vực)", responses: 1, index: 100, usedElements: ["TC", "TT", "CC"], ...few },
    ]);
    expect(r.groups[2]).toMatchObject({ elements: { KQ: { rate: null, n: 0 }, PA: { rate: null, n: 0 } } });
    const sectors = groupsOf(getResults(db, surveys, { ...AUGUST, by: "sector" }));
    expect(sectors.map((g) => [g.key, g.label, g.responses, g.index])).toEqual([
      ["NN_MT", "Nông nghiệp và Môi trường", 3, 76.67],
      ["TP", "Tư pháp", 6, 78.67],
      ["", "(không rõ ngành)", 1, 100],
    ]);
  });

  it("by criterion: each scale question with its distribution, mean and the excluded code apart", () => {
    const { db, surveys } = sipasExample();
    const r = getResults(db, surveys, { ...AUGUST, by: "criterion" });
    const tc = r.groups.find((g) => g.key === "HL_TC");
    expect(tc).toMatchObject({ rate: 77.78, n: 9, mean: 4, fewAnswers: true });
    expect(tc && "distribution" in tc ? [tc.distribution, tc.excluded] : null).toEqual([
      [
        { code: 1, count: 0, share: 0 },
        { code: 2, count: 1, share: 11.11 },
        { code: 3, count: 1, share: 11.11 },
        { code: 4, count: 4, share: 44.44 },
        { code: 5, count: 3, share: 33.33 },
      ],
      [{ code: 9, count: 1, share: 10 }],
    ]);
    // Every scale question of the questionnaire is a group, answered or not.
    expect(r.groups.map((g) => g.key)).toContain("TC1");
    expect(r.groups.find((g) => g.key === "TC1")).toMatchObject({ rate: null, n: 0, mean: null });
  });

  it("by a profile question (either case): one group per option, those who did not answer last", () => {
    const { db, surveys } = sipasExample();
    const r = getResults(db, surveys, { ...AUGUST, by: "gioi_tinh" });
    expect(r.by).toBe("GIOI_TINH");
    expect(groupsOf(r).map((g) => [g.key, g.label, g.responses, g.index])).toEqual([
      ["1", "Nam", 4, 75],
      ["2", "Nữ", 3, 83.33],
      ["", "(không trả lời)", 3, 70.83],
    ]);
    expect(getResults(db, surveys, { ...AUGUST, by: "GIOI_TINH", locale: "en" }).groups[0]).toMatchObject({ label: "Male" });
  });
});

describe("getResults: targets need 30 responses, and are judged on the published value", () => {
  /**
   * Counter ratings (TONG_THE: 3 Rất hài lòng, 2 Hài lòng = satisfied; 1 not). Three A1 ratings leave
   * TONG_THE blank and answer only THUAN_TIEN "9" (no opinion, out of its n) or THAI_DO.
   * A1, land: 27 satisfied + 3 not + 3 blank = 33 responses, n 30 → 90.00 %:
   *   ≥ 90 for land → met; > 95 as an agency → not met.
   * X1, civil status: 38 + 2 = 40 → 95.00 % > 95 → not met (exactly 95 is not above 95).
   * X2, civil status: 30 + 1 = 31 → 96.77 % → met; its 5 kiosk ratings alone are too few → null.
   * Civil status as a field: 68 / 71 = 95.77 % > 95 → met. Overall 95 / 101 = 94.06 % → not met.
   */
  function ratings(): Province {
    const p = province();
    const rate = (agency: string, field: string, codes: (number | undefined)[], channel: "qr" | "kiosk" = "qr") => {
      for (const TONG_THE of codes) {
        const answers = TONG_THE === undefined ? { THAI_DO: 3 } : TONG_THE === 9 ? { THUAN_TIEN: 9 } : { TONG_THE };
        submit(p, { survey: "danh-gia-ho-so", agency, field, counter: `${agency}-Q01`, channel, answers });
      }
    };
    const times = (n: number, code: number) => Array<number>(n).fill(code);
    rate("A1", "DAT_DAI", [...times(15, 3), ...times(12, 2), ...times(3, 1), 9, 9, undefined]);
    rate("X1", "HO_TICH", [...times(38, 2), ...times(2, 1)]);
    rate("X2", "HO_TICH", [...times(25, 3), 1]);
    rate("X2", "HO_TICH", times(5, 3), "kiosk");
    return p;
  }
  const Q3 = { survey: "danh-gia-ho-so", from: "2026-07-01", to: "2026-09-30" };

  it("by field: exactly 90.00 % meets ≥ 90; 95.77 % meets > 95", () => {
    const { db, surveys } = ratings();
    const r = getResults(db, surveys, { ...Q3, by: "field" });
    expect(r.overall).toMatchObject({ responses: 104, index: 94.06, target: { op: ">", pct: 95, met: false }, fewAnswers: false });
    expect(r.overall).toMatchObject({ questions: { TONG_THE: { rate: 94.06, n: 101, ciLow: 87.64, ciHigh: 97.25 } } });
    expect(r.groups).toMatchObject([
      { key: "DAT_DAI", responses: 33, index: 90, target: { op: ">=", pct: 90, met: true }, fewAnswers: false },
      { key: "HO_TICH", responses: 71, index: 95.77, target: { op: ">", pct: 95, met: true }, fewAnswers: false },
    ]);
    expect(r.groups[0]).toMatchObject({
      questions: { TONG_THE: { n: 30, ciLow: 74.38, ciHigh: 96.54 }, THUAN_TIEN: { rate: null, n: 0 }, THAI_DO: { rate: 100, n: 1 } },
    });
  });

  it("by agency: 90 % and exactly 95 % miss > 95, 96.77 % meets it", () => {
    const { db, surveys } = ratings();
    const r = getResults(db, surveys, { ...Q3, by: "agency" });
    expect(groupsOf(r).map((g) => [g.key, g.responses, g.index, g.target, g.fewAnswers])).toEqual([
      ["A1", 33, 90, { op: ">", pct: 95, met: false }, false],
      ["X1", 40, 95, { op: ">", pct: 95, met: false }, false],
      ["X2", 31, 96.77, { op: ">", pct: 95, met: true }, false],
    ]);
  });

  it("by channel and counter: a group under 30 responses is few answers, met null", () => {
    const { db, surveys } = ratings();
    const channels = groupsOf(getResults(db, surveys, { ...Q3, by: "channel" }));
    expect(channels.map((g) => [g.key, g.label, g.responses, g.index, g.target?.met, g.fewAnswers])).toEqual([
      ["qr", "qr", 99, 93.75, false, false],
      ["kiosk", "kiosk", 5, 100, null, true],
    ]);
    const counters = groupsOf(getResults(db, surveys, { ...Q3, by: "counter" }));
    expect(counters.map((g) => [g.key, g.label, g.responses])).toEqual([
      ["A1-Q01", "Quầy 1", 33],
      ["X1-Q01", "Quầy xã Một", 40],
      ["X2-Q01", "Quầy xã Hai", 31],
    ]);
  });
});

describe("getResults: periods are Vietnam calendar days", () => {
  function boundary(): Province {
    const p = province();
    const rate = (at: string) =>
      submit(p, { survey: "danh-gia-ho-so", agency: "X1", field: "HO_TICH", counter: "X1-Q01", channel: "qr", at, answers: { TONG_THE: 3 } });
    rate("2026-09-30T23:30:00+07:00"); // still 30 September in Vietnam
    rate("2026-09-30T17:30:00Z"); // = 2026-10-01T00:30+07:00: already October
    rate("2026-10-01T00:30:00+07:00");
    return p;
  }

  it("puts 2026-10-01T00:30+07:00 in Q4 and leaves it out of --to 2026-09-30", () => {
    const { db, surveys } = boundary();
    const q = getResults(db, surveys, { survey: "danh-gia-ho-so", from: "2026-07-01", to: "2026-12-31", by: "quarter" });
    expect(groupsOf(q).map((g) => [g.key, g.responses])).toEqual([
      ["2026-Q3", 1],
      ["2026-Q4", 2],
    ]);
    const to = getResults(db, surveys, { survey: "danh-gia-ho-so", from: "2026-07-01", to: "2026-09-30" });
    expect(to.overall.responses).toBe(1);
    // Part of a month, read from the day roll-ups: the same boundary.
    const days = getResults(db, surveys, { survey: "danh-gia-ho-so", from: "2026-09-30", to: "2026-10-01", by: "month" });
    expect(groupsOf(days).map((g) => [g.key, g.responses])).toEqual([
      ["2026-09", 1],
      ["2026-10", 2],
    ]);
  });

  it("gives zeros and nulls for an empty period, never NaN, with every month listed", () => {
    const { db, surveys } = boundary();
    for (const survey of ["sipas", "danh-gia-ho-so"]) {
      for (const by of ["none", "agency", "month", "criterion", "channel"]) {
        const r = getResults(db, surveys, { survey, from: "2025-01-15", to: "2025-03-31", by });
        expect(r.overall).toMatchObject({ responses: 0, index: null, fewAnswers: true });
        expect(allFinite(r)).toBe(true);
        if (by === "month")
          expect(groupsOf(r).map((g) => [g.key, g.responses, g.index])).toEqual([
            ["2025-01", 0, null],
            ["2025-02", 0, null],
            ["2025-03", 0, null],
          ]);
        if (by === "agency" || by === "channel") expect(r.groups).toEqual([]);
      }
    }
  });

  it("defaults to the year to date in Vietnam; profile breakdowns to whole months", () => {
    const { db, surveys } = boundary();
    expect(getResults(db, surveys, { survey: "sipas", today: "2026-08-20" })).toMatchObject({ from: "2026-01-01", to: "2026-08-20" });
    expect(getResults(db, surveys, { survey: "sipas", to: "2025-03-31" })).toMatchObject({ from: "2025-01-01", to: "2025-03-31" });
    expect(getResults(db, surveys, { survey: "sipas", by: "NHOM_TUOI", today: "2026-08-20" })).toMatchObject({
      from: "2026-01-01",
      to: "2026-08-31",
    });
  });
});

describe("getResults: bad input is refused with a Vietnamese message", () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    [
      "an unknown survey",
      { survey: "khong-co" },
      new RegExp(
        `^Không có khảo sát «khong-co»: chọn một trong ${surveyDefinitions()
          .map((d) => d.id)
          .join(", ")}\\.$`,
      ),
    ],
    ["an unknown breakdown", { survey: "sipas", by: "tinh" }, /^Không có cách phân tổ «tinh»: chọn một trong none, agency, .*GIOI_TINH/],
    ["a profile breakdown of a survey without profile", { survey: "danh-gia-ho-so", by: "gioi_tinh" }, /Không có cách phân tổ «gioi_tinh»/],
    ["a day that does not exist", { survey: "sipas", from: "2026-02-30", to: "2026-03-31" }, /Ngày bắt đầu «2026-02-30» không hợp lệ/],
    ["a malformed day", { survey: "sipas", to: "30/09/2026" }, /Ngày kết thúc «30\/09\/2026» không hợp lệ/],
    ["from after to", { survey: "sipas", from: "2026-10-01", to: "2026-09-30" }, /Ngày bắt đầu 2026-10-01 ở sau ngày kết thúc 2026-09-30/],
    ["a profile breakdown cut mid-month", { survey: "sipas", by: "gioi_tinh", from: "2026-07-15", to: "2026-09-30" }, /chỉ tính theo tháng trọn vẹn/],
  ];
  it.each(cases)("%s", (_name, input, message) => {
    const { db, surveys } = province();
    const call = () => getResults(db, surveys, input as { survey: string });
    expect(call).toThrow(ResultsInputError);
    expect(call).toThrow(message);
  });
});

describe("getResults: survey versions", () => {
  it("pools versions that share the method version, and otherwise reads only the latest method's", () => {
    const sipas = surveyDefinitions().find((d) => d.id === "sipas")!;
    const first = province();
    submit(first, { agency: "A1", answers: { HL_TC: 5 } });
    const second = { db: first.db, surveys: registerSurveys(first.db, [{ ...sipas, version: 2 }]) };
    submit(second, { agency: "A1", answers: { HL_TC: 1 } });
    expect(getResults(second.db, second.surveys, AUGUST).overall).toMatchObject({ responses: 2, elements: { TC: { rate: 50, n: 2 } } });

    const method = { ...sipas.method, version: "phuong-phap-moi" };
    const third = { db: first.db, surveys: registerSurveys(first.db, [{ ...sipas, version: 3, method }]) };
    submit(third, { agency: "A1", answers: { HL_TC: 4 } });
    const latest = getResults(third.db, third.surveys, AUGUST);
    expect(latest.overall).toMatchObject({ responses: 1, elements: { TC: { rate: 100, n: 1 } } });
    // A process still holding the first registry reads the same: versions come from the database.
    expect(getResults(first.db, first.surveys, AUGUST)).toEqual(latest);
  });
});
