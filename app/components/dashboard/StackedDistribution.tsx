/**
 * The answers to each question as one 100 % bar split by option (most dissatisfied in red, most satisfied
 * in blue), with the shares, n and mean score in the table. "Không có ý kiến" is outside these shares.
 */
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";

import { formatCount, formatPct, formatRate } from "~/dashboard/format";
import type { DistributionRow, ScaleOption } from "~/dashboard/types";

import { ChartBox, codeColours, shortLabel } from "./Chart";
import { ChartAndTable, Empty, useLocale } from "./common";

type Props = {
  rows: DistributionRow[];
  options: ScaleOption[];
  caption: string;
  /** Options whose higher code is worse (PHIEN_HA: 1 Không có … 3 Có nhiều). */
  worstLast?: boolean;
  showMean?: boolean;
  /** Row labels on the axis: the question code (long questionnaires) or the label. */
  axisLabel?: "code" | "label";
};

export function StackedDistribution({ rows, options, caption, worstLast = false, showMean = true, axisLabel = "code" }: Props) {
  const { t, locale } = useLocale();
  const answered = rows.filter((r) => r.n > 0);
  if (answered.length === 0) return <Empty>{t("dash.empty.noData")}</Empty>;
  const colours = codeColours(
    options.map((o) => o.code),
    { worstFirst: worstLast },
  );
  const data = answered.map((r) => ({
    name: axisLabel === "code" ? r.code : shortLabel(r.label, 30),
    ...Object.fromEntries(r.shares.map((s) => [`c${s.code}`, s.share ?? 0])),
  }));
  const height = 50 + data.length * 24;
  return (
    <>
      <ChartAndTable
        chart={
          <ChartBox height={height}>
            {(width) => (
              <BarChart
                width={width}
                height={height}
                data={data}
                layout="vertical"
                stackOffset="expand"
                margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
              >
                <CartesianGrid horizontal={false} stroke="#e4e4e4" />
                <XAxis type="number" tickFormatter={(v: number) => `${Math.round(v * 100)}`} fontSize={12} />
                <YAxis
                  type="category"
                  dataKey="name"
                  width={axisLabel === "code" ? 96 : Math.min(200, Math.floor(width * 0.4))}
                  fontSize={12}
                  interval={0}
                />
                {options.map((o) => (
                  <Bar key={o.code} dataKey={`c${o.code}`} stackId="s" fill={colours.get(o.code)} isAnimationActive={false} barSize={16} />
                ))}
              </BarChart>
            )}
          </ChartBox>
        }
        table={
          <table className="compact">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dash.col.question")}</th>
                <th scope="col" className="num">
                  {t("dash.col.n")}
                </th>
                {options.map((o) => (
                  <th scope="col" className="num" key={o.code}>
                    <span className="swatch" style={{ background: colours.get(o.code) }} />
                    {o.label}
                  </th>
                ))}
                {showMean ? (
                  <th scope="col" className="num">
                    {t("dash.col.mean")}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.code} className={r.fewAnswers ? "few" : undefined}>
                  <th scope="row">
                    {axisLabel === "code" ? <span className="qcode">{r.code}</span> : null}
                    {r.label}
                  </th>
                  <td className="num">{formatCount(r.n, locale)}</td>
                  {options.map((o) => (
                    <td className="num" key={o.code}>
                      {formatPct(r.shares.find((s) => s.code === o.code)?.share ?? null, locale)}
                    </td>
                  ))}
                  {showMean ? <td className="num">{formatRate(r.mean, locale)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </>
  );
}
