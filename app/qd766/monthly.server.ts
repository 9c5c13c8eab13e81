/**
 * The 766 section: one row per month (the indicators of the province, or of an agency head's agency), the units
 * below the 5.4 threshold named, and beside them the platform's own satisfaction rate (satisfied ÷ rated of the
 * per-dossier rating), which 766 does not score (docs/method.md §8).
 */
import type { Db } from "../../db/client";
import { DEFAULT_QD766 } from "~/method/qd766";
import { addDays, periodKey, periodRange, vietnamDay } from "~/method/period";
import { getResults } from "~/results/results.server";
import type { SurveyRegistry } from "~/survey/registry.server";

import { periodLabel, qd766Indicators, type Qd766Indicators, type Qd766Row } from "./indicators.server";

export type UnitBelow = { key: string; label: string; rate54: number };
export type MonthRow = {
  month: string;
  label: string;
  /** The month has ended (Vietnam days): its figures may be published. */
  closed: boolean;
  figures: Qd766Row;
  /** The per-dossier rating's own rate (TONG_THE satisfied ÷ rated), null without ratings. */
  platformRate: number | null;
  below: UnitBelow[];
};

const RATING_SURVEY = "danh-gia-ho-so";

/** The last `count` months up to today's, newest first. */
export function recentMonths(today: string, count: number): string[] {
  const months: string[] = [];
  let day = today;
  for (let i = 0; i < count; i++) {
    const key = periodKey(day, "month");
    months.push(key);
    day = addDays(periodRange(key).from, -1);
  }
  return months;
}

export function todayVn(now = Date.now()): string {
  return vietnamDay(now);
}

/** One month's row; `agency` limits it to one agency (an agency head's scope). */
export function monthRow(db: Db, surveys: SurveyRegistry, month: string, today: string, agency: string | null = null): MonthRow {
  const range = periodRange(month);
  const result = qd766Indicators(db, range, "agency");
  const mine = agency === null ? null : result.groups.find((g) => g.key === agency);
  const figures: Qd766Row = agency === null ? result.overall : (mine ?? emptyRow());
  const threshold = DEFAULT_QD766.indicators["5.4"].threshold;
  const below = result.groups
    .filter((g) => (agency === null || g.key === agency) && g.rate54 !== null && g.rate54 < threshold)
    .map((g) => ({ key: g.key, label: g.label, rate54: g.rate54! }));
  const ratings = surveys.get(RATING_SURVEY)
    ? getResults(db, surveys, { survey: RATING_SURVEY, from: range.from, to: range.to, filter: agency === null ? undefined : { agency } })
    : null;
  return { month, label: periodLabel(month), closed: range.to < today, figures, platformRate: ratings?.overall.index ?? null, below };
}

function emptyRow(): Qd766Row {
  return { ...EMPTY };
}

const EMPTY: Qd766Row = {
  dossiers: 0,
  late: 0,
  disliked: 0,
  withPakn: 0,
  flagged: 0,
  lateOrFlagged: 0,
  rate54: null,
  rate54Union: null,
  points54: null,
  pakn: 0,
  paknOnTime: 0,
  paknUnsatisfied: 0,
  rate52: null,
  rate53: null,
  points52: null,
  points53: null,
};

/** How many months the dashboard's 766 section shows (the full table is on /quan-tri/qd766). */
const DASHBOARD_MONTHS = 3;

/** The dashboard's 766 section: the last months, newest first, for the province or the agency in focus. */
export function dashboardQd766(db: Db, surveys: SurveyRegistry, agency: string | null) {
  const today = todayVn();
  return {
    rows: recentMonths(today, DASHBOARD_MONTHS).map((m) => monthRow(db, surveys, m, today, agency)),
    threshold: DEFAULT_QD766.indicators["5.4"].threshold,
  };
}

/** The official report's figures: the period by agency, or only the agency in scope (its group as the whole). */
export function reportQd766(db: Db, range: { from: string; to: string }, agency: string | null): Qd766Indicators {
  const all = qd766Indicators(db, range, "agency");
  if (agency === null) return all;
  const mine = all.groups.filter((g) => g.key === agency);
  return { ...all, overall: mine[0] ?? emptyRow(), groups: mine };
}
