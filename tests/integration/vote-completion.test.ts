/**
 * A vote and its details (docs/decisions/0016-one-tap-is-a-vote.md): on the counter channels the same id may
 * come back with empty slots filled. Real SQLite files; roll-ups checked against a rebuild after every mix
 * of votes, details, stale replays and contradictions, in any order.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { ingestResponse, MAX_CONFLICTS_PER_ID, type IngestResult } from "../../app/responses/ingest.server";
import { rebuildRollups, ROLLUP_TABLES } from "../../app/results/rollups.server";
import type { Db } from "../../db/client";
import { ratingBody, sipasBody, uuid } from "../support/bodies";
import { demoServices, storedAnswers, storedCounts, storedResponses, type TestServices } from "../support/services";

const NOW = Date.UTC(2026, 8, 1, 3, 0, 0);
const SECRET = "test-secret";

function ingest({ db, surveys }: TestServices, body: unknown): IngestResult["status"] {
  return ingestResponse(db, surveys, body, { source: "test", now: () => NOW, dossiers: { secret: SECRET, requireKnown: false } }).status;
}

function rollups(db: Db): Record<string, string[]> {
  return Object.fromEntries(
    ROLLUP_TABLES.map((t) => [
      t,
      db.$client
        .prepare(`select * from ${t}`)
        .all()
        .map((r) => JSON.stringify(r))
        .sort(),
    ]),
  );
}

/** The roll-ups kept by the write path are exactly what a rebuild from the raw answers writes. */
function expectRollupsEqualRebuild(db: Db) {
  const kept = rollups(db);
  rebuildRollups(db);
  expect(kept).toEqual(rollups(db));
}

const vote = (overrides: Record<string, unknown> = {}) => {
  const { field: _field, ...body } = ratingBody({ answers: { TONG_THE: 1 }, ...overrides });
  return body;
};
const full = (overrides: Record<string, unknown> = {}) =>
  ratingBody({ field: "MOI_TRUONG", answers: { TONG_THE: 1, THUAN_TIEN: 2, THAI_DO: 1, Y_KIEN: "Chờ lâu" }, dossier: "HS-2026-0001", ...overrides });

