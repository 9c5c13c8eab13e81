/**
 * Who may see which dashboard, decided on the server in every loader (never from a query parameter) by the
 * one scope rule (app/auth/scope.server.ts): Sở Nội vụ staff and viewers see the province and any agency; an
 * agency head sees only their agency — asking for another one, by path or by `?agency=`, is refused with 403;
 * a sector department sees one unit of its sector at a time, in a survey of its sector (ADR 0021); surveyors get
 * 403 everywhere.
 */
import { redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";

import { agencies, counters } from "../../db/schema";
import { FIGURE_READERS } from "../auth/roles";
import { agencyScope, requireInScope, requireSurveyInScope } from "../auth/scope.server";
import { sectorStart } from "../auth/sector.server";
import { requireUser, type SessionUser } from "../auth/session.server";
import { idOfCode } from "../directory/ids.server";
import { services } from "../services.server";
import { parseDashboardParams } from "./params.server";

export type DashboardViewer = {
  user: SessionUser;
  /** The agency every figure is limited to (an agency head's own); null = the whole province. */
  scope: string | null;
  /** May open other agencies' pages. */
  linkAgencies: boolean;
};

const REFUSAL = "Không có quyền xem số liệu của cơ quan này";

/**
 * `named`: the agency (and survey) the page is about when its path names them — a drill-down page, a comment —
 * read only once the user is known.
 */
export function requireDashboardViewer(request: Request, named?: () => { agency: string; survey?: string }): DashboardViewer {
  const user = requireUser(request, FIGURE_READERS);
  const search = new URL(request.url).searchParams;
  if (user.role === "sector") return sectorViewer(user, request, named?.());
  const scope = agencyScope(user, REFUSAL, search.get("agency"));
  return { user, scope, linkAgencies: scope === null };
}

/**
 * A sector department's view: one unit of its sector in one survey of its sector. Whatever the request names
 * outside the sector is 403 first; a list page opened without a unit or a survey (the dashboard, the comments
 * after sign-in) then goes to the sector's first unit and survey. The survey is the one the page will show: a
 * survey the dashboard cannot read from the query string would otherwise fall back to the default one, which is
 * of no sector.
 */
function sectorViewer(user: SessionUser, request: Request, named: { agency: string; survey?: string } | undefined): DashboardViewer {
  const url = new URL(request.url);
  const { db, surveys } = services();
  const askedAgency = url.searchParams.get("agency");
  const askedSurvey = named?.survey ?? url.searchParams.get("survey");
  if (named && askedAgency && askedAgency !== named.agency) throw new Response(REFUSAL, { status: 403 });
  const agency = named?.agency ?? askedAgency;
  if (agency) agencyScope(user, REFUSAL, agency);
  if (askedSurvey) requireSurveyInScope(user, askedSurvey, REFUSAL);
  const start = user.sector && request.method === "GET" && (!agency || !askedSurvey) ? sectorStart(db, surveys, user.sector) : null;
  if (start) {
    if (!named) url.searchParams.set("agency", agency ?? start.unit);
    url.searchParams.set("survey", askedSurvey ?? start.survey);
    throw redirect(url.pathname + url.search);
  }
  const scope = agencyScope(user, REFUSAL, agency);
  const shown = named?.survey ?? parseDashboardParams(url.searchParams).params.survey;
  if (!shown || shown !== askedSurvey) throw new Response(REFUSAL, { status: 403 });
  return { user, scope, linkAgencies: false };
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
