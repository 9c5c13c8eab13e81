/** The audit log: who did what, when, for every admin action. Details never hold passwords or keys. */
import { desc, eq } from "drizzle-orm";

import { auditLog, users } from "../../db/auth-schema";
import type { Db } from "../../db/client";

export function audit(db: Db, entry: { userId: number | null; action: string; target?: string; details?: Record<string, unknown> }): void {
  db.insert(auditLog)
    .values({
      at: Date.now(),
      userId: entry.userId,
      action: entry.action,
      target: entry.target ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .run();
}

/** The latest entries, newest first, with the username of who did it (the accounts screen). */
export function recentAudit(db: Db, limit = 50) {
  return db
    .select({ id: auditLog.id, at: auditLog.at, username: users.username, action: auditLog.action, target: auditLog.target })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all();
}
