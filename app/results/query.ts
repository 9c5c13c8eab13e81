/**
 * What a results request asks for, checked: the breakdown (`by`) and the period. Pure; every refusal is a
 * `ResultsInputError` with a Vietnamese message that names the bad value.
 */
import { addDays, calendarDay, DateInputError, parseDay, periodKey, periodRange, type DayRange } from "../method/period";

/** Breakdowns of docs/contracts.md §Results; each profile question code of the survey is one more. */
export const BY_KEYS = ["none", "agency", "sector", "field", "counter", "channel", "month", "quarter", "criterion"] as const;
export type FixedBy = (typeof BY_KEYS)[number];
export type By = { kind: FixedBy } | { kind: "profile"; question: string };

/**
 * What a request may be limited to, by directory code (a channel by its code). Present keys are ANDed;
 * a sector stands for its fields. Absent or empty: the whole province, as before.
 */
export const FILTER_KEYS = ["agency", "sector", "field", "counter", "channel"] as const;
export type ResultsFilter = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

export class ResultsInputError extends Error {
  override name = "ResultsInputError";
}

/** The published name of a breakdown: the fixed keys in lower case, a profile question by its code. */
export function byName(by: By): string {
  return by.kind === "profile" ? by.question : by.kind;
}

/** `gioi_tinh` and `GIOI_TINH` both name the profile question; an unknown key lists the allowed ones. */
export function parseBy(text: string | undefined, profileQuestions: readonly string[]): By {
  const value = (text ?? "none").trim();
  const fixed = BY_KEYS.find((k) => k === value.toLowerCase());
  if (fixed) return { kind: fixed };
  const profile = profileQuestions.find((q) => q === value.toUpperCase());
  if (profile) return { kind: "profile", question: profile };
  const allowed = [...BY_KEYS, ...profileQuestions].join(", ");
  throw new ResultsInputError(`Không có cách phân tổ «${value}»: chọn một trong ${allowed}.`);
}

const lastDayOfMonth = (day: string) => periodRange(periodKey(day, "month")).to;

/**
 * The period of a request, in Vietnam days. Defaults: `to` = today, `from` = 1 January of `to`'s year
 * (year to date). Profile breakdowns are rolled up per month, so they need whole months: their default
 * `to` is the end of the current month (no response is dated later), and a range cut mid-month is refused.
 */
export function resolvePeriod(input: { from?: string; to?: string }, today: string, by: By): DayRange {
  try {
    // The form only: the dashboard asks for the period before the one shown, which may precede FIRST_YEAR.
    // What a person typed is bounded by `checkRequestedYears` where it comes in (API, CLI).
    const to = calendarDay(input.to ?? (by.kind === "profile" ? lastDayOfMonth(today) : today), "Ngày kết thúc");
    const from = calendarDay(input.from ?? `${to.slice(0, 4)}-01-01`, "Ngày bắt đầu");
    if (from > to) throw new DateInputError(`Ngày bắt đầu ${from} ở sau ngày kết thúc ${to}.`);
    const range = { from, to };
    if (by.kind === "profile" && (!range.from.endsWith("-01") || range.to !== lastDayOfMonth(range.to))) {
      throw new ResultsInputError(
        `Phân tổ theo ${by.question} chỉ tính theo tháng trọn vẹn: --from phải là ngày đầu tháng và --to là ngày cuối tháng (ví dụ --from 2026-07-01 --to 2026-09-30); đã nhận ${range.from} – ${range.to}.`,
      );
    }
    return range;
  } catch (error) {
    if (error instanceof DateInputError) throw new ResultsInputError(error.message);
    throw error;
  }
}

/** Days someone typed (the API's query string, the CLI's options) must lie within the years FIRST_YEAR–LAST_YEAR. */
export function checkRequestedYears(input: { from?: string; to?: string }): void {
  try {
    if (input.from !== undefined) parseDay(input.from, "Ngày bắt đầu");
    if (input.to !== undefined) parseDay(input.to, "Ngày kết thúc");
  } catch (error) {
    if (error instanceof DateInputError) throw new ResultsInputError(error.message);
    throw error;
  }
}

/**
 * How to read a range from the roll-ups: whole months from the month roll-up (one contiguous run), and
 * part of a month from the day roll-up — or, when that is fewer days, the whole month minus the days left
 * out (sign −1). So a year to date costs no day rows at all (the rest of the month is still empty), and
 * no range costs more than ~15 days of day rows at each end. Every day segment lies inside one month.
 */
export type DaySegment = DayRange & { month: string; sign: 1 | -1 };
export type RangePlan = { months: { from: string; to: string } | null; days: DaySegment[] };

const dayCount = (r: DayRange) => Math.round((Date.parse(r.to) - Date.parse(r.from)) / 86_400_000) + 1;

export function planRange({ from, to }: DayRange): RangePlan {
  const months: string[] = [];
  const days: DaySegment[] = [];
  for (let first = `${from.slice(0, 7)}-01`; first <= to; first = addDays(lastDayOfMonth(first), 1)) {
    const month = first.slice(0, 7);
    const last = lastDayOfMonth(first);
    const part = { from: from > first ? from : first, to: to < last ? to : last };
    if (part.from === first && part.to === last) months.push(month);
    else if (2 * dayCount(part) <= dayCount({ from: first, to: last })) days.push({ ...part, month, sign: 1 });
    else {
      months.push(month);
      if (part.from > first) days.push({ from: first, to: addDays(part.from, -1), month, sign: -1 });
      if (part.to < last) days.push({ from: addDays(part.to, 1), to: last, month, sign: -1 });
    }
  }
  // Only the first and last month can be partial, so the months read whole are one run.
  return { months: months.length ? { from: months[0]!, to: months.at(-1)! } : null, days };
}
