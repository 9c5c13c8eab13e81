/**
 * The periodic report screen (/quan-tri/bao-cao): choose survey, period and scope; edit the parts staff
 * write (số/ký hiệu, đề xuất kiến nghị, nơi nhận, người ký — saved per survey, period and scope, audited);
 * download the report (print HTML, .docx, PDF), the figures (.xlsx) and the raw responses (CSV, with
 * progress). An agency head sees and edits only their own agency's report.
 */
import { getFormProps, getInputProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { audit } from "~/auth/audit.server";
import { requireCsrf } from "~/auth/csrf.server";
import { FieldError, useStaffForm, type FormReply } from "~/components/admin/staff-form";
import { CsrfInput } from "~/components/CsrfInput";
import { ExportProgress } from "~/components/report/ExportProgress";
import { periodChoices } from "~/dashboard/params";
import { surveyChoices } from "~/figures/surveys";
import { agencyChoices, asOptions, fieldChoices } from "~/directory/choices.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { periodRange, vietnamDay } from "~/method/period";
import { getDraft, saveDraft } from "~/report/drafts.server";
import { DRAFT_LIMITS } from "~/report/limits";
import { periodLabel } from "~/report/model.server";
import { reportSearch, requireReport } from "~/report/params.server";
import { countResponses } from "~/responses/filter.server";
import { CHANNELS } from "~/survey/codes";
import { readStaffForm, replyFor } from "~/security/staff-form.server";
import { services } from "~/services.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const req = requireReport(request);
  const { db, surveys } = services();
  const locale = localeOf(request);
  const today = vietnamDay(Date.now());
  const periods = periodChoices(today);
  const choices = {
    surveys: surveyChoices(surveys, locale),
    periods: (["quarter", "half", "year", "month"] as const).map((kind) => ({
      kind,
      keys: periods[kind].map((k) => ({ value: k, label: periodLabel(k) })),
    })),
    agencies: asOptions(agencyChoices(db, req.userScope)),
    fields: asOptions(fieldChoices(db)),
  };
  const range = periodRange(req.key.period);
  const total = countResponses(db, { survey: req.key.survey, ...range, ...(req.key.scope === "province" ? {} : { agency: req.key.scope }) });
  return {
    key: req.key,
    search: reportSearch(req.key),
    periodLabel: periodLabel(req.key.period),
    range,
    choices,
    total,
    draft: getDraft(db, req.key),
    mayEdit: req.mayEdit,
    agencyChoice: req.userScope === null,
  };
}

/** One part staff write: line ends as in a file, no surrounding blanks, at most `max` characters; empty is allowed. */
const part = (max: number) =>
  z
    .string()
    .overwrite((s) => s.replace(/\r\n/g, "\n"))
    .trim()
    .max(max, { error: "report.tooLong" })
    .default("");

/** The parts of the report staff write (form "rp"); the survey, period and scope it is for are read by requireReport. */
const draftForm = z.object({
  number: part(DRAFT_LIMITS.number),
  recommendations: part(DRAFT_LIMITS.recommendations),
  recipients: part(DRAFT_LIMITS.recipients),
  signerTitle: part(DRAFT_LIMITS.signerTitle),
  signerName: part(DRAFT_LIMITS.signerName),
});
const FORM_ID = "rp";

type Outcome = { ok: boolean; message: string } & Partial<FormReply>;

export async function action({ request }: ActionFunctionArgs) {
  // Read first: the report the form is about (its scope, hence who may edit) is in the form.
  const form = await readStaffForm(request);
  const req = requireReport(request, form);
  requireCsrf(request, form);
  const t = fixedT(localeOf(request));
  if (!req.mayEdit) throw new Response("Không có quyền sửa báo cáo này", { status: 403 });
  const submission = parseWithZod(form, { schema: draftForm });
  if (submission.status !== "success")
    return data<Outcome>({ ok: false, message: t("form.fixBelow"), ...replyFor(FORM_ID, submission) }, { status: 400 });
  const { db } = services();
  saveDraft(db, req.key, submission.value, req.user.id);
  audit(db, { userId: req.user.id, action: "report.draft.save", target: `${req.key.survey}/${req.key.period}/${req.key.scope}` });
  return data<Outcome>({ ok: true, message: t("report.saved") });
}

