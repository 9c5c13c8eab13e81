/**
 * The supervisor's figures per surveyor device: last contact, what the device last reported (pending,
 * attention), what the server holds from its key (responses.api_key_id), conflicts its key caused
 * (response_conflicts.source = "api:key<id>"), late uploads, and progress against the surveyor's quotas.
 */
import type { Db } from "../../db/client";

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

export function deviceRows(db: Db, lateHours = LATE_HOURS): DeviceRow[] {
  const rows = db.$client
    .prepare(
      `select d.id as deviceId, d.name as deviceName, d.user_id as userId, u.display_name as surveyor,
              d.last_contact_at as lastContactAt, (d.revoked_at is not null) as revoked,
              d.pending_count as pending, d.attention_count as attention,
              (select count(*) from responses r where r.api_key_id = d.api_key_id) as confirmed,
              (select count(*) from responses r where r.api_key_id = d.api_key_id and r.received_at - r.submitted_at > ?) as late,
              (select count(*) from response_conflicts c where c.source = 'api:key' || d.api_key_id) as conflicts
         from devices d left join users u on u.id = d.user_id
        where d.kind = 'surveyor'
        order by u.display_name, d.name`,
    )
    .all(lateHours * 3600_000) as (Omit<DeviceRow, "revoked"> & { revoked: number })[];
  return rows.map((r) => ({ ...r, revoked: Boolean(r.revoked) }));
}

export type QuotaRow = { assignmentId: number; done: number };

/** Responses of the surveyor's device keys in the assignment's survey, agency, field and period. */
export function quotaProgress(db: Db): Map<number, number> {
  const rows = db.$client
    .prepare(
      `select s.id as assignmentId,
              (select count(*) from responses r join devices d on d.api_key_id = r.api_key_id
                where d.user_id = s.user_id and r.survey_id = s.survey_id and r.agency_id = s.agency_id
                  and (s.field_id is null or r.field_id = s.field_id)
                  and r.day_vn between s.from_day and s.to_day) as done
         from assignments s`,
    )
    .all() as QuotaRow[];
  return new Map(rows.map((r) => [r.assignmentId, r.done]));
}

export type ConflictRow = { uuid: string; receivedAt: number; deviceName: string | null; surveyor: string | null };

export function recentConflicts(db: Db, limit = 50): ConflictRow[] {
  return db.$client
    .prepare(
      `select c.uuid, c.received_at as receivedAt, d.name as deviceName, u.display_name as surveyor
         from response_conflicts c
         join devices d on c.source = 'api:key' || d.api_key_id
         left join users u on u.id = d.user_id
        where d.kind = 'surveyor'
        order by c.id desc limit ?`,
    )
    .all(limit) as ConflictRow[];
}
