/**
 * Periods in Vietnam time (UTC+07:00, no daylight saving): the calendar day of an instant, period keys
 * ("2026-10", "2026-Q4", "2026-H2", "2026"), their day ranges, the previous comparable period, strict day
 * parsing and the UTC instants that bound a range. Days are `YYYY-MM-DD` strings throughout; arithmetic is
 * done on day numbers in UTC so that the machine's time zone never matters.
 */

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export const PERIOD_KINDS = ["month", "quarter", "half", "year"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export type DayRange = { from: string; to: string };

/** A date, period or instant given by a user or a file that cannot be read; the message is Vietnamese. */
export class DateInputError extends Error {
  override name = "DateInputError";
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

/**
 * The years a day or a period may be asked for (a form, a query string, a file, the CLI). Arithmetic on days
 * works on any year from 1 to 9999, but a period touching either end pushed it past them (the period before
 * year 1, the day after 9999-12-31) and every page that asked answered 500. Inside these bounds the previous
 * period, a trend's first month and the day after a range all stay well inside what arithmetic handles.
 */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2099;

/** "các năm 2000–2099": the end of every message about a year out of bounds. */
export const YEARS_TEXT = `các năm ${FIRST_YEAR}–${LAST_YEAR}`;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const inYears = (year: number) => year >= FIRST_YEAR && year <= LAST_YEAR;

/** A real calendar day of any year 1–9999: what the arithmetic below accepts (2026-02-30 is not one). */
function isCalendarDay(text: string): boolean {
  const m = DAY_PATTERN.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Is `text` a real calendar day written `YYYY-MM-DD`, in a year from FIRST_YEAR to LAST_YEAR? */
export function isDay(text: string): boolean {
  return isCalendarDay(text) && inYears(Number(text.slice(0, 4)));
}

/** Returns `text` when it is a real `YYYY-MM-DD` day within the years, else throws a Vietnamese message naming it. */
export function parseDay(text: string, label = "Ngày"): string {
  if (!isDay(calendarDay(text, label))) throw new DateInputError(`${label} «${text}» nằm ngoài ${YEARS_TEXT}.`);
  return text;
}

/** Checks both ends and their order: `from` must not come after `to`. */
export function parseRange(from: string, to: string): DayRange {
  const range = { from: parseDay(from, "Ngày bắt đầu"), to: parseDay(to, "Ngày kết thúc") };
  if (range.from > range.to) {
    throw new DateInputError(`Ngày bắt đầu ${range.from} ở sau ngày kết thúc ${range.to}.`);
  }
  return range;
}

/**
 * A day computed rather than typed (the period before a requested one, a trend's first month): only its form
 * is checked, so that a period at the bounds still has a previous one. Never for what a person or a file gave.
 */
export function calendarDay(text: string, label = "Ngày"): string {
  if (!isCalendarDay(text))
    throw new DateInputError(`${label} «${text}» không hợp lệ: cần một ngày có thật, viết dạng YYYY-MM-DD (ví dụ 2026-07-01).`);
  return text;
}

function dayNumber(day: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d); // unlike Date.UTC, keeps years 0–99 as written
  return Math.round(date.getTime() / DAY_MS);
}

function dayOfNumber(n: number): string {
  const date = new Date(n * DAY_MS);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

export function addDays(day: string, days: number): string {
  return dayOfNumber(dayNumber(calendarDay(day)) + days);
}

/**
 * The Vietnam calendar day of an instant (2026-09-30T17:30:00Z → 2026-10-01). A string must carry its
 * offset (`Z` or `+07:00`): without one, JavaScript would read it in the server's own time zone.
 */
export function vietnamDay(instant: Date | string | number): string {
  if (typeof instant === "string" && !/(Z|[+-]\d{2}:?\d{2})$/i.test(instant.trim())) {
    throw new DateInputError(`Thời điểm «${instant}» thiếu múi giờ (ví dụ 2026-08-14T09:12:00+07:00).`);
  }
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === "number" ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) throw new DateInputError(`Thời điểm «${String(instant)}» không hợp lệ.`);
  return dayOfNumber(Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS));
}

/** The UTC instants bounding a range of Vietnam days: [from 00:00+07:00, day after `to` 00:00+07:00). */
export function instantRange(range: DayRange): { start: Date; end: Date } {
  const { from, to } = { from: calendarDay(range.from), to: calendarDay(range.to) };
  return {
    start: new Date(dayNumber(from) * DAY_MS - VIETNAM_OFFSET_MS),
    end: new Date((dayNumber(to) + 1) * DAY_MS - VIETNAM_OFFSET_MS),
  };
}

/** The key of the period of `kind` that contains `day`. */
export function periodKey(day: string, kind: PeriodKind): string {
  const [y, m] = calendarDay(day).split("-") as [string, string];
  const month = Number(m);
  switch (kind) {
    case "month":
      return `${y}-${m}`;
    case "quarter":
      return `${y}-Q${Math.ceil(month / 3)}`;
    case "half":
      return `${y}-H${month <= 6 ? 1 : 2}`;
    case "year":
      return y;
  }
}

/** A period key read: its kind, year, and which month, quarter or half of the year (1 for a year). */
export type PeriodParts = { kind: PeriodKind; year: number; index: number };
const MONTHS_PER: Record<PeriodKind, number> = { month: 1, quarter: 3, half: 6, year: 12 };
const COUNT_PER_YEAR: Record<PeriodKind, number> = { month: 12, quarter: 4, half: 2, year: 1 };

/**
 * The one grammar of period keys, as `periodKey` writes them: "2026" (year), "2026-H2" (half), "2026-Q4"
 * (quarter), "2026-10" (month) — upper-case letters, no spaces. Every reader of a key (query strings, forms,
 * files, stored snapshots, labels) goes through `readPeriodKey`, `isPeriodKey` or `periodParts`.
 */
const PERIOD_KEY = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-H([12]))?$/;

