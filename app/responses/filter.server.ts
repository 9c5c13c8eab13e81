/**
 * The one filter of raw responses, shared by every list and file that reads them rather than roll-ups: the
 * dashboard's comments (app/dashboard/comments.server.ts), the comments of /quan-tri/gop-y
 * (app/feedback/list.server.ts) and the CSV export with its count (app/report/csv.server.ts). Reportable
 * responses of one survey within Vietnam days, limited by directory codes and channel, as one Drizzle condition
 * on `responses`. Codes become ids through the directory's one resolver (app/directory/ids.server.ts); an unknown
 * code matches nothing — a typo never widens a list to the province.
 */
import { and, between, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias, type SQLiteColumn } from "drizzle-orm/sqlite-core";

import type { Db } from "../../db/client";
import { answers, fields, responses, surveyVersions } from "../../db/schema";
import { idOfCode, type DirectoryKind } from "../directory/ids.server";
import { rollupCounts } from "../results/counts.server";
import { ResultsInputError, type ResultsFilter } from "../results/query";
import { reportable } from "../results/reportable";
import { resolveFilter } from "../results/results.server";
import { isChannel } from "../survey/codes";

export type ResponseFilter = {
  survey: string;
  /** Vietnam calendar days, inclusive. */
  from: string;
  to: string;
  /** Directory codes (an agency head's own agency is forced by the caller) and a channel code. */
  agency?: string;
  sector?: string;
  field?: string;
  counter?: string;
  channel?: string;
};

/** Matches no response. */
const NOTHING = sql`0`;

/** `responses` rows the filter keeps: reportable, of the survey, within the days, and of the codes given. */
export function responseWhere(db: Db, f: ResponseFilter): SQL {
  const byCode = (column: SQLiteColumn, kind: DirectoryKind, code: string | undefined) => {
    if (!code) return undefined;
    const id = idOfCode(db, kind, code);
    return id === null ? NOTHING : eq(column, id);
  };
  const sector = f.sector ? idOfCode(db, "sector", f.sector) : undefined;
  return and(
    eq(responses.surveyId, f.survey),
    between(responses.dayVn, f.from, f.to),
    reportable(responses),
    byCode(responses.agencyId, "agency", f.agency),
    sector === undefined
      ? undefined
      : sector === null
        ? NOTHING
        : inArray(responses.fieldId, db.select({ id: fields.id }).from(fields).where(eq(fields.sectorId, sector))),
    byCode(responses.fieldId, "field", f.field),
    byCode(responses.counterId, "counter", f.counter),
    f.channel === undefined ? undefined : isChannel(f.channel) ? eq(responses.channel, f.channel) : NOTHING,
  )!;
}

/**
 * How many responses the filter keeps, from the roll-ups: they count exactly the reportable responses of each
 * survey version by day and by every filter offered here (docs/decisions/0003-rollups.md, 0028-pair-rollups.md).
 * Counting raw rows read a year's 654 000 responses at 1 000 000 stored — 0.36–0.45 s with the event loop held
 * on every report page and at the start of every export (issue «Fast at a whole province's scale»). Every
 * version of the survey, as the export lists them; an unknown code matches nothing.
 */
export function countResponses(db: Db, f: ResponseFilter): number {
  const versionIds = db
    .select({ id: surveyVersions.id })
    .from(surveyVersions)
    .where(eq(surveyVersions.surveyId, f.survey))
    .all()
    .map(({ id }) => id);
  const codes: ResultsFilter = { agency: f.agency, sector: f.sector, field: f.field, counter: f.counter, channel: f.channel };
  let filter;
  try {
    filter = resolveFilter(db, Object.fromEntries(Object.entries(codes).filter(([, v]) => v !== undefined)), { kind: "none" }).filter;
  } catch (error) {
    if (error instanceof ResultsInputError) return 0;
    throw error;
  }
  return rollupCounts(db, { versionIds, range: { from: f.from, to: f.to }, by: { kind: "none" }, filter }).overall.responses;
}

/**
 * The response answered `question` with one of `codes`. Written as a `sql` template because Drizzle cannot say
 * `indexed by`: with a single code the planner would rather walk (question, code) — every such answer of the
 * province for each response (measured: minutes on 200 000 responses) — instead of the response's own answers.
 */
export function answeredWith(question: string, codes: readonly number[]): SQL {
  const x = alias(answers, "x");
  return sql`exists (select 1 from ${answers} ${x} indexed by answers_response_idx where ${x.responseId} = ${responses.id} and ${x.question} = ${question} and ${inArray(x.code, [...codes])})`;
}
