/**
 * The province's side of the national roll-up: its month roll-ups as the hub stores them (docs/operations.md
 * §national roll-up). Counts only — `rollup_month_responses` and `rollup_month_answers` for the four
 * breakdowns, and `rollup_profile` summed over agencies — with local ids turned into codes (agencies and
 * counters prefixed with the province code, which names its own), and survey versions that share a method
 * version pooled, as the province's own figures pool them. The day tables and the raw answers stay home.
 */
import { and, eq, max, sql, sum } from "drizzle-orm";

import type { Db } from "../../db/client";
import { agencies, counters, fields, responses, rollupMonthAnswers, rollupMonthResponses, rollupProfile, surveyVersions } from "../../db/schema";
import { hashMonth, type AnswerRow, type MonthPayload, type ResponseRow } from "./payload.server";

/** Months the province has counts for, oldest first. */
export function provinceMonths(db: Db): string[] {
  const rows = db
    .select({ month: rollupMonthResponses.month })
    .from(rollupMonthResponses)
    .union(db.select({ month: rollupProfile.month }).from(rollupProfile))
    .all();
  return rows.map((r) => r.month).sort();
}

type KeyMaps = { agency: Map<number, string>; field: Map<number, string>; counter: Map<number, string> };

function keyMaps(db: Db, province: string): KeyMaps {
  const byId = (rows: { id: number; code: string }[], prefix = "") => new Map(rows.map((r) => [r.id, `${prefix}${r.code}`]));
  return {
    agency: byId(db.select({ id: agencies.id, code: agencies.code }).from(agencies).all(), `${province}:`),
    field: byId(db.select({ id: fields.id, code: fields.code }).from(fields).all()),
    counter: byId(db.select({ id: counters.id, code: counters.code }).from(counters).all(), `${province}:`),
  };
}

/** A month set's key as a code: "0" (none) → "", an id → its code, a channel stays as it is. */
function codeOf(maps: KeyMaps, dim: string, key: string): string {
  if (key === "0" || key === "") return "";
  if (dim === "channel") return key;
  const code = maps[dim as keyof KeyMaps]?.get(Number(key));
  // A roll-up key without a directory row cannot happen (ingest resolves codes); keep it visible, never merged.
  return code ?? `${dim}#${key}`;
}

/** Sums rows that differ only by survey version (versions sharing a method version pool). */
function pooled<R extends (string | number)[]>(rows: R[]): R[] {
  const out = new Map<string, R>();
  for (const row of rows) {
    const id = JSON.stringify(row.slice(0, -1));
    const seen = out.get(id);
    if (seen) (seen[seen.length - 1] as number) += row[row.length - 1] as number;
    else out.set(id, [...row] as R);
  }
  return [...out.values()];
}

/** One month as the hub stores it, read in one snapshot, with its hash and the highest response id then. */
export function readProvinceMonth(db: Db, province: string, month: string): MonthPayload {
  return db.transaction((tx) => {
    const maps = keyMaps(tx as unknown as Db, province);
    const asOf =
      tx
        .select({ id: max(responses.id) })
        .from(responses)
        .get()?.id ?? 0;
    const v = { survey: surveyVersions.surveyId, methodVersion: surveyVersions.methodVersion };
    const r = tx
      .select({ ...v, dim: rollupMonthResponses.dim, key: rollupMonthResponses.key, n: rollupMonthResponses.n })
      .from(rollupMonthResponses)
      .innerJoin(surveyVersions, eq(surveyVersions.id, rollupMonthResponses.surveyVersionId))
      .where(eq(rollupMonthResponses.month, month))
      .all();
    const a = tx
      .select({
        ...v,
        dim: rollupMonthAnswers.dim,
        key: rollupMonthAnswers.key,
        question: rollupMonthAnswers.question,
        code: rollupMonthAnswers.code,
        n: rollupMonthAnswers.n,
      })
      .from(rollupMonthAnswers)
      .innerJoin(surveyVersions, eq(surveyVersions.id, rollupMonthAnswers.surveyVersionId))
      .where(eq(rollupMonthAnswers.month, month))
      .all();
    const p = tx
      .select({
        ...v,
        profileQuestion: rollupProfile.profileQuestion,
        profileCode: rollupProfile.profileCode,
        question: rollupProfile.question,
        code: rollupProfile.code,
        n: sql<number>`${sum(rollupProfile.n)}`.mapWith(Number),
      })
      .from(rollupProfile)
      .innerJoin(surveyVersions, eq(surveyVersions.id, rollupProfile.surveyVersionId))
      .where(and(eq(rollupProfile.month, month)))
      .groupBy(
        surveyVersions.surveyId,
        surveyVersions.methodVersion,
        rollupProfile.profileQuestion,
        rollupProfile.profileCode,
        rollupProfile.question,
        rollupProfile.code,
      )
      .all();
    const responseRows = pooled<ResponseRow>(
      r.filter((x) => x.n !== 0).map((x) => [x.survey, x.methodVersion, x.dim, codeOf(maps, x.dim, x.key), x.n]),
    );
    const answerRows = pooled<AnswerRow>([
      ...a.filter((x) => x.n !== 0).map((x): AnswerRow => [x.survey, x.methodVersion, x.dim, codeOf(maps, x.dim, x.key), x.question, x.code, x.n]),
      ...p
        .filter((x) => x.n !== 0)
        .map((x): AnswerRow => [x.survey, x.methodVersion, `profile:${x.profileQuestion}`, String(x.profileCode), x.question, x.code, x.n]),
    ]);
    return { month, asOf, hash: hashMonth(month, responseRows, answerRows), responses: responseRows, answers: answerRows };
  });
}
