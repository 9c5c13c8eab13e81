/**
 * Builds the frozen figures of a period from the figures model (app/figures → app/results → app/method):
 * this module only picks and drops, it never computes a rate, a rank, a Δ or a target, nor decides a verdict
 * (app/method/verdicts.ts did: Δ exists only where both periods had enough answers). What it drops is the
 * privacy rule: units without enough answers keep their name only, units without a directory code
 * ("không rõ …") are left out. The result is parsed with `snapshotSchema`, so a shape that could leak fails
 * here, loudly.
 */
import type { Db } from "../../db/client";
import type { DashboardParams } from "../dashboard/params";
import { getFigures } from "../figures/figures.server";
import type { ComponentRow, CorrectionRow, IndexRow, MeasureRow, NumberRow } from "../figures/types";
import { publishableName } from "../directory/rules";
import { FEW_ANSWERS_MIN } from "../method/targets";
import { allQuestions, type SurveyDefinition } from "../survey/definition";
import type { SurveyRegistry } from "../survey/registry.server";
import { snapshotSchema, SNAPSHOT_VERSION, type Snapshot, type SnapshotUnit } from "./snapshot";

export class PublishInputError extends Error {}

export type PeriodChoice = { survey: string; period: string; from?: string; to?: string };

export function buildSnapshot(db: Db, surveys: SurveyRegistry, choice: PeriodChoice, today: string): Snapshot {
  const registered = surveys.get(choice.survey);
  if (!registered) throw new PublishInputError("Khảo sát không có trong hệ thống.");
  const params: DashboardParams = { survey: choice.survey, period: choice.period, from: choice.from, to: choice.to };
  const d = getFigures(db, surveys, { params, focus: null, locale: "vi", today });
  if (d.invalid.length > 0 || d.error)
    throw new PublishInputError("Kỳ báo cáo không hợp lệ: xin chọn lại tháng, quý, 6 tháng, năm hoặc khoảng ngày.");
  const def = registered.def;

  const agencies = d.ranking.rows.filter((r) => r.key !== "").map(unitOf);
  const fields = d.fields.filter((r) => r.key !== "").map(unitOf);
  const toCorrect = d.toCorrect.filter(
    (c): c is CorrectionRow & { kind: "agency" | "field"; index: number } => c.kind !== "counter" && c.index !== null,
  );
  // Names stored before the directory's name rule (a "<", a line break, 400 characters) are published in the
  // rule's form rather than failing the whole preview.
  const names = (rows: IndexRow[], extra: CorrectionRow[]) =>
    Object.fromEntries(
      [...rows.filter((r) => r.key !== "").map((r) => [r.key, r.label] as const), ...extra.map((c) => [c.key, c.label] as const)].map(([k, v]) => [
        k,
        publishableName(v),
      ]),
    );
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
          // Δ exists only where both periods had enough answers (app/method/verdicts.ts).
          delta: h.delta,
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
    ...(d.measures.length ? { measures: d.measures.map(measureOf) } : {}),
    ...(d.numbers.length ? { numbers: d.numbers.map(numberOf) } : {}),
    agencies,
    fields,
    toCorrect: toCorrect.map((c) => ({ kind: c.kind, code: c.key, index: c.index, target: c.target, belowTarget: c.belowTarget, delta: c.delta })),
    names: {
      survey: { vi: def.title.vi, en: def.title.en },
      components: Object.fromEntries(d.components.map((c) => [c.code, labels.get(c.code) ?? { vi: c.label, en: c.label }])),
      ...(d.measures.length || d.numbers.length ? { measures: extraLabels(def, d.measures, d.numbers) } : {}),
      agencies: names(
        d.ranking.rows,
        toCorrect.filter((c) => c.kind === "agency"),
      ),
      fields: names(
        d.fields,
        toCorrect.filter((c) => c.kind === "field"),
      ),
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
    delta: r.delta,
  };
}

function componentOf(c: ComponentRow): Snapshot["components"][number] {
  if (c.rate === null || c.fewAnswers || c.n < FEW_ANSWERS_MIN) return { code: c.code, enough: false };
  return { code: c.code, enough: true, rate: c.rate, n: c.n, ciLow: c.ciLow, ciHigh: c.ciHigh };
}

function measureOf(m: MeasureRow): NonNullable<Snapshot["measures"]>[number] {
  if (m.rate === null || m.fewAnswers || m.n < FEW_ANSWERS_MIN) return { code: m.code, enough: false };
  return { code: m.code, enough: true, rate: m.rate, n: m.n, ciLow: m.ciLow, ciHigh: m.ciHigh };
}

function numberOf(q: NumberRow): NonNullable<Snapshot["numbers"]>[number] {
  if (q.mean === null || q.fewAnswers || q.n < FEW_ANSWERS_MIN) return { code: q.code, enough: false };
  return { code: q.code, enough: true, n: q.n, mean: q.mean, median: q.median, atLeast: q.atLeast };
}

/** Measure and number-question labels (and a number's unit) in both languages, from the questionnaire. */
function extraLabels(def: SurveyDefinition, measures: MeasureRow[], numbers: NumberRow[]) {
  const out: Record<string, { vi: string; en: string; unit?: { vi: string; en: string } }> = {};
  for (const m of measures) {
    const setting = def.method.measures.find((x) => x.code === m.code)!;
    out[m.code] = { vi: setting.label.vi, en: setting.label.en };
  }
  for (const n of numbers) {
    const q = allQuestions(def).find((x) => x.code === n.code);
    if (q?.type === "number") out[n.code] = { vi: q.label.vi, en: q.label.en, ...(q.unit ? { unit: { vi: q.unit.vi, en: q.unit.en } } : {}) };
  }
  return out;
}

/** Element (SIPAS) or question (counter rating) labels in both languages, from the questionnaire. */
function componentLabels(def: SurveyDefinition, kind: "elements" | "question") {
  const out = new Map<string, { vi: string; en: string }>();
  if (kind === "elements" && def.method.index === "elements")
    for (const e of def.method.elements) out.set(e.code, { vi: e.label.vi, en: e.label.en });
  else for (const q of allQuestions(def)) out.set(q.code, { vi: q.label.vi, en: q.label.en });
  return out;
}
