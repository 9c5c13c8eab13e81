/**
 * Publications: insert (publish), withdraw, and what the public page shows. A period (survey + days) shows
 * its newest publication, and only while that one is not withdrawn: withdrawing the newest takes the period
 * off the page (an older publication of it never resurfaces); publishing again makes a new row that shows.
 * Every change is written with its audit row in one transaction.
 */
import { and, desc, eq, exists, gt, isNull, max, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";

import type { Db } from "../../db/client";
import { users } from "../../db/auth-schema";
import { publications } from "../../db/publishing-schema";
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

const p = publications;
/** Another publication (`q`) of the same period (survey and days) as the row `p`. */
const q = alias(publications, "q");
const samePeriod = and(eq(q.surveyId, p.surveyId), eq(q.fromDay, p.fromDay), eq(q.toDay, p.toDay));

/** The newest publication of each period, if it is not withdrawn. */
function live(db: Db) {
  return and(
    isNull(p.withdrawnAt),
    eq(
      p.id,
      db
        .select({ id: max(q.id) })
        .from(q)
        .where(samePeriod),
    ),
  );
}

export function publish(db: Db, a: { snapshot: Snapshot; userId: number; now?: number }): number {
  const snapshot = snapshotSchema.parse(a.snapshot);
  const now = a.now ?? Date.now();
  return db.transaction((tx) => {
    const { id } = tx
      .insert(p)
      .values({
        surveyId: snapshot.survey,
        periodKind: snapshot.period.kind,
        fromDay: snapshot.period.from,
        toDay: snapshot.period.to,
        snapshot,
        methodVersion: snapshot.methodVersion,
        publishedAt: now,
        publishedBy: a.userId,
      })
      .returning({ id: p.id })
      .get();
    audit(db, {
      userId: a.userId,
      action: "publication.publish",
      target: String(id),
      details: { survey: snapshot.survey, from: snapshot.period.from, to: snapshot.period.to },
    });
    return id;
  });
}

export type WithdrawOutcome = "withdrawn" | "notFound" | "already";

export function withdraw(db: Db, a: { id: number; userId: number; now?: number }): WithdrawOutcome {
  return db.transaction((tx): WithdrawOutcome => {
    const row = tx.select({ withdrawnAt: p.withdrawnAt }).from(p).where(eq(p.id, a.id)).get();
    if (!row) return "notFound";
    if (row.withdrawnAt !== null) return "already";
    tx.update(p)
      .set({ withdrawnAt: a.now ?? Date.now(), withdrawnBy: a.userId })
      .where(eq(p.id, a.id))
      .run();
    audit(db, { userId: a.userId, action: "publication.withdraw", target: String(a.id) });
    return "withdrawn";
  });
}

/** Every publication, newest first, for the admin screen. */
export function listPublications(db: Db, limit = 200): PublicationRow[] {
  const publishedBy = alias(users, "published_by");
  const withdrawnBy = alias(users, "withdrawn_by");
  return db
    .select({
      id: p.id,
      surveyId: p.surveyId,
      periodKind: p.periodKind,
      fromDay: p.fromDay,
      toDay: p.toDay,
      publishedAt: p.publishedAt,
      publishedBy: publishedBy.displayName,
      withdrawnAt: p.withdrawnAt,
      withdrawnBy: withdrawnBy.displayName,
      superseded: exists(
        db
          .select({ one: sql`1` })
          .from(q)
          .where(and(samePeriod, gt(q.id, p.id))),
      ).mapWith(Boolean),
    })
    .from(p)
    .leftJoin(publishedBy, eq(publishedBy.id, p.publishedBy))
    .leftJoin(withdrawnBy, eq(withdrawnBy.id, p.withdrawnBy))
    .orderBy(desc(p.id))
    .limit(limit)
    .all();
}

export type LivePublication = { id: number; publishedAt: number; snapshot: Snapshot };

/** The stored snapshot, checked again: a row written by an older version must still be a snapshot. */
const liveOf = (row: { id: number; publishedAt: number; snapshot: unknown }): LivePublication => ({
  id: row.id,
  publishedAt: row.publishedAt,
  snapshot: snapshotSchema.parse(row.snapshot),
});

/** What /cong-khai lists: each period's live publication, latest period first. */
export function livePublications(db: Db): LivePublication[] {
  return db
    .select({ id: p.id, publishedAt: p.publishedAt, snapshot: p.snapshot })
    .from(p)
    .where(live(db))
    .orderBy(desc(p.toDay), desc(p.fromDay), p.surveyId)
    .all()
    .map(liveOf);
}

/** One publication for the public page: live, superseded by a newer one (its id), or gone. */
export function findPublication(db: Db, id: number): { live: LivePublication } | { newer: number } | null {
  const row = db
    .select({ id: p.id, surveyId: p.surveyId, fromDay: p.fromDay, toDay: p.toDay, publishedAt: p.publishedAt, snapshot: p.snapshot })
    .from(p)
    .where(eq(p.id, id))
    .get();
  if (!row) return null;
  const newest = db
    .select({ id: p.id })
    .from(p)
    .where(and(eq(p.surveyId, row.surveyId), eq(p.fromDay, row.fromDay), eq(p.toDay, row.toDay), live(db)))
    .get();
  if (!newest) return null;
  if (newest.id !== row.id) return { newer: newest.id };
  return { live: liveOf(row) };
}
