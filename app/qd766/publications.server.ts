/**
 * Monthly publication of the QĐ 766 indicators on /cong-khai/qd766: an administrator freezes a closed month's
 * figures (by agency, with the province and the platform's own rate) in one action; a later import never changes
 * a published number. Withdrawing hides it (the row stays, audited).
 */
import { and, desc, eq, isNull } from "drizzle-orm";

import type { Db } from "../../db/client";
import { qd766Publications } from "../../db/qd766-schema";
import { audit } from "~/auth/audit.server";
import { periodRange } from "~/method/period";
import type { SurveyRegistry } from "~/survey/registry.server";

import { qd766Indicators, type Qd766Indicators } from "./indicators.server";
import { monthRow } from "./monthly.server";

export type Qd766Snapshot = Qd766Indicators & { month: string; platformRate: number | null };
export type PublishOutcome = { ok: true; id: number } | { ok: false; message: string };

export function publishMonth(db: Db, surveys: SurveyRegistry, month: string, today: string, userId: number, now = Date.now()): PublishOutcome {
  const range = periodRange(month);
  if (range.to >= today) return { ok: false, message: "Chỉ công bố được tháng đã kết thúc." };
  const snapshot: Qd766Snapshot = { ...qd766Indicators(db, range, "agency"), month, platformRate: monthRow(db, surveys, month, today).platformRate };
  if (snapshot.overall.dossiers === 0) return { ok: false, message: "Tháng này chưa có hồ sơ nào được trả kết quả: chưa có gì để công bố." };
  return db.transaction(
    (tx) => {
      const live = tx
        .select({ id: qd766Publications.id })
        .from(qd766Publications)
        .where(and(eq(qd766Publications.month, month), isNull(qd766Publications.withdrawnAt)))
        .get();
      if (live) return { ok: false as const, message: "Tháng này đã được công bố; muốn công bố lại, hãy rút bản đã công bố trước." };
      const row = tx
        .insert(qd766Publications)
        .values({ month, snapshot, methodVersion: snapshot.version, publishedAt: now, publishedBy: userId })
        .returning({ id: qd766Publications.id })
        .get();
      // One connection: the audit row joins this transaction.
      audit(db, { userId, action: "qd766.publish", target: month, details: { id: row.id } });
      return { ok: true as const, id: row.id };
    },
    { behavior: "immediate" },
  );
}

export function withdrawMonth(db: Db, month: string, userId: number, now = Date.now()): boolean {
  const done = db
    .update(qd766Publications)
    .set({ withdrawnAt: now, withdrawnBy: userId })
    .where(and(eq(qd766Publications.month, month), isNull(qd766Publications.withdrawnAt)))
    .run().changes;
  if (done) audit(db, { userId, action: "qd766.withdraw", target: month, details: {} });
  return done > 0;
}

export type LiveQd766 = { id: number; month: string; publishedAt: number; snapshot: Qd766Snapshot };

export function liveQd766(db: Db): LiveQd766[] {
  return db
    .select({
      id: qd766Publications.id,
      month: qd766Publications.month,
      publishedAt: qd766Publications.publishedAt,
      snapshot: qd766Publications.snapshot,
    })
    .from(qd766Publications)
    .where(isNull(qd766Publications.withdrawnAt))
    .orderBy(desc(qd766Publications.month))
    .all()
    .map((r) => ({ ...r, snapshot: r.snapshot as Qd766Snapshot }));
}
