/**
 * Who may see which dashboard, decided on the server in every loader (never from a query parameter):
 * Sở Nội vụ staff and viewers see the province and any agency; an agency head sees only their agency —
 * asking for another one, by path or by `?agency=`, is refused with 403; surveyors get 403 everywhere.
 */
import { FIGURE_READERS } from "../auth/roles";
import { requireUser, type SessionUser } from "../auth/session.server";
import { services } from "../services.server";

export type DashboardViewer = {
  user: SessionUser;
  /** The agency every figure is limited to (an agency head's own); null = the whole province. */
  scope: string | null;
  /** May open other agencies' pages. */
  linkAgencies: boolean;
};

const forbidden = () => new Response("Không có quyền xem số liệu của cơ quan này", { status: 403 });

export function requireDashboardViewer(request: Request): DashboardViewer {
  const user = requireUser(request, FIGURE_READERS);
  if (user.role !== "agency") return { user, scope: null, linkAgencies: true };
  // An agency head without an agency sees nothing rather than everything.
  if (!user.agencyCode) throw forbidden();
  const asked = new URL(request.url).searchParams.get("agency");
  if (asked && asked !== user.agencyCode) throw forbidden();
  return { user, scope: user.agencyCode, linkAgencies: false };
}

/** The agency of a drill-down page: one the viewer may see (403), and one that exists (404). */
export function requireAgencyPage(viewer: DashboardViewer, code: string): string {
  if (viewer.scope !== null && viewer.scope !== code) throw forbidden();
  const { db } = services();
  const row = db.$client.prepare("select code from agencies where code = ?").get(code) as { code: string } | undefined;
  if (!row) throw new Response("Không có cơ quan này", { status: 404 });
  return row.code;
}

/** A counter named on an agency page must be that agency's (an agency head cannot peek through it). */
export function requireCounterOf(agency: string, counter: string | undefined): void {
  if (!counter) return;
  const { db } = services();
  const row = db.$client
    .prepare("select a.code from counters c join agencies a on a.id = c.agency_id where c.code = ?")
    .get(counter) as { code: string } | undefined;
  if (!row) throw new Response("Không có quầy này", { status: 404 });
  if (row.code !== agency) throw forbidden();
}
