/**
 * The demo's health facilities and schools (db/seed/demo-sectors.ts): their responses go through the real ingest,
 * every stored response reads back as a valid answer set of its definition (numbers within range, conditional
 * questions only when shown), each unit answers only surveys of its own sector, every domain item and number
 * question is answered somewhere, and the per-respondent measures are rolled up. A real SQLite file.
 */
import { describe, expect, it } from "vitest";

import { sectorOfAgency, surveysOfSector } from "../../app/auth/sector.server";
import { allQuestions } from "../../app/survey/definition";
import { checkAnswers } from "../../app/survey/response";
import { periodKey, periodRange, previousPeriodKey, vietnamDay } from "../../app/method/period";
import { DEMO_SECTOR_UNITS, generateSectorResponses } from "../../db/seed/demo-sectors";
import { SERVICE_SECTORS } from "../../app/survey/codes";
import { demoServices } from "../support/services";

type Row = { id: number; survey: string; agency: string; question: string | null; code: number | null; text: string | null };

describe("the demo's sector units", () => {
  it("answer their sector's surveys, and every stored response validates against its definition", () => {
    const { db, surveys } = demoServices();
    const totals = generateSectorResponses(db, surveys, { responses: 1500 });
    expect(totals.invalid).toBe(0);
    // 32 per unit, survey and whole quarter at 12 000 responses, scaled to 1 500: 4 in each of two quarters, and some in this one.
    const pairs = DEMO_SECTOR_UNITS.reduce((n, u) => n + u.surveys.length, 0);
    expect(totals.created).toBeGreaterThanOrEqual(pairs * 8);
    expect(totals.created).toBeLessThanOrEqual(pairs * 12);

    const rows = db.$client
      .prepare(
        `select r.id, r.survey_id as survey, a.code as agency, x.question, x.code, x.text
           from responses r join agencies a on a.id = r.agency_id left join answers x on x.response_id = r.id
          order by r.id, x.rowid`,
      )
      .all() as Row[];
    const stored = new Map<number, { survey: string; agency: string; raw: Record<string, unknown> }>();
    for (const r of rows) {
      const one = stored.get(r.id) ?? { survey: r.survey, agency: r.agency, raw: {} };
      stored.set(r.id, one);
      if (r.question === null) continue;
      const q = allQuestions(surveys.get(r.survey)!.def).find((x) => x.code === r.question)!;
      one.raw[r.question] = q.type === "multi" ? [...((one.raw[r.question] as number[]) ?? []), r.code] : (r.text ?? r.code);
    }
    expect(stored.size).toBe(totals.created);

    const answered = new Map<string, Set<string>>();
    for (const { survey, agency, raw } of stored.values()) {
      const def = surveys.get(survey)!.def;
      expect(def.sector, survey).toBeDefined();
      expect(sectorOfAgency(db, agency), `${agency} answers ${survey}`).toBe(def.sector);
      const checked = checkAnswers(def, raw, { requireRequired: true });
      expect(checked.ok ? [] : checked.issues, `${survey} at ${agency}`).toEqual([]);
      for (const code of Object.keys(raw)) answered.set(survey, (answered.get(survey) ?? new Set()).add(code));
    }

    // Every survey of both sectors is answered, with every domain item and every number question (G1…).
    for (const sector of SERVICE_SECTORS) {
      for (const survey of surveysOfSector(surveys, sector)) {
        const def = surveys.get(survey)!.def;
        const codes = answered.get(survey) ?? new Set<string>();
        const items = def.method.index === "elements" ? def.method.elements.flatMap((e) => e.criteria) : [];
        const numbers = allQuestions(def)
          .filter((q) => q.type === "number" && !q.showIf)
          .map((q) => q.code);
        expect(
          items.filter((c) => !codes.has(c)),
          `${survey}: domain items never answered`,
        ).toEqual([]);
        expect(
          numbers.filter((c) => !codes.has(c)),
          `${survey}: number questions never answered`,
        ).toEqual([]);
        // The per-respondent measures (e.g. «hài lòng toàn diện») are computed at ingest and rolled up.
        for (const m of def.method.measures) {
          const n = db.$client
            .prepare(
              `select coalesce(sum(n), 0) as n from rollup_answers ra join survey_versions v on v.id = ra.survey_version_id where v.survey_id = ? and ra.question = ?`,
            )
            .get(survey, m.code) as { n: number };
          expect(n.n, `${survey} ${m.code}`).toBeGreaterThan(0);
        }
      }
    }
  }, 120_000);

  it("at the demo's full size, give every unit and survey at least 30 responses in the last complete quarter and the one before", () => {
    const { db, surveys } = demoServices();
    expect(generateSectorResponses(db, surveys).invalid).toBe(0);
    const last = previousPeriodKey(periodKey(vietnamDay(Date.now()), "quarter"));
    for (const quarter of [last, previousPeriodKey(last)]) {
      const { from, to } = periodRange(quarter);
      for (const unit of DEMO_SECTOR_UNITS) {
        for (const survey of unit.surveys) {
          const { n } = db.$client
            .prepare(
              `select count(*) as n from responses r join agencies a on a.id = r.agency_id where a.code = ? and r.survey_id = ? and r.day_vn between ? and ?`,
            )
            .get(unit.agency, survey, from, to) as { n: number };
          expect(n, `${unit.agency} ${survey} ${quarter}`).toBeGreaterThanOrEqual(30);
        }
      }
    }
  }, 120_000);
});
