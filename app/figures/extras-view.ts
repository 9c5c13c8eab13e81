/**
 * The tables of per-respondent measures (QĐ 56's «tỷ lệ hài lòng toàn diện») and number questions (G1): one
 * wording for the dashboard, the report (print, .docx, PDF, .xlsx) and the public page, so the three print the
 * same cells. A row without enough answers reads «chưa đủ số phiếu» and shows no figure. Pure: t and locale in.
 */
import type { TFunction } from "i18next";

import { formatCount, formatInterval, formatPct, formatRate } from "../dashboard/format";
import type { Locale } from "../survey/codes";

export type MeasureView = { label: string; enough: boolean; rate?: number | null; n?: number; ciLow?: number | null; ciHigh?: number | null };
export type NumberView = {
  label: string;
  unit: string | null;
  enough: boolean;
  n?: number;
  mean?: number | null;
  median?: number | null;
  atLeast: { threshold: number; share?: number | null }[];
};
export type ExtraTable = { head: string[]; rows: string[][] };

export function measuresTable(t: TFunction, locale: Locale, rows: readonly MeasureView[]): ExtraTable | null {
  if (rows.length === 0) return null;
  const few = t("figures.notEnough");
  return {
    head: [t("figures.measure"), t("figures.rate"), t("figures.people"), t("figures.interval")],
    rows: rows.map((m) =>
      m.enough
        ? [m.label, formatPct(m.rate, locale), formatCount(m.n ?? 0, locale), formatInterval(m.ciLow ?? null, m.ciHigh ?? null, locale)]
        : [m.label, few, "—", "—"],
    ),
  };
}

/** One column per threshold of any number question («Từ 80 % trở lên»); a question without it shows «—». */
export function numbersTable(t: TFunction, locale: Locale, rows: readonly NumberView[]): ExtraTable | null {
  if (rows.length === 0) return null;
  const columns: { threshold: number; unit: string | null }[] = [];
  for (const q of rows)
    for (const a of q.atLeast)
      if (!columns.some((c) => c.threshold === a.threshold && c.unit === q.unit)) columns.push({ threshold: a.threshold, unit: q.unit });
  const few = t("figures.notEnough");
  const withUnit = (value: string, unit: string | null) => (unit ? `${value} ${unit}` : value);
  return {
    head: [
      t("figures.question"),
      t("figures.people"),
      t("figures.mean"),
      t("figures.median"),
      ...columns.map((c) => t("figures.atLeast", { threshold: withUnit(formatCount(c.threshold, locale), c.unit) })),
    ],
    rows: rows.map((q) => {
      const shares = columns.map((c) => {
        const a = c.unit === q.unit ? q.atLeast.find((x) => x.threshold === c.threshold) : undefined;
        return q.enough && a ? formatPct(a.share, locale) : "—";
      });
      return q.enough
        ? [
            q.label,
            formatCount(q.n ?? 0, locale),
            withUnit(formatRate(q.mean, locale), q.unit),
            withUnit(formatRate(q.median, locale), q.unit),
            ...shares,
          ]
        : [q.label, few, "—", "—", ...shares];
    }),
  };
}
