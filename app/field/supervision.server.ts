/**
 * The supervisor's figures per surveyor device: last contact, what the device last reported (pending,
 * attention), what the server holds from its key (responses.api_key_id), conflicts its key caused
 * (response_conflicts.source = "api:key<id>"), late uploads, and progress against the surveyor's quotas.
 */
import { and, asc, between, count, desc, eq, gt, isNotNull, isNull, or, sql } from "drizzle-orm";

import { users } from "../../db/auth-schema";
import type { Db } from "../../db/client";
import { assignments, devices } from "../../db/field-schema";
import { responseConflicts, responses } from "../../db/schema";

/** An interview reaching the server more than this after it was made is "late" (two working days offline). */
export const LATE_HOURS = 48;

export type DeviceRow = {
  deviceId: number;
  deviceName: string;
  userId: number | null;
  surveyor: string | null;
  lastContactAt: number | null;
  revoked: boolean;
  pending: number;
  attention: number;
  confirmed: number;
  conflicts: number;
  late: number;
};

/** The `source` the API records a key's conflicts under (`api:key<id>`, api.v1.responses.ts), for a device's key. */
const conflictSourceOf = (apiKeyId: typeof devices.apiKeyId) => sql`'api:key' || ${apiKeyId}`;

export function deviceRows(db: Db, lateHours = LATE_HOURS): DeviceRow[] {
  const ofKey = eq(responses.apiKeyId, devices.apiKeyId);
  return db
    .select({
      deviceId: devices.id,
      deviceName: devices.name,
      userId: devices.userId,
      surveyor: users.displayName,
      lastContactAt: devices.lastContactAt,
      revoked: isNotNull(devices.revokedAt).mapWith(Boolean),
      pending: devices.pendingCount,
      attention: devices.attentionCount,
      confirmed: db.$count(responses, ofKey),
      late: db.$count(responses, and(ofKey, gt(sql`${responses.receivedAt} - ${responses.submittedAt}`, lateHours * 3600_000))),
      conflicts: db.$count(responseConflicts, eq(responseConflicts.source, conflictSourceOf(devices.apiKeyId))),
    })
    .from(devices)
    .leftJoin(users, eq(users.id, devices.userId))
    .where(eq(devices.kind, "surveyor"))
    .orderBy(asc(users.displayName), asc(devices.name))
    .all();
}

export type QuotaRow = { assignmentId: number; done: number };

/** Responses of the surveyor's device keys in the assignment's survey, agency, field and period. */
export function quotaProgress(db: Db): Map<number, number> {
  const rows: QuotaRow[] = db
    .select({ assignmentId: assignments.id, done: count(responses.id) })
    .from(assignments)
    .leftJoin(devices, eq(devices.userId, assignments.userId))
    .leftJoin(
      responses,
      and(
        eq(responses.apiKeyId, devices.apiKeyId),
        eq(responses.surveyId, assignments.surveyId),
        eq(responses.agencyId, assignments.agencyId),
        or(isNull(assignments.fieldId), eq(responses.fieldId, assignments.fieldId)),
        between(responses.dayVn, assignments.fromDay, assignments.toDay),
      ),
    )
    .groupBy(assignments.id)
    .all();
  return new Map(rows.map((r) => [r.assignmentId, r.done]));
}

export type ConflictRow = { uuid: string; receivedAt: number; deviceName: string | null; surveyor: string | null };

export function recentConflicts(db: Db, limit = 50): ConflictRow[] {
  return db
    .select({ uuid: responseConflicts.uuid, receivedAt: responseConflicts.receivedAt, deviceName: devices.name, surveyor: users.displayName })
    .from(responseConflicts)
    .innerJoin(devices, eq(responseConflicts.source, conflictSourceOf(devices.apiKeyId)))
    .leftJoin(users, eq(users.id, devices.userId))
    .where(eq(devices.kind, "surveyor"))
    .orderBy(desc(responseConflicts.id))
    .limit(limit)
    .all();
}
