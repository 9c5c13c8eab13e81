/**
 * The one report model: the figures model of the period and scope (app/figures, itself app/results →
 * app/method, every verdict decided in app/method/verdicts.ts) with every profile question broken down, the
 * period's official wording and the staff-written draft. Nothing here computes a figure or decides a verdict.
 */
import type { Db } from "../../db/client";
import { getFigures } from "../figures/figures.server";
import { periodParts, periodRange } from "../method/period";
import type { SurveyRegistry } from "../survey/registry.server";
import { reportQd766 } from "../qd766/monthly.server";
import { fixedT } from "../i18n/i18n";
import { getDraft } from "./drafts.server";
import type { ReportKey, ReportModel } from "./types";

const ROMAN = ["I", "II", "III", "IV"];

/** "quý III năm 2026", "6 tháng cuối năm 2026", "năm 2026", "tháng 7 năm 2026". */
export function periodLabel(period: string): string {
  const t = fixedT("vi");
  const { kind, year, index } = periodParts(period);
  switch (kind) {
    case "year":
      return t("report.doc.periodYear", { year });
    case "half":
      return index === 1 ? t("report.doc.periodHalf1", { year }) : t("report.doc.periodHalf2", { year });
    case "quarter":
      return t("report.doc.periodQuarter", { year, roman: ROMAN[index - 1] });
    case "month":
      return t("report.doc.periodMonth", { year, month: index });
  }
}

export function buildReport(db: Db, surveys: SurveyRegistry, a: { key: ReportKey; today: string; province: string }): ReportModel {
  const { key } = a;
  const data = getFigures(db, surveys, {
    params: { survey: key.survey, period: key.period },
    focus: key.scope === "province" ? null : key.scope,
    locale: "vi",
    today: a.today,
    everyProfile: true,
  });
  const t = fixedT("vi");
  return {
    key,
    range: periodRange(key.period),
    periodLabel: periodLabel(key.period),
    province: a.province,
    agency: data.focus,
    today: a.today,
    draft: getDraft(db, key),
    data,
    channels: data.channels.map((c) => ({ ...c, label: t(`dash.channel_${c.code}` as "dash.channel_qr", { defaultValue: c.label }) })),
    profiles: data.profiles,
    qd766: reportQd766(db, periodRange(key.period), key.scope === "province" ? null : key.scope),
  };
}
