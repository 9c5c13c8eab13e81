/**
 * Extreme periods (issue 16, finding 7): `period=0000`, `0001`, `9999` and custom ranges touching year 1 or
 * 9999 answered 500 on the dashboard, the agency page, the figures spreadsheet and the publishing preview —
 * the period before year 1, or the day after 9999-12-31, left the four-digit years the arithmetic handles.
 * Years are now bounded (FIRST_YEAR–LAST_YEAR) where days and period keys are read: a refused period is a
 * clear Vietnamese message, never a 5xx, and the periods at the bounds themselves still work.
 */
import { afterEach, describe, expect, it } from "vitest";

import { FIRST_YEAR, isDay, isPeriodKey, LAST_YEAR, parseDay, periodRange, previousRange } from "../../app/method/period";
import { loader as resultsLoader } from "../../app/routes/api.v1.results";
import { loader as agencyLoader } from "../../app/routes/quan-tri.co-quan.$code";
import { loader as publishLoader } from "../../app/routes/quan-tri.cong-bo";
import { loader as commentsLoader } from "../../app/routes/quan-tri.gop-y._index";
import { loader as dashboardLoader } from "../../app/routes/quan-tri._index";
import { loader as fileLoader } from "../../app/routes/quan-tri_.bao-cao.$file";
import { createApiKey } from "../../app/auth/api-keys.server";
import { provideServices } from "../../app/services.server";
import { generateResponses } from "../../db/seed/generate";
import { settle } from "../support/route";
import { providedDemoServices, type TestServices } from "../support/services";
import { args, get, staff, type Staff } from "../support/staff";

const SECRET = "x".repeat(40);
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

const EXTREME_KEYS = ["0000", "0001", "9999", "0001-01", "9999-12", "0001-Q1", "9999-H2", "1999", "2100"];
const EXTREME_RANGES = [
  ["0001-01-01", "0001-02-01"],
  ["9999-01-01", "9999-12-31"],
  ["0001-01-01", "9999-12-31"],
  ["1999-12-31", "2000-01-31"],
];
/** The periods at the bounds themselves: accepted, and their previous period (in 1999) computed. */
const BOUND_KEYS = [String(FIRST_YEAR), `${FIRST_YEAR}-Q1`, `${FIRST_YEAR}-01`, `${FIRST_YEAR}-H1`, `${LAST_YEAR}-12`, String(LAST_YEAR)];
const BOUND_RANGES = [
  [`${FIRST_YEAR}-01-01`, `${FIRST_YEAR}-01-01`],
  [`${LAST_YEAR}-12-31`, `${LAST_YEAR}-12-31`],
  [`${FIRST_YEAR}-01-01`, `${LAST_YEAR}-12-31`],
];

const queries = [
  ...EXTREME_KEYS.map((p) => ({ q: `period=${p}`, bound: false })),
  ...EXTREME_RANGES.map(([from, to]) => ({ q: `period=custom&from=${from}&to=${to}`, bound: false })),
  ...BOUND_KEYS.map((p) => ({ q: `period=${p}`, bound: true })),
  ...BOUND_RANGES.map(([from, to]) => ({ q: `period=custom&from=${from}&to=${to}`, bound: true })),
];

let s: TestServices;
let admin: Staff;

function provide() {
  // Responses of the demo province, so the pages have figures to compute near the bounds as well.
  s = providedDemoServices(SECRET);
  generateResponses(s.db, s.surveys, { responses: 300, seed: 7, days: 365, now: Date.parse("2026-11-20T10:00:00+07:00") });
  admin = staff(s.db, SECRET, "admin");
}

afterEach(() => provideServices(undefined));

async function statusAndText(run: () => unknown): Promise<{ status: number; text: string }> {
  const outcome = await settle(run);
  if (outcome.kind === "response") return { status: outcome.status, text: await outcome.response.clone().text() };
  return { status: outcome.status, text: JSON.stringify(outcome.data) };
}

