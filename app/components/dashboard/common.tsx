/** Small pieces every dashboard section uses: the panel, status words, the period's name. */
import type { TFunction } from "i18next";
import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { formatTarget } from "~/dashboard/format";
import { formatDay } from "~/i18n/vn-time";
import { periodParts } from "~/method/period";
import type { ResolvedPeriod } from "~/dashboard/params";
import type { Status, TargetView } from "~/dashboard/types";
import { isLocale } from "~/i18n/i18n";
import type { Locale } from "~/survey/codes";
import { ScrollRegion } from "~/components/ScrollRegion";

export function useLocale(): { t: TFunction; locale: Locale } {
  const { t, i18n } = useTranslation();
  return { t, locale: isLocale(i18n.language) ? i18n.language : "vi" };
}

/** A dashboard section: heading, a line on how to read it, then the chart and its table side by side. */
export function Panel({ title, note, wide, children, id }: { title: string; note?: ReactNode; wide?: boolean; children: ReactNode; id?: string }) {
  const headingId = useId();
  return (
    <section className={wide ? "panel panel-wide" : "panel"} aria-labelledby={headingId} id={id}>
      <h2 id={headingId}>{title}</h2>
      {note ? <p className="panel-note">{note}</p> : null}
      {children}
    </section>
  );
}

/** Chart and table beside each other on a laptop, one under the other on a tablet. */
export function ChartAndTable({ chart, table }: { chart: ReactNode; table: ReactNode }) {
  return (
    <div className="chart-table">
      {chart}
      <ScrollRegion>{table}</ScrollRegion>
    </div>
  );
}

/** An explicit empty state: never a blank chart. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function StatusText({ status, target }: { status: Status; target: TargetView | null }) {
  const { t, locale } = useLocale();
  const word = t(`dash.status_${status}`);
  return (
    <span className={`status status-${status}`}>
      {target && (status === "met" || status === "notMet") ? `${word} (${formatTarget(target, locale)})` : word}
    </span>
  );
}

const ROMAN = ["I", "II", "III", "IV"];

/** "Năm 2026", "Quý III/2026", "6 tháng đầu năm 2026", "Tháng 7/2026", or the custom range. */
export function periodName(t: TFunction, key: string | null, range: { from: string; to: string }): string {
  if (!key) return t("dash.customRange", { from: formatDay(range.from), to: formatDay(range.to) });
  const { kind, year, index } = periodParts(key);
  switch (kind) {
    case "year":
      return t("dash.year", { year });
    case "half":
      return index === 1 ? t("dash.half_1", { year }) : t("dash.half_2", { year });
    case "quarter":
      return t("dash.quarter", { q: ROMAN[index - 1], year });
    case "month":
      return t("dash.month", { month: index, year });
  }
}

export function periodLabel(t: TFunction, period: ResolvedPeriod): string {
  return periodName(t, period.key, period.range);
}
