/**
 * The five element indices (SIPAS) or the rate of each rating question (per-dossier), each with its Wilson
 * 95 % whisker; on an agency's page the province's rate as a second bar.
 */
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, XAxis, YAxis } from "recharts";

import { formatCount, formatInterval, formatPct, formatRate } from "~/dashboard/format";
import type { ComponentRow } from "~/dashboard/types";

import { axisFloor, ChartBox, rateTicks, whisker, PROVINCE_COLOUR, shortLabel, STATUS_COLOUR } from "./Chart";
import { ChartAndTable, Empty, useLocale } from "./common";

export function ComponentBars({ rows, caption, header, scopeName }: { rows: ComponentRow[]; caption: string; header: string; scopeName: string }) {
  const { t, locale } = useLocale();
  if (rows.every((r) => r.rate === null)) return <Empty>{t("dash.empty.noData")}</Empty>;
  const withProvince = rows.some((r) => r.province !== null);
  const floor = axisFloor([...rows.map((r) => r.rate), ...rows.filter((r) => !r.fewAnswers).map((r) => r.ciLow), ...rows.map((r) => r.province)]);
  const data = rows.map((r) => ({
    name: shortLabel(r.label, 36),
    rate: r.rate,
    province: r.province,
    err: whisker(r.rate, r.ciLow, r.ciHigh, floor),
    colour: r.fewAnswers ? STATUS_COLOUR.few : STATUS_COLOUR.noTarget,
  }));
  const height = 40 + rows.length * (withProvince ? 44 : 30);
  return (
    <>
      <ChartAndTable
        chart={
          <ChartBox height={height}>
            {(width) => (
              <BarChart width={width} height={height} data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
                <CartesianGrid horizontal={false} stroke="#e4e4e4" />
                <XAxis type="number" domain={[floor, 100]} ticks={rateTicks(floor)} tickFormatter={(v: number) => formatRate(v, locale).replace(/,00$/, "")} fontSize={12} />
                <YAxis type="category" dataKey="name" width={Math.min(250, Math.floor(width * 0.46))} fontSize={12} interval={0} />
                <Bar dataKey="rate" isAnimationActive={false} barSize={16}>
                  {data.map((d, i) => (
                    <Cell key={i} fill={d.colour} />
                  ))}
                  {data.some((d) => d.err) ? <ErrorBar dataKey="err" width={4} stroke="#222" strokeWidth={1.2} isAnimationActive={false} /> : null}
                </Bar>
                {withProvince ? <Bar dataKey="province" fill={PROVINCE_COLOUR} isAnimationActive={false} barSize={10} /> : null}
              </BarChart>
            )}
          </ChartBox>
        }
        table={
          <table className="compact">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{header}</th>
                <th scope="col" className="num">{scopeName}</th>
                <th scope="col" className="num">{t("dash.col.n")}</th>
                <th scope="col" className="num">{t("dash.col.ci")}</th>
                {withProvince ? <th scope="col" className="num">{t("dash.cards.province")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.code} className={r.fewAnswers ? "few" : undefined}>
                  <th scope="row">{r.label}</th>
                  <td className="num">
                    {formatPct(r.rate, locale)}
                    {r.fewAnswers && r.rate !== null ? <span className="few-mark"> ({t("dash.status_few")})</span> : null}
                  </td>
                  <td className="num">{formatCount(r.n, locale)}</td>
                  <td className="num">{formatInterval(r.ciLow, r.ciHigh, locale)}</td>
                  {withProvince ? <td className="num">{formatPct(r.province, locale)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      {withProvince ? <p className="legend">{t("dash.legend.components")}</p> : null}
    </>
  );
}
