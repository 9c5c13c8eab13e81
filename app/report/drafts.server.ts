/** The editable parts of a report (`report_drafts`), one row per survey, period and scope. */
import { and, eq } from "drizzle-orm";

import type { Db } from "../../db/client";
import { reportDrafts } from "../../db/publishing-schema";
import { periodRange } from "../method/period";
import type { ReportDraft, ReportKey } from "./types";

export const EMPTY_DRAFT: ReportDraft = { number: "", recommendations: "", recipients: "", signerTitle: "", signerName: "", updatedAt: null };

export { DRAFT_LIMITS } from "./limits";

export function getDraft(db: Db, key: ReportKey): ReportDraft {
  const { from, to } = periodRange(key.period);
  const d = reportDrafts;
  const row = db
    .select({
      number: d.number,
      recommendations: d.recommendations,
      recipients: d.recipients,
      signerTitle: d.signerTitle,
      signerName: d.signerName,
      updatedAt: d.updatedAt,
    })
    .from(d)
    .where(and(eq(d.surveyId, key.survey), eq(d.fromDay, from), eq(d.toDay, to), eq(d.scope, key.scope)))
    .get();
  return row ?? EMPTY_DRAFT;
}

export function saveDraft(db: Db, key: ReportKey, draft: Omit<ReportDraft, "updatedAt">, userId: number | null, now = Date.now()): void {
  const { from, to } = periodRange(key.period);
  const d = reportDrafts;
  const values = { ...draft, updatedAt: now, updatedBy: userId };
  db.insert(d)
    .values({ surveyId: key.survey, fromDay: from, toDay: to, scope: key.scope, ...values })
    .onConflictDoUpdate({ target: [d.surveyId, d.fromDay, d.toDay, d.scope], set: values })
    .run();
}
