/**
 * Property: a filtered request (agency, sector, field, counter, channel, alone or together) gives exactly
 * the counts of a GROUP BY over the raw answers with the same WHERE, for every breakdown and any period —
 * whether the roll-ups read it from a month set (a filter on the breakdown's own dimension) or from the
 * day cells (a filter across dimensions). And filtering never changes a group: agency A's figures are the
 * same asked as "by agency" or as "agency = A".
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { rollupCounts, type CountedGroups } from "../../app/results/counts.server";
import { getResults, resolveResultsQuery, ResultsInputError, type ResultsFilter } from "../../app/results/results.server";
import { CHANNELS } from "../../app/survey/codes";
import { rawCounts } from "../support/raw-counts";
import { DIRECTORY, province, submit } from "../support/results-fixture";

const DAY0 = Date.UTC(2026, 5, 1); // 2026-06-01
const responseArb = fc.record({
  survey: fc.constantFrom("sipas", "danh-gia-ho-so"),
  counter: fc.nat(DIRECTORY.counters.length), // = length: no counter
  field: fc.nat(DIRECTORY.fields.length), // = length: no field
  channel: fc.constantFrom(...CHANNELS.slice(0, 3)),
  minute: fc.nat(100 * 1440 - 1),
  satisfied: fc.boolean(),
  sex: fc.constantFrom(1, 2, undefined),
});

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
const filterArb: fc.Arbitrary<ResultsFilter> = fc
  .record({
    agency: maybe(fc.constantFrom(...DIRECTORY.agencies.map((a) => a.code))),
    sector: maybe(fc.constantFrom(...DIRECTORY.sectors.map((s) => s.code))),
    field: maybe(fc.constantFrom(...DIRECTORY.fields.map((f) => f.code))),
    counter: maybe(fc.constantFrom(...DIRECTORY.counters.map((c) => c.code))),
    channel: maybe(fc.constantFrom(...CHANNELS.slice(0, 3))),
  })
  .map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as ResultsFilter);

const dayArb = fc.nat(130).map((d) => new Date(DAY0 - 10 * 86_400_000 + d * 86_400_000).toISOString().slice(0, 10));
const rangeArb = fc.tuple(dayArb, dayArb).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));
const MONTHS = { from: "2026-06-01", to: "2026-09-30" };
const BREAKDOWNS = ["none", "agency", "sector", "field", "counter", "channel", "month", "quarter", "criterion"];

const plain = (c: CountedGroups) => ({ overall: c.overall, groups: Object.fromEntries([...c.groups].sort()) });

type Generated = typeof responseArb extends fc.Arbitrary<infer T> ? T : never;

function seeded(responses: Generated[]) {
  const p = province();
  for (const r of responses) {
    const counter = DIRECTORY.counters[r.counter];
    const answers =
      r.survey === "sipas"
        ? { HL_TC: r.satisfied ? 5 : 2, HL_TT: 4, GIOI_TINH: r.sex, MONG_DOI: [1, 3] }
        : { TONG_THE: r.satisfied ? 3 : 1, THAI_DO: 2 };
    submit(p, {
      survey: r.survey,
      agency: counter?.agency ?? "X2",
      counter: counter?.code,
      field: DIRECTORY.fields[r.field]?.code,
      channel: r.channel,
      at: new Date(DAY0 + r.minute * 60_000 - 7 * 3_600_000).toISOString(),
      answers: Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined)),
    });
  }
  return p;
}

describe("results with a filter", () => {
  it("equal a filtered GROUP BY over the raw answers, for every breakdown and period", () => {
    fc.assert(
      fc.property(fc.array(responseArb, { minLength: 1, maxLength: 25 }), rangeArb, filterArb, (responses, range, filter) => {
        const p = seeded(responses);
        for (const survey of ["sipas", "danh-gia-ho-so"]) {
          for (const by of BREAKDOWNS) {
            const q = resolveResultsQuery(p.db, p.surveys, { survey, by, ...range, filter });
            expect(plain(rollupCounts(p.db, q)), `${survey} by ${by} ${JSON.stringify(filter)}`).toEqual(plain(rawCounts(p.db, q)));
          }
        }
        // One agency alone, as an agency head's page asks (its counters come from the month sets).
        for (const { code } of DIRECTORY.agencies) {
          for (const by of ["counter", "field", "month"]) {
            const q = resolveResultsQuery(p.db, p.surveys, { survey: "danh-gia-ho-so", by, ...range, filter: { agency: code } });
            expect(plain(rollupCounts(p.db, q)), `${code} by ${by}`).toEqual(plain(rawCounts(p.db, q)));
          }
        }
        // Profile roll-ups keep agencies apart: an agency filter works there, the others are refused by name.
        const agencyOnly = filter.agency ? { agency: filter.agency } : {};
        const q = resolveResultsQuery(p.db, p.surveys, { survey: "sipas", by: "GIOI_TINH", ...MONTHS, filter: agencyOnly });
        expect(plain(rollupCounts(p.db, q))).toEqual(plain(rawCounts(p.db, q)));
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it("gives a group the same figures whether asked as a breakdown or as a filter", () => {
    fc.assert(
      fc.property(fc.array(responseArb, { minLength: 1, maxLength: 25 }), rangeArb, (responses, range) => {
        const p = seeded(responses);
        for (const [by, key] of [
          ["agency", "agency"],
          ["field", "field"],
          ["sector", "sector"],
          ["counter", "counter"],
          ["channel", "channel"],
        ] as const) {
          const all = getResults(p.db, p.surveys, { survey: "danh-gia-ho-so", by, ...range });
          for (const group of all.groups) {
            if (!("responses" in group) || group.key === "") continue;
            const one = getResults(p.db, p.surveys, { survey: "danh-gia-ho-so", by: "none", ...range, filter: { [key]: group.key } });
            const { key: _k, label: _l, ...figures } = group;
            expect(one.overall, `${by} ${group.key}`).toEqual(figures);
          }
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it("refuses unknown codes and non-agency filters on profile breakdowns, by name", () => {
    const p = province();
    const refuse = (filter: ResultsFilter, by: string, message: RegExp) => {
      const call = () => getResults(p.db, p.surveys, { survey: "sipas", by, ...MONTHS, filter });
      expect(call).toThrow(ResultsInputError);
      expect(call).toThrow(message);
    };
    refuse({ agency: "KHONG_CO" }, "none", /^Không có cơ quan «KHONG_CO»\.$/);
    refuse({ field: "KHONG_CO" }, "agency", /^Không có lĩnh vực «KHONG_CO»\.$/);
    refuse({ sector: "KHONG_CO" }, "agency", /^Không có ngành «KHONG_CO»\.$/);
    refuse({ channel: "fax" }, "agency", /^Không có kênh «fax»/);
    refuse({ field: "DAT_DAI" }, "GIOI_TINH", /^Phân tổ theo GIOI_TINH chỉ lọc được theo cơ quan/);
    // A field outside the filtered sector: nothing, not everything.
    const none = getResults(p.db, p.surveys, { survey: "sipas", ...MONTHS, filter: { sector: "TP", field: "DAT_DAI" } });
    expect(none.overall).toMatchObject({ responses: 0, index: null });
  });
});
