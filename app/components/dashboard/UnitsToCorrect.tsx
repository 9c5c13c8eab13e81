/**
 * Đơn vị cần chấn chỉnh: units with enough answers that are below their target or fell against the
 * previous period, each with its reasons in words.
 */
import { Link } from "@remix-run/react";

import { formatPct, formatTarget } from "~/dashboard/format";
import { changeWords } from "~/i18n/change-words";
import type { CorrectionRow } from "~/dashboard/types";

import { Empty, useLocale } from "./common";
import { ScrollRegion } from "~/components/ScrollRegion";

export function UnitsToCorrect({ rows, caption }: { rows: CorrectionRow[]; caption: string }) {
  const { t, locale } = useLocale();
  if (rows.length === 0) return <Empty>{t("dash.correct.none")}</Empty>;
  return (
    <ScrollRegion>
      <table className="compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("dash.col.unit")}</th>
            <th scope="col">{t("dash.col.kind")}</th>
            <th scope="col" className="num">
              {t("dash.col.index")}
            </th>
            <th scope="col">{t("dash.col.reason")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.kind}:${r.key}`} className={r.belowTarget ? "below" : undefined}>
              <th scope="row">{r.href ? <Link to={r.href}>{r.label}</Link> : r.label}</th>
              <td>{t(`dash.correct.kind_${r.kind}`)}</td>
              <td className="num">{formatPct(r.index, locale)}</td>
              <td>
                {[
                  r.belowTarget ? t("dash.correct.below", { target: formatTarget(r.target, locale) }) : null,
                  r.delta !== null && r.delta < 0 ? changeWords(t, r.delta, locale) : null,
                ]
                  .filter(Boolean)
                  .join("; ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
