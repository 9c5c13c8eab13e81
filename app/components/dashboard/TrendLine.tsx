/**
 * The index month by month (the twelve months ending with the period), against the target; on an agency's
 * page the province's line beside it. Months with few answers are hollow grey points, months without a
 * response leave a gap: the table names both.
 */
import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis } from "recharts";

import { formatCount, formatPct, formatRate } from "~/dashboard/format";
import { formatMonth } from "~/i18n/vn-time";
import { periodRange } from "~/method/period";
import type { MonthRow, TargetView } from "~/dashboard/types";

import { axisFloor, ChartBox, rateTicks, PROVINCE_COLOUR, STATUS_COLOUR, TARGET_COLOUR } from "./Chart";
import { ChartAndTable, Empty, periodName, useLocale } from "./common";

type DotProps = { cx?: number; cy?: number; payload?: { few: boolean }; index?: number };

export function TrendLine({ rows, target, caption, scopeName }: { rows: MonthRow[]; target: TargetView | null; caption: string; scopeName: string }) {
  const { t, locale } = useLocale();
  if (rows.every((r) => r.index === null)) return <Empty>{t("dash.empty.noData")}</Empty>;
  const withProvince = rows.some((r) => r.province !== null);
  const data = rows.map((r) => ({ key: r.key, index: r.index, province: r.province, few: r.fewAnswers }));
  const floor = axisFloor([...rows.map((r) => r.index), ...rows.map((r) => r.province), target?.pct]);
  const dot = ({ cx, cy, payload, index }: DotProps) =>
    cx === undefined || cy === undefined ? (
      <g key={index} />
    ) : (
      <circle
        key={index}
        cx={cx}
        cy={cy}
        r={4}
        stroke={payload?.few ? "#8a8a8a" : STATUS_COLOUR.noTarget}
        strokeWidth={2}
        fill={payload?.few ? "#fff" : STATUS_COLOUR.noTarget}
      />
    );
  return (
    <>
      <ChartAndTable
        chart={
          <ChartBox height={260}>
            {(width) => (
              <LineChart width={width} height={260} data={data} margin={{ top: 12, right: 32, bottom: 8, left: 0 }}>
                <CartesianGrid stroke="#e4e4e4" />
                <XAxis
                  dataKey="key"
                  fontSize={12}
                  interval={0}
                  // "7/2026" while there is room, "7/26" when the months get narrow.
                  tickFormatter={(key: string) => (width / rows.length < 58 ? formatMonth(key).replace(/\/\d\d(\d\d)$/, "/$1") : formatMonth(key))}
                  angle={width / rows.length < 34 ? -45 : 0}
                  textAnchor={width / rows.length < 34 ? "end" : "middle"}
                  height={width / rows.length < 34 ? 44 : 24}
                />
                <YAxis
                  domain={[floor, 100]}
                  ticks={rateTicks(floor)}
                  tickFormatter={(v: number) => formatRate(v, locale).replace(/,00$/, "")}
                  fontSize={12}
                  width={44}
                />
                {target ? (
                  <ReferenceLine y={target.pct} stroke={TARGET_COLOUR} strokeDasharray="5 3" strokeWidth={2} ifOverflow="extendDomain" />
                ) : null}
                {withProvince ? (
                  <Line
                    dataKey="province"
                    stroke={PROVINCE_COLOUR}
                    strokeDasharray="4 3"
                    strokeWidth={2}
                    dot={false}
                    isAnimationActive={false}
                    connectNulls={false}
                  />
                ) : null}
                <Line dataKey="index" stroke={STATUS_COLOUR.noTarget} strokeWidth={2.5} dot={dot} isAnimationActive={false} connectNulls={false} />
              </LineChart>
            )}
          </ChartBox>
        }
        table={
          <table className="compact">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dash.col.month")}</th>
                <th scope="col" className="num">
                  {t("dash.col.responses")}
                </th>
                <th scope="col" className="num">
                  {scopeName}
                </th>
                {withProvince ? (
                  <th scope="col" className="num">
                    {t("dash.cards.province")}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} className={r.fewAnswers ? "few" : undefined}>
                  <th scope="row">{periodName(t, r.key, periodRange(r.key))}</th>
                  <td className="num">{formatCount(r.responses, locale)}</td>
                  <td className="num">
                    {formatPct(r.index, locale)}
                    {r.fewAnswers && r.index !== null ? <span className="few-mark"> ({t("dash.status_few")})</span> : null}
                  </td>
                  {withProvince ? <td className="num">{formatPct(r.province, locale)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <p className="legend">{withProvince ? t("dash.legend.trendProvince") : t("dash.legend.trend")}</p>
    </>
  );
}
