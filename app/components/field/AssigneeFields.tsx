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
  surveys: string[];
};

export function AssigneeFields({ userId, survey, surveyors, surveys }: Props) {
  const { t } = useTranslation();
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
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <FieldError field={survey} />
    </>
  );
}
