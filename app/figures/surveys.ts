/**
 * Which surveys exist is the registry's word (every file of surveys/, loaded at start by
 * app/survey/registry.server.ts): no screen, report or public page names a survey id. The first registered
 * survey (files in name order) is the default of every picker. Pure: the registry is passed in.
 */
import type { Locale } from "../survey/codes";
import type { SurveyDefinition } from "../survey/definition";

/** A survey id as a query string may carry it (the definition's own rule, bounded). */
export const SURVEY_ID = /^[a-z0-9-]{1,64}$/;

type Registry = ReadonlyMap<string, { def: SurveyDefinition }>;

/** The survey to show when none (or an unknown one) is asked for. */
export function defaultSurvey(surveys: Registry): string {
  const first = surveys.keys().next();
  if (first.done) throw new Error("no survey is registered (surveys/ is empty)");
  return first.value;
}

/** The registered survey asked for, or the default; `known` says whether the one asked for exists. */
export function surveyOrDefault(surveys: Registry, asked: string | undefined): { survey: string; known: boolean } {
  if (asked !== undefined && surveys.has(asked)) return { survey: asked, known: true };
  return { survey: defaultSurvey(surveys), known: asked === undefined };
}

/** Every registered survey as a picker's choice, by its title (never its id) in the page's language. */
export function surveyChoices(surveys: Registry, locale: Locale): { value: string; label: string }[] {
  return [...surveys.entries()].map(([id, s]) => ({ value: id, label: s.def.title[locale] }));
}
