/**
 * The one way the app prints Vietnam time, on pages (server and browser alike), in documents and in files:
 * vi-VN shapes in the Asia/Ho_Chi_Minh time zone, whatever the machine's own zone and the page's language.
 * Days are already Vietnam days (`YYYY-MM-DD`, app/method/period.ts) and are only rewritten; instants
 * (milliseconds since the epoch) go through one Intl formatter.
 *
 *  - a day:           "01/07/2026"        formatDay("2026-07-01")
 *  - a day and time:  "14/08/2026 09:12"  formatInstant(ms)
 *  - a month:         "7/2026"            formatMonth("2026-07")
 *  - a file's time:   "2026-08-14T09:12:00+07:00" (ISO 8601, the API's own form)  vietnamIso(ms)
 */
import { periodParts } from "../method/period";

export const VIETNAM_TIME_ZONE = "Asia/Ho_Chi_Minh";

// hourCycle h23: midnight is 00:00 (some engines write 24:00 with hour12: false).
const HOURS = new Intl.DateTimeFormat("vi-VN", {
  timeZone: VIETNAM_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  hourCycle: "h23",
});

const HOUR_MS = 3_600_000;
type Clock = Record<"year" | "month" | "day" | "hour" | "minute" | "second", string>;
const pad = (n: number) => String(n).padStart(2, "0");

/*
 * The zone's offset is a whole number of hours (+07:00 since 1975), so Intl is asked for the hour only and
 * minutes and seconds come from the instant: the raw-response CSV prints one time per response, in time
 * order, and consecutive responses mostly share their hour.
 */
let lastHour = Number.NaN;
let lastParts: Pick<Clock, "year" | "month" | "day" | "hour"> = { year: "", month: "", day: "", hour: "" };

/** The Vietnam wall clock of an instant, each part as two digits (the year as four). */
function clock(ms: number): Clock {
  const hour = Math.floor(ms / HOUR_MS);
  if (hour !== lastHour) {
    const parts = { ...lastParts };
    for (const { type, value } of HOURS.formatToParts(hour * HOUR_MS)) if (type in parts) parts[type as keyof typeof parts] = value;
    [lastHour, lastParts] = [hour, parts];
  }
  const rest = ms - hour * HOUR_MS;
  return { ...lastParts, minute: pad(Math.floor(rest / 60_000)), second: pad(Math.floor((rest % 60_000) / 1000)) };
}

/** A Vietnam calendar day `YYYY-MM-DD` as "01/07/2026" (no time zone arithmetic: it already is a day). */
export function formatDay(day: string): string {
  const [y, m, d] = day.split("-");
  return `${d}/${m}/${y}`;
}

/** An instant as Vietnam local date and time: "14/08/2026 09:12". */
export function formatInstant(ms: number): string {
  const c = clock(ms);
  return `${c.day}/${c.month}/${c.year} ${c.hour}:${c.minute}`;
}

/** A month key "2026-07" as "7/2026" (axis) or "Tháng 7/2026" (text, through the caller's label). */
export function formatMonth(key: string): string {
  const { year, index } = periodParts(key);
  return `${index}/${year}`;
}

/** ISO 8601 in Vietnam time: "2026-08-14T09:12:00+07:00" (Vietnam has kept +07:00 since 1975, no summer time). */
export function vietnamIso(ms: number): string {
  const c = clock(ms);
  return `${c.year}-${c.month}-${c.day}T${c.hour}:${c.minute}:${c.second}+07:00`;
}
