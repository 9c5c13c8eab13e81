/** The audit log: who did what, when, for every admin action. Details never hold passwords or keys. */
import type { Db } from "../../db/client";

export function audit(db: Db, entry: { userId: number | null; action: string; target?: string; details?: Record<string, unknown> }): void {
  db.$client
    .prepare("insert into audit_log (at, user_id, action, target, details) values (?, ?, ?, ?, ?)")
    .run(Date.now(), entry.userId, entry.action, entry.target ?? null, entry.details ? JSON.stringify(entry.details) : null);
}
