/** The dashboard's 766 section: the last months as rows, the units below the threshold named, a link to the page. */
import { Link } from "@remix-run/react";

import { useLocale } from "~/components/dashboard/common";

import { MonthTable, type MonthTableRow } from "./MonthTable";

export function Qd766Section({ section }: { section: { rows: MonthTableRow[]; threshold: number } }) {
  const { t } = useLocale();
  return (
    <section aria-labelledby="dash-qd766" className="qd766-section">
      <h2 id="dash-qd766">{t("qd766.title")}</h2>
      <p>{t("qd766.whyDiffers")}</p>
      <MonthTable rows={section.rows} threshold={section.threshold} />
      <p>
        <Link to="/quan-tri/qd766">{t("qd766.nav")} →</Link>
      </p>
    </section>
  );
}
