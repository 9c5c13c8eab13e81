/**
 * How the dashboard writes numbers: vi-VN by default ("93,41 %", "1.234"). Figures arrive already rounded by
 * app/method; this only prints them (dates and times: app/i18n/vn-time.ts). Shared by the server render, the
 * browser and the e2e test (which must print a CLI figure exactly as the page does).
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

/** A target as written in the resolutions: "> 95 %", "≥ 90 %". */
export function formatTarget(target: { op: ">" | ">="; pct: number } | null | undefined, locale: Locale = "vi"): string {
  if (!target) return "—";
  const pct = numberFormat(locale, { maximumFractionDigits: 2 }).format(target.pct);
  return `${target.op === ">" ? ">" : "≥"}${NBSP}${pct}${NBSP}%`;
}
