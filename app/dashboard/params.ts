/**
 * The dashboard's query string: its names and meaning, the period it stands for, and the links the pages
 * build from it. A plain GET form writes these names, so the dashboard works without JavaScript. Pure and
 * free of zod (server and browser); the check itself is params.server.ts.
 */
import { addDays, periodKey, periodKind, periodRange, previousPeriodKey, PERIOD_KINDS, type DayRange, type PeriodKind } from "../method/period";

/** Filters that narrow every figure on the page (docs/contracts.md codes). */
export const DASHBOARD_FILTERS = ["agency", "sector", "field", "channel"] as const;
export type DashboardFilter = Partial<Record<(typeof DASHBOARD_FILTERS)[number], string>>;

/** The dashboard's query parameters once read (app/dashboard/params.server.ts checks them). */
export type DashboardParams = {
  /** A registered survey's id (app/figures/surveys.ts: the registry decides which exist). */
  survey?: string;
  /** A period key ("2026", "2026-H2", "2026-Q3", "2026-07") or "custom" (then `from` and `to`). */
  period?: string;
  from?: string;
  to?: string;
  agency?: string;
  sector?: string;
  field?: string;
  channel?: string;
  counter?: string;
  profile?: string;
  criterion?: string;
  page?: number;
  /** "1": a merged agency's responses are ranked under its successor (app/results/successors.server.ts). */
  gop?: "1";
};
export type ParamName = keyof DashboardParams;

export type ResolvedPeriod = { kind: PeriodKind | "custom"; key: string | null; range: DayRange };

/**
 * The period asked for: a period key (month, quarter, half-year, year — cut in Vietnam time by
 * app/method/period.ts), or "custom" with both days; by default the current year in Vietnam.
 * Returns `invalid` when a custom range is incomplete or reversed (the default is used instead).
 */
export function resolvePeriod(params: DashboardParams, today: string): { period: ResolvedPeriod; invalid: ParamName[] } {
  const year = periodKey(today, "year");
  const fallback: ResolvedPeriod = { kind: "year", key: year, range: periodRange(year) };
  if (params.period === "custom") {
    if (params.from && params.to && params.from <= params.to) {
      return { period: { kind: "custom", key: null, range: { from: params.from, to: params.to } }, invalid: [] };
    }
    return { period: fallback, invalid: params.from && params.to ? ["from", "to"] : params.from ? ["to"] : ["from"] };
  }
  if (params.period) return { period: { kind: periodKind(params.period), key: params.period, range: periodRange(params.period) }, invalid: [] };
  return { period: fallback, invalid: [] };
}

/** The choices of the period picker, newest first: 12 months, 6 quarters, 4 half-years, 3 years. */
export function periodChoices(today: string): Record<PeriodKind, string[]> {
  const counts: Record<PeriodKind, number> = { month: 12, quarter: 6, half: 4, year: 3 };
  const out = {} as Record<PeriodKind, string[]>;
  for (const kind of PERIOD_KINDS) {
    const keys = [periodKey(today, kind)];
    while (keys.length < counts[kind]) keys.push(previousPeriodKey(keys.at(-1)!));
    out[kind] = keys;
  }
  return out;
}

/** The months of the trend: the twelve ending with the period's last month (or the whole period if longer). */
export function trendRange(range: DayRange): DayRange {
  let first = periodKey(range.to, "month");
  for (let i = 0; i < 11; i++) first = previousPeriodKey(first);
  const from = periodRange(first).from;
  return { from: from < range.from ? from : range.from, to: range.to };
}

/** Is the range made of whole months (what profile breakdowns need)? */
export function isWholeMonths(range: DayRange): boolean {
  return range.from.endsWith("-01") && addDays(range.to, 1).endsWith("-01");
}

/** A query string for `params` (empty values left out), e.g. for links that keep the current filters. */
export function dashboardSearch(params: DashboardParams): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== "" && !(name === "page" && value === 1)) search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
