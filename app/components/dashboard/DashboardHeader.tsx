/** The page title, what is shown (survey, period, scope) and any value that was ignored or refused. */
import { Link } from "@remix-run/react";

import { formatDay } from "~/i18n/vn-time";
import type { DashboardData } from "~/dashboard/types";
import { FIRST_YEAR, LAST_YEAR } from "~/method/period";

import { periodLabel, useLocale } from "./common";

export function DashboardHeader({ data, back, commentsHref }: { data: DashboardData; back?: string; commentsHref?: string }) {
  const { t } = useLocale();
  const { period } = data;
  return (
    <header className="dash-head">
      {back ? (
        <p>
          <Link to={back}>{t("dash.agencyPage.back")}</Link>
        </p>
      ) : null}
      <h1>{data.focus ? t("dash.titleAgency", { name: data.focus.name }) : t("dash.title")}</h1>
      <p className="scope">
        {t("dash.showing", {
          survey: data.surveyTitle,
          period: periodLabel(t, period),
          from: formatDay(period.range.from),
          to: formatDay(period.range.to),
        })}
      </p>
      {commentsHref ? (
        <p>
          <Link to={commentsHref}>{t("dash.agencyPage.open")}</Link>
        </p>
      ) : null}
      {data.invalid.length ? (
        <p className="err-summary" role="alert">
          {t("dash.invalid", { names: data.invalid.map((n) => (n === "gop" ? t("directory.mergeSuccessors") : t(`dash.param_${n}`))).join(", ") })}
          {data.invalid.some((n) => n === "period" || n === "from" || n === "to")
            ? ` ${t("dash.periodYears", { first: FIRST_YEAR, last: LAST_YEAR })}`
            : null}
        </p>
      ) : null}
      {data.error ? (
        <p className="err-summary" role="alert">
          {data.error}
        </p>
      ) : null}
    </header>
  );
}
