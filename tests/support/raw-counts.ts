/**
 * The oracle for roll-ups: the same counts as `rollupCounts`, computed the slow, obvious way — a GROUP BY
 * over responses ⨝ answers — with its own SQL for every breakdown (sectors through `fields`, quarters
 * from the day, profile groups through a join on the profile answer). Used by the property test and the
 * benchmark; never by the application. A query's filter (if any) is a plain WHERE on the response row.
 */
import type { CountedGroups } from "../../app/results/counts.server";
import { reportableSql } from "../../app/results/reportable";
import type { ResolvedQuery } from "../../app/results/results.server";
import { poolGroupCounts, type GroupCounts } from "../../app/method";
import { allQuestions } from "../../app/survey/definition";
import type { Db } from "../../db/client";

type Row = [key: string | number | null, question: string, code: number, n: number];

function keyOf(q: ResolvedQuery): { expr: string; join: string; params: unknown[] } {
  switch (q.by.kind) {
    case "none":
    case "criterion":
      return { expr: "''", join: "", params: [] };
    case "agency":
      return { expr: "r.agency_id", join: "", params: [] };
    case "field":
      return { expr: "r.field_id", join: "", params: [] };
    case "counter":
      return { expr: "r.counter_id", join: "", params: [] };
    case "channel":
      return { expr: "r.channel", join: "", params: [] };
    case "sector":
      return { expr: "f.sector_id", join: "left join fields f on f.id = r.field_id", params: [] };
    case "month":
      return { expr: "substr(r.day_vn, 1, 7)", join: "", params: [] };
    case "quarter":
      return { expr: "substr(r.day_vn, 1, 4) || '-Q' || ((cast(substr(r.day_vn, 6, 2) as integer) + 2) / 3)", join: "", params: [] };
    case "profile":
      return {
        expr: "p.code",
        join: "left join answers p on p.response_id = r.id and p.question = ?",
        params: [q.by.question],
      };
  }
}

/** Counts per group straight from the raw answers; every response is in one group, so they pool to the whole. */
export function rawCounts(db: Db, q: ResolvedQuery): CountedGroups {
  const groups = rawGroups(db, q, keyOf(q));
  const overall = poolGroupCounts([...groups.values()]);
  if (q.by.kind === "none" || q.by.kind === "criterion") return { overall, groups: new Map() };
  return { overall, groups };
}

/** The filter of a query as plain conditions on the response row (none without a filter). */
function filterSql(q: ResolvedQuery): { sql: string; params: unknown[] } {
  const column = { agency: "r.agency_id", field: "coalesce(r.field_id, 0)", counter: "coalesce(r.counter_id, 0)", channel: "r.channel" } as const;
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [dim, keys] of Object.entries(q.filter ?? {}) as [keyof typeof column, readonly string[]][]) {
    parts.push(keys.length ? `${column[dim]} in (${keys.map(() => "?").join(", ")})` : "0");
    params.push(...keys.map((k) => (dim === "channel" ? k : Number(k))));
  }
  return { sql: parts.map((p) => ` and ${p}`).join(""), params };
}

function rawGroups(db: Db, q: ResolvedQuery, key: { expr: string; join: string; params: unknown[] }): Map<string, GroupCounts> {
  const filter = filterSql(q);
  const scope = `r.survey_version_id in (${q.versionIds.join(", ")}) and r.day_vn between ? and ? and ${reportableSql("r")}${filter.sql}`;
  const params = [...key.params, q.range.from, q.range.to, ...filter.params];
  const multi = allQuestions(q.def)
    .filter((x) => x.type === "multi")
    .map((x) => `'${x.code}'`);
  const sqlite = db.$client;
  const rows = [
    // Each coded answer under its code; a text answer under code 0.
    ...sqlite
      .prepare(
        `select ${key.expr}, a.question, coalesce(a.code, 0), count(*) from responses r ${key.join}
                  join answers a on a.response_id = r.id where ${scope} group by 1, 2, 3`,
      )
      .raw(true)
      .all(...params),
    // A multi-select also counts its respondents under code 0.
    ...sqlite
      .prepare(
        `select ${key.expr}, a.question, 0, count(distinct r.id) from responses r ${key.join}
                  join answers a on a.response_id = r.id
                 where ${scope} and a.question in (${multi.join(", ") || "''"}) group by 1, 2`,
      )
      .raw(true)
      .all(...params),
    ...sqlite
      .prepare(`select ${key.expr}, '', 0, count(*) from responses r ${key.join} where ${scope} group by 1`)
      .raw(true)
      .all(...params),
  ] as Row[];
  const out = new Map<string, { responses: number; questions: Record<string, Record<number, number>> }>();
  for (const [raw, question, code, n] of rows) {
    const k = raw === null || raw === 0 || raw === "" ? "" : String(raw);
    let g = out.get(k);
    if (!g) out.set(k, (g = { responses: 0, questions: {} }));
    if (question === "") g.responses += n;
    else (g.questions[question] ??= {})[code] = (g.questions[question]?.[code] ?? 0) + n;
  }
  return out;
}
