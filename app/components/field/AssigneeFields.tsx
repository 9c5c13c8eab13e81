/**
 * Who and which questionnaire, for the two forms that make assignments on the supervisor screen (one by hand,
 * one from the proposed quotas): the surveyor and the survey, each a labelled select with its own error.
 */
import { getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";

import { FieldError } from "~/components/admin/staff-form";

type Props = {
  /** The two fields of the form they belong to (the two forms share one page: their ids differ). */
  userId: FieldMetadata<number>;
  survey: FieldMetadata<string>;
  surveyors: { id: number; name: string }[];
  surveys: SurveyChoice[];
};

/** A questionnaire the supervisor may assign: its id (the value sent) and its title (what is shown). */
export type SurveyChoice = { id: string; title: { vi: string; en: string } };

/** The title of survey `id` in the page's language, the id only for a survey no longer registered. */
export function surveyTitle(surveys: SurveyChoice[], id: string, language: string): string {
  const title = surveys.find((s) => s.id === id)?.title;
  return title ? (language === "en" ? title.en : title.vi) : id;
}

export function AssigneeFields({ userId, survey, surveyors, surveys }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <label htmlFor={userId.id}>{t("field.assignUser")}</label>
      <select {...getSelectProps(userId, { value: false })}>
        {surveyors.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <FieldError field={userId} />
      <label htmlFor={survey.id}>{t("field.assignSurvey")}</label>
      <select {...getSelectProps(survey, { value: false })} defaultValue="sipas">
        {surveys.map((s) => (
          <option key={s.id} value={s.id}>
            {surveyTitle(surveys, s.id, i18n.language)}
          </option>
        ))}
      </select>
      <FieldError field={survey} />
    </>
  );
}
