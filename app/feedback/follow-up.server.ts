/**
 * Changes to a comment's follow-up: status, reply, hiding, tags. Each change and its audit row are one
 * transaction; the caller has already checked role, agency scope and CSRF. No row in comment_follow_ups
 * means "mới", visible, untagged: the first change creates it.
 */
import type { Db } from "../../db/client";
import { COMMENT_STATUSES } from "../../db/publishing-schema";
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
  const sql = db.$client;
  return sql.transaction((): ChangeOutcome => {
    const ensure = () =>
      sql
        .prepare("insert into comment_follow_ups (response_id, status, updated_at, updated_by) values (?, 'moi', ?, ?) on conflict (response_id) do nothing")
        .run(id, now, userId);
    const touched = "updated_at = ?, updated_by = ?";
    switch (c.intent) {
      case "status":
        ensure();
        sql.prepare(`update comment_follow_ups set status = ?, ${touched} where response_id = ?`).run(c.status, now, userId, id);
        audit(db, { userId, action: "comment.status", target: String(id), details: { status: c.status } });
        break;
      case "reply":
        ensure();
        sql
          .prepare(`update comment_follow_ups set status = 'da_tra_loi', reply_text = ?, replied_by = ?, replied_at = ?, ${touched} where response_id = ?`)
          .run(c.reply, userId, now, now, userId, id);
        // The reply is staff's own words, kept in the log so that an edited reply leaves a trace.
        audit(db, { userId, action: "comment.reply", target: String(id), details: { reply: c.reply } });
        break;
      case "hide":
        ensure();
        sql.prepare(`update comment_follow_ups set hidden_at = ?, hidden_by = ?, hidden_reason = ?, ${touched} where response_id = ?`).run(now, userId, c.reason, now, userId, id);
        audit(db, { userId, action: "comment.hide", target: String(id), details: { reason: c.reason } });
        break;
      case "unhide":
        ensure();
        sql.prepare(`update comment_follow_ups set hidden_at = null, hidden_by = null, hidden_reason = null, ${touched} where response_id = ?`).run(now, userId, id);
        audit(db, { userId, action: "comment.unhide", target: String(id) });
        break;
      case "tag": {
        const has = sql.prepare("select 1 from comment_tags where response_id = ? and tag = ?").get(id, c.tag);
        if (has) break; // adding a tag twice changes nothing
        const { n } = sql.prepare("select count(*) as n from comment_tags where response_id = ?").get(id) as { n: number };
        if (n >= TAGS_PER_COMMENT) return { ok: false, error: "tooManyTags" };
        sql.prepare("insert into comment_tags (response_id, tag) values (?, ?)").run(id, c.tag);
        audit(db, { userId, action: "comment.tag", target: String(id), details: { tag: c.tag } });
        break;
      }
      case "untag": {
        const info = sql.prepare("delete from comment_tags where response_id = ? and tag = ?").run(id, c.tag);
        if (info.changes > 0) audit(db, { userId, action: "comment.untag", target: String(id), details: { tag: c.tag } });
        break;
      }
    }
    return { ok: true };
  })();
}