/** The parts of a key written in the grammar above (any year from 1), or null. */
export function readPeriodKey(key: string): PeriodParts | null {
  const m = PERIOD_KEY.exec(key);
  if (!m || Number(m[1]) < 1) return null;
  const year = Number(m[1]);
  if (m[2]) return { kind: "month", year, index: Number(m[2]) };
  if (m[3]) return { kind: "quarter", year, index: Number(m[3]) };
  if (m[4]) return { kind: "half", year, index: Number(m[4]) };
  return { kind: "year", year, index: 1 };
}

/** The parts of a period key; throws a Vietnamese DateInputError for anything else. */
export function periodParts(key: string): PeriodParts {
  const p = readPeriodKey(key);
  if (!p) throw new DateInputError(`Kỳ «${key}» không hợp lệ: dùng dạng 2026 (năm), 2026-H2 (6 tháng), 2026-Q4 (quý) hoặc 2026-10 (tháng).`);
  return p;
}

/** Is `key` a period key ("2026", "2026-H2", "2026-Q4", "2026-10") of a year from FIRST_YEAR to LAST_YEAR? */
export function isPeriodKey(key: string): boolean {
  const p = readPeriodKey(key);
  return p !== null && inYears(p.year);
}

function formatKey({ kind, year, index }: PeriodParts): string {
  const y = pad(year, 4);
  return kind === "year" ? y : kind === "half" ? `${y}-H${index}` : kind === "quarter" ? `${y}-Q${index}` : `${y}-${pad(index)}`;
}

/** The kind of a period key ("2026-Q4" → "quarter"). */
export function periodKind(key: string): PeriodKind {
  return periodParts(key).kind;
}

/** The first and last Vietnam day of a period key ("2026-Q4" → 2026-10-01 … 2026-12-31). */
export function periodRange(key: string): DayRange {
  const { kind, year, index } = periodParts(key);
  const firstMonth = (index - 1) * MONTHS_PER[kind] + 1;
  const lastMonth = firstMonth + MONTHS_PER[kind] - 1;
  const y = pad(year, 4);
  return { from: `${y}-${pad(firstMonth)}-01`, to: `${y}-${pad(lastMonth)}-${pad(daysInMonth(year, lastMonth))}` };
}

/** The period of the same kind just before ("2026-Q1" → "2025-Q4", "2026-01" → "2025-12"). */
export function previousPeriodKey(key: string): string {
  const p = periodParts(key);
  return p.index > 1 ? formatKey({ ...p, index: p.index - 1 }) : formatKey({ ...p, year: p.year - 1, index: COUNT_PER_YEAR[p.kind] });
}

/** The key of the month, quarter, half or year that a range covers exactly, or null for any other range. */
export function standardPeriodOf(range: DayRange): string | null {
  const { from, to } = { from: calendarDay(range.from), to: calendarDay(range.to) };
  for (const kind of PERIOD_KINDS) {
    const key = periodKey(from, kind);
    const r = periodRange(key);
    if (r.from === from && r.to === to) return key;
  }
  return null;
}

/**
 * The previous comparable range. A range that is exactly a month, quarter, half or year gets the previous
 * one of the same kind (Q3 → Q2, although Q2 has one day fewer); any other range gets the range of equal
 * length ending the day before it starts.
 */
export function previousRange(range: DayRange): DayRange {
  const standard = standardPeriodOf(range);
  if (standard) return periodRange(previousPeriodKey(standard));
  const length = dayNumber(range.to) - dayNumber(range.from) + 1;
  return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
}
