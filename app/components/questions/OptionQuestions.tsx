/** Single choice, yes/no and multi-select questions: radio buttons or checkboxes over their options. */
import { useTranslation } from "react-i18next";

import type { MultiQuestion as MultiQ } from "~/survey/types/multi";
import type { SingleQuestion as SingleQ } from "~/survey/types/single";
import { NO, YES, type YesNoQuestion as YesNoQ } from "~/survey/types/yesno";

import { optionKey, questionKey } from "~/languages/texts";

import { Choices } from "./Choices";
import type { QuestionProps } from "./types";

export function SingleQuestion({ def, question, locale, values, error, voices = {} }: QuestionProps<SingleQ>) {
  return (
    <Choices
      code={question.code}
      voice={voices[questionKey(def, question.code)]}
      legend={question.label[locale]}
      help={question.help?.[locale]}
      choices={question.options.map((o) => ({ value: String(o.code), label: o.label[locale], voice: voices[optionKey(def, question.code, o.code)] }))}
      values={values}
      error={error}
      required={question.required}
    />
  );
}

export function MultiQuestion({ def, question, locale, values, error, voices = {} }: QuestionProps<MultiQ>) {
  return (
    <Choices
      code={question.code}
      voice={voices[questionKey(def, question.code)]}
      legend={question.label[locale]}
      help={question.help?.[locale]}
      choices={question.options.map((o) => ({ value: String(o.code), label: o.label[locale], voice: voices[optionKey(def, question.code, o.code)] }))}
      values={values}
      error={error}
      required={question.required}
      multiple
    />
  );
}

export function YesNoQuestion({ def, question, locale, values, error, voices = {} }: QuestionProps<YesNoQ>) {
  const { t } = useTranslation();
  return (
    <Choices
      code={question.code}
      voice={voices[questionKey(def, question.code)]}
      legend={question.label[locale]}
      help={question.help?.[locale]}
      choices={[
        { value: String(YES), label: t("yesno.yes") },
        { value: String(NO), label: t("yesno.no") },
      ]}
      values={values}
      error={error}
      required={question.required}
    />
  );
}
