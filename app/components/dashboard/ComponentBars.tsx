/**
 * The five element indices (SIPAS) or the rate of each rating question (per-dossier), each with its Wilson
 * 95 % whisker; on an agency's page the province's rate as a second bar.
 */
import { Bar } from "recharts";

import { formatCount, formatInterval, formatPct } from "~/dashboard/format";
import type { ComponentRow } from "~/dashboard/types";

import { axisFloor, PROVINCE_COLOUR, RateBars, shortLabel, STATUS_COLOUR, whisker } from "./Chart";
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
          <RateBars data={data} dataKey="rate" floor={floor} height={height} locale={locale} label={{ share: 0.46, max: 250 }}>
            {withProvince ? <Bar dataKey="province" fill={PROVINCE_COLOUR} isAnimationActive={false} barSize={10} /> : null}
          </RateBars>
        }
        table={
          <table className="compact">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{header}</th>
                <th scope="col" className="num">
                  {scopeName}
                </th>
                <th scope="col" className="num">
                  {t("dash.col.n")}
                </th>
                <th scope="col" className="num">
                  {t("dash.col.ci")}
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
