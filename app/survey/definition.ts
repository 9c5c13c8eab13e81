/**
 * The shape of a survey definition (`surveys/*.json`). One zod schema validates every file; the
 * question types are a discriminated union whose members live in `./types/*` (one module per type).
 * Pure: used by the server, the CLI, the tests and (for rendering) the browser.
 */
import { z } from "zod";

import { QUESTION_TYPE_SCHEMAS } from "./types";
import { LOCALES, SERVICE_SECTORS, type Locale } from "./codes";
import { localized, optionSchema, questionCode } from "./primitives";

export { localized, optionSchema, questionCode };

export const scaleSchema = z.object({
  label: localized,
  /** Answer options in display order; codes are what is stored. */
  options: z.array(optionSchema).min(2),
  /** Codes that count as "satisfied" (docs/method.md §2). */
  satisfied: z.array(z.number().int()).min(1),
});

export const questionSchema = z.discriminatedUnion("type", QUESTION_TYPE_SCHEMAS);

export const sectionSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]+$/, "mã phần chỉ gồm chữ thường, số và dấu gạch ngang"),
  title: localized,
  questions: z.array(questionSchema).min(1),
});

/**
 * An element (SIPAS: TC, TT, CC, KQ, PA) or a domain (QĐ 56: A–E): its code, label, order (the list's) and weight
 * are the instrument's own, declared here, not a list in the code (docs/method.md §4.2).
 */
const elementSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{0,15}$/, "mã yếu tố viết hoa, tối đa 16 ký tự, ví dụ TC hoặc A"),
  label: localized,
  /** The element's own satisfaction question (HL_TC…); needed when the element's index is that question's rate. */
  satisfaction: questionCode.optional(),
  /** The criteria questions of the element (TC1…TC4). */
  criteria: z.array(questionCode).min(1),
  weight: z.number().positive().default(1),
});

/**
 * A per-respondent measure (docs/method.md §4.12), computed once from each response's answers at ingest and
 * rolled up like an answer under its own code: 1 = the respondent meets it, 2 = does not; no row when the
 * respondent gave nothing it can be judged on.
 * - `allSatisfied`: satisfied on every item answered among `questions` (default: every element criterion, or
 *   every scale question) — QĐ 56's «tỷ lệ hài lòng toàn diện»;
 * - `atLeast`: a number question's answer is at least `value` (e.g. expectations met ≥ 80 %).
 */
const measureSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("allSatisfied"), code: questionCode, label: localized, questions: z.array(questionCode).min(1).optional() }),
  z.object({ kind: z.literal("atLeast"), code: questionCode, label: localized, question: questionCode, value: z.number().int() }),
]);
export type MeasureSetting = z.output<typeof measureSchema>;

/** Method settings carried by the definition's version (docs/method.md §4: rules are settings). */
export const methodSchema = z.discriminatedUnion("index", [
  z.object({
    /** SIPAS: the index is the (weighted) mean of element indices. */
    index: z.literal("elements"),
    version: z.string().min(1),
    elements: z.array(elementSchema).min(1),
    /**
     * How an element's index is read: the rate of its satisfaction question (SIPAS), the mean of its criteria's
     * rates, or the rate of all its criteria's answers pooled (QĐ 56's domain rate: satisfied answers ÷ answers).
     */
    elementSource: z.enum(["satisfaction", "criteria", "pooled"]).default("satisfaction"),
    /** Answer codes excluded from every denominator ("không có ý kiến"). */
    excludedCodes: z.array(z.number().int()).default([9]),
    measures: z.array(measureSchema).default([]),
  }),
  z.object({
    /** Per-dossier rating: the index is the rate of one question (TONG_THE). */
    index: z.literal("question"),
    version: z.string().min(1),
    question: questionCode,
    excludedCodes: z.array(z.number().int()).default([9]),
    measures: z.array(measureSchema).default([]),
  }),
]);

const baseDefinitionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, "id chỉ gồm chữ thường, số và dấu gạch ngang"),
  version: z.number().int().positive(),
  title: localized,
  intro: localized.optional(),
  locales: z.array(z.enum(LOCALES)).default(["vi", "en"]),
  /**
   * The service sector whose department reads this survey's figures (health, education; ADR 0021). SIPAS and the
   * counter rating have none. Who may read is not what was asked: it is left out of the content hash.
   */
  sector: z.enum(SERVICE_SECTORS).optional(),
  /** Code used for "không có ý kiến / không áp dụng" on every scale question. */
  noOpinion: z.object({ code: z.number().int(), label: localized }),
  scales: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), scaleSchema),
  sections: z.array(sectionSchema).min(1),
  method: methodSchema,
});

export type SurveyDefinition = z.output<typeof baseDefinitionSchema>;
export type Question = z.output<typeof questionSchema>;
export type QuestionType = Question["type"];
export type Scale = z.output<typeof scaleSchema>;
export type Section = z.output<typeof sectionSchema>;
export type Localized = z.output<typeof localized>;

/** Every question of a definition in display order. */
export function allQuestions(def: Pick<SurveyDefinition, "sections">): Question[] {
  return def.sections.flatMap((s) => s.questions);
}

