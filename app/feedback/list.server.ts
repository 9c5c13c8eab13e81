/**
 * Citizens' comments (Y_KIEN answers) with their follow-up, for /quan-tri/gop-y. The list is driven by the
 * responses' (survey, day) or (agency, day) index, newest day first, and joins each response's Y_KIEN row
 * by `answers_response_idx`: a page reads the days it shows (sorted within each day), not every comment of the province
 * (EXPLAIN in tests/integration/feedback.test.ts). Reportable responses only. Texts are returned as typed;
 * React renders them inert. Hidden comments are left out unless asked for, and their text is never
 * returned to a reader who may not see it.
 */
import type { Db } from "../../db/client";
import { publicRef } from "../responses/public-ref.server";
import { reportableSql } from "../results/reportable";
import type { Locale } from "../survey/codes";
import { allQuestions, type SurveyDefinition } from "../survey/definition";
import { COMMENTS_PAGE, OVERALL_QUESTION, type CommentStatus, type RatingFilter } from "./limits";

export const COMMENT_QUESTION = "Y_KIEN";

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

/** The WHERE of a list: `r` is the response, `a` its Y_KIEN answer, `f` its follow-up (may be null). */
function whereOf(def: SurveyDefinition, q: CommentFilter): { sql: string; params: unknown[] } {
  const where = ["r.survey_id = ?", "r.day_vn between ? and ?", reportableSql("r")];
  const params: unknown[] = [q.survey, q.from, q.to];
  if (q.agency) {
    where.push("r.agency_id = (select id from agencies where code = ?)");
    params.push(q.agency);
  }
  if (q.field) {
    where.push("r.field_id = (select id from fields where code = ?)");
    params.push(q.field);
  }
  if (q.status) {
    where.push("coalesce(f.status, 'moi') = ?");
    params.push(q.status);
  }
  if (!q.hidden) where.push("f.hidden_at is null");
  if (q.tag) {
    where.push("exists (select 1 from comment_tags t where t.response_id = r.id and t.tag = ?)");
    params.push(q.tag);
  }
  // `indexed by`: with a single code the planner would rather walk (question, code) — every unsatisfied
  // answer of the province for each response (measured: minutes on 200 000 responses).
  const o = q.rating ? overall(def) : null;
  if (q.rating && o) {
    const codes = q.rating === "hai-long" ? o.scale.satisfied : o.scale.options.map((x) => x.code).filter((c) => !o.scale.satisfied.includes(c));
    const rated = `exists (select 1 from answers x indexed by answers_response_idx where x.response_id = r.id and x.question = ? and x.code in (${codes.map(() => "?").join(", ")}))`;
    if (q.rating === "khong") {
      // Neither satisfied nor not: left blank or "không có ý kiến" (9).
      const all = o.scale.options.map((x) => x.code);
      where.push(`not exists (select 1 from answers x indexed by answers_response_idx where x.response_id = r.id and x.question = ? and x.code in (${all.map(() => "?").join(", ")}))`);
      params.push(o.code, ...all);
    } else {
      where.push(rated);
      params.push(o.code, ...codes);
    }
  }
  return { sql: where.join(" and "), params };
}

const FROM = `from responses r
  join answers a on a.response_id = r.id and a.question = '${COMMENT_QUESTION}' and a.text is not null
  left join comment_follow_ups f on f.response_id = r.id`;

/**
 * Newest day first; within a day by the stored time (cut to the hour for QR and kiosk ratings), then by the
 * response's random UUID — never by row id, whose order is the order of arrival within the hour (issue 16,
 * finding 3). The day comes from the index; SQLite sorts only within each day, and stops at the page.
 */
const ORDER = "order by r.day_vn desc, r.submitted_at desc, r.uuid";

/** The SQL of a list page, for EXPLAIN in tests. */
export function listSql(def: SurveyDefinition, q: CommentFilter): { sql: string; params: unknown[] } {
  const w = whereOf(def, q);
  return { sql: `select r.id ${FROM} where ${w.sql} ${ORDER} limit ? offset ?`, params: [...w.params, COMMENTS_PAGE, 0] };
}

