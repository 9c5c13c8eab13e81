/**
 * How the dashboard writes numbers and dates: vi-VN by default ("93,41 %", "01/07/2026"). Figures arrive
 * already rounded by app/method; this only prints them. Shared by the server render, the browser and the
 * e2e test (which must print a CLI figure exactly as the page does).
 */
import type { Locale } from "../survey/codes";

const TAG: Record<Locale, string> = { vi: "vi-VN", en: "en-GB" };
const NBSP = "\u00a0";

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let nf = cache.get(key);
  if (!nf) cache.set(key, (nf = new Intl.NumberFormat(TAG[locale], options)));
  return nf;
}

/** A published rate: "93,41 %" (two decimals, a no-break space before %); "—" for no data. */
export function formatPct(value: number | null | undefined, locale: Locale = "vi"): string {
  if (value === null || value === undefined) return "—";
  return `${numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)}${NBSP}%`;
}

/** A number without a unit, two decimals ("93,41"), for chart axes and interval bounds. */
export function formatRate(value: number | null | undefined, locale: Locale = "vi"): string {
  if (value === null || value === undefined) return "—";
  return numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** A count: "1.234". */
export function formatCount(value: number, locale: Locale = "vi"): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A change in percentage points with its sign: "+1,23" / "−0,50" / "0,00"; "—" when not comparable. */
export function formatDelta(value: number | null | undefined, locale: Locale = "vi"): string {
  if (value === null || value === undefined) return "—";
  const text = numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Math.abs(value));
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/** An interval: "91,20–95,02". */
export function formatInterval(low: number | null, high: number | null, locale: Locale = "vi"): string {
  if (low === null || high === null) return "—";
  return `${formatRate(low, locale)}–${formatRate(high, locale)}`;
}

/** A Vietnam calendar day `YYYY-MM-DD` as "01/07/2026" (no time zone arithmetic: it already is a day). */
export function formatDay(day: string): string {
  const [y, m, d] = day.split("-");
  return `${d}/${m}/${y}`;
}

/** An instant as Vietnam local date and time: "14/08/2026 09:12". */
export function formatInstant(ms: number): string {
  const local = new Date(ms + 7 * 3_600_000).toISOString(); // Vietnam has no daylight saving
  return `${formatDay(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

/** A month key "2026-07" as "7/2026" (axis) or "Tháng 7/2026" (text, through the caller's label). */
export function formatMonth(key: string): string {
  const [y, m] = key.split("-");
  return `${Number(m)}/${y}`;
}

/** A target as written in the resolutions: "> 95 %", "≥ 90 %". */
export function formatTarget(target: { op: ">" | ">="; pct: number } | null | undefined, locale: Locale = "vi"): string {
  if (!target) return "—";
  const pct = numberFormat(locale, { maximumFractionDigits: 2 }).format(target.pct);
  return `${target.op === ">" ? ">" : "≥"}${NBSP}${pct}${NBSP}%`;
}