describe("a counter vote completed by its details", () => {
  it("stores the vote at once, then fills in field, answers and dossier: one response, counts moved to the field", () => {
    const s = demoServices();
    expect(ingest(s, vote())).toBe("created");
    const [stored] = storedResponses(s.db);
    expect(stored).toMatchObject({ field: null, channel: "kiosk" });
    expectRollupsEqualRebuild(s.db);

    expect(ingest(s, full())).toBe("completed");
    expect(storedCounts(s.db)).toEqual({ responses: 1, answers: 4, conflicts: 0 });
    const [after] = storedResponses(s.db);
    expect(after).toMatchObject({ id: stored!.id, field: "MOI_TRUONG", submittedAt: stored!.submittedAt, dayVn: stored!.dayVn });
    expect(storedAnswers(s.db, after!.id)).toEqual([
      { question: "THAI_DO", code: 1, text: null },
      { question: "THUAN_TIEN", code: 2, text: null },
      { question: "TONG_THE", code: 1, text: null },
      { question: "Y_KIEN", code: null, text: "Chờ lâu" },
    ]);
    // The no-field cell is gone from the roll-ups, the field's cell holds the whole rating.
    const cells = s.db.$client.prepare("select field_id as f, n from rollup_responses").all();
    expect(cells).toEqual([{ f: expect.any(Number), n: 1 }]);
    expect(cells[0]).not.toMatchObject({ f: 0 });
    expectRollupsEqualRebuild(s.db);
  });

  it("acknowledges stale replays of the vote (and of the full rating) as duplicates, whatever the order", () => {
    const s = demoServices();
    expect(ingest(s, full())).toBe("created");
    const before = { responses: storedResponses(s.db), counts: storedCounts(s.db), rollups: rollups(s.db) };
    expect(ingest(s, vote())).toBe("duplicate");
    expect(ingest(s, full())).toBe("duplicate");
    expect(ingest(s, vote({ field: "MOI_TRUONG" }))).toBe("duplicate");
    expect({ responses: storedResponses(s.db), counts: storedCounts(s.db), rollups: rollups(s.db) }).toEqual(before);
  });

  it("refuses a contradiction (another face, another field, another hour) as a conflict and keeps the first", () => {
    const s = demoServices();
    expect(ingest(s, full())).toBe("created");
    const before = { responses: storedResponses(s.db), rollups: rollups(s.db) };
    expect(ingest(s, vote({ answers: { TONG_THE: 3 } }))).toBe("conflict");
    expect(ingest(s, full({ field: "DAT_DAI" }))).toBe("conflict");
    expect(ingest(s, full({ submittedAt: "2026-08-14T11:12:00+07:00" }))).toBe("conflict");
    expect(ingest(s, full({ answers: { TONG_THE: 1, THUAN_TIEN: 3 } }))).toBe("conflict");
    expect({ responses: storedResponses(s.db), rollups: rollups(s.db) }).toEqual(before);
    // Within the hour the vote's time is the same rating (QR and kiosk times are kept to the hour).
    expect(ingest(s, full({ submittedAt: "2026-08-14T09:59:00+07:00" }))).toBe("duplicate");
  });

  it("completes only the counter channels: a surveyor's interview with more answers is a conflict", () => {
    const s = demoServices();
    const { Y_KIEN: _comment, ...fewer } = sipasBody().answers;
    expect(ingest(s, sipasBody({ answers: fewer }))).toBe("created");
    expect(ingest(s, sipasBody())).toBe("conflict");
    expect(storedCounts(s.db)).toMatchObject({ responses: 1, conflicts: 1 });
  });

  it("refuses details naming a dossier already rated, and changes nothing of the vote", () => {
    const s = demoServices();
    expect(ingest(s, full({ id: uuid(50) }))).toBe("created");
    expect(ingest(s, vote())).toBe("created");
    const before = { responses: storedResponses(s.db), counts: storedCounts(s.db), rollups: rollups(s.db) };
    expect(ingest(s, full())).toBe("dossierRated");
    expect({ responses: storedResponses(s.db), counts: storedCounts(s.db), rollups: rollups(s.db) }).toEqual(before);
    // Without the code, the same details are taken.
    expect(ingest(s, full({ dossier: undefined }))).toBe("completed");
  });

  it("keeps a refused version as validated content only, a few times per id, with the time to the hour", () => {
    const s = demoServices();
    expect(ingest(s, full())).toBe("created");
    const junk = { ...vote({ answers: { TONG_THE: 3 } }), extra: "x".repeat(100_000), nested: { a: [[[[1]]]] } };
    for (let i = 0; i < MAX_CONFLICTS_PER_ID + 20; i++) expect(ingest(s, junk)).toBe("conflict");
    const rows = s.db.$client.prepare("select payload, received_at as receivedAt from response_conflicts").all() as {
      payload: string;
      receivedAt: number;
    }[];
    expect(rows).toHaveLength(MAX_CONFLICTS_PER_ID);
    const payload = JSON.parse(rows[0]!.payload) as Record<string, unknown>;
    expect(payload).not.toHaveProperty("extra");
    expect(payload).not.toHaveProperty("nested");
    expect(payload).toMatchObject({ id: uuid(1), channel: "kiosk", answers: { TONG_THE: 3 }, submittedAt: "2026-08-14T02:00:00.000Z" });
    expect(rows[0]!.receivedAt % 3_600_000).toBe(0);
    expect(rows[0]!.payload.length).toBeLessThan(1000);
  });

  it("in any order of votes, partial and full details, replays and contradictions: one response each, counts equal a rebuild", () => {
    const answers = { TONG_THE: [1, 2, 3], THUAN_TIEN: [1, 2, 3, 9], DUNG_HAN: [1, 2, 3], THAI_DO: [1, 2, 3, 9] } as const;
    const ratingArb = fc.record({
      TONG_THE: fc.constantFrom(...answers.TONG_THE),
      THUAN_TIEN: fc.option(fc.constantFrom(...answers.THUAN_TIEN), { nil: undefined }),
      DUNG_HAN: fc.option(fc.constantFrom(...answers.DUNG_HAN), { nil: undefined }),
      THAI_DO: fc.option(fc.constantFrom(...answers.THAI_DO), { nil: undefined }),
      Y_KIEN: fc.option(fc.constantFrom("Tốt", "Chờ lâu"), { nil: undefined }),
      field: fc.option(fc.constantFrom("DAT_DAI", "MOI_TRUONG"), { nil: undefined }),
      channel: fc.constantFrom("kiosk", "qr"),
      day: fc.integer({ min: 1, max: 28 }),
    });
    // What a device may send for one rating: any subset of its details (always with the vote), or a contradiction.
    const sendArb = fc.record({ rating: fc.nat(5), keep: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), contradict: fc.boolean() });
    fc.assert(
      fc.property(fc.array(ratingArb, { minLength: 1, maxLength: 6 }), fc.array(sendArb, { minLength: 1, maxLength: 25 }), (ratings, sends) => {
        const s = demoServices();
        const first = new Map<number, number>();
        for (const send of sends) {
          const i = send.rating % ratings.length;
          const r = ratings[i]!;
          const parts = [r.THUAN_TIEN, r.DUNG_HAN, r.THAI_DO, r.Y_KIEN, r.field];
          const a: Record<string, unknown> = { TONG_THE: send.contradict ? (r.TONG_THE % 3) + 1 : r.TONG_THE };
          (["THUAN_TIEN", "DUNG_HAN", "THAI_DO", "Y_KIEN"] as const).forEach((q, k) => {
            if (send.keep[k] && parts[k] !== undefined) a[q] = parts[k];
          });
          const body = {
            ...vote({ id: uuid(100 + i), channel: r.channel, submittedAt: `2026-08-${String(r.day).padStart(2, "0")}T09:12:00+07:00`, answers: a }),
            ...(send.keep[4] && r.field ? { field: r.field } : {}),
          };
          const status = ingest(s, body);
          // The first version's face stands; another face later is a contradiction.
          if (!first.has(i)) expect(status).toBe("created");
          else if (first.get(i) !== a.TONG_THE) expect(status).toBe("conflict");
          else expect(["completed", "duplicate"]).toContain(status);
          if (!first.has(i)) first.set(i, a.TONG_THE as number);
        }
        expect(storedResponses(s.db)).toHaveLength(first.size);
        expectRollupsEqualRebuild(s.db);
      }),
      { numRuns: 80 },
    );
  }, 120_000);
});
