/**
 * Builds the frozen figures of a period from the dashboard's assembly (app/dashboard → app/results →
 * app/method): this module only picks and drops, it never computes a rate, a rank, a Δ or a target. What
 * it drops is the privacy rule: units without enough answers keep their name only, units without a
 * directory code ("không rõ …") are left out, and Δ is kept only where the previous period had enough
 * answers too. The result is parsed with `snapshotSchema`, so a shape that could leak fails here, loudly.
 */
import type { Db } from "../../db/client";
import { getDashboard } from "../dashboard/dashboard.server";
import type { DashboardParams, DashboardSurvey } from "../dashboard/params";
import type { ComponentRow, CorrectionRow, IndexRow } from "../dashboard/types";
import { publishableName } from "../directory/rules";
import { FEW_ANSWERS_MIN } from "../method/targets";
import { allQuestions, type SurveyDefinition } from "../survey/definition";
import type { SurveyRegistry } from "../survey/registry.server";
import { snapshotSchema, SNAPSHOT_VERSION, type Snapshot, type SnapshotUnit } from "./snapshot";

export class PublishInputError extends Error {}

export type PeriodChoice = { survey: DashboardSurvey; period: string; from?: string; to?: string };

export function buildSnapshot(db: Db, surveys: SurveyRegistry, choice: PeriodChoice, today: string): Snapshot {
  const registered = surveys.get(choice.survey);
  if (!registered) throw new PublishInputError("Khảo sát không có trong hệ thống.");
  const params: DashboardParams = { survey: choice.survey, period: choice.period, from: choice.from, to: choice.to };
  const d = getDashboard(db, surveys, { params, focus: null, linkAgencies: false, locale: "vi", today });
  if (d.invalid.length > 0 || d.error) throw new PublishInputError("Kỳ báo cáo không hợp lệ: xin chọn lại tháng, quý, 6 tháng, năm hoặc khoảng ngày.");
  const def = registered.def;

  const agencies = d.ranking.rows.filter((r) => r.key !== "").map(unitOf);
  const fields = d.fields.filter((r) => r.key !== "").map(unitOf);
  const toCorrect = d.toCorrect.filter((c): c is CorrectionRow & { kind: "agency" | "field"; index: number } => c.kind !== "counter" && c.index !== null);
  // Names stored before the directory's name rule (a "<", a line break, 400 characters) are published in the
  // rule's form rather than failing the whole preview.
  const names = (rows: IndexRow[], extra: CorrectionRow[]) =>
    Object.fromEntries([...rows.filter((r) => r.key !== "").map((r) => [r.key, r.label] as const), ...extra.map((c) => [c.key, c.label] as const)].map(([k, v]) => [k, publishableName(v)]));
  const h = d.headline;
  const province: Snapshot["province"] =
    h.index === null || h.fewAnswers || h.responses < FEW_ANSWERS_MIN
      ? { enough: false }
      : {
          enough: true,
          responses: h.responses,
          index: h.index,
          ciLow: h.ciLow,
          ciHigh: h.ciHigh,
          target: h.target,
          status: h.status === "met" || h.status === "notMet" ? h.status : "noTarget",
          // Δ only against a previous period that had enough responses to be judged itself.
          delta: h.previous.responses >= FEW_ANSWERS_MIN && h.previous.index !== null ? h.delta : null,
        };

  const labels = componentLabels(def, d.kind);
  const snapshot = {
    version: SNAPSHOT_VERSION,
    survey: d.survey,
    kind: d.kind,
    methodVersion: def.method.version,
    period: { kind: d.period.kind, key: d.period.key, from: d.period.range.from, to: d.period.range.to },
    province,
    components: d.components.map(componentOf),
    agencies,
    fields,
    toCorrect: toCorrect.map((c) => ({ kind: c.kind, code: c.key, index: c.index, target: c.target, belowTarget: c.belowTarget, delta: c.delta })),
    names: {
      survey: { vi: def.title.vi, en: def.title.en },
      components: Object.fromEntries(d.components.map((c) => [c.code, labels.get(c.code) ?? { vi: c.label, en: c.label }])),
      agencies: names(d.ranking.rows, toCorrect.filter((c) => c.kind === "agency")),
      fields: names(d.fields, toCorrect.filter((c) => c.kind === "field")),
    },
  };
  return snapshotSchema.parse(snapshot);
}

function unitOf(r: IndexRow): SnapshotUnit {
  if (r.index === null || r.fewAnswers || r.responses < FEW_ANSWERS_MIN) return { code: r.key, enough: false };
  return {
    code: r.key,
    enough: true,
    responses: r.responses,
    index: r.index,
    ciLow: r.ciLow,
    ciHigh: r.ciHigh,
    target: r.target,
    status: r.status === "met" || r.status === "notMet" ? r.status : "noTarget",
    rank: r.rank,
    delta: r.previousEnough ? r.delta : null,
  };
}

function componentOf(c: ComponentRow): Snapshot["components"][number] {
  if (c.rate === null || c.fewAnswers || c.n < FEW_ANSWERS_MIN) return { code: c.code, enough: false };
  return { code: c.code, enough: true, rate: c.rate, n: c.n, ciLow: c.ciLow, ciHigh: c.ciHigh };
}

/** Element (SIPAS) or question (counter rating) labels in both languages, from the questionnaire. */
function componentLabels(def: SurveyDefinition, kind: "elements" | "question") {
  const out = new Map<string, { vi: string; en: string }>();
  if (kind === "elements" && def.method.index === "elements") for (const e of def.method.elements) out.set(e.code, { vi: e.label.vi, en: e.label.en });
  else for (const q of allQuestions(def)) out.set(q.code, { vi: q.label.vi, en: q.label.en });
  return out;
}
