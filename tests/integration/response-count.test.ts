/**
 * The number of responses a report page announces and an export sends in X-Total-Rows comes from the roll-ups
 * (app/responses/filter.server.ts `countResponses`): for every filter they take it equals a count of the raw
 * reportable responses — on a generated province with some responses voided, ranges whole or cut mid-month.
 */
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { rebuildRollups } from "../../app/results/rollups.server";
import { countResponses, responseWhere, type ResponseFilter } from "../../app/responses/filter.server";
import { responses } from "../../db/schema";
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
});
