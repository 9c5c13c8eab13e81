/** The criteria with the lowest satisfaction rates (among those with 30 answers or more), worst first. */
import { Link } from "@remix-run/react";

import { formatCount, formatInterval, formatPct } from "~/dashboard/format";
import type { CriterionRow } from "~/dashboard/types";

import { Empty, useLocale } from "./common";
import { ScrollRegion } from "~/components/ScrollRegion";

export function LowestCriteria({ rows, caption }: { rows: CriterionRow[]; caption: string }) {
  const { t, locale } = useLocale();
  if (rows.length === 0) return <Empty>{t("dash.lowest.none")}</Empty>;
  return (
    <ScrollRegion>
      <table className="compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("dash.col.criterion")}</th>
            <th scope="col" className="num">
              {t("dash.col.rate")}
            </th>
            <th scope="col" className="num">
              {t("dash.col.n")}
            </th>
            <th scope="col" className="num">
              {t("dash.col.ci")}
            </th>
            {rows.some((r) => r.href) ? <th scope="col">{t("dash.col.comments")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code}>
              <th scope="row">
                <span className="qcode">{r.code}</span>
                {r.label}
              </th>
              <td className="num">{formatPct(r.rate, locale)}</td>
              <td className="num">{formatCount(r.n, locale)}</td>
              <td className="num">{formatInterval(r.ciLow, r.ciHigh, locale)}</td>
              {r.href ? (
                <td>
                  <Link to={r.href}>{t("dash.lowest.comments")}</Link>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
