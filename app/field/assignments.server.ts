/**
 * Surveyors' assignments: interview at an agency (optionally one field) in a period, with a quota. Admins make
 * them on the supervisor screen; the tablet app lists the surveyor's own; the API refuses a surveyor device's
 * response for an agency outside them (docs/decisions/0009-offline-outbox.md).
 */
import type { Db } from "../../db/client";
import { vietnamDay } from "~/method/period";

import type { AssignmentInput } from "./assignment-forms";

export type AssignmentView = {
  id: number;
  userId: number;
  username: string;
  displayName: string;
  survey: string;
  agency: string;
  agencyName: string;
  field: string | null;
  fieldName: string | null;
  quota: number;
  from: string;
  to: string;
};

const SELECT = `select s.id, s.user_id as userId, u.username, u.display_name as displayName, s.survey_id as survey,
         a.code as agency, a.name as agencyName, f.code as field, f.name as fieldName, s.quota,
         s.from_day as "from", s.to_day as "to"
    from assignments s join users u on u.id = s.user_id join agencies a on a.id = s.agency_id
    left join fields f on f.id = s.field_id`;

/** A surveyor's assignments that have not ended (Vietnam day), soonest first. */
export function assignmentsOfUser(db: Db, userId: number, today = vietnamDay(Date.now())): AssignmentView[] {
  return db.$client.prepare(`${SELECT} where s.user_id = ? and s.to_day >= ? order by s.from_day, s.id`).all(userId, today) as AssignmentView[];
}

export function allAssignments(db: Db): AssignmentView[] {
  return db.$client.prepare(`${SELECT} order by u.display_name, s.from_day, s.id`).all() as AssignmentView[];
}

/** Checks the codes against the directory and the user's role; returns a Vietnamese error or the new id. */
export function createAssignment(
  db: Db,
  input: AssignmentInput,
  { createdBy, surveys }: { createdBy: number; surveys: ReadonlySet<string> },
): { ok: true; id: number } | { ok: false; error: string } {
  const user = db.$client.prepare("select role from users where id = ? and disabled_at is null").get(input.userId) as { role: string } | undefined;
  if (user?.role !== "surveyor") return { ok: false, error: "Người được giao phải là điều tra viên đang hoạt động." };
  if (!surveys.has(input.survey)) return { ok: false, error: `Không có phiếu khảo sát «${input.survey}».` };
  const agency = db.$client.prepare("select id from agencies where code = ?").get(input.agency) as { id: number } | undefined;
  if (!agency) return { ok: false, error: `Không có cơ quan «${input.agency}».` };
  let fieldId: number | null = null;
  if (input.field) {
    const field = db.$client.prepare("select id from fields where code = ?").get(input.field) as { id: number } | undefined;
    if (!field) return { ok: false, error: `Không có lĩnh vực «${input.field}».` };
    fieldId = field.id;
  }
  const info = db.$client
    .prepare(
      `insert into assignments (user_id, survey_id, agency_id, field_id, quota, from_day, to_day, created_by, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(input.userId, input.survey, agency.id, fieldId, input.quota, input.from, input.to, createdBy, Date.now());
  return { ok: true, id: Number(info.lastInsertRowid) };
}

export function deleteAssignment(db: Db, id: number): boolean {
  return db.$client.prepare("delete from assignments where id = ?").run(id).changes === 1;
}

/**
 * For a surveyor device's key: a refusal (Vietnamese) when the response's agency is in none of the surveyor's
 * assignments, whatever their period (a tablet offline for days may upload after the period ended; the
 * supervisor sees those as late uploads). Keys not bound to a surveyor's device are not limited here.
 */
export function surveyorScopeProblem(db: Db, keyId: number, agencyCode: string): string | null {
  const device = db.$client
    .prepare("select user_id as userId from devices where api_key_id = ? and kind = 'surveyor' and user_id is not null")
    .get(keyId) as { userId: number } | undefined;
  if (!device) return null;
  const assigned = db.$client
    .prepare("select 1 from assignments s join agencies a on a.id = s.agency_id where s.user_id = ? and a.code = ? limit 1")
    .get(device.userId, agencyCode);
  return assigned ? null : `Điều tra viên không được giao khảo sát tại cơ quan «${agencyCode}»; phiếu không được lưu. Xin liên hệ người giám sát.`;
}
