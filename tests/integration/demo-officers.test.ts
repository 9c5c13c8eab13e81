/**
 * The demo province's officers: three per agency at every counter of it, kiosk ratings of the demo credited
 * to them through the one write path, per-officer figures adding up to those ratings, roll-ups equal to a
 * rebuild; and the generator's other output is the same with or without officers (same ids, answers, days).
 */
import { describe, expect, it } from "vitest";

import { officerFigures } from "../../app/kiosk/officer-figures.server";
import { rebuildRollups, ROLLUP_TABLES } from "../../app/results/rollups.server";
import { registerSurveys } from "../../app/survey/registry.server";
import type { Db } from "../../db/client";
import { seedDemo } from "../../db/seed/demo";
import { DEMO_OFFICERS_PER_AGENCY, seedDemoOfficers } from "../../db/seed/demo-officers";
import { generateResponses } from "../../db/seed/generate";
import { testDatabase } from "../support/db";
import { demoServices } from "../support/services";
import { realDefinitions } from "../support/surveys";

const snapshot = (db: Db) =>
  Object.fromEntries(
    ROLLUP_TABLES.map((t) => [
      t,
      db.$client
        .prepare(`select * from ${t}`)
        .all()
        .map((r) => JSON.stringify(r))
        .sort(),
    ]),
  );

const rows = (db: Db, sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(...params);

describe("demo officers", () => {
  it("seedDemo: officers at every counter, kiosk ratings credited to one of the counter's, figures and roll-ups consistent", () => {
    const db = testDatabase();
    const surveys = registerSurveys(db, realDefinitions());
    // Fewer responses than `npm start`'s 1 500 keep the test quick; the path is the same.
    const totals = seedDemo(db, surveys, { responses: 600 });
    expect(totals).toMatchObject({ created: 600, invalid: 0, conflict: 0 });

    // Three per agency with counters, each serving at every counter of the agency.
    const perAgency = rows(
      db,
      `select a.code, count(distinct o.id) as officers,
              (select count(*) from counters c where c.agency_id = a.id and c.active = 1) as counters,
              (select count(*) from counter_officers co join officers o2 on o2.id = co.officer_id where o2.agency_id = a.id) as links
         from agencies a left join officers o on o.agency_id = a.id group by a.id`,
    ) as { code: string; officers: number; counters: number; links: number }[];
    for (const a of perAgency) {
      expect(a.officers, a.code).toBe(a.counters ? DEMO_OFFICERS_PER_AGENCY : 0);
      expect(a.links, a.code).toBe(a.counters * a.officers);
    }

    // Every kiosk rating at a counter credits an officer serving there; nothing else credits anyone.
    const credited = rows(
      db,
      `select r.channel, r.officer_id as officer, r.agency_id as agency,
              exists (select 1 from counter_officers co where co.counter_id = r.counter_id and co.officer_id = r.officer_id) as serves
         from responses r where r.officer_id is not null or (r.channel = 'kiosk' and r.counter_id is not null)`,
    ) as { channel: string; officer: number | null; serves: number }[];
    expect(credited.length).toBeGreaterThan(30);
    expect(credited.every((r) => r.channel === "kiosk" && r.officer !== null && r.serves === 1)).toBe(true);

    // The figures screen (a whole year) counts exactly those ratings, for the demo agency head's agency.
    const tthcc = (db.$client.prepare("select id from agencies where code = 'TTHCC'").get() as { id: number }).id;
    const figures = officerFigures(db, surveys, { agencyId: tthcc, range: { from: "2000-01-01", to: "2100-12-31" } });
    expect(figures).toHaveLength(DEMO_OFFICERS_PER_AGENCY);
    const stored = (
      db.$client.prepare("select count(*) as n from responses where agency_id = ? and officer_id is not null").get(tthcc) as { n: number }
    ).n;
    expect(stored).toBeGreaterThan(0);
    expect(figures.reduce((sum, f) => sum + f.responses, 0)).toBe(stored);

    // Written through the one write path: the roll-ups equal a rebuild from the raw answers.
    const kept = snapshot(db);
    rebuildRollups(db);
    expect(snapshot(db)).toEqual(kept);
  });

  it("the generator's output is the same with or without officers, but for the officer", () => {
    const options = { responses: 300, seed: 2025, days: 365, now: Date.parse("2026-05-01T03:00:00Z") };
    const plain = demoServices();
    const withOfficers = demoServices();
    seedDemoOfficers(withOfficers.db);
    generateResponses(plain.db, plain.surveys, options);
    generateResponses(withOfficers.db, withOfficers.surveys, options);
    const read = (db: Db) =>
      rows(
        db,
        `select r.uuid, r.channel, r.agency_id, r.counter_id, r.field_id, r.day_vn, r.locale,
                (select group_concat(a.question || '=' || coalesce(a.code, a.text), ';') from answers a where a.response_id = r.id) as answers
           from responses r order by r.uuid`,
      );
    expect(read(withOfficers.db)).toEqual(read(plain.db));
    expect(snapshot(withOfficers.db)).toEqual(snapshot(plain.db));
    expect(rows(plain.db, "select 1 from responses where officer_id is not null")).toHaveLength(0);
    expect(rows(withOfficers.db, "select 1 from responses where officer_id is not null").length).toBeGreaterThan(0);
  });
});
