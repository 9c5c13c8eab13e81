/**
 * Citizens' comments (Y_KIEN answers) with their follow-up, for /quan-tri/gop-y. The list is driven by the
 * responses' (survey, day) or (agency, day) index, newest day first, and joins each response's Y_KIEN row
 * by `answers_response_idx`: a page reads the days it shows (sorted within each day), not every comment of the province
 * (EXPLAIN in tests/integration/feedback.test.ts). Reportable responses only. Texts are returned as typed;
 * React renders them inert. Hidden comments are left out unless asked for, and their text is never
 * returned to a reader who may not see it.
 */
import { and, count, desc, eq, exists, isNull, not, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";

import type { Db } from "../../db/client";
import { perConnection } from "../../db/prepared";
import { users } from "../../db/auth-schema";
import { commentFollowUps, commentTags } from "../../db/publishing-schema";
import { agencies, answers, counters, fields, responses } from "../../db/schema";
import { COMMENT_ANSWER, COMMENT_QUESTION } from "../dashboard/comments.server";
import { idOfCode } from "../directory/ids.server";
import { answeredWith, responseWhere } from "../responses/filter.server";
import { publicRef } from "../responses/public-ref.server";
import type { Locale } from "../survey/codes";
import { allQuestions, type SurveyDefinition } from "../survey/definition";
import { COMMENTS_PAGE, OVERALL_QUESTION, type CommentStatus, type RatingFilter } from "./limits";

export { COMMENT_QUESTION };

export type CommentFilter = {
  survey: string;
  from: string;
  to: string;
  /** The agency the list is limited to: an agency head's own (forced by the route), or a chosen one. */
  agency?: string;
  field?: string;
  rating?: RatingFilter;
  status?: CommentStatus;
  tag?: string;
  /** Include hidden comments (their text only for readers who may see it). */
  hidden?: boolean;
  page?: number;
};

export type CommentItem = {
  id: number;
  /** null when hidden and the reader may not see hidden text. */
  text: string | null;
  at: number;
  agency: string;
  agencyName: string;
  field: string | null;
  counter: string | null;
  channel: string;
  rating: string | null;
  status: CommentStatus;
  hidden: { reason: string; at: number; by: string | null } | null;
  reply: { text: string; at: number; by: string | null } | null;
  tags: string[];
};

/**
 * `total` is exact up to `countCap`; beyond it `more` is true and the list offers the first pages only (a
 * narrower filter shows the rest). Counting every comment of a province's year reads every response of the
 * year (≈ 0,34 s for 140 000, growing with the province); a capped count stops after the cap.
 */
export type CommentList = { total: number; more: boolean; page: number; pages: number; rows: CommentItem[] };

/** 100 pages of 20. */
export const COUNT_CAP = 2000;

function overall(def: SurveyDefinition) {
  const code = OVERALL_QUESTION[def.id] ?? (def.method.index === "question" ? def.method.question : undefined);
  const q = code ? allQuestions(def).find((x) => x.code === code) : undefined;
  if (!q || q.type !== "scale") return null;
  const scale = def.scales[q.scale];
  if (!scale) return null;
  return { code: q.code, scale };
}

/** The WHERE of a list: over the response, its Y_KIEN answer and its follow-up (may be absent). */
function whereOf(db: Db, def: SurveyDefinition, q: CommentFilter): SQL | undefined {
  const o = q.rating ? overall(def) : null;
  let rated: SQL | undefined;
  if (q.rating && o) {
    const satisfied = o.scale.satisfied;
    const unsatisfied = o.scale.options.map((x) => x.code).filter((c) => !satisfied.includes(c));
    // "khong": neither satisfied nor not — left blank or "không có ý kiến" (9).
    rated =
      q.rating === "khong"
        ? not(
            answeredWith(
              o.code,
              o.scale.options.map((x) => x.code),
            ),
          )
        : answeredWith(o.code, q.rating === "hai-long" ? satisfied : unsatisfied);
  }
  return and(
    responseWhere(db, { survey: q.survey, from: q.from, to: q.to, agency: q.agency, field: q.field }),
    q.status ? eq(sql`coalesce(${commentFollowUps.status}, 'moi')`, q.status) : undefined,
    q.hidden ? undefined : isNull(commentFollowUps.hiddenAt),
    q.tag
      ? exists(
          db
            .select({ one: sql`1` })
            .from(commentTags)
            .where(and(eq(commentTags.responseId, responses.id), eq(commentTags.tag, q.tag))),
        )
      : undefined,
    rated,
  );
}

/** A list reads a response (`from`), joins its comment and left-joins the comment's follow-up. */
const FOLLOW_UP = eq(commentFollowUps.responseId, responses.id);

/**
 * Newest day first; within a day by the stored time (cut to the hour for QR and kiosk ratings), then by the
 * response's random UUID — never by row id, whose order is the order of arrival within the hour (issue 16,
 * finding 3). The day comes from the index; SQLite sorts only within each day, and stops at the page.
 */
const ORDER = [desc(responses.dayVn), desc(responses.submittedAt), responses.uuid];

function pageQuery(db: Db, def: SurveyDefinition, q: CommentFilter, page: number) {
  return db
    .select({ id: responses.id })
    .from(responses)
    .innerJoin(answers, COMMENT_ANSWER)
    .leftJoin(commentFollowUps, FOLLOW_UP)
    .where(whereOf(db, def, q))
    .orderBy(...ORDER)
    .limit(COMMENTS_PAGE)
    .offset((page - 1) * COMMENTS_PAGE);
}

/** The SQL of a list's first page, for EXPLAIN in tests. */
export function listSql(db: Db, def: SurveyDefinition, q: CommentFilter): { sql: string; params: unknown[] } {
  return pageQuery(db, def, q, 1).toSQL();
}

export function listComments(
  db: Db,
  def: SurveyDefinition,
  q: CommentFilter,
  a: { locale: Locale; seeHidden: boolean; countCap?: number },
): CommentList {
  const cap = a.countCap ?? COUNT_CAP;
  const capped = db
    .select({ one: sql`1` })
    .from(responses)
    .innerJoin(answers, COMMENT_ANSWER)
    .leftJoin(commentFollowUps, FOLLOW_UP)
    .where(whereOf(db, def, q))
    .limit(cap + 1)
    .as("capped");
  const counted = db.select({ n: count() }).from(capped).get()?.n ?? 0;
  const more = counted > cap;
  const total = Math.min(counted, cap);
  const pages = Math.max(1, Math.ceil(total / COMMENTS_PAGE));
  const page = Math.min(Math.max(1, q.page ?? 1), pages);
  const ids = pageQuery(db, def, q, page).all();
  return { total, more, page, pages, rows: ids.map(({ id }) => readComment(db, def, id, a)!).filter(Boolean) };
}

const hiddenBy = alias(users, "hidden_by");
const repliedBy = alias(users, "replied_by");

/** A list page reads twenty comments one by one: the three reads of a comment are prepared once. */
const commentReads = perConnection((db) => ({
  comment: db
    .select({
      id: responses.id,
      text: answers.text,
      at: responses.submittedAt,
      survey: responses.surveyId,
      agency: agencies.code,
      agencyName: agencies.name,
      field: fields.name,
      counter: counters.name,
      channel: responses.channel,
      status: sql<CommentStatus>`coalesce(${commentFollowUps.status}, 'moi')`,
      hiddenAt: commentFollowUps.hiddenAt,
      hiddenReason: commentFollowUps.hiddenReason,
      hiddenBy: hiddenBy.displayName,
      replyText: commentFollowUps.replyText,
      repliedAt: commentFollowUps.repliedAt,
      repliedBy: repliedBy.displayName,
    })
    .from(responses)
    .innerJoin(answers, COMMENT_ANSWER)
    .leftJoin(commentFollowUps, FOLLOW_UP)
    .innerJoin(agencies, eq(agencies.id, responses.agencyId))
    .leftJoin(fields, eq(fields.id, responses.fieldId))
    .leftJoin(counters, eq(counters.id, responses.counterId))
    .leftJoin(hiddenBy, eq(hiddenBy.id, commentFollowUps.hiddenBy))
    .leftJoin(repliedBy, eq(repliedBy.id, commentFollowUps.repliedBy))
    .where(eq(responses.id, sql.placeholder("id")))
    .prepare(),
  answer: db
    .select({ code: answers.code })
    .from(answers)
    .where(and(eq(answers.responseId, sql.placeholder("id")), eq(answers.question, sql.placeholder("question"))))
    .prepare(),
  tags: db
    .select({ tag: commentTags.tag })
    .from(commentTags)
    .where(eq(commentTags.responseId, sql.placeholder("id")))
    .orderBy(commentTags.tag)
    .prepare(),
}));

/** One comment with its follow-up and context, or null when the response has no comment. */
export function readComment(db: Db, def: SurveyDefinition | null, id: number, a: { locale: Locale; seeHidden: boolean }): CommentItem | null {
  const reads = commentReads(db);
  const row = reads.comment.get({ id });
  if (!row) return null;
  const o = def && def.id === row.survey ? overall(def) : null;
  const code = o ? reads.answer.get({ id, question: o.code })?.code : undefined;
  const rating = o && code != null ? (o.scale.options.find((x) => x.code === code)?.label[a.locale] ?? null) : null;
  const tags = reads.tags.all({ id }).map((t) => t.tag);
  const hidden = row.hiddenAt !== null ? { reason: row.hiddenReason ?? "", at: row.hiddenAt, by: row.hiddenBy } : null;
  return {
    id: row.id,
    // Not null: the join keeps only answers with a text.
    text: hidden && !a.seeHidden ? null : (row.text ?? ""),
    at: row.at,
    agency: row.agency,
    agencyName: row.agencyName,
    field: row.field,
    counter: row.counter,
    channel: row.channel,
    rating,
    status: row.status,
    hidden,
    reply: row.replyText !== null && row.repliedAt !== null ? { text: row.replyText, at: row.repliedAt, by: row.repliedBy } : null,
    tags,
  };
}

/**
 * A comment as the browser receives it: the row id replaced by its public reference (app/responses/public-ref),
 * so neither an address nor a page's data tells the order in which comments arrived.
 */
export type CommentView = Omit<CommentItem, "id"> & { ref: string };

export function commentView({ id, ...item }: CommentItem, secret: string): CommentView {
  return { ...item, ref: publicRef(secret, id) };
}

/** The survey and agency of a comment: what scope checks need before anything is shown or changed. */
export function commentOwner(db: Db, id: number): { survey: string; agency: string } | null {
  const hasComment = exists(
    db
      .select({ one: sql`1` })
      .from(answers)
      .where(COMMENT_ANSWER),
  );
  return (
    db
      .select({ survey: responses.surveyId, agency: agencies.code })
      .from(responses)
      .innerJoin(agencies, eq(agencies.id, responses.agencyId))
      .where(and(eq(responses.id, id), hasComment))
      .get() ?? null
  );
}

/** Tags in use within a scope, most used first: the choices of the tag filter. */
export function tagsInUse(db: Db, agency: string | null): string[] {
  let list = db.select({ tag: commentTags.tag }).from(commentTags).$dynamic();
  if (agency !== null) {
    const id = idOfCode(db, "agency", agency);
    if (id === null) return [];
    list = list.innerJoin(responses, eq(responses.id, commentTags.responseId)).where(eq(responses.agencyId, id));
  }
  return list
    .groupBy(commentTags.tag)
    .orderBy(desc(count()), commentTags.tag)
    .limit(50)
    .all()
    .map((r) => r.tag);
}
