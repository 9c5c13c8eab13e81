/**
 * Property (docs/decisions/0024-filtered-rollups.md): after any mix of counter votes, their completions (field,
 * answers, comment added later: the roll-ups move by a delta) and SIPAS interviews, over several months, the
 * roll-ups the write path kept — month cells and pair sets included (and the pair sets migration 0010 fills from
 * the month cells) — are row for row what `rebuildRollups` writes, and every
 * filter the dashboard offers (agency, sector, field, counter, channel, alone or together) crossed with every
 * breakdown gives the counts of a GROUP BY over the raw answers, whole months or cut mid-month.
 */
import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { rollupCounts } from "../../app/results/counts.server";
import { resolveResultsQuery, type ResultsFilter } from "../../app/results/results.server";
import { rebuildRollups } from "../../app/results/rollups.server";
import { ingestResponse } from "../../app/responses/ingest.server";
import demo from "../../db/seed/demo-directory.json";
import { rawCounts } from "../support/raw-counts";
import { demoServices } from "../support/services";
import { plainGroups, rollupSnapshot } from "../support/rollup-snapshot";

const NOW = Date.UTC(2026, 9, 1, 3, 0, 0);
const fills = (migration: string) =>
  fs
    .readFileSync(path.resolve("db/migrations", migration), "utf8")
    .split("--> statement-breakpoint")
    .filter((statement) => statement.trim().startsWith("INSERT"));
const PAIR_FILLS = fills("0010_month_pair_rollups.sql");
const LANGUAGE_FILLS = fills("0011_language_rollup.sql");
const COUNTERS = demo.counters;
const BREAKDOWNS = ["none", "agency", "sector", "field", "counter", "channel", "month", "quarter", "criterion"];

const responseArb = fc.record({
  sipas: fc.boolean(),
  counter: fc.nat(COUNTERS.length - 1),
  field: fc.nat(6),
  kiosk: fc.boolean(),
  paper: fc.boolean(),
  // A day of June–September 2026 and an office hour.
  day: fc.nat(121),
  hour: fc.integer({ min: 8, max: 16 }),
  face: fc.constantFrom(1, 2, 3),
  completed: fc.boolean(),
  comment: fc.boolean(),
});
type Generated = typeof responseArb extends fc.Arbitrary<infer T> ? T : never;

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
const filterArb: fc.Arbitrary<ResultsFilter> = fc
  .record({
    agency: maybe(fc.constantFrom(...COUNTERS.map((c) => c.agency))),
    sector: maybe(fc.constantFrom(...demo.sectors.map((s) => s.code))),
    field: maybe(fc.constantFrom(...demo.fields.map((f) => f.code))),
    counter: maybe(fc.constantFrom(...COUNTERS.map((c) => c.code))),
    channel: maybe(fc.constantFrom("qr", "kiosk", "surveyor", "paper")),
  })
  .map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as ResultsFilter);

const dayOf = (n: number) => new Date(Date.UTC(2026, 5, 1) + n * 86_400_000).toISOString().slice(0, 10);
const rangeArb = fc.oneof(
  fc.tuple(fc.nat(125), fc.nat(125)).map(([a, b]) => ({ from: dayOf(Math.min(a, b)), to: dayOf(Math.max(a, b)) })),
  fc.constant({ from: "2026-06-01", to: "2026-09-30" }),
);

/** The bodies of one generated response: a vote and maybe its details (counter channels), or an interview. */
function bodies(r: Generated, i: number): unknown[] {
  const counter = COUNTERS[r.counter]!;
  const field = counter.fields[r.field % counter.fields.length];
  const id = `0193f0c2-7d1e-7c3a-9b1e-${i.toString(16).padStart(12, "0")}`;
  const submittedAt = `${dayOf(r.day)}T${String(r.hour).padStart(2, "0")}:20:00+07:00`;
  if (r.sipas) {
    const answers = {
      GIOI_TINH: r.face > 2 ? 1 : 2,
      HL_TC: r.face + 2,
      HL_CHUNG: r.face,
      MONG_DOI: [r.face],
      ...(r.comment ? { Y_KIEN: "Chờ lâu" } : {}),
    };
    return [{ id, survey: "sipas", agency: counter.agency, field, channel: r.paper ? "paper" : "surveyor", submittedAt, locale: "vi", answers }];
  }
  const envelope = {
    id,
    survey: "danh-gia-ho-so",
    agency: counter.agency,
    counter: counter.code,
    channel: r.kiosk ? "kiosk" : "qr",
    submittedAt,
    locale: "vi",
  };
  const vote = { ...envelope, answers: { TONG_THE: r.face } };
  if (!r.completed) return [vote];
  const details = { ...envelope, field, answers: { TONG_THE: r.face, THUAN_TIEN: 2, ...(r.comment ? { Y_KIEN: "Cần thêm ghế" } : {}) } };
  return [vote, details];
}

describe("filtered roll-ups under ingest and completion", () => {
  it("equal a rebuild row for row, and a filtered GROUP BY over the raw answers for every breakdown", () => {
    const seen = { created: 0, completed: 0 };
    fc.assert(
      fc.property(
        fc.array(responseArb, { minLength: 1, maxLength: 25 }),
        fc.array(filterArb, { minLength: 1, maxLength: 3 }),
        rangeArb,
        (responses, filters, range) => {
          const { db, surveys } = demoServices();
          responses.forEach((r, i) => {
            for (const body of bodies(r, i)) {
              const status = ingestResponse(db, surveys, body, { source: "test", now: () => NOW }).status;
              expect(["created", "completed"]).toContain(status);
              seen[status as keyof typeof seen]++;
            }
          });
          for (const filter of filters) {
            for (const survey of ["sipas", "danh-gia-ho-so"]) {
              for (const by of BREAKDOWNS) {
                const q = resolveResultsQuery(db, surveys, { survey, by, ...range, filter });
                expect(plainGroups(rollupCounts(db, q)), `${survey} by ${by} ${JSON.stringify(filter)}`).toEqual(plainGroups(rawCounts(db, q)));
              }
            }
          }
          const kept = rollupSnapshot(db);
          expect(kept.rollup_month_cell_answers!.length).toBeGreaterThan(0);
          expect(kept.rollup_month_pair_answers!.length).toBeGreaterThan(0);
          // Migration 0010 fills the pair sets of an existing database from its month cells: the same rows.
          expect(kept.rollup_language!.length).toBeGreaterThan(0);
          // Migration 0011 fills the language roll-up from the stored responses: the same rows.
          db.$client.exec("delete from rollup_month_pair_responses; delete from rollup_month_pair_answers; delete from rollup_language;");
          for (const fill of [...PAIR_FILLS, ...LANGUAGE_FILLS]) db.$client.exec(fill);
          expect(rollupSnapshot(db)).toEqual(kept);
          rebuildRollups(db, { chunk: 5 });
          expect(rollupSnapshot(db)).toEqual(kept);
        },
      ),
      { numRuns: 25 },
    );
    // The runs did complete votes (roll-ups moved by −1 and +1), not only create responses.
    expect(seen.completed).toBeGreaterThan(0);
  }, 120_000);
});
