/** The editable parts of a report (`report_drafts`), one row per survey, period and scope. */
import type { Db } from "../../db/client";
import { periodRange } from "../method/period";
import type { ReportDraft, ReportKey } from "./types";

export const EMPTY_DRAFT: ReportDraft = { number: "", recommendations: "", recipients: "", signerTitle: "", signerName: "", updatedAt: null };

export { DRAFT_LIMITS } from "./limits";

export function getDraft(db: Db, key: ReportKey): ReportDraft {
  const { from, to } = periodRange(key.period);
  const row = db.$client
    .prepare(
      `select number, recommendations, recipients, signer_title as signerTitle, signer_name as signerName, updated_at as updatedAt
         from report_drafts where survey_id = ? and from_day = ? and to_day = ? and scope = ?`,
    )
    .get(key.survey, from, to, key.scope) as ReportDraft | undefined;
  return row ?? EMPTY_DRAFT;
}

export function saveDraft(db: Db, key: ReportKey, draft: Omit<ReportDraft, "updatedAt">, userId: number | null, now = Date.now()): void {
  const { from, to } = periodRange(key.period);
  db.$client
    .prepare(
      `insert into report_drafts (survey_id, from_day, to_day, scope, number, recommendations, recipients, signer_title, signer_name, updated_at, updated_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (survey_id, from_day, to_day, scope) do update set
         number = excluded.number, recommendations = excluded.recommendations, recipients = excluded.recipients,
         signer_title = excluded.signer_title, signer_name = excluded.signer_name,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    )
    .run(key.survey, from, to, key.scope, draft.number, draft.recommendations, draft.recipients, draft.signerTitle, draft.signerName, now, userId);
}
