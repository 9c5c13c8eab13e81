/**
 * Quotas proposed from the imported dossier counts (docs/method.md §4.9): the supervisor picks a dossier
 * period and sees, per agency (or per agency and field), the sample the method module computes; one action
 * turns the chosen rows into assignments. The numbers are never taken from the form: the action recomputes
 * the plan from the database, so a tampered quota cannot be posted.
 */
import type { Db } from "../../db/client";
import { agencies, fields } from "../../db/schema";
import { samplePlan } from "~/dossiers/plan.server";

import type { PlanInput } from "./assignment-forms";
import { createAssignment } from "./assignments.server";
import { DEFAULT_MARGIN } from "./margins";

export type PlanLevel = "agency" | "field";

export type ProposedRow = {
  /** `AGENCY` or `AGENCY|FIELD` ("" after the bar: dossiers without a field). */
  key: string;
  agency: string;
  agencyName: string;
  field: string | null;
  fieldName: string | null;
  dossiers: number;
  sample: number;
};

export type Proposal = { from: string; to: string; margin: number; level: PlanLevel; dossiers: number; sample: number; rows: ProposedRow[] };

/** The plan of app/dossiers/plan.server.ts (method module numbers), flattened to one row per future assignment. */
export function proposeQuotas(db: Db, range: { from: string; to: string }, level: PlanLevel, margin = DEFAULT_MARGIN): Proposal {
  const plan = samplePlan(db, range, margin);
  const names = (t: typeof agencies | typeof fields) =>
    new Map(
      db
        .select({ code: t.code, name: t.name })
        .from(t)
        .all()
        .map((r) => [r.code, r.name]),
    );
  const agencyNames = names(agencies);
  const fieldNames = names(fields);
  const rows: ProposedRow[] = [];
  for (const a of plan.agencies) {
    const agencyName = agencyNames.get(a.agency) ?? a.agency;
    if (level === "agency") {
      rows.push({ key: a.agency, agency: a.agency, agencyName, field: null, fieldName: null, dossiers: a.dossiers, sample: a.sample });
      continue;
    }
    for (const f of a.fields) {
      const field = f.field === "" ? null : f.field;
      rows.push({
        key: `${a.agency}|${f.field}`,
        agency: a.agency,
        agencyName,
        field,
        fieldName: field ? (fieldNames.get(field) ?? field) : null,
        dossiers: f.dossiers,
        sample: f.sample,
      });
    }
  }
  return { from: plan.from, to: plan.to, margin, level, dossiers: plan.dossiers, sample: plan.sample, rows };
}

/** All chosen rows become assignments in one transaction, or none does (a Vietnamese reason). */
export function assignProposal(
  db: Db,
  input: PlanInput,
  opts: { createdBy: number; surveys: ReadonlySet<string> },
): { ok: true; ids: number[]; rows: ProposedRow[] } | { ok: false; error: string } {
  const proposal = proposeQuotas(db, { from: input.from, to: input.to }, input.level, input.margin);
  const byKey = new Map(proposal.rows.map((r) => [r.key, r]));
  const chosen: ProposedRow[] = [];
  for (const key of new Set(input.pick)) {
    const row = byKey.get(key);
    if (!row) return { ok: false, error: `Dòng «${key}» không có trong đề xuất của kỳ này; xin tính lại đề xuất.` };
    // A stratum whose proposed sample is 0 needs no interviewer.
    if (row.sample > 0) chosen.push(row);
  }
  if (chosen.length === 0) return { ok: false, error: "Các dòng đã chọn không cần phiếu nào (cỡ mẫu 0)." };
  try {
    const ids = db.transaction(() =>
      chosen.map((row) => {
        const made = createAssignment(
          db,
          {
            userId: input.userId,
            survey: input.survey,
            agency: row.agency,
            field: row.field,
            quota: row.sample,
            from: input.workFrom,
            to: input.workTo,
          },
          opts,
        );
        if (!made.ok) throw new PlanRefused(made.error);
        return made.id;
      }),
    );
    return { ok: true, ids, rows: chosen };
  } catch (error) {
    if (error instanceof PlanRefused) return { ok: false, error: error.message };
    throw error;
  }
}

class PlanRefused extends Error {}
