/** Free text. React renders it as text, never as HTML, wherever it is shown again. */
import { useTranslation } from "react-i18next";

import type { TextQuestion as TextQ } from "~/survey/types/text";

import { questionKey } from "~/languages/texts";

import { Voice } from "./Choices";
import { errorId, type QuestionProps } from "./types";

export function TextQuestion({ def, question, locale, values, error, voices = {} }: QuestionProps<TextQ>) {
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
      <textarea
        id={question.code}
        name={question.code}
        rows={3}
        maxLength={question.maxLength}
        defaultValue={values[0] ?? ""}
        aria-describedby={error ? `${hintId} ${errorId(question.code)}` : hintId}
        aria-invalid={error ? true : undefined}
      />
      <p className="help" id={hintId}>
        {t("rate.charsLeft", { max: question.maxLength })}
      </p>
    </div>
  );
}
