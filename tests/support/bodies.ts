/** Factories of valid response bodies (docs/contracts.md §A response), with overrides. Pure: no database. */

/** A deterministic UUID per number: `uuid(1)` is always the same id. */
export function uuid(n: number): string {
  const hex = n.toString(16).padStart(12, "0");
  return `0193f0c2-7d1e-7c3a-9b1e-${hex}`;
}

/** A valid `danh-gia-ho-so` rating at TTHCC-Q01, with overrides. */
export function ratingBody(overrides: Record<string, unknown> = {}) {
  return {
    id: uuid(1),
    survey: "danh-gia-ho-so",
    agency: "TTHCC",
    field: "DAT_DAI",
    counter: "TTHCC-Q01",
    channel: "kiosk",
    submittedAt: "2026-08-14T09:12:00+07:00",
    locale: "vi",
    answers: { TONG_THE: 3, THUAN_TIEN: 2, DUNG_HAN: 9, Y_KIEN: "Cán bộ nhiệt tình" },
    ...overrides,
  };
}

/** A valid `sipas` interview (the docs/contracts.md example, with a few more answers), with overrides. */
export function sipasBody(overrides: Record<string, unknown> = {}) {
  return {
    id: uuid(2),
    survey: "sipas",
    agency: "TTHCC",
    field: "DAT_DAI",
    counter: "TTHCC-Q01",
    channel: "surveyor",
    submittedAt: "2026-08-14T09:12:00+07:00",
    locale: "vi",
    answers: { GIOI_TINH: 2, HL_TC: 4, PA0: 1, PA1: 5, HL_PA: 9, HL_CHUNG: 4, MONG_DOI: [3, 1], Y_KIEN: "Cán bộ nhiệt tình" },
    ...overrides,
  };
}