export default function ReportScreen() {
  const d = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const [form, fields] = useStaffForm(FORM_ID, draftForm, outcome);
  const { t } = useTranslation();
  const base = "/quan-tri/bao-cao";
  const hidden = { survey: d.key.survey, period: d.key.period, scope: d.key.scope };
  return (
    <main className="page wide report-screen">
      <h1>{t("report.title")}</h1>
      <p className="help">{t("report.intro")}</p>

      <section aria-labelledby="rp-choose">
        <h2 id="rp-choose">{t("report.choose")}</h2>
        <Form method="get" className="report-choose">
          <p>
            <label htmlFor="rp-survey">{t("report.survey")}</label>
            <select id="rp-survey" name="survey" defaultValue={d.key.survey}>
              {d.choices.surveys.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label htmlFor="rp-period">{t("report.period")}</label>
            <select id="rp-period" name="period" defaultValue={d.key.period}>
              {d.choices.periods.map((g) => (
                <optgroup key={g.kind} label={t(`dash.periodGroup_${g.kind}`)}>
                  {g.keys.map((k) => (
                    <option key={k.value} value={k.value}>
                      {k.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </p>
          <p>
            <label htmlFor="rp-scope">{t("report.scope")}</label>
            <select id="rp-scope" name="scope" defaultValue={d.key.scope}>
              {d.agencyChoice ? <option value="province">{t("report.scopeProvince")}</option> : null}
              {d.choices.agencies.map((a) => (
                <option key={a.value} value={a.value}>
                  {a.label}
                </option>
              ))}
            </select>
          </p>
          <button type="submit">{t("report.show")}</button>
        </Form>
      </section>

      <section aria-labelledby="rp-files">
        <h2 id="rp-files">
          {t("report.downloads")}: {d.periodLabel}
        </h2>
        {/* Plain links: files and the print page are documents, not client navigations. */}
        <ul className="report-files">
          <li>
            <a href={`${base}/in${d.search}`}>{t("report.printable")}</a>
          </li>
          <li>
            <a href={`${base}/bao-cao.docx${d.search}`} download>
              {t("report.docx")}
            </a>
          </li>
          <li>
            <a href={`${base}/bao-cao.pdf${d.search}`} download>
              {t("report.pdf")}
            </a>
          </li>
          <li>
            <a href={`${base}/so-lieu.xlsx${d.search}`} download>
              {t("report.xlsx")}
            </a>
          </li>
        </ul>
        <h3>{t("report.csv")}</h3>
        <p className="help">{t("report.csvHelp")}</p>
        <p>{t("report.exportTotal", { total: d.total.toLocaleString("vi-VN") })}</p>
        <ExportProgress action={`${base}/phieu.csv`} hidden={hidden}>
          <p>
            <label htmlFor="rp-field">{t("dash.field")}</label>
            <select id="rp-field" name="field" defaultValue="">
              <option value="">{t("dash.all")}</option>
              {d.choices.fields.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label htmlFor="rp-channel">{t("dash.channel")}</label>
            <select id="rp-channel" name="channel" defaultValue="">
              <option value="">{t("dash.all")}</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`dash.channel_${c}`)}
                </option>
              ))}
            </select>
          </p>
        </ExportProgress>
      </section>

      <section aria-labelledby="rp-draft">
        <h2 id="rp-draft">{t("report.draft")}</h2>
        {outcome ? (
          <div className={outcome.ok ? "ok-summary" : "err-summary"} role="status">
            <p>{outcome.message}</p>
          </div>
        ) : null}
        {d.mayEdit ? null : <p className="help">{t("report.draftReadOnly")}</p>}
        <Form method="post" className="report-draft" {...getFormProps(form)}>
          <CsrfInput />
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <fieldset disabled={!d.mayEdit}>
            <p>
              <label htmlFor={fields.number.id}>{t("report.number")}</label>
              <input
                {...getInputProps(fields.number, { type: "text", value: false, ariaDescribedBy: "rp-number-help" })}
                defaultValue={d.draft.number}
              />
              <span id="rp-number-help" className="help">
                {t("report.numberHelp")}
              </span>
              <FieldError field={fields.number} values={{ field: t("report.number"), max: DRAFT_LIMITS.number }} />
            </p>
            <p>
              <label htmlFor={fields.recommendations.id}>{t("report.recommendations")}</label>
              <textarea
                {...getTextareaProps(fields.recommendations, { value: false, ariaDescribedBy: "rp-rec-help" })}
                rows={8}
                defaultValue={d.draft.recommendations}
              />
              <span id="rp-rec-help" className="help">
                {t("report.recommendationsHelp")}
              </span>
              <FieldError field={fields.recommendations} values={{ field: t("report.recommendations"), max: DRAFT_LIMITS.recommendations }} />
            </p>
            <p>
              <label htmlFor={fields.recipients.id}>{t("report.recipients")}</label>
              <textarea
                {...getTextareaProps(fields.recipients, { value: false, ariaDescribedBy: "rp-to-help" })}
                rows={5}
                defaultValue={d.draft.recipients}
              />
              <span id="rp-to-help" className="help">
                {t("report.recipientsHelp")}
              </span>
              <FieldError field={fields.recipients} values={{ field: t("report.recipients"), max: DRAFT_LIMITS.recipients }} />
            </p>
            <p>
              <label htmlFor={fields.signerTitle.id}>{t("report.signerTitle")}</label>
              <input {...getInputProps(fields.signerTitle, { type: "text", value: false })} defaultValue={d.draft.signerTitle} />
              <FieldError field={fields.signerTitle} values={{ field: t("report.signerTitle"), max: DRAFT_LIMITS.signerTitle }} />
            </p>
            <p>
              <label htmlFor={fields.signerName.id}>{t("report.signerName")}</label>
              <input {...getInputProps(fields.signerName, { type: "text", value: false })} defaultValue={d.draft.signerName} />
              <FieldError field={fields.signerName} values={{ field: t("report.signerName"), max: DRAFT_LIMITS.signerName }} />
            </p>
            <button type="submit">{t("report.save")}</button>
          </fieldset>
        </Form>
      </section>
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("report.title") }];
