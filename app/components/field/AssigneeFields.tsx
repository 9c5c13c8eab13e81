/**
 * Who and which questionnaire, for the two forms that make assignments on the supervisor screen (one by hand,
 * one from the proposed quotas): the surveyor and the survey, each a labelled select.
 */
import { useTranslation } from "react-i18next";

type Props = {
  /** Prefix of the element ids: the two forms share one page. */
  idPrefix: string;
  surveyors: { id: number; name: string }[];
  surveys: string[];
};

export function AssigneeFields({ idPrefix, surveyors, surveys }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={`${idPrefix}-user`}>{t("field.assignUser")}</label>
      <select id={`${idPrefix}-user`} name="userId" required>
        {surveyors.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${idPrefix}-survey`}>{t("field.assignSurvey")}</label>
      <select id={`${idPrefix}-survey`} name="survey" defaultValue="sipas">
        {surveys.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </>
  );
}
