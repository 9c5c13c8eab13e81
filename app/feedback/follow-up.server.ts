/**
 * Changes to a comment's follow-up: status, reply, hiding, tags. Each change and its audit row are one
 * transaction; the caller has already checked role, agency scope and CSRF. No row in comment_follow_ups
 * means "mới", visible, untagged: the first change creates it.
 */
import { and, count, eq } from "drizzle-orm";

import type { Db } from "../../db/client";
import { COMMENT_STATUSES, commentFollowUps, commentTags } from "../../db/publishing-schema";
import { audit } from "../auth/audit.server";
import type { Change } from "./change";
import { STATUSES, TAGS_PER_COMMENT } from "./limits";

// The page's list and the database's are one list: a type error here if they ever differ.
STATUSES satisfies typeof COMMENT_STATUSES;
COMMENT_STATUSES satisfies typeof STATUSES;

export type ChangeOutcome = { ok: true } | { ok: false; error: "tooManyTags" };

export function applyChange(db: Db, a: { responseId: number; change: Change; userId: number; now?: number }): ChangeOutcome {
  const now = a.now ?? Date.now();
  const { responseId: id, change: c, userId } = a;
  return db.transaction((tx): ChangeOutcome => {
    /** The follow-up row, created on the first change, and every change stamped with who and when. */
    const update = (values: Partial<typeof commentFollowUps.$inferInsert>) => {
      tx.insert(commentFollowUps).values({ responseId: id, status: "moi", updatedAt: now, updatedBy: userId }).onConflictDoNothing().run();
      tx.update(commentFollowUps)
        .set({ ...values, updatedAt: now, updatedBy: userId })
        .where(eq(commentFollowUps.responseId, id))
        .run();
    };
    const tagged = (tag: string) => and(eq(commentTags.responseId, id), eq(commentTags.tag, tag));
    switch (c.intent) {
      case "status":
        update({ status: c.status });
        audit(db, { userId, action: "comment.status", target: String(id), details: { status: c.status } });
        break;
      case "reply":
        update({ status: "da_tra_loi", replyText: c.reply, repliedBy: userId, repliedAt: now });
        // The reply is staff's own words, kept in the log so that an edited reply leaves a trace.
        audit(db, { userId, action: "comment.reply", target: String(id), details: { reply: c.reply } });
        break;
      case "hide":
        update({ hiddenAt: now, hiddenBy: userId, hiddenReason: c.reason });
        audit(db, { userId, action: "comment.hide", target: String(id), details: { reason: c.reason } });
        break;
      case "unhide":
        update({ hiddenAt: null, hiddenBy: null, hiddenReason: null });
        audit(db, { userId, action: "comment.unhide", target: String(id) });
        break;
      case "tag": {
        if (tx.select({ tag: commentTags.tag }).from(commentTags).where(tagged(c.tag)).get()) break; // adding a tag twice changes nothing
        const n = tx.select({ n: count() }).from(commentTags).where(eq(commentTags.responseId, id)).get()?.n ?? 0;
        if (n >= TAGS_PER_COMMENT) return { ok: false, error: "tooManyTags" };
        tx.insert(commentTags).values({ responseId: id, tag: c.tag }).run();
        audit(db, { userId, action: "comment.tag", target: String(id), details: { tag: c.tag } });
        break;
      }
      case "untag": {
        const info = tx.delete(commentTags).where(tagged(c.tag)).run();
        if (info.changes > 0) audit(db, { userId, action: "comment.untag", target: String(id), details: { tag: c.tag } });
        break;
      }
    }
    return { ok: true };
  });
}
