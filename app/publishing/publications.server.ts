/**
 * Publications: insert (publish), withdraw, and what the public page shows. A period (survey + days) shows
 * its newest publication, and only while that one is not withdrawn: withdrawing the newest takes the period
 * off the page (an older publication of it never resurfaces); publishing again makes a new row that shows.
 * Every change is written with its audit row in one transaction.
 */
import type { Db } from "../../db/client";
import { audit } from "../auth/audit.server";
import { snapshotSchema, type Snapshot } from "./snapshot";

export type PublicationRow = {
  id: number;
  surveyId: string;
  periodKind: string;
  fromDay: string;
  toDay: string;
  publishedAt: number;
  publishedBy: string | null;
  withdrawnAt: number | null;
  withdrawnBy: string | null;
  /** A newer publication of the same period exists. */
  superseded: boolean;
};

/** The newest publication of each period, if it is not withdrawn. */
const LIVE = `p.withdrawn_at is null and p.id = (select max(q.id) from publications q
  where q.survey_id = p.survey_id and q.from_day = p.from_day and q.to_day = p.to_day)`;

export function publish(db: Db, a: { snapshot: Snapshot; userId: number; now?: number }): number {
  const snapshot = snapshotSchema.parse(a.snapshot);
  const now = a.now ?? Date.now();
  return db.$client.transaction(() => {
    const info = db.$client
      .prepare(
        `insert into publications (survey_id, period_kind, from_day, to_day, snapshot, method_version, published_at, published_by)
         values (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(snapshot.survey, snapshot.period.kind, snapshot.period.from, snapshot.period.to, JSON.stringify(snapshot), snapshot.methodVersion, now, a.userId);
    const id = Number(info.lastInsertRowid);
    audit(db, { userId: a.userId, action: "publication.publish", target: String(id), details: { survey: snapshot.survey, from: snapshot.period.from, to: snapshot.period.to } });
    return id;
  })();
}

export type WithdrawOutcome = "withdrawn" | "notFound" | "already";

export function withdraw(db: Db, a: { id: number; userId: number; now?: number }): WithdrawOutcome {
  return db.$client.transaction((): WithdrawOutcome => {
    const row = db.$client.prepare("select withdrawn_at as w from publications where id = ?").get(a.id) as { w: number | null } | undefined;
    if (!row) return "notFound";
    if (row.w !== null) return "already";
    db.$client.prepare("update publications set withdrawn_at = ?, withdrawn_by = ? where id = ?").run(a.now ?? Date.now(), a.userId, a.id);
    audit(db, { userId: a.userId, action: "publication.withdraw", target: String(a.id) });
    return "withdrawn";
  })();
}

/** Every publication, newest first, for the admin screen. */
export function listPublications(db: Db, limit = 200): PublicationRow[] {
  return db.$client
    .prepare(
      `select p.id, p.survey_id as surveyId, p.period_kind as periodKind, p.from_day as fromDay, p.to_day as toDay,
              p.published_at as publishedAt, pu.display_name as publishedBy, p.withdrawn_at as withdrawnAt,
              wu.display_name as withdrawnBy,
              exists (select 1 from publications q where q.survey_id = p.survey_id and q.from_day = p.from_day
                       and q.to_day = p.to_day and q.id > p.id) as superseded
         from publications p left join users pu on pu.id = p.published_by left join users wu on wu.id = p.withdrawn_by
        order by p.id desc limit ?`,
    )
    .all(limit)
    .map((r) => ({ ...(r as PublicationRow), superseded: Boolean((r as { superseded: number }).superseded) }));
}

export type LivePublication = { id: number; publishedAt: number; snapshot: Snapshot };

/** What /cong-khai lists: each period's live publication, latest period first. */
export function livePublications(db: Db): LivePublication[] {
  const rows = db.$client
    .prepare(`select p.id, p.published_at as publishedAt, p.snapshot from publications p where ${LIVE} order by p.to_day desc, p.from_day desc, p.survey_id`)
    .all() as { id: number; publishedAt: number; snapshot: string }[];
  return rows.map((r) => ({ id: r.id, publishedAt: r.publishedAt, snapshot: snapshotSchema.parse(JSON.parse(r.snapshot)) }));
}

/** One publication for the public page: live, superseded by a newer one (its id), or gone. */
export function findPublication(db: Db, id: number): { live: LivePublication } | { newer: number } | null {
  const row = db.$client
    .prepare("select id, survey_id as s, from_day as f, to_day as t, published_at as publishedAt, snapshot, withdrawn_at as w from publications where id = ?")
    .get(id) as { id: number; s: string; f: string; t: string; publishedAt: number; snapshot: string; w: number | null } | undefined;
  if (!row) return null;
  const newest = db.$client.prepare(`select p.id from publications p where p.survey_id = ? and p.from_day = ? and p.to_day = ? and ${LIVE}`).get(row.s, row.f, row.t) as
    | { id: number }
    | undefined;
  if (!newest) return null;
  if (newest.id !== row.id) return { newer: newest.id };
  return { live: { id: row.id, publishedAt: row.publishedAt, snapshot: snapshotSchema.parse(JSON.parse(row.snapshot)) } };
}
