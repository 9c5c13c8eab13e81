/**
 * The free-text comments (Y_KIEN) behind an agency's figures, newest first, a page at a time (within one
 * stored time — an hour for QR and kiosk ratings — by the response's random UUID, never by row id: that is
 * the order of arrival, issue 16 finding 3; and no id reaches the page). Comments are
 * raw answers, not figures: they are read from `answers` ⨝ `responses` (reportable responses only) with a
 * LIMIT, always inside one agency. With a criterion, only the comments of respondents who were not
 * satisfied on it — "what lies behind a low rate". The text is returned as is; React renders it inert.
 */
import type { Db } from "../../db/client";
import { reportableSql } from "../results/reportable";
import type { Locale } from "../survey/codes";
import { allQuestions, type SurveyDefinition } from "../survey/definition";
import type { CommentPage, CommentRow } from "./types";

export const COMMENT_QUESTION = "Y_KIEN";
export const COMMENTS_PER_PAGE = 20;

export type CommentQuery = {
  def: SurveyDefinition;
  survey: string;
  agency: string;
  range: { from: string; to: string };
  sector?: string;
  field?: string;
  counter?: string;
  channel?: string;
  criterion?: string;
  page?: number;
  locale: Locale;
};

export function getComments(db: Db, q: CommentQuery): CommentPage {
  const where = [
    "a.question = ?",
    "a.text is not null",
    "r.survey_id = ?",
    "r.agency_id = (select id from agencies where code = ?)",
    "r.day_vn between ? and ?",
    reportableSql("r"),
    // Hidden as abusive on /quan-tri/gop-y: not shown here either.
    "not exists (select 1 from comment_follow_ups h where h.response_id = r.id and h.hidden_at is not null)",
  ];
  const params: unknown[] = [COMMENT_QUESTION, q.survey, q.agency, q.range.from, q.range.to];
  if (q.sector) {
    where.push("r.field_id in (select f.id from fields f join sectors s on s.id = f.sector_id where s.code = ?)");
    params.push(q.sector);
  }
  if (q.field) {
    where.push("r.field_id = (select id from fields where code = ?)");
    params.push(q.field);
  }
  if (q.counter) {
    where.push("r.counter_id = (select id from counters where code = ?)");
    params.push(q.counter);
  }
  if (q.channel) {
    where.push("r.channel = ?");
    params.push(q.channel);
  }
  const criterion = unsatisfied(q.def, q.criterion, q.locale);
  if (criterion) {
    // `indexed by`: with one code the planner would walk every such answer of the province per response.
    where.push(`exists (select 1 from answers c indexed by answers_response_idx where c.response_id = r.id and c.question = ? and c.code in (${criterion.codes.map(() => "?").join(", ")}))`);
    params.push(criterion.code, ...criterion.codes);
  }
  const from = `from answers a join responses r on r.id = a.response_id where ${where.join(" and ")}`;
  const { total } = db.$client.prepare(`select count(*) as total ${from}`).get(...params) as { total: number };
  const pages = Math.max(1, Math.ceil(total / COMMENTS_PER_PAGE));
  const page = Math.min(Math.max(1, q.page ?? 1), pages);
  const rows = db.$client
    .prepare(
      `select a.text, r.submitted_at as at, f.name as field, c.name as counter, r.channel,
              ${criterion ? "(select x.code from answers x where x.response_id = r.id and x.question = ?)" : "null"} as answerCode
         from answers a join responses r on r.id = a.response_id
         left join fields f on f.id = r.field_id left join counters c on c.id = r.counter_id
        where ${where.join(" and ")}
        order by r.submitted_at desc, r.uuid limit ? offset ?`,
    )
    .all(...(criterion ? [criterion.code] : []), ...params, COMMENTS_PER_PAGE, (page - 1) * COMMENTS_PER_PAGE) as (Omit<CommentRow, "answer"> & {
    answerCode: number | null;
  })[];
  return {
    total,
    page,
    pages,
    criterion: criterion ? { code: criterion.code, label: criterion.label } : null,
    rows: rows.map(({ answerCode, ...r }) => ({ ...r, answer: answerCode === null ? null : (criterion?.labels.get(answerCode) ?? String(answerCode)) })),
  };
}

/** A scale question of the survey and its not-satisfied codes ("no opinion" is neither). */
function unsatisfied(def: SurveyDefinition, code: string | undefined, locale: Locale) {
  if (!code) return null;
  const q = allQuestions(def).find((x) => x.code === code);
  if (!q || q.type !== "scale") return null;
  const scale = def.scales[q.scale];
  if (!scale) return null;
  return {
    code,
    label: q.label[locale],
    codes: scale.options.map((o) => o.code).filter((c) => !scale.satisfied.includes(c)),
    labels: new Map(scale.options.map((o) => [o.code, o.label[locale]] as const)),
  };
}

/** Is `code` a criterion the comments can be filtered by? */
export function isCriterion(def: SurveyDefinition, code: string): boolean {
  return allQuestions(def).some((q) => q.code === code && q.type === "scale");
}
