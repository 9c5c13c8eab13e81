/**
 * Fields against their own targets: Đất đai, Xây dựng, Đầu tư (≥ 90 %) first and marked, then the rest
 * (held to the overall > 95 %). A bar per field coloured met / not met / ít mẫu, a dashed line per target
 * in force; the table says met, not met or ít mẫu in words.
 */
import { Link } from "@remix-run/react";
import { ReferenceLine } from "recharts";

import { formatCount, formatDelta, formatInterval, formatPct, formatTarget } from "~/dashboard/format";
import type { IndexRow } from "~/dashboard/types";

import { axisFloor, RateBars, shortLabel, STATUS_COLOUR, TARGET_COLOUR, whisker } from "./Chart";
import { ChartAndTable, Empty, StatusText, useLocale } from "./common";

/** A field with a target of its own (≥, as set for land, construction and investment). */
const ownTarget = (r: IndexRow) => r.target?.op === ">=";

export function TargetTable({ rows, caption }: { rows: IndexRow[]; caption: string }) {
  const { t, locale } = useLocale();
  const withData = rows.filter((r) => r.index !== null);
  if (withData.length === 0) return <Empty>{t("dash.empty.noData")}</Empty>;
  const targets = [...new Map(rows.filter((r) => r.target).map((r) => [r.target!.pct, r.target!])).values()];
  const floor = axisFloor([
    ...withData.map((r) => r.index),
    ...withData.filter((r) => !r.fewAnswers).map((r) => r.ciLow),
    ...targets.map((x) => x.pct),
  ]);
  const data = withData.map((r) => ({
    name: `${ownTarget(r) ? "★ " : ""}${shortLabel(r.label, 24)}`,
    index: r.index,
    err: whisker(r.index, r.ciLow, r.ciHigh, floor),
    colour: STATUS_COLOUR[r.fewAnswers ? "few" : r.status === "met" || r.status === "notMet" ? r.status : "noTarget"],
  }));
  return (
    <>
      <ChartAndTable
        chart={
          <RateBars data={data} dataKey="index" floor={floor} height={40 + data.length * 26} locale={locale} label={{ share: 0.4, max: 200 }}>
            {targets.map((x) => (
              <ReferenceLine
                key={x.pct}
                x={x.pct}
                stroke={TARGET_COLOUR}
                strokeWidth={x.op === ">=" ? 2 : 1.5}
                strokeDasharray={x.op === ">=" ? "2 2" : "6 3"}
                ifOverflow="extendDomain"
              />
            ))}
          </RateBars>
        }
        table={
          <table className="compact">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dash.col.field")}</th>
                <th scope="col" className="num">
                  {t("dash.col.target")}
                </th>
                <th scope="col" className="num">
                  {t("dash.col.responses")}
                </th>
                <th scope="col" className="num">
                  {t("dash.col.index")}
                </th>
                <th scope="col" className="num">
                  {t("dash.col.ci")}
                </th>
                <th scope="col" className="num">
                  {t("dash.col.delta")}
                </th>
                <th scope="col">{t("dash.col.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key || "_"} className={[ownTarget(r) ? "prominent" : "", r.fewAnswers ? "few" : ""].join(" ").trim() || undefined}>
                  <th scope="row">
                    {r.href ? <Link to={r.href}>{r.label}</Link> : r.label}
                    {ownTarget(r) ? <span className="tag">{t("dash.fields.ownTarget")}</span> : null}
                  </th>
                  <td className="num">{formatTarget(r.target, locale)}</td>
                  <td className="num">{formatCount(r.responses, locale)}</td>
                  <td className="num">{formatPct(r.index, locale)}</td>
                  <td className="num">{formatInterval(r.ciLow, r.ciHigh, locale)}</td>
                  <td className="num">{formatDelta(r.delta, locale)}</td>
                  <td>
                    <StatusText status={r.status} target={r.target} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <p className="legend">{t("dash.legend.fields")}</p>
    </>
  );
}
