/**
 * The first hour of a new province: the demo `npm start` makes on an empty database shows a normal reporting
 * cycle — the last complete quarter with enough ratings for (nearly) every agency and for the three target
 * fields, comparable with the quarter before and the same quarter a year earlier — and the demo surveyor can
 * start an interview at once. The real seed, on a real SQLite file.
 */
import { describe, expect, it } from "vitest";

import { getDashboard } from "../../app/dashboard/dashboard.server";
import { assignmentsOfUser } from "../../app/field/assignments.server";
import { periodKey, previousPeriodKey, vietnamDay } from "../../app/method/period";
import { seedDemo } from "../../db/seed/demo";
import { DEMO_RESPONSES } from "../../db/seed/demo-size";
import { testDatabase } from "../support/db";
import { registerSurveys } from "../../app/survey/registry.server";
import { realDefinitions } from "../support/surveys";

const TODAY = vietnamDay(Date.now());
const lastCompleteQuarter = previousPeriodKey(periodKey(TODAY, "quarter"));

describe("the demo province", () => {
  it(`has the last complete quarter (${lastCompleteQuarter}) with enough ratings per agency and target field, comparable, and an assignment for ksv`, () => {
    const db = testDatabase();
    const surveys = registerSurveys(db, realDefinitions());
    expect(seedDemo(db, surveys)).toMatchObject({ created: DEMO_RESPONSES, invalid: 0 });
    const board = (period: string) =>
      getDashboard(db, surveys, { params: { survey: "danh-gia-ho-so", period }, focus: null, linkAgencies: true, locale: "vi", today: TODAY });

    const quarter = board(lastCompleteQuarter);
    const agencies = quarter.ranking.rows.filter((r) => r.key !== "");
    const few = agencies.filter((r) => r.fewAnswers).map((r) => r.key);
    console.log(`DEMO_QUARTER ${lastCompleteQuarter}: ${agencies.length} agencies, ${few.length} «ít mẫu» ${JSON.stringify(few)}`);
    expect(agencies.length).toBe(19);
    expect(few.length).toBeLessThanOrEqual(2);
    for (const field of ["DAT_DAI", "XAY_DUNG", "DAU_TU"]) {
      expect(
        quarter.fields.find((f) => f.key === field),
        field,
      ).toMatchObject({ fewAnswers: false });
    }
    // The quarter before and the same quarter a year earlier are comparable: most agencies show a change.
    const withChange = agencies.filter((r) => r.delta !== null && r.previousEnough).length;
    expect(withChange).toBeGreaterThanOrEqual(17);
    const yearEarlier = `${Number(lastCompleteQuarter.slice(0, 4)) - 1}${lastCompleteQuarter.slice(4)}`;
    expect(board(yearEarlier).ranking.rows.filter((r) => r.key !== "" && r.fewAnswers).length).toBeLessThanOrEqual(2);

    const ksv = (db.$client.prepare("select id from users where username = 'ksv'").get() as { id: number }).id;
    const assignments = assignmentsOfUser(db, ksv, TODAY);
    expect(assignments.length).toBeGreaterThan(0);
    expect(assignments.every((a) => a.from <= TODAY && TODAY <= a.to)).toBe(true);
  }, 180_000);
});
