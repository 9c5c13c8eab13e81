/**
 * The one report model: the dashboard's assembly of published figures for the period and scope
 * (app/dashboard/dashboard.server.ts, itself app/results → app/method), plus the two breakdowns the
 * dashboard shows one at a time (channels, every profile question) and the staff-written draft. Nothing
 * here computes a rate, an interval, a target or a change.
 */
import type { Db } from "../../db/client";
import { getDashboard, statusOf } from "../dashboard/dashboard.server";
import type { IndexRow } from "../dashboard/types";
import { ratio, round2OrNull, type GroupResult } from "../method";
import { periodParts, periodRange } from "../method/period";
import { profileQuestions } from "../results/rollup-rows";
import { getResults } from "../results/results.server";
import { allQuestions } from "../survey/definition";
import type { SurveyRegistry } from "../survey/registry.server";
import { reportQd766 } from "../qd766/monthly.server";
import { fixedT } from "../i18n/i18n";
import { getDraft } from "./drafts.server";
import type { ChannelRow, ProfileTable, ReportKey, ReportModel } from "./types";

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
  const focus = key.scope === "province" ? null : key.scope;
  const data = getDashboard(db, surveys, {
    params: { survey: key.survey as "sipas", period: key.period },
    focus,
    linkAgencies: false,
    locale: "vi",
    today: a.today,
  });
  const range = periodRange(key.period);
  const filter = focus ? { agency: focus } : undefined;
  const results = (by: string) => getResults(db, surveys, { survey: key.survey, ...range, by, locale: "vi", filter });

  const t = fixedT("vi");
  const byChannel = results("channel").groups as GroupResult[];
  const total = byChannel.reduce((s, g) => s + g.responses, 0);
  const channels: ChannelRow[] = byChannel
    .filter((g) => g.responses > 0)
    .map((g) => ({ code: g.key, label: t(`dash.channel_${g.key}` as "dash.channel_qr", { defaultValue: g.label }), responses: g.responses, share: round2OrNull(ratio(100 * g.responses, total)) }));

  const def = surveys.get(key.survey)?.def;
  const profiles: ProfileTable[] = def
    ? profileQuestions(def).map((question) => ({
        question,
        label: allQuestions(def).find((q) => q.code === question)?.label.vi ?? question,
        rows: (results(question).groups as GroupResult[]).map(profileRow),
      }))
    : [];

  return {
    key,
    range,
    periodLabel: periodLabel(key.period),
    province: a.province,
    agency: data.focus,
    today: a.today,
    draft: getDraft(db, key),
    data,
    channels,
    profiles,
    qd766: reportQd766(db, range, focus),
  };
}

function profileRow(g: GroupResult): IndexRow {
  return {
    key: g.key,
    label: g.label,
    responses: g.responses,
    index: g.index,
    ciLow: null,
    ciHigh: null,
    fewAnswers: g.fewAnswers,
    target: g.target ? { op: g.target.op, pct: g.target.pct } : null,
    status: statusOf(g),
    rank: null,
    delta: null,
    rankChange: null,
    previousEnough: false,
  };
}
