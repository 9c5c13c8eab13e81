/**
 * Surveyors' assignments: interview at an agency (optionally one field) in a period, with a quota. Admins make
 * them on the supervisor screen; the tablet app lists the surveyor's own; the API refuses a surveyor device's
 * response for an agency outside them (docs/decisions/0009-offline-outbox.md).
 */
import { and, asc, eq, gte, isNotNull, isNull, sql } from "drizzle-orm";

import { users } from "../../db/auth-schema";
import type { Db } from "../../db/client";
import { assignments, devices } from "../../db/field-schema";
import { perConnection } from "../../db/prepared";
import { agencies, fields } from "../../db/schema";
import { idOfCode } from "~/directory/ids.server";
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

/** Assignments with their surveyor, agency and field as the screens show them. */
function selectAssignments(db: Db) {
  return db
    .select({
      id: assignments.id,
      userId: assignments.userId,
      username: users.username,
      displayName: users.displayName,
      survey: assignments.surveyId,
      agency: agencies.code,
      agencyName: agencies.name,
      field: fields.code,
      fieldName: fields.name,
      quota: assignments.quota,
      from: assignments.fromDay,
      to: assignments.toDay,
    })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.userId))
    .innerJoin(agencies, eq(agencies.id, assignments.agencyId))
    .leftJoin(fields, eq(fields.id, assignments.fieldId))
    .$dynamic();
}

/** A surveyor's assignments that have not ended (Vietnam day), soonest first. */
export function assignmentsOfUser(db: Db, userId: number, today = vietnamDay(Date.now())): AssignmentView[] {
  return selectAssignments(db)
    .where(and(eq(assignments.userId, userId), gte(assignments.toDay, today)))
    .orderBy(asc(assignments.fromDay), asc(assignments.id))
    .all();
}

export function allAssignments(db: Db): AssignmentView[] {
  return selectAssignments(db).orderBy(asc(users.displayName), asc(assignments.fromDay), asc(assignments.id)).all();
}

/** Active surveyors, by name: whom an assignment can be given to. */
export function activeSurveyors(db: Db): { id: number; name: string }[] {
  return db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.role, "surveyor"), isNull(users.disabledAt)))
    .orderBy(asc(users.displayName))
    .all();
}

/** Checks the codes against the directory and the user's role; returns a Vietnamese error or the new id. */
export function createAssignment(
  db: Db,
  input: AssignmentInput,
  { createdBy, surveys }: { createdBy: number; surveys: ReadonlySet<string> },
): { ok: true; id: number } | { ok: false; error: string } {
  const user = db
    .select({ role: users.role })
    .from(users)
    .where(and(eq(users.id, input.userId), isNull(users.disabledAt)))
    .get();
  if (user?.role !== "surveyor") return { ok: false, error: "Người được giao phải là khảo sát viên đang hoạt động." };
  if (!surveys.has(input.survey)) return { ok: false, error: `Không có phiếu khảo sát «${input.survey}».` };
  const agencyId = idOfCode(db, "agency", input.agency);
  if (agencyId === null) return { ok: false, error: `Không có cơ quan «${input.agency}».` };
  let fieldId: number | null = null;
  if (input.field) {
    fieldId = idOfCode(db, "field", input.field);
    if (fieldId === null) return { ok: false, error: `Không có lĩnh vực «${input.field}».` };
  }
  const { id } = db
    .insert(assignments)
    .values({
      userId: input.userId,
      surveyId: input.survey,
      agencyId,
      fieldId,
      quota: input.quota,
      fromDay: input.from,
      toDay: input.to,
      createdBy,
      createdAt: Date.now(),
    })
    .returning({ id: assignments.id })
    .get();
  return { ok: true, id };
}

export function deleteAssignment(db: Db, id: number): boolean {
  return db.delete(assignments).where(eq(assignments.id, id)).run().changes === 1;
}

/** Checked for every item a surveyor's tablet sends (up to 500 a request): prepared once per connection (db/prepared.ts). */
const scopeStatements = perConnection((db) => ({
  surveyorOfKey: db
    .select({ userId: devices.userId })
    .from(devices)
    .where(and(eq(devices.apiKeyId, sql.placeholder("keyId")), eq(devices.kind, "surveyor"), isNotNull(devices.userId)))
    .prepare(),
  assignedAt: db
    .select({ id: assignments.id })
    .from(assignments)
    .innerJoin(agencies, eq(agencies.id, assignments.agencyId))
    .where(and(eq(assignments.userId, sql.placeholder("userId")), eq(agencies.code, sql.placeholder("agency"))))
    .limit(1)
    .prepare(),
}));

/**
 * For a surveyor device's key: a refusal (Vietnamese) when the response's agency is in none of the surveyor's
 * assignments, whatever their period (a tablet offline for days may upload after the period ended; the
 * supervisor sees those as late uploads). Keys not bound to a surveyor's device are not limited here.
 */
export function surveyorScopeProblem(db: Db, keyId: number, agencyCode: string): string | null {
  const statements = scopeStatements(db);
  const device = statements.surveyorOfKey.get({ keyId });
  if (!device) return null;
  const assigned = statements.assignedAt.get({ userId: device.userId, agency: agencyCode });
  return assigned ? null : `Khảo sát viên không được giao khảo sát tại cơ quan «${agencyCode}»; phiếu không được lưu. Xin liên hệ người giám sát.`;
}
