/** Single choice, yes/no and multi-select questions: radio buttons or checkboxes over their options. */
import { useTranslation } from "react-i18next";

import type { MultiQuestion as MultiQ } from "~/survey/types/multi";
import type { SingleQuestion as SingleQ } from "~/survey/types/single";
import { NO, YES, type YesNoQuestion as YesNoQ } from "~/survey/types/yesno";

import { Choices } from "./Choices";
import type { QuestionProps } from "./types";

export function SingleQuestion({ question, locale, values, error }: QuestionProps<SingleQ>) {
  return (
    <Choices
      code={question.code}
      legend={question.label[locale]}
      help={question.help?.[locale]}
      choices={question.options.map((o) => ({ value: String(o.code), label: o.label[locale] }))}
      values={values}
      error={error}
      required={question.required}
    />
  );
}

export function MultiQuestion({ question, locale, values, error }: QuestionProps<MultiQ>) {
  return (
    <Choices
      code={question.code}
      legend={question.label[locale]}
      help={question.help?.[locale]}
      choices={question.options.map((o) => ({ value: String(o.code), label: o.label[locale] }))}
      values={values}
      error={error}
      required={question.required}
      multiple
    />
  );
}

export function YesNoQuestion({ question, locale, values, error }: QuestionProps<YesNoQ>) {
  const { t } = useTranslation();
  return (
    <Choices
      code={question.code}
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
