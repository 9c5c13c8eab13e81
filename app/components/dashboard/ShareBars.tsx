/**
 * Expectations (MONG_DOI): the share of respondents who ticked each option, ranked. Shares add up to more
 * than 100 % (up to three ticks each).
 */
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";

import { formatCount, formatPct } from "~/dashboard/format";
import type { ShareRow } from "~/dashboard/types";

import { ChartBox, shortLabel, STATUS_COLOUR } from "./Chart";
import { ChartAndTable, Empty, useLocale } from "./common";

export function ShareBars({ rows, respondents, caption }: { rows: ShareRow[]; respondents: number; caption: string }) {
  const { t, locale } = useLocale();
  if (respondents === 0) return <Empty>{t("dash.empty.noData")}</Empty>;
  const data = rows.map((r) => ({ name: shortLabel(r.label, 34), share: r.share ?? 0 }));
  const height = 40 + data.length * 28;
  return (
    <>
      <ChartAndTable
        chart={
          <ChartBox height={height}>
            {(width) => (
              <BarChart width={width} height={height} data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
                <CartesianGrid horizontal={false} stroke="#e4e4e4" />
                <XAxis type="number" domain={[0, Math.max(10, Math.ceil(Math.max(...data.map((d) => d.share)) / 10) * 10)]} fontSize={12} />
                <YAxis type="category" dataKey="name" width={Math.min(250, Math.floor(width * 0.48))} fontSize={12} interval={0} />
                <Bar dataKey="share" fill={STATUS_COLOUR.noTarget} isAnimationActive={false} barSize={16} />
              </BarChart>
            )}
          </ChartBox>
        }
        table={
          <table className="compact">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t("dash.col.rank")}
                </th>
                <th scope="col">{t("dash.col.option")}</th>
                <th scope="col" className="num">
                  {t("dash.col.count")}
                </th>
                <th scope="col" className="num">
                  {t("dash.col.share")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.code}>
                  <td className="num">{r.rank ?? "—"}</td>
                  <th scope="row">{r.label}</th>
                  <td className="num">{formatCount(r.count, locale)}</td>
                  <td className="num">{formatPct(r.share, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <p className="legend">{t("dash.expectations.respondents", { count: respondents, formatted: formatCount(respondents, locale) })}</p>
    </>
  );
}
