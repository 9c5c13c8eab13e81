/**
 * The agency page's comment count comes from the roll-ups (app/dashboard/comment-count.server.ts): for every
 * filter the page offers, it equals a count of the raw Y_KIEN answers of reportable responses, less those hidden
 * as abusive — on a generated province with some comments hidden and some responses voided.
 */
import { and, count, eq, isNotNull, notExists, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { commentTotal } from "../../app/dashboard/comment-count.server";
import { COMMENT_ANSWER, COMMENT_QUESTION } from "../../app/dashboard/comments.server";
import { rebuildRollups } from "../../app/results/rollups.server";
import { responseWhere, type ResponseFilter } from "../../app/responses/filter.server";
import type { Db } from "../../db/client";
import { commentFollowUps } from "../../db/publishing-schema";
import { answers, responses } from "../../db/schema";
import { generateResponses } from "../../db/seed/generate";
import { demoServices } from "../support/services";

const NOW = Date.UTC(2026, 9, 1, 3, 0, 0);

function rawTotal(db: Db, f: ResponseFilter): number {
  const visible = notExists(
    db
      .select({ one: sql`1` })
      .from(commentFollowUps)
      .where(and(eq(commentFollowUps.responseId, responses.id), isNotNull(commentFollowUps.hiddenAt))),
  );
  return (
    db
      .select({ n: count() })
      .from(responses)
      .innerJoin(answers, COMMENT_ANSWER)
      .where(and(responseWhere(db, f), visible))
      .get()?.n ?? 0
  );
}

describe("comment count", () => {
  it("equals the raw count of visible comments for every filter of the agency page", () => {
    const { db, surveys } = demoServices();
    generateResponses(db, surveys, { responses: 2000, seed: 7, now: NOW, days: 120 });
    // Some comments hidden as abusive, some processed and visible; some responses voided (then a rebuild).
    db.$client.exec(`insert into comment_follow_ups (response_id, status, hidden_at, updated_at)
      select response_id, 'moi', case when response_id % 3 = 0 then 1 else null end, 1 from answers where question = 'Y_KIEN' and response_id % 5 = 0`);
    db.$client.exec("update responses set status = 'void' where id % 97 = 0");
    rebuildRollups(db);
    const ranges = [
      { from: "2026-06-04", to: "2026-10-01" },
      { from: "2026-07-01", to: "2026-09-30" },
      { from: "2026-08-13", to: "2026-08-20" },
    ];
    const filters: Omit<ResponseFilter, "survey" | "from" | "to">[] = [
      { agency: "TTHCC" },
      { agency: "TTHCC", channel: "kiosk" },
      { agency: "TTHCC", field: "DAT_DAI" },
      { agency: "TTHCC", sector: "NN_MT", channel: "qr" },
      { agency: "TTHCC", counter: "TTHCC-Q01" },
      { agency: "SO_XD", counter: "TTHCC-Q01" },
      { agency: "P_DBP", sector: "XD", field: "DAT_DAI" },
      { agency: "X_TUAN_GIAO", channel: "surveyor" },
      { agency: "NO_SUCH_AGENCY" },
      { agency: "TTHCC", channel: "fax" },
    ];
    let compared = 0;
    for (const survey of ["danh-gia-ho-so", "sipas"]) {
      for (const range of ranges) {
        for (const f of filters) {
          const scope = { survey, ...range, ...f };
          const raw = rawTotal(db, scope);
          expect(commentTotal(db, COMMENT_QUESTION, scope), JSON.stringify(scope)).toBe(raw);
          if (raw > 0) compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(10);
  });
});
