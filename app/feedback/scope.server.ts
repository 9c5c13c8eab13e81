/**
 * Who may read and handle comments (docs/decisions/0009-publishing-and-comments.md):
 * - admin (Sở Nội vụ): every agency's comments, every change;
 * - agency head: their own agency's comments only, every change on them; another agency by `?agency=`, by
 *   the comment's id in the path or by a posted form is 403 — decided here, whatever the page offered;
 * - viewer: reads every agency's comments (hidden texts stay hidden), changes nothing (403 on a POST);
 * - surveyor: 403 (interviewers collect answers; they do not read the province's comments).
 */
import { requireUser, type SessionUser } from "../auth/session.server";
import { requireDashboardViewer } from "../dashboard/scope.server";

export type CommentReader = {
  user: SessionUser;
  /** The agency every list is limited to; null = the province. */
  scope: string | null;
  canWrite: boolean;
};

const forbidden = () => new Response("Không có quyền với ý kiến của cơ quan này", { status: 403 });

/** Readers of comments; `?agency=` of another agency is 403 for an agency head (dashboard rule). */
export function requireCommentReader(request: Request): CommentReader {
  const viewer = requireDashboardViewer(request);
  return { user: viewer.user, scope: viewer.scope, canWrite: viewer.user.role === "admin" || viewer.user.role === "agency" };
}

/** Those who may change comments, for actions. */
export function requireCommentWriter(request: Request): CommentReader {
  const user = requireUser(request, ["admin", "agency"]);
  if (user.role === "agency" && !user.agencyCode) throw forbidden();
  return { user, scope: user.role === "agency" ? user.agencyCode : null, canWrite: true };
}

/** The comment must belong to the reader's agency (an agency head), else 403. */
export function requireCommentInScope(reader: CommentReader, owner: { agency: string }): void {
  if (reader.scope !== null && reader.scope !== owner.agency) throw forbidden();
}
