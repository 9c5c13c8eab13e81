/** A whole number in a range, typed on the phone's number pad; its unit beside the box. */
import { useTranslation } from "react-i18next";

import type { NumberQuestion as NumberQ } from "~/survey/types/number";

import { questionKey } from "~/languages/texts";

import { Voice } from "./Choices";
import { errorId, type QuestionProps } from "./types";

export function NumberQuestion({ def, question, locale, values, error, voices = {} }: QuestionProps<NumberQ>) {
  const voice = voices[questionKey(def, question.code)];
  const { t } = useTranslation();
  const hintId = `${question.code}-hint`;
  return (
    <div className={`q q-text${error ? " q-invalid" : ""}`} id={`q-${question.code}`}>
      <label htmlFor={question.code}>{question.label[locale]}</label>
      {voice ? <Voice src={voice} label={question.label[locale]} /> : null}
      {error ? (
        <p className="err" id={errorId(question.code)}>
          {error}
        </p>
      ) : null}
      <span className="q-number">
        <input
          id={question.code}
          name={question.code}
          type="number"
          inputMode="numeric"
          step={1}
          min={question.min}
          max={question.max}
          className="code"
          defaultValue={values[0] ?? ""}
          aria-describedby={error ? `${hintId} ${errorId(question.code)}` : hintId}
          aria-invalid={error ? true : undefined}
          required={question.required || undefined}
        />
        {question.unit ? <span>{question.unit[locale]}</span> : null}
      </span>
      <p className="help" id={hintId}>
        {question.help?.[locale] ?? t("rate.numberRange", { min: question.min, max: question.max })}
      </p>
    </div>
  );
}
