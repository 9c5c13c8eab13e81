/**
 * What a results request asks for, checked: the breakdown (`by`) and the period. Pure; every refusal is a
 * `ResultsInputError` with a Vietnamese message that names the bad value.
 */
import { addDays, DateInputError, parseDay, parseRange, periodKey, periodRange, type DayRange } from "../method/period";

/** Breakdowns of contracts.md §Results; each profile question code of the survey is one more. */
export const BY_KEYS = ["none", "agency", "sector", "field", "counter", "channel", "month", "quarter", "criterion"] as const;
export type FixedBy = (typeof BY_KEYS)[number];
export type By = { kind: FixedBy } | { kind: "profile"; question: string };

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
    const to = parseDay(input.to ?? (by.kind === "profile" ? lastDayOfMonth(today) : today), "Ngày kết thúc");
    const range = parseRange(input.from ?? `${to.slice(0, 4)}-01-01`, to);
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

/** A range split into the whole months in it (read from month roll-ups) and the days left at either end. */
export type RangeSplit = { months: { from: string; to: string } | null; days: DayRange[] };

export function splitRange({ from, to }: DayRange): RangeSplit {
  const firstMonth = from.endsWith("-01") ? from.slice(0, 7) : addDays(lastDayOfMonth(from), 1).slice(0, 7);
  const lastMonth = to === lastDayOfMonth(to) ? to.slice(0, 7) : addDays(`${to.slice(0, 7)}-01`, -1).slice(0, 7);
  if (firstMonth > lastMonth) return { months: null, days: [{ from, to }] };
  const days: DayRange[] = [];
  if (from.slice(0, 7) !== firstMonth) days.push({ from, to: lastDayOfMonth(from) });
  if (to.slice(0, 7) !== lastMonth) days.push({ from: `${to.slice(0, 7)}-01`, to });
  return { months: { from: firstMonth, to: lastMonth }, days };
}
