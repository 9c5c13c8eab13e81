/**
 * Property: for any set of responses (multi-selects, "no opinion", blanks, hidden conditional questions,
 * several agencies, fields, counters, channels and days, some voided), the roll-ups kept by the write path
 * give exactly the counts — and so the figures — of a plain GROUP BY over the raw answers, for every
 * breakdown and any period; and `rebuildRollups` reproduces the roll-up tables row for row.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { rollupCounts } from "../../app/results/counts.server";
import { buildResults, getResults, resolveResultsQuery } from "../../app/results/results.server";
import { rebuildRollups } from "../../app/results/rollups.server";
import { CHANNELS } from "../../app/survey/codes";
import { allQuestions, type Question, type SurveyDefinition } from "../../app/survey/definition";
import { isShown } from "../../app/survey/response";
import { rawCounts } from "../support/raw-counts";
import { DIRECTORY, province, submit, surveyDefinitions } from "../support/results-fixture";
import { plainGroups, rollupSnapshot } from "../support/rollup-snapshot";

const defs = surveyDefinitions();
const defOf = (id: string) => defs.find((d) => d.id === id)!;

/** Any value a respondent may give to a question, or a blank. */
function answerArb(def: SurveyDefinition, q: Question): fc.Arbitrary<unknown> {
  const blank = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 4 });
  switch (q.type) {
    case "scale": {
      const codes = def.scales[q.scale]!.options.map((o) => o.code);
      return blank(fc.constantFrom(...codes, ...(q.allowNoOpinion ? [def.noOpinion.code] : [])));
    }
    case "single":
      return blank(fc.constantFrom(...q.options.map((o) => o.code)));
    case "yesno":
      return blank(fc.constantFrom(1, 2));
    case "multi":
      return blank(fc.uniqueArray(fc.constantFrom(...q.options.map((o) => o.code)), { minLength: 1, maxLength: q.max }));
    case "text":
      return blank(fc.constantFrom("Tốt", "Chờ lâu", "Cần thêm ghế"));
    case "number":
      return blank(fc.integer({ min: q.min, max: q.max }));
  }
}

/** Answers of one definition; questions whose condition is not met are dropped, as a form would. */
function answersArb(def: SurveyDefinition): fc.Arbitrary<Record<string, unknown>> {
  const questions = allQuestions(def);
  return fc.tuple(...questions.map((q) => answerArb(def, q))).map((values) => {
    const answers: Record<string, unknown> = {};
    questions.forEach((q, i) => {
      if (values[i] !== undefined && isShown(q, answers)) answers[q.code] = values[i];
    });
    return answers;
  });
}

const DAY0 = Date.UTC(2026, 5, 1); // 2026-06-01
const responseArb = fc
  .record({
    survey: fc.constantFrom("sipas", "danh-gia-ho-so"),
    counter: fc.nat(DIRECTORY.counters.length), // = length: no counter
    field: fc.nat(DIRECTORY.fields.length), // = length: no field
    channel: fc.constantFrom(...CHANNELS),
    // Any minute of a Vietnam day between 1 June and 9 September, written in UTC.
    minute: fc.nat(100 * 1440 - 1),
    void: fc.boolean(),
  })
  .chain((r) => answersArb(defOf(r.survey)).map((answers) => ({ ...r, answers })));

const dayArb = fc.nat(130).map((d) => new Date(DAY0 - 10 * 86_400_000 + d * 86_400_000).toISOString().slice(0, 10));
const rangeArb = fc.tuple(dayArb, dayArb).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));
const monthsArb = fc.tuple(fc.integer({ min: 5, max: 9 }), fc.integer({ min: 5, max: 9 })).map(([a, b]) => {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  return { from: `2026-${String(lo).padStart(2, "0")}-01`, to: new Date(Date.UTC(2026, hi, 0)).toISOString().slice(0, 10) };
});

const BREAKDOWNS = ["none", "agency", "sector", "field", "counter", "channel", "month", "quarter", "criterion"];

describe("roll-ups", () => {
  it("equal a GROUP BY over the raw answers, for every breakdown and period; rebuild gives the same tables", () => {
    fc.assert(
      fc.property(fc.array(responseArb, { minLength: 1, maxLength: 30 }), rangeArb, monthsArb, (responses, range, months) => {
        const p = province(defs);
        const ids = responses.map((r) => {
          const counter = DIRECTORY.counters[r.counter];
          const instant = new Date(DAY0 + r.minute * 60_000 - 7 * 3_600_000).toISOString();
          const id = submit(p, {
            survey: r.survey,
            agency: counter?.agency ?? "X2",
            counter: counter?.code,
            field: DIRECTORY.fields[r.field]?.code,
            channel: r.channel,
            at: instant,
            answers: r.answers,
          });
          return { id, void: r.void };
        });
        const check = () => {
          for (const survey of ["sipas", "danh-gia-ho-so"]) {
            const profile = survey === "sipas" ? ["GIOI_TINH", "dan_toc"] : [];
            for (const by of [...BREAKDOWNS, ...profile]) {
              const input = { survey, by, ...(profile.includes(by) ? months : range) };
              const q = resolveResultsQuery(p.db, p.surveys, input);
              expect(plainGroups(rollupCounts(p.db, q)), `${survey} by ${by}`).toEqual(plainGroups(rawCounts(p.db, q)));
              expect(getResults(p.db, p.surveys, input)).toEqual(buildResults(p.db, q, rawCounts(p.db, q)));
            }
          }
        };
        check();
        const kept = rollupSnapshot(p.db);
        rebuildRollups(p.db, { chunk: 7 });
        expect(rollupSnapshot(p.db)).toEqual(kept);

        // Voided responses leave the figures: the one "reportable" predicate, in the rebuild and the oracle.
        const voided = ids.filter((r) => r.void).map((r) => r.id);
        p.db.$client.prepare(`update responses set status = 'void' where id in (${voided.join(", ") || "0"})`).run();
        rebuildRollups(p.db);
        check();
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
