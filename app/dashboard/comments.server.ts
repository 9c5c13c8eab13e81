/**
 * The free-text comments (Y_KIEN) behind an agency's figures, newest first, a page at a time (within one
 * stored time — an hour for QR and kiosk ratings — by the response's random UUID, never by row id: that is
 * the order of arrival, issue 16 finding 3; and no id reaches the page). Comments are
 * raw answers, not figures: they are read from `answers` ⨝ `responses` (reportable responses only) with a
 * LIMIT, always inside one agency. With a criterion, only the comments of respondents who were not
 * satisfied on it — "what lies behind a low rate". The text is returned as is; React renders it inert.
 */
import { and, count, desc, eq, isNotNull, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";

import type { Db } from "../../db/client";
import { commentFollowUps } from "../../db/publishing-schema";
import { answers, counters, fields, responses } from "../../db/schema";
import { answeredWith, responseWhere } from "../responses/filter.server";
import type { Locale } from "../survey/codes";
import { allQuestions, type SurveyDefinition } from "../survey/definition";
import { commentTotal } from "./comment-count.server";
import type { CommentPage } from "./types";

export const COMMENT_QUESTION = "Y_KIEN";

/** Joins a response to its comment: its Y_KIEN answer, when it holds a text. */
export const COMMENT_ANSWER = and(eq(answers.responseId, responses.id), eq(answers.question, COMMENT_QUESTION), isNotNull(answers.text));
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
  const criterion = unsatisfied(q.def, q.criterion, q.locale);
  const scope = { survey: q.survey, ...q.range, agency: q.agency, sector: q.sector, field: q.field, counter: q.counter, channel: q.channel };
  const where = and(
    responseWhere(db, scope),
    // Hidden as abusive on /quan-tri/gop-y: not shown here either.
    notExists(
      db
        .select({ one: sql`1` })
        .from(commentFollowUps)
        .where(and(eq(commentFollowUps.responseId, responses.id), isNotNull(commentFollowUps.hiddenAt))),
    ),
    criterion ? answeredWith(criterion.code, criterion.codes) : undefined,
  );
  // From the roll-ups (comment-count.server.ts), but for a criterion: no roll-up crosses two answers of one response.
  const total = criterion
    ? (db.select({ n: count() }).from(responses).innerJoin(answers, COMMENT_ANSWER).where(where).get()?.n ?? 0)
    : commentTotal(db, COMMENT_QUESTION, scope);
  const pages = Math.max(1, Math.ceil(total / COMMENTS_PER_PAGE));
  const page = Math.min(Math.max(1, q.page ?? 1), pages);
  // The respondent's answer to the criterion, beside their comment.
  const x = alias(answers, "x");
  const answerCode = criterion
    ? sql<number | null>`(${db
        .select({ code: x.code })
        .from(x)
        .where(and(eq(x.responseId, responses.id), eq(x.question, criterion.code)))})`
    : sql<null>`null`;
  const rows = db
    .select({ text: answers.text, at: responses.submittedAt, field: fields.name, counter: counters.name, channel: responses.channel, answerCode })
    .from(responses)
    .innerJoin(answers, COMMENT_ANSWER)
    .leftJoin(fields, eq(fields.id, responses.fieldId))
    .leftJoin(counters, eq(counters.id, responses.counterId))
    .where(where)
    // Newest first. The day leads (it is the Vietnam day of the submitted time, so the order is the same): SQLite then
    // walks the (agency | survey, day) index backwards and stops after a page, where ordering by the time alone made it
    // sort every comment of the period first (0.28 s for an agency's year, 0.67 s for the province's, at 1 000 000
    // responses; now under 10 ms).
    .orderBy(desc(responses.dayVn), desc(responses.submittedAt), responses.uuid)
    .limit(COMMENTS_PER_PAGE)
    .offset((page - 1) * COMMENTS_PER_PAGE)
    .all();
  return {
    total,
    page,
    pages,
    criterion: criterion ? { code: criterion.code, label: criterion.label } : null,
    rows: rows.map(({ answerCode, text, ...r }) => ({
      ...r,
      // Not null: the WHERE keeps only answers with a text.
      text: text ?? "",
      answer: answerCode === null ? null : (criterion?.labels.get(answerCode) ?? String(answerCode)),
    })),
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
