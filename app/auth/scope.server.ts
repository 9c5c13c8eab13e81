/**
 * The one agency-scope rule of the staff screens (dashboard, comments, reports, officers), decided on the server
 * whatever a page offered: Sở Nội vụ staff (admin) and viewers see the province and any agency; an agency head
 * sees only their own agency — one without an agency sees nothing rather than everything, and another agency
 * asked for by path, query string or posted form is refused with 403. A sector department (Sở Y tế, Sở GD&ĐT)
 * sees each unit of its sector, one at a time, in the surveys of its sector: a unit it names must be of its
 * sector, and naming none is refused rather than widened to the province (ADR 0021). Each area says the refusal
 * in its words.
 */
import { services } from "../services.server";

import type { UserRole } from "./roles";
import { sectorOfAgency } from "./sector.server";
import type { SessionUser } from "./session.server";

/** Who may change what they see (comments, report drafts, officers): admins, and agency heads within their scope. */
export const SCOPED_WRITERS: readonly UserRole[] = ["admin", "agency"];

export const mayWrite = (user: SessionUser): boolean => SCOPED_WRITERS.includes(user.role);

const refuse = (message: string) => new Response(message, { status: 403 });

/**
 * The agency every figure and list of `user` is limited to: an agency head's own; null = the whole province.
 * `asked` is the agency the request names, if any: for an agency head it must be their own.
 */
export function agencyScope(user: SessionUser, refusal: string, asked?: string | null): string | null {
  if (user.role === "sector") {
    if (!user.sector || !asked || sectorOfAgency(services().db, asked) !== user.sector) throw refuse(refusal);
    return asked;
  }
  if (user.role !== "agency") return null;
  if (!user.agencyCode) throw refuse(refusal);
  if (asked && asked !== user.agencyCode) throw refuse(refusal);
  return user.agencyCode;
}

/** `agency` (of a path, or of the comment a request is about) must lie within `scope`, else 403. */
export function requireInScope(scope: string | null, agency: string, refusal: string): void {
  if (scope !== null && scope !== agency) throw refuse(refusal);
}

/** A sector department reads only the surveys of its sector (a survey's `sector`); other roles are not limited here. */
export function requireSurveyInScope(user: SessionUser, survey: string, refusal: string): void {
  if (user.role !== "sector") return;
  if (!user.sector || services().surveys.get(survey)?.def.sector !== user.sector) throw refuse(refusal);
}
