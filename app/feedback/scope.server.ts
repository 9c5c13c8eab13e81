/**
 * Who may read and handle comments (docs/decisions/0012-publishing-and-comments.md), by the one scope rule
 * (app/auth/scope.server.ts):
 * - admin (Sở Nội vụ): every agency's comments, every change;
 * - agency head: their own agency's comments only, every change on them; another agency by `?agency=`, by
 *   the comment's id in the path or by a posted form is 403 — decided here, whatever the page offered;
 * - viewer: reads every agency's comments (hidden texts stay hidden), changes nothing (403 on a POST);
 * - sector department: reads, like a viewer, the comments of its sector's units in its sector's surveys;
 * - surveyor: 403 (interviewers collect answers; they do not read the province's comments).
 */
import { agencyScope, mayWrite, requireInScope, SCOPED_WRITERS } from "../auth/scope.server";
import { requireUser, type SessionUser } from "../auth/session.server";
import { requireDashboardViewer } from "../dashboard/scope.server";

export type CommentReader = {
  user: SessionUser;
  /** The agency every list is limited to; null = the province. */
  scope: string | null;
  canWrite: boolean;
};

const REFUSAL = "Không có quyền với ý kiến của cơ quan này";

/** Readers of comments; `?agency=` of another agency is 403 for an agency head (dashboard rule). */
export function requireCommentReader(request: Request, comment?: () => { agency: string; survey: string }): CommentReader {
  const viewer = requireDashboardViewer(request, comment);
  return { user: viewer.user, scope: viewer.scope, canWrite: mayWrite(viewer.user) };
}

/** Those who may change comments, for actions. */
export function requireCommentWriter(request: Request): CommentReader {
  const user = requireUser(request, SCOPED_WRITERS);
  return { user, scope: agencyScope(user, REFUSAL), canWrite: true };
}

/** The comment must belong to the reader's agency (an agency head), else 403. */
export function requireCommentInScope(reader: CommentReader, owner: { agency: string }): void {
  requireInScope(reader.scope, owner.agency, REFUSAL);
}
