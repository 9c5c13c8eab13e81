/** A rating on the definition's scale; `faces` draws the options as large faces (the overall rating). */
import type { ScaleQuestion as ScaleQ } from "~/survey/types/scale";

import { noOpinionKey, questionKey, scaleOptionKey } from "~/languages/texts";

import { Choices, type Choice } from "./Choices";
import { Face, moodOf } from "./Face";
import type { QuestionProps } from "./types";

export function ScaleQuestion({ def, question, locale, values, error, faces = false, voices = {} }: QuestionProps<ScaleQ> & { faces?: boolean }) {
  const scale = def.scales[question.scale]!;
  // Options keep the definition's display order; the face follows the code (higher = more satisfied).
  const byCode = scale.options.map((o) => o.code).sort((a, b) => b - a);
  const choices: Choice[] = scale.options.map((o) => ({
    value: String(o.code),
    label: o.label[locale],
    voice: voices[scaleOptionKey(def, question.scale, o.code)],
  }));
  if (question.allowNoOpinion)
    choices.push({ value: String(def.noOpinion.code), label: def.noOpinion.label[locale], muted: true, voice: voices[noOpinionKey(def)] });
  return (
    <Choices
      code={question.code}
      voice={voices[questionKey(def, question.code)]}
      legend={question.label[locale]}
      help={question.help?.[locale]}
      choices={choices}
      values={values}
      error={error}
      required={question.required}
      variant={faces ? "faces" : "pills"}
      // «No opinion» gets no face: it is not a degree of satisfaction.
      renderIcon={faces ? (c) => (c.muted ? null : <Face mood={moodOf(byCode.indexOf(Number(c.value)), byCode.length)} />) : undefined}
    />
  );
}
