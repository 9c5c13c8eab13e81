/**
 * Which report a request asks for (`?survey=…&period=…&scope=…`, plus `field` and `channel` for the CSV),
 * checked on the server, and who may have it: Sở Nội vụ and viewers any scope, an agency head only their
 * own agency (another one is 403, whatever the parameters say). Drafts are edited by admins, and by an
 * agency head for their own agency's report.
 */
import { redirect } from "@remix-run/node";
import { z } from "zod";

import { FIGURE_READERS } from "../auth/roles";
import { agencyScope, mayWrite, requireSurveyInScope } from "../auth/scope.server";
import { sectorStart } from "../auth/sector.server";
import { requireUser, type SessionUser } from "../auth/session.server";
import { idOfCode } from "../directory/ids.server";
import { DIRECTORY_CODE } from "../directory/rules";
import { defaultSurvey, SURVEY_ID } from "../figures/surveys";
import { isPeriodKey, periodKey, previousPeriodKey, vietnamDay, YEARS_TEXT } from "../method/period";
import { CHANNELS } from "../survey/codes";
import { services } from "../services.server";
import type { ReportKey } from "./types";

const code = z.string().regex(DIRECTORY_CODE);

const querySchema = z.object({
  survey: z.string().regex(SURVEY_ID).optional(),
  period: z.string().refine(isPeriodKey).optional(),
  scope: z.union([z.literal("province"), code]).optional(),
  field: code.optional(),
  channel: z.enum(CHANNELS).optional(),
});

export type ReportRequest = {
  user: SessionUser;
  /** The agency the user's reports are limited to (an agency head's own); null = any scope. */
  userScope: string | null;
  key: ReportKey;
  field?: string;
  channel?: string;
  mayEdit: boolean;
};

const REFUSAL = "Không có quyền xem báo cáo của cơ quan này";

/** The last whole quarter: what a periodic report is usually of. */
export function defaultPeriod(today = vietnamDay(Date.now())): string {
  return previousPeriodKey(periodKey(today, "quarter"));
}

export function requireReport(request: Request, search: URLSearchParams | FormData = new URL(request.url).searchParams): ReportRequest {
  const user = requireUser(request, FIGURE_READERS);
  const raw = Object.fromEntries(
    [...search.entries()]
      .filter(([k, v]) => typeof v === "string" && v.trim() !== "" && k in querySchema.shape)
      .map(([k, v]) => [k, String(v).trim()]),
  );
  const parsed = querySchema.safeParse(raw);
  if (!parsed.success) {
    const period = parsed.error.issues.some((i) => i.path[0] === "period");
    throw new Response(
      period
        ? `Kỳ báo cáo «${String(raw.period)}» không hợp lệ: chọn một năm, 6 tháng, quý hoặc tháng trong ${YEARS_TEXT} (ví dụ 2026-Q3).`
        : "Tham số báo cáo không hợp lệ: hãy chọn lại khảo sát, kỳ và phạm vi.",
      { status: 400 },
    );
  }
  const q = parsed.data;
  if (user.role === "sector") sectorReportStart(request, user, q);
  // An agency head's report is their agency's, whatever the parameters say (the one scope rule).
  const userScope = agencyScope(user, REFUSAL, q.scope);
  const scope = userScope ?? q.scope ?? "province";
  const { db, surveys } = services();
  // Any registered survey can be reported (the registry decides, app/figures/surveys.ts).
  if (q.survey && !surveys.has(q.survey)) throw new Response("Không có khảo sát này: hãy chọn lại khảo sát.", { status: 404 });
  if (scope !== "province" && idOfCode(db, "agency", scope) === null) throw new Response("Không có cơ quan này", { status: 404 });
  if (q.field && idOfCode(db, "field", q.field) === null) throw new Response("Không có lĩnh vực này", { status: 404 });
  const survey = q.survey ?? defaultSurvey(surveys);
  // A sector department's report is of one of its units in a survey of its sector (ADR 0021).
  requireSurveyInScope(user, survey, REFUSAL);
  return {
    user,
    userScope,
    key: { survey, period: q.period ?? defaultPeriod(), scope },
    ...(q.field ? { field: q.field } : {}),
    ...(q.channel ? { channel: q.channel } : {}),
    // An agency head's scope is their own agency: they edit its report; viewers edit nothing.
    mayEdit: mayWrite(user),
  };
}

/**
 * A sector department's report is of one unit of its sector in one of its surveys (ADR 0021): what it names
 * outside them is 403; the report screen opened without them (the menu's link) goes to the sector's first ones.
 */
function sectorReportStart(request: Request, user: SessionUser, q: { scope?: string; survey?: string }): void {
  if (q.scope) agencyScope(user, REFUSAL, q.scope);
  if (q.survey) requireSurveyInScope(user, q.survey, REFUSAL);
  const url = new URL(request.url);
  if (request.method !== "GET" || (q.scope && q.survey) || !user.sector || url.pathname !== "/quan-tri/bao-cao") return;
  const start = sectorStart(services().db, services().surveys, user.sector);
  if (!start) return;
  url.searchParams.set("scope", q.scope ?? start.unit);
  url.searchParams.set("survey", q.survey ?? start.survey);
  throw redirect(url.pathname + url.search);
}

/** The query string of a report (for links between the screen and its files). */
export function reportSearch(key: ReportKey, extra: Record<string, string | undefined> = {}): string {
  const p = new URLSearchParams({ survey: key.survey, period: key.period, scope: key.scope });
  for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
  return `?${p.toString()}`;
}
