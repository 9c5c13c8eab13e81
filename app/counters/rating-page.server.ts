/**
 * What the citizen's two pages (`/q/<token>`: the vote; `/q/<token>/cam-on`: thanks and the optional details)
 * share on the server: the counter behind a token, the survey they rate with, the link from the vote to its
 * details, and how a form post becomes a response body for the one write path (docs/decisions/0016).
 */
import { citizenT } from "~/languages/request.server";
import type { IngestIssue } from "~/responses/ingest.server";
import { services } from "~/services.server";
import type { SurveyDefinition } from "~/survey/definition";
import { answersFromForm } from "~/survey/response";

import { findCounterByToken, type CounterPage } from "./lookup.server";
import { DOSSIER_INPUT, FIELD_INPUT, type FormValues } from "./rating-form";

export const RATING_SURVEY = "danh-gia-ho-so";

export function ratingPageOr404(token: string | undefined): { counter: CounterPage; def: SurveyDefinition } {
  const { db, surveys } = services();
  const counter = findCounterByToken(db, token);
  const survey = surveys.get(RATING_SURVEY);
  if (!counter || !survey) throw new Response("Không tìm thấy", { status: 404 });
  return { counter, def: survey.def };
}

/** The thank-you page of a stored vote, where its details can be added (the id and its page token in the query). */
export function detailsUrl(counterToken: string, locale: string, rid: string, pageToken: string): string {
  const q = new URLSearchParams({ lng: locale, r: rid, t: pageToken });
  return `/q/${counterToken}/cam-on?${q}`;
}

export function formValues(form: FormData): FormValues {
  // No prototype: a field named "constructor" or "__proto__" (a hand-made post) is just a key, not a 500.
  const values = Object.create(null) as FormValues;
  for (const [key, value] of form) {
    if (typeof value === "string") (values[key] ??= []).push(value);
  }
  return values;
}

/**
 * The response body of a form post at this counter: the answers it holds, the field (the counter's only one,
 * or the one chosen among its fields), the dossier code. `envelope` fixes id, time and language.
 */
export function bodyFromForm(
  counter: CounterPage,
  def: SurveyDefinition,
  form: FormData,
  envelope: { id: string; submittedAt: string; locale: string },
) {
  const chosen = String(form.get(FIELD_INPUT) ?? "");
  const field = counter.fields.length === 1 ? counter.fields[0]!.code : chosen || undefined;
  return {
    ...envelope,
    survey: def.id,
    agency: counter.agencyCode,
    counter: counter.code,
    field,
    channel: "qr" as const,
    answers: answersFromForm(def, form),
    dossier: String(form.get(DOSSIER_INPUT) ?? ""),
  };
}

/** Only a field this counter serves: checked before anything is written. */
export function fieldServed(counter: CounterPage, field: string | undefined): boolean {
  return !field || counter.fields.some((f) => f.code === field);
}

/** The ingest's issues as messages beside the citizen's inputs. */
export function errorsOf(locale: string, issues: IngestIssue[]): Record<string, string> {
  const t = citizenT(locale);
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.path.startsWith("answers.")) {
      errors[issue.path.slice("answers.".length)] = t(`form.${issue.key}` as "form.required", issue.params);
    } else if (issue.path === "field") {
      errors[FIELD_INPUT] = t("form.unknownField");
    } else if (issue.path === "dossier") {
      errors[DOSSIER_INPUT] = issue.key === "dossier.unknownCode" ? t("dossier.unknownCode") : t("dossier.invalidCode");
    } else {
      // Not something the citizen typed (the page itself was altered): one general message.
      errors._form = t("form.invalid");
    }
  }
  return errors;
}
