/** The 766 section's table: months as rows, the indicators, the platform's own rate, the units below the threshold. */
import type { ReactNode } from "react";

import { useLocale } from "~/components/dashboard/common";
import { formatCount, formatPct, formatRate } from "~/dashboard/format";
import { ScrollRegion } from "~/components/ScrollRegion";

export type MonthTableRow = {
  month: string;
  label: string;
  closed: boolean;
  figures: {
    dossiers: number;
    late: number;
    flagged: number;
    rate54: number | null;
    rate54Union: number | null;
    points54: number | null;
    pakn: number;
    rate52: number | null;
    rate53: number | null;
  };
  platformRate: number | null;
  below: { key: string; label: string; rate54: number }[];
};

export function MonthTable({ rows, threshold, action }: { rows: MonthTableRow[]; threshold: number; action?: (row: MonthTableRow) => ReactNode }) {
  const { t, locale } = useLocale();
  return (
    <ScrollRegion>
      <table className="qd766-months">
        <caption>{t("qd766.months")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("qd766.month")}</th>
            <th scope="col">{t("qd766.dossiers")}</th>
            <th scope="col">{t("qd766.late")}</th>
            <th scope="col">{t("qd766.flagged")}</th>
            <th scope="col">{t("qd766.rate54")}</th>
            <th scope="col">{t("qd766.rate54Union")}</th>
            <th scope="col">{t("qd766.points54")}</th>
            <th scope="col">{t("qd766.pakn")}</th>
            <th scope="col">{t("qd766.rate52")}</th>
            <th scope="col">{t("qd766.rate53")}</th>
            <th scope="col">{t("qd766.platformRate")}</th>
            <th scope="col">{t("qd766.below", { threshold })}</th>
            {action ? <th scope="col">{t("qd766.publish")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.month}>
              <th scope="row">
                {r.label}
                {r.closed ? null : <span className="muted"> ({t("qd766.open")})</span>}
              </th>
              <td className="num">{formatCount(r.figures.dossiers, locale)}</td>
              <td className="num">{formatCount(r.figures.late, locale)}</td>
              <td className="num">{formatCount(r.figures.flagged, locale)}</td>
              <td className="num">{formatPct(r.figures.rate54, locale)}</td>
              <td className="num">{formatPct(r.figures.rate54Union, locale)}</td>
              <td className="num">{formatRate(r.figures.points54, locale)}</td>
              <td className="num">{formatCount(r.figures.pakn, locale)}</td>
              <td className="num">{formatPct(r.figures.rate52, locale)}</td>
              <td className="num">{formatPct(r.figures.rate53, locale)}</td>
              <td className="num">{formatPct(r.platformRate, locale)}</td>
              <td>{r.below.length ? r.below.map((u) => `${u.label} (${formatPct(u.rate54, locale)})`).join("; ") : t("qd766.none")}</td>
              {action ? <td>{action(r)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
