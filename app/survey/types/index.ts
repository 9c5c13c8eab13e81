/** The registry of question types: the type key selects the definition schema and the value logic. */
import { multiQuestionSchema, multiType } from "./multi";
import { numberQuestionSchema, numberType } from "./number";
import { scaleQuestionSchema, scaleType } from "./scale";
import { singleQuestionSchema, singleType } from "./single";
import { textQuestionSchema, textType } from "./text";
import { yesnoQuestionSchema, yesnoType } from "./yesno";
import type { QuestionTypeModule } from "./module";

export const QUESTION_TYPE_SCHEMAS = [
  scaleQuestionSchema,
  singleQuestionSchema,
  multiQuestionSchema,
  textQuestionSchema,
  yesnoQuestionSchema,
  numberQuestionSchema,
] as const;

export const QUESTION_TYPES = {
  scale: scaleType,
  single: singleType,
  multi: multiType,
  text: textType,
  yesno: yesnoType,
  number: numberType,
} as const;

/** The module of a question's type, typed loosely so that callers need no switch. */
export function questionType(type: keyof typeof QUESTION_TYPES): QuestionTypeModule<never> {
  return QUESTION_TYPES[type] as unknown as QuestionTypeModule<never>;
}

export type { AnswerRow, AnswerValue, IssueKey } from "./module";