describe("year bounds in app/method/period.ts", () => {
  it("accepts days and period keys of the years FIRST_YEAR–LAST_YEAR only, in their canonical form", () => {
    for (const day of [`${FIRST_YEAR}-01-01`, `${LAST_YEAR}-12-31`, "2026-02-28"]) expect(isDay(day), day).toBe(true);
    for (const day of ["0001-01-01", "9999-12-31", "1999-12-31", "2100-01-01", "0000-01-01"]) expect(isDay(day), day).toBe(false);
    for (const key of BOUND_KEYS) expect(isPeriodKey(key), key).toBe(true);
    for (const key of [...EXTREME_KEYS, "2026-q3", " 2026", "2026-13", "2026-Q5"]) expect(isPeriodKey(key), key).toBe(false);
    expect(() => parseDay("9999-12-31", "Ngày kết thúc")).toThrow("Ngày kết thúc «9999-12-31» nằm ngoài các năm 2000–2099.");
  });

  it("still computes the period before the first one and the range before a long one", () => {
    expect(previousRange(periodRange(`${FIRST_YEAR}-Q1`))).toEqual({ from: "1999-10-01", to: "1999-12-31" });
    expect(previousRange({ from: `${FIRST_YEAR}-01-01`, to: `${LAST_YEAR}-12-31` })).toEqual({ from: "1899-12-31", to: "1999-12-31" });
  });
});

describe("pages asked for extreme periods", () => {
  it("the dashboard and the agency page: 200, the period named as ignored with the years allowed; never 5xx", async () => {
    provide();
    for (const { q, bound } of queries) {
      for (const [name, run] of [
        ["dashboard", () => dashboardLoader(args(get(`/quan-tri?${q}`, admin)))],
        ["agency", () => agencyLoader(args(get(`/quan-tri/co-quan/TTHCC?${q}`, admin), { code: "TTHCC" }))],
        ["comments", () => commentsLoader(args(get(`/quan-tri/gop-y?${q}`, admin)))],
      ] as const) {
        const { status, text } = await statusAndText(run);
        expect(status, `${name} ${q}`).toBe(200);
        if (name !== "comments") {
          const invalid = (JSON.parse(text) as { data: { invalid: string[] } }).data.invalid;
          expect(invalid.length > 0, `${name} ${q}: ${invalid.join(",")}`).toBe(!bound);
        }
      }
    }
  });

  it("the figures spreadsheet and the report: 400 with a Vietnamese message naming the years; 200 at the bounds", async () => {
    provide();
    for (const key of [...EXTREME_KEYS, ...BOUND_KEYS]) {
      const { status, text } = await statusAndText(() =>
        fileLoader(args(get(`/quan-tri/bao-cao/so-lieu.xlsx?survey=sipas&period=${key}`, admin), { file: "so-lieu.xlsx" })),
      );
      if (BOUND_KEYS.includes(key)) {
        expect(status, key).toBe(200);
      } else {
        expect(status, key).toBe(400);
        expect(text, key).toContain(`Kỳ báo cáo «${key}» không hợp lệ`);
        expect(text, key).toContain("các năm 2000–2099");
      }
    }
  });

  it("the publishing preview: the Vietnamese «bad period» message instead of a 500; a preview at the bounds", async () => {
    provide();
    for (const { q, bound } of queries) {
      const { status, text } = await statusAndText(() => publishLoader(args(get(`/quan-tri/cong-bo?survey=sipas&${q}`, admin))));
      expect(status, q).toBe(200);
      const data = JSON.parse(text) as { error: string | null; preview: unknown };
      if (bound) expect(data.preview, q).not.toBeNull();
      else expect(data.error ?? "", q).toMatch(VIETNAMESE);
    }
  });

  it("GET /api/v1/results: 400 in Vietnamese for a day outside the years", async () => {
    provide();
    const { key } = createApiKey(s.db, { kind: "integration", name: "periods" });
    for (const [from, to] of EXTREME_RANGES) {
      const request = new Request(`http://test/api/v1/results?survey=sipas&from=${from}&to=${to}`, { headers: { authorization: `Bearer ${key}` } });
      const { status, text } = await statusAndText(() => resultsLoader({ request, params: {}, context: {} }));
      expect(status, `${from}…${to}`).toBe(400);
      expect(text).toContain("nằm ngoài các năm 2000–2099");
    }
    const ok = new Request(`http://test/api/v1/results?survey=sipas&from=${FIRST_YEAR}-01-01&to=${FIRST_YEAR}-12-31`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect((await statusAndText(() => resultsLoader({ request: ok, params: {}, context: {} }))).status).toBe(200);
  });
});
