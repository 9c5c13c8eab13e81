/**
 * The margins e a supervisor may choose for the quotas proposed from dossier counts (docs/method.md §4.9 states
 * e = 0.05; a province with few surveyors may accept 0.07 or 0.10 for a small stratum, a tighter survey 0.03).
 * A short list, not a free number: the figure goes into the audit log and must be one a report can name.
 * Shared by the supervisor screen (client) and the server that recomputes the proposal.
 */
import type { Locale } from "~/survey/codes";

export const PLAN_MARGINS = [0.03, 0.05, 0.07, 0.1] as const;
export const DEFAULT_MARGIN = 0.05;
export const MARGIN_ERROR = "Sai số cho phép phải là một trong các mức 3%, 5%, 7% hoặc 10%.";

/** The submitted value (absent → 0.05); null when it is not one of PLAN_MARGINS. */
export function parseMargin(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined || raw === "") return DEFAULT_MARGIN;
  const value = Number(raw);
  return (PLAN_MARGINS as readonly number[]).includes(value) ? value : null;
}

/** 0.05 → "5%" in the reader's number format. */
export function formatMargin(e: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "vi-VN", { style: "percent", maximumFractionDigits: 1 }).format(e);
}
