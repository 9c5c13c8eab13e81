/**
 * Validation of a submitted response, derived from the survey definition. Every channel (the QR form,
 * the API, `import-responses`, the tablets) goes through `buildResponseSchema(def)` or `checkAnswers`,
 * so a rule is written once. Pure: no database, no framework.
 */
import { z } from "zod";

import { DIRECTORY_CODE } from "../directory/rules";
import { DOSSIER_CODE_PATTERN } from "../dossiers/code";
import { CHANNELS, LANGUAGE_CODE } from "./codes";
import { allQuestions, type Question, type SurveyDefinition } from "./definition";
import { questionType, type AnswerRow, type AnswerValue, type IssueKey } from "./types";

export type AnswerIssue = { question: string; key: IssueKey; params?: Record<string, string | number> };
export type Answers = Record<string, AnswerValue>;

/** Is the question asked, given the answers so far? (PA1–PA4 and HL_PA only when PA0 = 1.) */
export function isShown(q: Question, answers: Record<string, unknown>): boolean {
  if (!q.showIf) return true;
  const parent = answers[q.showIf.question];
  return typeof parent === "number" && q.showIf.in.includes(parent);
}

/**
 * Checks raw answers against the definition. `requireRequired` is for interactive forms, which may insist
 * on the answers they need; the API and imports accept blanks (docs/contracts.md).
 */
export function checkAnswers(
  def: SurveyDefinition,
  raw: Record<string, unknown>,
  { requireRequired }: { requireRequired: boolean },
): { ok: true; answers: Answers } | { ok: false; issues: AnswerIssue[]; answers: Answers } {
  const issues: AnswerIssue[] = [];
  const answers: Answers = {};
  const questions = allQuestions(def);
  const known = new Set(questions.map((q) => q.code));

  for (const code of Object.keys(raw)) {
    if (!known.has(code)) issues.push({ question: code, key: "unknownQuestion" });
  }
  // Questions are checked in order so that a condition sees its parent's checked value.
  for (const q of questions) {
    const value = raw[q.code];
    // A paper blank, an empty field or a comment of spaces only: stored as missing, never as a value.
    const blank = value === undefined || value === null || (typeof value === "string" && value.trim() === "");
    if (!isShown(q, answers)) {
      if (!blank) issues.push({ question: q.code, key: "hiddenAnswered", params: { parent: q.showIf!.question } });
      continue;
    }
    if (blank) {
      if (requireRequired && q.required) issues.push({ question: q.code, key: "required" });
      continue;
    }
    const result = questionType(q.type).check(value, q as never, def);
    if (result.ok) answers[q.code] = result.value;
    else issues.push({ question: q.code, key: result.key, params: result.params });
  }
  return issues.length ? { ok: false, issues, answers } : { ok: true, answers };
}

/** Form fields (named by question code) → raw answers, through each type's own form reader. */
export function answersFromForm(def: SurveyDefinition, form: FormData | URLSearchParams): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const q of allQuestions(def)) {
    const values = form.getAll(q.code).filter((v): v is string => typeof v === "string");
    const value = questionType(q.type).fromForm(values);
    if (value !== undefined) raw[q.code] = value;
  }
  return raw;
}

/** The long-format rows of checked answers, in definition order. */
export function answerRows(def: SurveyDefinition, answers: Answers): (AnswerRow & { question: string })[] {
  return allQuestions(def).flatMap((q) =>
    q.code in answers
      ? questionType(q.type)
          .toRows(answers[q.code]!)
          .map((r) => ({ question: q.code, ...r }))
      : [],
  );
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = z.string().regex(UUID_PATTERN, "invalidId");
const directoryCode = z.string().regex(DIRECTORY_CODE, "invalidCode");

/** The envelope of a response (docs/contracts.md §A response), before its answers are checked. */
export const responseEnvelopeSchema = z.object({
  id: uuid,
  survey: z.string().min(1).max(64),
  agency: directoryCode,
  field: directoryCode.optional(),
  counter: directoryCode.optional(),
  procedure: directoryCode.optional(),
  channel: z.enum(CHANNELS, "invalidChannel"),
  // An instant with its offset, as devices report it; the Vietnam-time day is derived on the server.
  submittedAt: z.iso.datetime({ offset: true, message: "invalidInstant" }),
  /** `vi`, `en` or an added language's code; the write path checks that the language exists. */
  locale: z.string("invalidLocale").regex(LANGUAGE_CODE, "invalidLocale").default("vi"),
  /** Surveyor interviews: whether an interpreter helped (docs/contracts.md §A response). */
  interpreter: z.boolean("invalidInterpreter").optional(),
  answers: z.record(z.string(), z.unknown(), "invalidAnswers"),
  /**
   * The dossier receipt code, optional: one rating per dossier. Normalised here; only its keyed hash is
   * stored. A blank is "not given", as for answers.
   */
  /** The officer on duty who handled the dossier (kiosk ratings): an id from the agency's officer list. */
  officer: z.number().int().positive().max(2_147_483_647).optional(),
  dossier: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().trim().toUpperCase().regex(DOSSIER_CODE_PATTERN, "dossier.invalidCode").optional(),
  ),
});
export type ResponseEnvelope = z.output<typeof responseEnvelopeSchema>;
export type CheckedResponse = Omit<ResponseEnvelope, "answers" | "id"> & { id: string; answers: Answers };

/**
 * The whole-response schema for one definition: the envelope plus the definition's answer rules.
 * Issue messages are i18n keys (`validation.*`) with `params`, translated where they are shown.
 */
export function buildResponseSchema(def: SurveyDefinition, options = { requireRequired: false }) {
  return responseEnvelopeSchema.transform((body, ctx) => {
    if (body.survey !== def.id) {
      ctx.addIssue({ code: "custom", path: ["survey"], message: "unknownSurvey", params: { value: body.survey } });
      return z.NEVER;
    }
    const checked = checkAnswers(def, body.answers, options);
    if (!checked.ok) {
      for (const issue of checked.issues) {
        ctx.addIssue({
          code: "custom",
          path: ["answers", issue.question],
          message: issue.key,
          params: { question: issue.question, ...issue.params },
        });
      }
      return z.NEVER;
    }
    return { ...body, id: body.id.toLowerCase(), answers: checked.answers } satisfies CheckedResponse;
  });
}

/**
 * The content that makes two submissions "the same" for idempotency: everything but `id` and the dossier code
 * (the write path adds the code's keyed hash, never the code: a plain hash of a short code can be reversed).
 */
export function canonicalContent(r: CheckedResponse): string {
  // Code-unit order, not localeCompare: the hash must not change with the ICU version of a Node upgrade.
  const sortedAnswers = Object.fromEntries(Object.entries(r.answers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify([
    r.survey,
    r.agency,
    r.field ?? null,
    r.counter ?? null,
    r.procedure ?? null,
    r.channel,
    new Date(r.submittedAt).toISOString(),
    r.locale,
    sortedAnswers,
    // Appended only when present, so the hashes of responses stored before officers existed do not change.
    ...(r.officer === undefined ? [] : [r.officer]),
    // Likewise: responses without the interpreter flag keep their hashes.
    ...(r.interpreter === undefined ? [] : [{ interpreter: r.interpreter }]),
  ]);
}