export function listComments(db: Db, def: SurveyDefinition, q: CommentFilter, a: { locale: Locale; seeHidden: boolean; countCap?: number }): CommentList {
  const w = whereOf(def, q);
  const cap = a.countCap ?? COUNT_CAP;
  const { counted } = db.$client.prepare(`select count(*) as counted from (select 1 ${FROM} where ${w.sql} limit ?)`).get(...w.params, cap + 1) as { counted: number };
  const more = counted > cap;
  const total = Math.min(counted, cap);
  const pages = Math.max(1, Math.ceil(total / COMMENTS_PAGE));
  const page = Math.min(Math.max(1, q.page ?? 1), pages);
  const ids = db.$client
    .prepare(`select r.id ${FROM} where ${w.sql} ${ORDER} limit ? offset ?`)
    .all(...w.params, COMMENTS_PAGE, (page - 1) * COMMENTS_PAGE) as { id: number }[];
  return { total, more, page, pages, rows: ids.map(({ id }) => readComment(db, def, id, a)!).filter(Boolean) };
}

/** One comment with its follow-up and context, or null when the response has no comment. */
export function readComment(db: Db, def: SurveyDefinition | null, id: number, a: { locale: Locale; seeHidden: boolean }): CommentItem | null {
  const row = db.$client
    .prepare(
      `select r.id, a.text, r.submitted_at as at, r.survey_id as survey, ag.code as agency, ag.name as agencyName, fl.name as field,
              c.name as counter, r.channel, coalesce(f.status, 'moi') as status, f.hidden_at as hiddenAt, f.hidden_reason as hiddenReason,
              hu.display_name as hiddenBy, f.reply_text as replyText, f.replied_at as repliedAt, ru.display_name as repliedBy
         ${FROM}
         join agencies ag on ag.id = r.agency_id
         left join fields fl on fl.id = r.field_id left join counters c on c.id = r.counter_id
         left join users hu on hu.id = f.hidden_by left join users ru on ru.id = f.replied_by
        where r.id = ?`,
    )
    .get(id) as
    | {
        id: number;
        text: string;
        at: number;
        survey: string;
        agency: string;
        agencyName: string;
        field: string | null;
        counter: string | null;
        channel: string;
        status: CommentStatus;
        hiddenAt: number | null;
        hiddenReason: string | null;
        hiddenBy: string | null;
        replyText: string | null;
        repliedAt: number | null;
        repliedBy: string | null;
      }
    | undefined;
  if (!row) return null;
  const o = def && def.id === row.survey ? overall(def) : null;
  const code = o
    ? (db.$client.prepare("select code from answers where response_id = ? and question = ?").get(id, o.code) as { code: number | null } | undefined)?.code
    : undefined;
  const rating = o && code != null ? (o.scale.options.find((x) => x.code === code)?.label[a.locale] ?? null) : null;
  const tags = (db.$client.prepare("select tag from comment_tags where response_id = ? order by tag").all(id) as { tag: string }[]).map((t) => t.tag);
  const hidden = row.hiddenAt !== null ? { reason: row.hiddenReason ?? "", at: row.hiddenAt, by: row.hiddenBy } : null;
  return {
    id: row.id,
    text: hidden && !a.seeHidden ? null : row.text,
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
  return (
    (db.$client
      .prepare(
        `select r.survey_id as survey, ag.code as agency from responses r join agencies ag on ag.id = r.agency_id
          where r.id = ? and exists (select 1 from answers a where a.response_id = r.id and a.question = ? and a.text is not null)`,
      )
      .get(id, COMMENT_QUESTION) as { survey: string; agency: string } | undefined) ?? null
  );
}

/** Tags in use within a scope, most used first: the choices of the tag filter. */
export function tagsInUse(db: Db, agency: string | null): string[] {
  const rows = agency
    ? db.$client
        .prepare(
          `select t.tag from comment_tags t join responses r on r.id = t.response_id
            where r.agency_id = (select id from agencies where code = ?) group by t.tag order by count(*) desc, t.tag limit 50`,
        )
        .all(agency)
    : db.$client.prepare("select tag from comment_tags group by tag order by count(*) desc, tag limit 50").all();
  return (rows as { tag: string }[]).map((r) => r.tag);
}
