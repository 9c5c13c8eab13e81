/**
 * The number of responses a report page announces and an export sends in X-Total-Rows comes from the roll-ups
 * (app/responses/filter.server.ts `countResponses`): for every filter they take it equals a count of the raw
 * reportable responses — on a generated province with some responses voided, ranges whole or cut mid-month.
 */
import { and, count, desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { COMMENT_ANSWER, getComments } from "../../app/dashboard/comments.server";
import { languageBreakdown } from "../../app/dashboard/languages.server";
import { dossierRate } from "../../app/method";
import { fieldCoverage } from "../../app/results/field-coverage.server";
import { resolveResultsQuery } from "../../app/results/results.server";
import { rebuildRollups } from "../../app/results/rollups.server";
import { countResponses, responseWhere, type ResponseFilter } from "../../app/responses/filter.server";
import { agencies, answers, counters, responses } from "../../db/schema";
import { generateResponses } from "../../db/seed/generate";
import { demoServices } from "../support/services";

const NOW = Date.UTC(2026, 9, 1, 3, 0, 0);

describe("response count", () => {
  it("equals the raw count of reportable responses for every filter of the report and the export", () => {
    const { db, surveys } = demoServices();
    generateResponses(db, surveys, { responses: 2000, seed: 11, now: NOW, days: 120 });
    db.$client.exec("update responses set status = 'void' where id % 89 = 0");
    rebuildRollups(db);
    const raw = (f: ResponseFilter) => db.select({ n: count() }).from(responses).where(responseWhere(db, f)).get()?.n ?? 0;
    const ranges = [
      { from: "2026-06-04", to: "2026-10-01" },
      { from: "2026-07-01", to: "2026-09-30" },
      { from: "2026-08-13", to: "2026-08-20" },
      { from: "2025-01-01", to: "2025-12-31" },
    ];
    const filters: Omit<ResponseFilter, "survey" | "from" | "to">[] = [
      {},
      { agency: "TTHCC" },
      { channel: "paper" },
      { field: "DAT_DAI" },
      { sector: "NN_MT" },
      { counter: "TTHCC-Q01" },
      { agency: "TTHCC", field: "DAT_DAI", channel: "qr" },
      { agency: "SO_XD", counter: "TTHCC-Q01" },
      { agency: "NO_SUCH_AGENCY" },
      { channel: "fax" },
    ];
    let compared = 0;
    for (const survey of ["danh-gia-ho-so", "sipas", "no-such-survey"]) {
      for (const range of ranges) {
        for (const f of filters) {
          const scope = { survey, ...range, ...f };
          const expected = raw(scope);
          expect(countResponses(db, scope), JSON.stringify(scope)).toBe(expected);
          if (expected > 0) compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it("field coverage per agency and per counter equals the raw share of ratings that carry a field", () => {
    const { db, surveys } = demoServices();
    generateResponses(db, surveys, { responses: 2000, seed: 12, now: NOW, days: 120 });
    // Ratings left without a field (a tap and nothing more), and some voided.
    db.$client.exec("update responses set field_id = null where id % 3 = 0 and survey_id = 'danh-gia-ho-so'");
    db.$client.exec("update responses set status = 'void' where id % 89 = 0");
    rebuildRollups(db);
    const cases: [ResponseFilter, "agency" | "counter"][] = [
      [{ survey: "danh-gia-ho-so", from: "2026-07-01", to: "2026-09-30" }, "agency"],
      [{ survey: "danh-gia-ho-so", from: "2026-06-04", to: "2026-10-01", channel: "kiosk" }, "agency"],
      [{ survey: "danh-gia-ho-so", from: "2026-07-01", to: "2026-09-30", sector: "NN_MT" }, "agency"],
      [{ survey: "danh-gia-ho-so", from: "2026-08-13", to: "2026-09-20", agency: "TTHCC" }, "counter"],
      [{ survey: "danh-gia-ho-so", from: "2026-07-01", to: "2026-09-30", agency: "TTHCC", channel: "qr" }, "counter"],
      [{ survey: "danh-gia-ho-so", from: "2026-07-01", to: "2026-09-30", agency: "TTHCC", field: "DAT_DAI" }, "counter"],
    ];
    let partial = 0;
    for (const [f, unit] of cases) {
      const { survey, from, to, ...filter } = f;
      const q = resolveResultsQuery(db, surveys, { survey, from, to, by: unit, filter });
      const got = fieldCoverage(db, q, unit);
      const table = unit === "agency" ? agencies : counters;
      const column = unit === "agency" ? responses.agencyId : responses.counterId;
      const raw = db
        .select({ code: table.code, n: count(), withField: sql<number>`sum(${responses.fieldId} is not null)` })
        .from(responses)
        .leftJoin(table, eq(table.id, column))
        .where(responseWhere(db, f))
        .groupBy(column)
        .all();
      expect(Object.fromEntries([...got.units].map(([code, c]) => [code, [c.responses, c.withField]])), JSON.stringify(f)).toEqual(
        Object.fromEntries(raw.map((r) => [r.code ?? "", [r.n, Number(r.withField)]])),
      );
      expect(got.total.responses).toBe(raw.reduce((n, r) => n + r.n, 0));
      expect(got.total.withField).toBe(raw.reduce((n, r) => n + Number(r.withField), 0));
      partial += raw.filter((r) => Number(r.withField) < r.n).length;
    }
    expect(partial).toBeGreaterThan(5);
  });

  it("the language breakdown equals a count of the raw responses by language, with the index question's rate", () => {
    const { db, surveys } = demoServices();
    generateResponses(db, surveys, { responses: 1500, seed: 13, now: NOW, days: 120 });
    db.$client.exec("update responses set locale = case id % 7 when 0 then 'en' when 1 then 'hmn' else locale end");
    db.$client.exec("update responses set status = 'void' where id % 89 = 0");
    rebuildRollups(db);
    const cases = [
      { survey: "danh-gia-ho-so", range: { from: "2026-07-01", to: "2026-09-30" } },
      { survey: "danh-gia-ho-so", range: { from: "2026-06-04", to: "2026-08-20" }, agency: "TTHCC" },
      { survey: "danh-gia-ho-so", range: { from: "2026-07-01", to: "2026-09-30" }, channel: "kiosk" },
      { survey: "sipas", range: { from: "2026-06-01", to: "2026-10-01" } },
    ];
    for (const c of cases) {
      const got = languageBreakdown(db, surveys, c);
      const f: ResponseFilter = { survey: c.survey, ...c.range, agency: c.agency, channel: c.channel };
      const raw = db.select({ code: responses.locale, n: count() }).from(responses).where(responseWhere(db, f)).groupBy(responses.locale).all();
      expect(got.map((r) => [r.code, r.responses]).sort(), JSON.stringify(c)).toEqual(raw.map((r) => [r.code, r.n]).sort());
      expect(got.length).toBeGreaterThanOrEqual(3);
      if (c.survey === "danh-gia-ho-so") {
        for (const row of got) {
          const faces = db
            .select({ code: answers.code, n: count() })
            .from(answers)
            .innerJoin(responses, eq(responses.id, answers.responseId))
            .where(and(responseWhere(db, f), eq(responses.locale, row.code), eq(answers.question, "TONG_THE")))
            .groupBy(answers.code)
            .all();
          const expected = dossierRate(surveys.get(c.survey)!.def, Object.fromEntries(faces.map((x) => [x.code!, x.n])));
          expect([row.n, row.rate], `${JSON.stringify(c)} ${row.code}`).toEqual([expected.n, expected.rate]);
          expect(row.n).toBeGreaterThan(0);
        }
      }
    }
  });

  it("lists an agency's comments newest first, page after page, as ordering the raw comments by time would", () => {
    const { db, surveys } = demoServices();
    generateResponses(db, surveys, { responses: 7000, seed: 14, now: NOW, days: 120 });
    const survey = "danh-gia-ho-so";
    const range = { from: "2026-06-04", to: "2026-10-01" };
    const listed: string[] = [];
    for (let page = 1; ; page++) {
      const got = getComments(db, { def: surveys.get(survey)!.def, survey, agency: "TTHCC", range, page, locale: "vi" });
      listed.push(...got.rows.map((r) => `${r.at} ${r.text}`));
      if (page >= got.pages) break;
    }
    const raw = db
      .select({ at: responses.submittedAt, text: answers.text })
      .from(responses)
      .innerJoin(answers, COMMENT_ANSWER)
      .where(responseWhere(db, { survey, ...range, agency: "TTHCC" }))
      .orderBy(desc(responses.submittedAt), responses.uuid)
      .all()
      .map((r) => `${r.at} ${r.text}`);
    expect(raw.length).toBeGreaterThan(2 * 20); // three pages or more
    expect(listed).toEqual(raw);
  });
});
