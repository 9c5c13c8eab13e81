/** Props every question renderer takes: the question, the submitted values to keep, and its message. */
import type { Locale } from "~/survey/codes";
import type { Question, SurveyDefinition } from "~/survey/definition";

export type QuestionProps<Q extends Question = Question> = {
  def: SurveyDefinition;
  question: Q;
  locale: Locale;
  /** What the person sent for this question (form strings), re-shown after a refused submit. */
  values: string[];
  error?: string;
  /** Recordings of the page's language by text key → address (docs/decisions/0023); a play control each. */
  voices?: Readonly<Record<string, string>>;
};

export const errorId = (code: string) => `${code}-error`;
