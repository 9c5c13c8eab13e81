/**
 * How many comments an agency page lists, from the roll-ups (docs/decisions/0024-filtered-rollups.md): a text
 * answer is rolled up under code 0, so the Y_KIEN count of the scope is the number of written comments, read
 * like any other figure; the few hidden as abusive (/quan-tri/gop-y) are counted from their own rows and taken
 * away. The comments themselves stay raw rows, a page at a time (comments.server.ts). With a criterion the
 * count stays raw: "not satisfied on X and commented" crosses two answers of one response, which no roll-up keeps.
 */
import { and, countDistinct, eq, inArray, isNotNull } from "drizzle-orm";

import type { Db } from "../../db/client";
import { commentFollowUps } from "../../db/publishing-schema";
import { answers, responses, surveyVersions } from "../../db/schema";
import { rollupCounts } from "../results/counts.server";
import { resolveFilter, ResultsInputError } from "../results/results.server";
import { ANSWERED_CODE } from "../results/rollup-rows";
import { responseWhere, type ResponseFilter } from "../responses/filter.server";

/** Every version of the survey: the comment list reads them all, whatever their method version. */
const versionsOf = (db: Db, survey: string) =>
  db
    .select({ id: surveyVersions.id })
    .from(surveyVersions)
    .where(eq(surveyVersions.surveyId, survey))
    .all()
    .map((v) => v.id);

export function commentTotal(db: Db, question: string, f: ResponseFilter & { from: string; to: string }): number {
  let filter;
  try {
    filter = resolveFilter(
      db,
      { agency: f.agency, sector: f.sector, field: f.field, counter: f.counter, channel: f.channel },
      { kind: "none" },
    ).filter;
  } catch (error) {
    // An unknown code matches no response (as responseWhere says).
    if (error instanceof ResultsInputError) return 0;
    throw error;
  }
  const counted = rollupCounts(db, { versionIds: versionsOf(db, f.survey), range: { from: f.from, to: f.to }, by: { kind: "none" }, filter });
  const written = counted.overall.questions[question]?.[ANSWERED_CODE] ?? 0;
  // The hidden comments' ids first (a handful): joined the other way, SQLite walked the scope's responses to find
  // them (~0.3 s for an agency's year at 1 000 000 responses, with none hidden).
  const hiddenIds = db
    .select({ id: commentFollowUps.responseId })
    .from(commentFollowUps)
    .where(isNotNull(commentFollowUps.hiddenAt))
    .all()
    .map((r) => r.id);
  let hidden = 0;
  // In chunks: a statement takes at most 32 766 parameters.
  for (let i = 0; i < hiddenIds.length; i += 5000) {
    hidden +=
      db
        .select({ n: countDistinct(responses.id) })
        .from(responses)
        .innerJoin(answers, and(eq(answers.responseId, responses.id), eq(answers.question, question), isNotNull(answers.text)))
        .where(and(inArray(responses.id, hiddenIds.slice(i, i + 5000)), responseWhere(db, f)))
        .get()?.n ?? 0;
  }
  return written - hidden;
}
