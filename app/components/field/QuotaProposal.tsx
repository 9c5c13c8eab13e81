/**
 * The supervisor's "quotas from the sample size" block: a GET form for the dossier period (and per agency or
 * per field), the proposed n per row as app/method computes it, and one POST form that assigns the ticked
 * rows to a surveyor. The server recomputes the numbers; the table only shows them.
 */
import { getFormProps, getInputProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { FieldError, useStaffForm } from "~/components/admin/staff-form";
import { CsrfInput } from "~/components/CsrfInput";
import { planForm } from "~/field/assignment-forms";
import { formatMargin, PLAN_MARGINS } from "~/field/margins";
import type { PlanLevel, Proposal } from "~/field/quota-plan.server";
import type { Locale } from "~/survey/codes";

import { AssigneeFields, type SurveyChoice } from "./AssigneeFields";
import { ScrollRegion } from "~/components/ScrollRegion";

type Props = {
  proposal: Proposal | null;
  planError: string | null;
  level: PlanLevel;
  /** The margin e the proposal uses (0.05 unless the supervisor chose another). */
  margin: number;
  surveyors: { id: number; name: string }[];
  surveys: SurveyChoice[];
  /** The action's answer (about this form or another of the page). */
  result?: object | null;
};

export function QuotaProposal({ proposal, planError, level, margin, surveyors, surveys, result }: Props) {
  const { t, i18n } = useTranslation();
  const [form, fields] = useStaffForm("plan", planForm, result);
  const locale: Locale = i18n.language === "en" ? "en" : "vi";
  const pct = (e: number) => formatMargin(e, locale);
  return (
    <section aria-labelledby="plan-title">
      <h2 id="plan-title">{t("field.planTitle")}</h2>
      <p className="help">{t("field.planIntro", { margin: pct(proposal?.margin ?? margin) })}</p>
      <Form method="get" className="stack" preventScrollReset>
        <label htmlFor="plan-tu">{t("field.planFrom")}</label>
        <input id="plan-tu" name="tu" type="date" required defaultValue={proposal?.from} />
        <label htmlFor="plan-den">{t("field.planTo")}</label>
        <input id="plan-den" name="den" type="date" required defaultValue={proposal?.to} />
        <label htmlFor="plan-theo">{t("field.planLevel")}</label>
        <select id="plan-theo" name="theo" defaultValue={level === "field" ? "linh-vuc" : "co-quan"}>
          <option value="co-quan">{t("field.planByAgency")}</option>
          <option value="linh-vuc">{t("field.planByField")}</option>
        </select>
        <label htmlFor="plan-sai-so">{t("field.planMargin")}</label>
        <select id="plan-sai-so" name="sai-so" defaultValue={String(margin)}>
          {PLAN_MARGINS.map((e) => (
            <option key={e} value={String(e)}>
              {pct(e)}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary">
          {t("field.planShow")}
        </button>
      </Form>
      {planError ? (
        <p className="err-summary" role="alert">
          {planError}
        </p>
      ) : null}
      {proposal && proposal.rows.length === 0 ? <p>{t("field.planEmpty")}</p> : null}
      {proposal && proposal.rows.length > 0 ? (
        <Form method="post" className="plan-form" {...getFormProps(form)}>
          <CsrfInput />
          <input type="hidden" name="intent" value="plan" />
          <input type="hidden" name="from" value={proposal.from} />
          <input type="hidden" name="to" value={proposal.to} />
          <input type="hidden" name="level" value={proposal.level} />
          <input type="hidden" name="margin" value={String(proposal.margin)} />
          <ScrollRegion>
            <table>
              <caption>{t("field.planTotal", { dossiers: proposal.dossiers, sample: proposal.sample })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("field.planPick")}</th>
                  <th scope="col">{t("field.assignAgency")}</th>
                  {proposal.level === "field" ? <th scope="col">{t("field.assignField")}</th> : null}
                  <th scope="col">{t("field.planDossiers")}</th>
                  <th scope="col">{t("field.planSample")}</th>
                </tr>
              </thead>
              <tbody>
                {proposal.rows.map((r) => (
                  <tr key={r.key} data-plan={r.key}>
                    <td>
                      <input
                        type="checkbox"
                        name="pick"
                        value={r.key}
                        defaultChecked={r.sample > 0}
                        disabled={r.sample === 0}
                        aria-label={`${t("field.planPick")}: ${r.agencyName}${r.fieldName ? ` · ${r.fieldName}` : ""}`}
                        aria-invalid={fields.pick.errors ? true : undefined}
                        aria-describedby={fields.pick.errors ? fields.pick.errorId : undefined}
                      />
                    </td>
                    <th scope="row">{r.agencyName}</th>
                    {proposal.level === "field" ? <td>{r.fieldName ?? t("field.planNoField")}</td> : null}
                    <td className="num">{r.dossiers}</td>
                    <td className="num" data-sample>
                      {r.sample}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <FieldError field={fields.pick} />
          <div className="stack">
            <AssigneeFields userId={fields.userId} survey={fields.survey} surveyors={surveyors} surveys={surveys} />
            <label htmlFor={fields.workFrom.id}>{t("field.planWorkFrom")}</label>
            <input {...getInputProps(fields.workFrom, { type: "date", value: false })} defaultValue={proposal.from} />
            <FieldError field={fields.workFrom} />
            <label htmlFor={fields.workTo.id}>{t("field.planWorkTo")}</label>
            <input {...getInputProps(fields.workTo, { type: "date", value: false })} defaultValue={proposal.to} />
            <FieldError field={fields.workTo} />
            <button type="submit" className="primary" disabled={surveyors.length === 0}>
              {t("field.planSubmit")}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
