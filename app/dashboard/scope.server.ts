/**
 * Who may see which dashboard, decided on the server in every loader (never from a query parameter) by the
 * one scope rule (app/auth/scope.server.ts): Sở Nội vụ staff and viewers see the province and any agency; an
 * agency head sees only their agency — asking for another one, by path or by `?agency=`, is refused with 403;
 * surveyors get 403 everywhere.
 */
import { eq } from "drizzle-orm";

import { agencies, counters } from "../../db/schema";
import { FIGURE_READERS } from "../auth/roles";
import { agencyScope, requireInScope } from "../auth/scope.server";
import { requireUser, type SessionUser } from "../auth/session.server";
import { idOfCode } from "../directory/ids.server";
import { services } from "../services.server";

export type DashboardViewer = {
  user: SessionUser;
  /** The agency every figure is limited to (an agency head's own); null = the whole province. */
  scope: string | null;
  /** May open other agencies' pages. */
  linkAgencies: boolean;
};

const REFUSAL = "Không có quyền xem số liệu của cơ quan này";

export function requireDashboardViewer(request: Request): DashboardViewer {
  const user = requireUser(request, FIGURE_READERS);
  const scope = agencyScope(user, REFUSAL, new URL(request.url).searchParams.get("agency"));
  return { user, scope, linkAgencies: scope === null };
}

/** The agency of a drill-down page: one the viewer may see (403), and one that exists (404). */
export function requireAgencyPage(viewer: DashboardViewer, code: string): string {
  requireInScope(viewer.scope, code, REFUSAL);
  if (idOfCode(services().db, "agency", code) === null) throw new Response("Không có cơ quan này", { status: 404 });
  return code;
}

/** A counter named on an agency page must be that agency's (an agency head cannot peek through it). */
export function requireCounterOf(agency: string, counter: string | undefined): void {
  if (!counter) return;
  const row = services()
    .db.select({ agency: agencies.code })
    .from(counters)
    .innerJoin(agencies, eq(agencies.id, counters.agencyId))
    .where(eq(counters.code, counter))
    .get();
  if (!row) throw new Response("Không có quầy này", { status: 404 });
  if (row.agency !== agency) throw new Response(REFUSAL, { status: 403 });
}
