/** Picks the renderer of a question by its type: a new type is a new renderer here, not a new branch elsewhere. */
import type { Question as Q } from "~/survey/definition";

import { NumberQuestion } from "./NumberQuestion";
import { MultiQuestion, SingleQuestion, YesNoQuestion } from "./OptionQuestions";
import { ScaleQuestion } from "./ScaleQuestion";
import { TextQuestion } from "./TextQuestion";
import type { QuestionProps } from "./types";

const RENDERERS: { [T in Q["type"]]: (props: QuestionProps<Extract<Q, { type: T }>>) => React.ReactNode } = {
  scale: ScaleQuestion,
  single: SingleQuestion,
  multi: MultiQuestion,
  yesno: YesNoQuestion,
  text: TextQuestion,
  number: NumberQuestion,
};

export function Question(props: QuestionProps) {
  const Renderer = RENDERERS[props.question.type] as (p: QuestionProps) => React.ReactNode;
  return <Renderer {...props} />;
}
