/**
 * The national view's figures (issue 22): provinces ranked by index with Δ value and Δ rank against the
 * previous period, the pooled national figure beside the mean of provincial indices (docs/method.md §4.4), and
 * the same two per element, field and channel. Every figure comes from `app/method` applied to counts pooled
 * from the hub's month rows — never an average of figures computed elsewhere — and only rows of the method
 * version of the survey's current definition enter them; provinces whose rows are of another version are
 * listed apart, never mixed in (docs/method.md §6).
 */
import { and, between, eq, max, sql, sum } from "drizzle-orm";

import type { HubDb } from "../../hub/client";
import { hubProvinces, nationalMonthAnswers as A, nationalMonthResponses as R } from "../../hub/schema";
import {
  buildGroup,
  combineSubunits,
  comparePeriods,
  isFewAnswers,
  isGroupFewAnswers,
  computeFigures,
  periodKey,
  periodRange,
  poolGroupCounts,
  previousPeriodKey,
  publishMeanOfSubunits,
  round2OrNull,
  type GroupCounts,
  type GroupResult,
  type MethodDefinition,
} from "../method";

type Mutable = { responses: number; questions: Record<string, Record<number, number>> };
/** province → key → counts */
type Counted = Map<string, Map<string, Mutable>>;

const monthOf = (day: string) => day.slice(0, 7);

/** Counts of one breakdown over whole months, per province and key, for one survey and method version. */
async function countsOf(hub: HubDb, q: { survey: string; methodVersion: string; dim: string; period: string }): Promise<Counted> {
  const { from, to } = periodRange(q.period);
  const out: Counted = new Map();
  const cell = (province: string, key: string) => {
    let keys = out.get(province);
    if (!keys) out.set(province, (keys = new Map()));
    let g = keys.get(key);
    if (!g) keys.set(key, (g = { responses: 0, questions: {} }));
    return g;
  };
  const scope = (t: typeof A | typeof R) =>
    and(eq(t.survey, q.survey), eq(t.methodVersion, q.methodVersion), eq(t.dim, q.dim), between(t.month, monthOf(from), monthOf(to)));
  const total = (n: typeof A.n | typeof R.n) => sql<number>`${sum(n)}`.mapWith(Number);
  const responses = await hub
    .select({ province: R.province, key: R.key, n: total(R.n) })
    .from(R)
    .where(scope(R))
    .groupBy(R.province, R.key);
  for (const r of responses) cell(r.province, r.key).responses += r.n;
  const answers = await hub
    .select({ province: A.province, key: A.key, question: A.question, code: A.code, n: total(A.n) })
    .from(A)
    .where(scope(A))
    .groupBy(A.province, A.key, A.question, A.code);
  for (const a of answers) {
    const codes = (cell(a.province, a.key).questions[a.question] ??= {});
    codes[a.code] = (codes[a.code] ?? 0) + a.n;
  }
  return out;
}

/** A province's whole: the channel set summed over its channels (every response has exactly one). */
function wholes(counted: Counted): Map<string, GroupCounts> {
  return new Map([...counted].map(([province, keys]) => [province, poolGroupCounts([...keys.values()])] as const));
}

export type ProvinceRow = GroupResult & {
  rank: number | null;
  previousIndex: number | null;
  previousRank: number | null;
  delta: number | null;
  rankChange: number | null;
};
/** Pooled beside mean of provinces for one element, field or channel. */
export type SideBySide = {
  key: string;
  pooled: { value: number | null; n: number; responses: number; fewAnswers: boolean };
  meanOfProvinces: number | null;
  /** Provinces whose own figure entered the mean (those with enough answers there). */
  provinces: number;
};
export type NationalView = {
  survey: string;
  methodVersion: string;
  period: string;
  previousPeriod: string;
  provinces: ProvinceRow[];
  /** Provinces with rows of this survey in the period under another method version only. */
  otherVersions: { province: string; name: string; methodVersion: string; responses: number }[];
  national: {
    pooled: { index: number | null; responses: number; fewAnswers: boolean };
    meanOfProvinces: { index: number | null; provinces: string[]; leftOut: string[] };
  };
  elements: SideBySide[];
  fields: SideBySide[];
  channels: SideBySide[];
};

/** The latest month the hub holds for a survey, as a period of `kind` (the page's default period). */
export async function latestPeriod(hub: HubDb, survey: string, kind: "month" | "quarter" | "year" = "quarter"): Promise<string | null> {
  const [row] = await hub
    .select({ month: max(R.month) })
    .from(R)
    .where(eq(R.survey, survey));
  return row?.month ? periodKey(`${row.month}-01`, kind) : null;
}

/** Provinces and the method versions of their rows for a survey and period, with their responses. */
async function versionsIn(hub: HubDb, survey: string, period: string) {
  const { from, to } = periodRange(period);
  return hub
    .select({ province: R.province, methodVersion: R.methodVersion, responses: sql<number>`${sum(R.n)}`.mapWith(Number) })
    .from(R)
    .where(and(eq(R.survey, survey), eq(R.dim, "channel"), between(R.month, monthOf(from), monthOf(to))))
    .groupBy(R.province, R.methodVersion);
}