/** The option codes a question accepts (without the "no opinion" code). */
export function optionCodes(def: SurveyDefinition, q: Question): number[] {
  switch (q.type) {
    case "scale":
      return def.scales[q.scale]?.options.map((o) => o.code) ?? [];
    case "single":
    case "multi":
      return q.options.map((o) => o.code);
    case "yesno":
      return [1, 2];
    case "text":
    case "number":
      // Not a list of options: a number or a text cannot be the condition of a later question.
      return [];
  }
}

/**
 * Cross-references a field-by-field schema cannot see: unique codes, scales that exist, conditions that
 * point to an earlier question and to codes it has, method settings that name real questions.
 */
export const surveyDefinitionSchema = baseDefinitionSchema.superRefine((def, ctx) => {
  const seen = new Map<string, Question>();
  def.sections.forEach((section, si) => {
    section.questions.forEach((q, qi) => {
      const path = ["sections", si, "questions", qi];
      if (seen.has(q.code)) {
        ctx.addIssue({ code: "custom", path: [...path, "code"], message: `mã câu hỏi «${q.code}» bị trùng` });
      }
      if (q.type === "scale") {
        const scale = def.scales[q.scale];
        if (!scale) {
          ctx.addIssue({ code: "custom", path: [...path, "scale"], message: `thang đo «${q.scale}» không có trong "scales"` });
        } else if (scale.options.some((o) => o.code === def.noOpinion.code)) {
          ctx.addIssue({
            code: "custom",
            path: [...path, "scale"],
            message: `thang đo «${q.scale}» dùng mã ${def.noOpinion.code} của "không có ý kiến"`,
          });
        }
      }
      if (q.type === "multi" && q.max > q.options.length) {
        ctx.addIssue({ code: "custom", path: [...path, "max"], message: `«${q.code}»: max lớn hơn số lựa chọn` });
      }
      if ((q.type === "single" || q.type === "multi") && new Set(q.options.map((o) => o.code)).size !== q.options.length) {
        ctx.addIssue({ code: "custom", path: [...path, "options"], message: `«${q.code}»: mã lựa chọn bị trùng` });
      }
      if (q.showIf) {
        const parent = seen.get(q.showIf.question);
        if (!parent) {
          ctx.addIssue({
            code: "custom",
            path: [...path, "showIf", "question"],
            message: `«${q.code}» phụ thuộc «${q.showIf.question}», câu này phải đứng trước`,
          });
        } else {
          const codes = optionCodes(def as SurveyDefinition, parent);
          const bad = q.showIf.in.filter((c) => !codes.includes(c));
          if (codes.length === 0 || bad.length > 0) {
            ctx.addIssue({
              code: "custom",
              path: [...path, "showIf", "in"],
              message: `«${q.showIf.question}» không có mã ${bad.join(", ") || "lựa chọn"}`,
            });
          }
        }
      }
      seen.set(q.code, q);
    });
  });

  const requireScale = (code: string, path: (string | number)[]) => {
    const q = seen.get(code);
    if (!q) ctx.addIssue({ code: "custom", path, message: `không có câu hỏi «${code}»` });
    else if (q.type !== "scale") ctx.addIssue({ code: "custom", path, message: `«${code}» phải là câu hỏi thang đo` });
  };
  if (def.method.index === "question") {
    requireScale(def.method.question, ["method", "question"]);
  } else {
    const elementCodes = new Set<string>();
    def.method.elements.forEach((el, ei) => {
      if (elementCodes.has(el.code))
        ctx.addIssue({ code: "custom", path: ["method", "elements", ei, "code"], message: `mã yếu tố «${el.code}» bị trùng` });
      elementCodes.add(el.code);
      if (el.satisfaction) requireScale(el.satisfaction, ["method", "elements", ei, "satisfaction"]);
      else if (def.method.index === "elements" && def.method.elementSource === "satisfaction") {
        ctx.addIssue({
          code: "custom",
          path: ["method", "elements", ei, "satisfaction"],
          message: `yếu tố «${el.code}» cần câu hỏi hài lòng chung (elementSource "satisfaction")`,
        });
      }
      el.criteria.forEach((c, ci) => requireScale(c, ["method", "elements", ei, "criteria", ci]));
    });
  }
  def.method.measures.forEach((m, mi) => {
    const path = ["method", "measures", mi];
    if (seen.has(m.code)) ctx.addIssue({ code: "custom", path: [...path, "code"], message: `mã chỉ số «${m.code}» trùng mã một câu hỏi` });
    if (m.kind === "allSatisfied") m.questions?.forEach((c, ci) => requireScale(c, [...path, "questions", ci]));
    else if (seen.get(m.question)?.type !== "number") {
      ctx.addIssue({ code: "custom", path: [...path, "question"], message: `«${m.question}» phải là câu hỏi nhập số` });
    }
  });
  if (new Set(def.method.measures.map((m) => m.code)).size !== def.method.measures.length) {
    ctx.addIssue({ code: "custom", path: ["method", "measures"], message: "mã chỉ số bị trùng" });
  }
  for (const locale of ["vi", "en"] as Locale[]) {
    if (!def.locales.includes(locale)) {
      ctx.addIssue({ code: "custom", path: ["locales"], message: `thiếu ngôn ngữ «${locale}»` });
    }
  }
});

/** Turns zod issues into one line each: `path.to.item: message`, for start-up and test failures. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((i) => `${i.path.length ? i.path.join(".") : "(gốc)"}: ${i.message}`);
}
