/**
 * Units ranked by index (agencies, counters, profile groups): a horizontal bar per unit with its Wilson
 * 95 % whisker where the index is one rate, the target as a red line, ít mẫu units in grey at the end
 * (outside the ranking). The table beside it holds every figure, rank and change.
 */
import { Link } from "@remix-run/react";
import { ReferenceLine } from "recharts";

import { formatCount, formatDelta, formatInterval, formatPct, formatTarget } from "~/dashboard/format";
import type { IndexRow, TargetView } from "~/dashboard/types";

import { axisFloor, RateBars, shortLabel, STATUS_COLOUR, TARGET_COLOUR, whisker } from "./Chart";
import { ChartAndTable, Empty, StatusText, useLocale } from "./common";

type Props = {
  rows: IndexRow[];
  caption: string;
  unitHeader: string;
  /** The target line (one target for every unit); none when units have different targets. */
  target: TargetView | null;
  ranked?: boolean;
  /** What to say when no unit has an index. */
  emptyText: string;
};

export function RankedBars({ rows, caption, unitHeader, target, ranked = true, emptyText }: Props) {
  const { t, locale } = useLocale();
  const withData = rows.filter((r) => r.index !== null);
  if (withData.length === 0) return <Empty>{emptyText}</Empty>;
  // Agencies and counters say how many of their ratings know their field (profile groups do not).
  const withCoverage = rows.some((r) => r.fieldCoverage);
  // The axis starts below every index and every interval of a unit with enough answers.
  const floor = axisFloor([...withData.map((r) => r.index), ...withData.filter((r) => !r.fewAnswers).map((r) => r.ciLow), target?.pct]);
  const data = withData.map((r) => ({
    name: shortLabel(r.label || unitHeader),
    index: r.index,
    // recharts draws [below, above] the bar's end.
    err: whisker(r.index, r.ciLow, r.ciHigh, floor),
    colour: STATUS_COLOUR[r.fewAnswers ? "few" : r.status === "met" || r.status === "notMet" ? r.status : "noTarget"],
  }));
  const allFew = ranked && withData.every((r) => r.rank === null);
  return (
    <>
      {allFew ? <Empty>{t("dash.empty.allFew")}</Empty> : null}
      <ChartAndTable
        chart={
          <RateBars data={data} dataKey="index" floor={floor} height={40 + data.length * 26} locale={locale} label={{ share: 0.42, max: 220 }}>
            {target ? <ReferenceLine x={target.pct} stroke={TARGET_COLOUR} strokeWidth={2} strokeDasharray="5 3" ifOverflow="extendDomain" /> : null}
          </RateBars>
        }
        table={
          <table className="compact">
            <caption>{caption}</caption>
            <thead>
              <tr>
                {ranked ? (
                  <th scope="col" className="num">
                    {t("dash.col.rank")}
                  </th>
                ) : null}
                <th scope="col">{unitHeader}</th>
                <th scope="col" className="num">
                  {t("dash.col.responses")}
                </th>
                <th scope="col" className="num">
                  {t("dash.col.index")}
                </th>
                <th scope="col" className="num">
                  {t("dash.col.ci")}
                </th>
                {withCoverage ? (
                  <th scope="col" className="num">
                    {t("dash.col.fieldKnown")}
                  </th>
                ) : null}
                {ranked ? (
                  <th scope="col" className="num">
                    {t("dash.col.delta")}
                  </th>
                ) : null}
                {ranked ? (
                  <th scope="col" className="num">
                    {t("dash.col.rankChange")}
                  </th>
                ) : null}
                <th scope="col">{t("dash.col.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key || "_"} className={r.fewAnswers ? "few" : undefined}>
                  {ranked ? <td className="num">{r.rank ?? "—"}</td> : null}
                  <th scope="row">{r.href ? <Link to={r.href}>{r.label}</Link> : r.label}</th>
                  <td className="num">{formatCount(r.responses, locale)}</td>
                  <td className="num">{formatPct(r.index, locale)}</td>
                  <td className="num">{formatInterval(r.ciLow, r.ciHigh, locale)}</td>
                  {withCoverage ? <td className="num">{formatPct(r.fieldCoverage?.share ?? null, locale)}</td> : null}
                  {ranked ? <td className="num">{formatDelta(r.delta, locale)}</td> : null}
                  {ranked ? (
                    <td className="num">
                      {r.rankChange === null ? "—" : r.rankChange > 0 ? `↑${r.rankChange}` : r.rankChange < 0 ? `↓${-r.rankChange}` : "="}
                    </td>
                  ) : null}
                  <td>
                    <StatusText status={r.status} target={r.target} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      {target ? <p className="legend">{t("dash.legend.ranked", { target: formatTarget(target, locale) })}</p> : null}
    </>
  );
}