/**
 * Pooled figure of one key (element, field, channel) over all provinces, beside the mean of the provinces'
 * own figures among those with enough answers there (a province with 5 answers must not weigh 1/34).
 */
function sideBySide(
  def: MethodDefinition,
  key: string,
  perProvince: GroupCounts[],
  pick: (f: ReturnType<typeof computeFigures>) => { value: number | null; n: number },
): SideBySide {
  const pooledFigures = computeFigures(def, poolGroupCounts(perProvince));
  const pooled = pick(pooledFigures);
  const enough = perProvince.map((c) => computeFigures(def, c)).filter((f) => !isGroupFewAnswers(f) && pick(f).value !== null);
  const values = enough.map((f) => pick(f).value as number);
  return {
    key,
    pooled: {
      value: round2OrNull(pooled.value),
      n: pooled.n,
      responses: pooledFigures.responses,
      fewAnswers: isGroupFewAnswers(pooledFigures) || isFewAnswers(pooled.n),
    },
    meanOfProvinces: values.length ? round2OrNull(values.reduce((a, b) => a + b, 0) / values.length) : null,
    provinces: values.length,
  };
}

const indexOf = (f: ReturnType<typeof computeFigures>) => ({ value: f.index, n: f.indexN });

/** Per key of a breakdown: pooled over provinces beside the mean of provinces, keys in code order. */
function breakdown(def: MethodDefinition, counted: Counted): SideBySide[] {
  const keys = [...new Set([...counted.values()].flatMap((k) => [...k.keys()]))].filter((k) => k !== "").sort();
  return keys.map((key) =>
    sideBySide(
      def,
      key,
      [...counted.values()].flatMap((k) => (k.get(key) ? [k.get(key)!] : [])),
      indexOf,
    ),
  );
}

export async function nationalView(hub: HubDb, def: MethodDefinition & { id: string }, period: string): Promise<NationalView> {
  const survey = def.id;
  const methodVersion = def.method.version;
  const previousPeriod = previousPeriodKey(period);
  const names = new Map(
    (await hub.select({ code: hubProvinces.code, name: hubProvinces.name }).from(hubProvinces)).map((p) => [p.code, p.name] as const),
  );
  const q = { survey, methodVersion, period };
  const [now, before, fieldCounts, versions] = await Promise.all([
    countsOf(hub, { ...q, dim: "channel" }),
    countsOf(hub, { ...q, dim: "channel", period: previousPeriod }),
    countsOf(hub, { ...q, dim: "field" }),
    versionsIn(hub, survey, period),
  ]);
  const current = wholes(now);
  const previous = wholes(before);
  const groups = [...current].map(([code, counts]) => buildGroup({ def, key: code, label: names.get(code) ?? code, counts, target: null }));
  const previousGroups = [...previous].map(([code, counts]) => buildGroup({ def, key: code, label: code, counts, target: null }));
  const items = (list: GroupResult[]) => list.map((g) => ({ key: g.key, value: g.index, fewAnswers: g.fewAnswers }));
  const compared = comparePeriods({ methodVersion, items: items(groups) }, { methodVersion, items: items(previousGroups) }) ?? [];
  const byKey = new Map(compared.map((c) => [c.key, c] as const));
  const provinces: ProvinceRow[] = groups
    .map((g) => {
      const c = byKey.get(g.key);
      return {
        ...g,
        rank: c?.rank ?? null,
        previousIndex: round2OrNull(c?.previousValue ?? null),
        previousRank: c?.previousRank ?? null,
        delta: c?.delta ?? null,
        rankChange: c?.rankChange ?? null,
      };
    })
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (b.index ?? -1) - (a.index ?? -1) || a.key.localeCompare(b.key));

  const all = [...current].map(([key, counts]) => ({ key, counts }));
  const enough = all.filter((p) => !groups.find((g) => g.key === p.key)?.fewAnswers);
  const { pooled } = combineSubunits(def, all);
  const mean = publishMeanOfSubunits(combineSubunits(def, enough).meanOfSubunits);
  const elementCodes = Object.keys(pooled.kind === "elements" ? pooled.elements : pooled.questions);
  const elements = elementCodes.map((code) =>
    sideBySide(
      def,
      code,
      all.map((p) => p.counts),
      (f) => {
        const cell = f.kind === "elements" ? f.elements[code as keyof typeof f.elements] : f.questions[code];
        return { value: cell?.rate ?? null, n: cell?.n ?? 0 };
      },
    ),
  );
  const onThisVersion = new Set(current.keys());
  return {
    survey,
    methodVersion,
    period,
    previousPeriod,
    provinces,
    otherVersions: versions
      .filter((v) => v.methodVersion !== methodVersion && !onThisVersion.has(v.province))
      .map((v) => ({ province: v.province, name: names.get(v.province) ?? v.province, methodVersion: v.methodVersion, responses: v.responses })),
    national: {
      pooled: { index: round2OrNull(pooled.index), responses: pooled.responses, fewAnswers: isGroupFewAnswers(pooled) },
      meanOfProvinces: { index: mean.index, provinces: mean.subunits, leftOut: all.filter((p) => !enough.includes(p)).map((p) => p.key) },
    },
    elements,
    fields: breakdown(def, fieldCounts),
    channels: breakdown(def, now),
  };
}
