/**
 * The tablet interview's logic, pure (browser and tests): which questions a screen shows, how a screen's form
 * values merge into the answers, and the response body that goes to the outbox. Validation is the survey's
 * own (`checkAnswers` / `buildResponseSchema`), the same code the API runs.
 */
import { allQuestions, type Section, type SurveyDefinition } from "~/survey/definition";
import { answersFromForm, buildResponseSchema, checkAnswers, isShown, type AnswerIssue } from "~/survey/response";

export type Raw = Record<string, unknown>;

/** Questions of a section that are asked given the answers so far (PA1–PA4, HL_PA only after PA0 = 1). */
export function shownQuestions(section: Section, answers: Raw) {
  return section.questions.filter((q) => isShown(q, answers));
}

/** Drops answers to questions no longer asked (PA0 changed from 1 to 2), in definition order. */
export function pruneHidden(def: SurveyDefinition, answers: Raw): Raw {
  const kept: Raw = {};
  for (const q of allQuestions(def)) {
    if (!(q.code in answers) || !isShown(q, kept)) continue;
    kept[q.code] = answers[q.code];
  }
  return kept;
}

/** The answers after a screen's form: the section's old answers replaced by what its form holds now. */
export function mergeSection(def: SurveyDefinition, section: Section, answers: Raw, form: FormData): Raw {
  const next: Raw = { ...answers };
  for (const q of section.questions) delete next[q.code];
  Object.assign(next, answersFromForm({ sections: [section] } as SurveyDefinition, form));
  return pruneHidden(def, next);
}

/** Issues of one section only (so "next" blocks on this screen's problems, not on later ones). */
export function sectionIssues(def: SurveyDefinition, section: Section, answers: Raw): AnswerIssue[] {
  const checked = checkAnswers(def, answers, { requireRequired: true });
  if (checked.ok) return [];
  const codes = new Set(section.questions.map((q) => q.code));
  return checked.issues.filter((i) => codes.has(i.question));
}

export type InterviewTarget = { survey: string; agency: string; field: string | null };

/** The docs/contracts.md body for the outbox, checked by the same schema the API uses (interactive: required enforced). */
export function responseBody(
  def: SurveyDefinition,
  target: InterviewTarget,
  id: string,
  answers: Raw,
  submittedAt: Date,
  /** `vi`, `en` or an added language's code (docs/decisions/0023). */
  locale: string = "vi",
  interpreter?: boolean,
) {
  const body = {
    id,
    survey: target.survey,
    agency: target.agency,
    ...(target.field ? { field: target.field } : {}),
    channel: "surveyor" as const,
    submittedAt: submittedAt.toISOString(),
    // The language the interview was done in (the tablet's switch), as the citizen page records its own.
    locale,
    // Said on the review screen; absent from drafts saved before the question existed.
    ...(interpreter === undefined ? {} : { interpreter }),
    answers,
  };
  const parsed = buildResponseSchema(def, { requireRequired: true }).safeParse(body);
  return parsed.success ? { ok: true as const, body } : { ok: false as const, issues: parsed.error.issues };
}
