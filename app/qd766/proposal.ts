/**
 * When to propose publishing a month of QĐ 766 indicators (issue 19, point 4): from the first working day of the
 * next month, the month just closed is proposed to the administrator if it has settled dossiers and is not yet
 * published. Working days are Monday to Friday; public holidays are not known to the platform, so after Tết or
 * 2/9 the proposal may come a day or two before the office reopens — it is only a proposal, publishing is still
 * the administrator's one action.
 */
import { addDays, periodKey, periodRange, previousPeriodKey } from "../method/period";

/** The first Monday-to-Friday day of a month `YYYY-MM`. */
export function firstWorkingDay(month: string): string {
  let day = periodRange(month).from;
  for (;;) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
    if (weekday !== 0 && weekday !== 6) return day;
    day = addDays(day, 1);
  }
}

export type MonthState = { month: string; closed: boolean; dossiers: number };

/** The month to propose for publication today, or null (none closed yet, nothing settled, already published). */
export function monthToPropose(today: string, months: readonly MonthState[], published: ReadonlySet<string>): string | null {
  const current = periodKey(today, "month");
  if (today < firstWorkingDay(current)) return null;
  const previous = previousPeriodKey(current);
  const state = months.find((m) => m.month === previous);
  if (!state || !state.closed || state.dossiers === 0 || published.has(previous)) return null;
  return previous;
}
