/**
 * The supervisor's screen (admin): every surveyor's tablet — last sync, interviews still on it, received by
 * the server, conflicts, late uploads — and the assignments with their quotas and progress.
 */
import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { audit } from "~/auth/audit.server";
import { requireUser } from "~/auth/session.server";
import { AdminTable } from "~/components/admin/AdminTable";
import { FieldError, useStaffForm, type FormReply } from "~/components/admin/staff-form";
import { CsrfInput } from "~/components/CsrfInput";
import { AssigneeFields, surveyTitle } from "~/components/field/AssigneeFields";
import { QuotaProposal } from "~/components/field/QuotaProposal";
import { agencyChoices, fieldChoices } from "~/directory/choices.server";
import { assignmentForm, planForm } from "~/field/assignment-forms";
import { activeSurveyors, allAssignments, createAssignment, deleteAssignment } from "~/field/assignments.server";
import { deviceRows, LATE_HOURS, quotaProgress, recentConflicts } from "~/field/supervision.server";
import { interviewsByLanguage } from "~/field/languages.server";
import { InterviewLanguages } from "~/components/field/InterviewLanguages";
import { DEFAULT_MARGIN, MARGIN_ERROR, parseMargin } from "~/field/margins";
import { assignProposal, proposeQuotas, type PlanLevel, type Proposal } from "~/field/quota-plan.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { formatDay, formatInstant } from "~/i18n/vn-time";
import { DateInputError } from "~/method/period";
import { errorsOf, replyFor, requireForm } from "~/security/staff-form.server";
import { services } from "~/services.server";
import { ScrollRegion } from "~/components/ScrollRegion";

/**
 * `?tu=&den=` (dossier period), `theo=linh-vuc` and `sai-so=0.05` (the margin e) ask for the quotas proposed
 * from the dossier counts.
 */
function proposalOf(
  db: Parameters<typeof proposeQuotas>[0],
  url: URL,
): { proposal: Proposal | null; planError: string | null; level: PlanLevel; margin: number } {
  const level: PlanLevel = url.searchParams.get("theo") === "linh-vuc" ? "field" : "agency";
  const parsedMargin = parseMargin(url.searchParams.get("sai-so"));
  const margin = parsedMargin ?? DEFAULT_MARGIN;
  const from = url.searchParams.get("tu");
  const to = url.searchParams.get("den");
  if (!from || !to) return { proposal: null, planError: null, level, margin };
  if (parsedMargin === null) return { proposal: null, planError: MARGIN_ERROR, level, margin };
  try {
    return { proposal: proposeQuotas(db, { from, to }, level, margin), planError: null, level, margin };
  } catch (error) {
    if (error instanceof DateInputError) return { proposal: null, planError: error.message, level, margin };
    throw error;
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["admin"]);
  const { db, surveys } = services();
  const progress = quotaProgress(db);
  return {
    ...proposalOf(db, new URL(request.url)),
    devices: deviceRows(db),
    conflicts: recentConflicts(db),
    assignments: allAssignments(db).map((a) => ({ ...a, done: progress.get(a.id) ?? 0 })),
    surveyors: activeSurveyors(db),
    agencies: agencyChoices(db),
    fields: fieldChoices(db),
    // Titles, not ids: the supervisor reads «Khảo sát SIPAS…», never «sipas» (issue 21).
    surveys: [...surveys.keys()].map((id) => ({ id, title: surveys.get(id)!.def.title })),
    lateHours: LATE_HOURS,
    byLanguage: interviewsByLanguage(db),
  };
}

/** Delete one assignment (a row's button). */
const deleteForm = z.object({ id: z.number().int().positive() });

const actionSchema = z.discriminatedUnion("intent", [
  assignmentForm.extend({ intent: z.literal("create") }),
  planForm.extend({ intent: z.literal("plan") }),
  deleteForm.extend({ intent: z.literal("delete") }),
]);

/** The forms whose fields show their own errors, by intent. */
const FORM_OF_INTENT: Record<string, string> = { create: "assign", plan: "plan" };

type Outcome = { ok: boolean; message: string } & Partial<FormReply>;

export async function action({ request }: ActionFunctionArgs) {
  const admin = requireUser(request, ["admin"]);
  const form = await requireForm(request);
  const { db, surveys } = services();
  const submission = parseWithZod(form, { schema: actionSchema });
  if (submission.status !== "success") {
    const id = FORM_OF_INTENT[String(submission.payload.intent)];
    if (!id) return data<Outcome>({ ok: false, message: "Không có phân công này." }, { status: 400 });
    // The summary repeats the errors, each of which also stands beside its field.
    const message = errorsOf(submission).join(" ");
    return data<Outcome>({ ok: false, message, ...replyFor(id, submission) }, { status: 400 });
  }
  const input = submission.value;
  if (input.intent === "delete") {
    if (!deleteAssignment(db, input.id)) return data<Outcome>({ ok: false, message: "Không có phân công này." }, { status: 400 });
    audit(db, { userId: admin.id, action: "assignment.delete", target: String(input.id) });
    return data<Outcome>({ ok: true, message: fixedT("vi")("field.assignDeleted") });
  }
  if (input.intent === "plan") {
    const { intent: _, ...plan } = input;
    let made: ReturnType<typeof assignProposal>;
    try {
      made = assignProposal(db, plan, { createdBy: admin.id, surveys: new Set(surveys.keys()) });
    } catch (error) {
      if (error instanceof DateInputError) return data<Outcome>({ ok: false, message: error.message }, { status: 400 });
      throw error;
    }
    if (!made.ok) return data<Outcome>({ ok: false, message: made.error }, { status: 400 });
    audit(db, {
      userId: admin.id,
      action: "assignment.plan",
      target: made.ids.join(","),
      details: { ...plan, pick: undefined, quotas: made.rows.map((r) => ({ agency: r.agency, field: r.field, quota: r.sample })) },
    });
    return data<Outcome>({ ok: true, message: fixedT("vi")("field.planDone", { count: made.ids.length }) });
  }
  const { intent: _, ...assignment } = input;
  const created = createAssignment(db, assignment, { createdBy: admin.id, surveys: new Set(surveys.keys()) });
  if (!created.ok) return data<Outcome>({ ok: false, message: created.error }, { status: 400 });
  audit(db, { userId: admin.id, action: "assignment.create", target: String(created.id), details: { ...assignment } });
  return data<Outcome>({ ok: true, message: fixedT("vi")("field.assignDone") });
}

const when = (ms: number | null, never: string) => (ms ? formatInstant(ms) : never);

export default function Supervision() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [assign, fields] = useStaffForm("assign", assignmentForm, result);
  const { t, i18n } = useTranslation();
  return (
    <main className="page wide">
      <h1>{t("field.supTitle")}</h1>
      <p className="help">{t("field.supIntro")}</p>
      <p className="help">{t("field.lateRule", { hours: d.lateHours })}</p>
      {d.devices.length === 0 ? (
        <p>{t("field.noDevices")}</p>
      ) : (
        <AdminTable
          caption={{ text: t("field.supTitle"), className: "sr-only" }}
          columns={[
            t("field.surveyor"),
            t("field.device"),
            t("field.lastContact"),
            t("field.pendingOnDevice"),
            t("field.attentionOnDevice"),
            t("field.confirmed"),
            t("field.conflicts"),
            t("field.late"),
          ]}
        >
          {d.devices.map((r) => (
            <tr key={r.deviceId} data-device={r.deviceId}>
              <th scope="row">{r.surveyor ?? "—"}</th>
              <td>
                {r.deviceName}
                {r.revoked ? ` (${t("field.revoked")})` : ""}
              </td>
              <td>{when(r.lastContactAt, t("field.never"))}</td>
              <td>{r.pending}</td>
              <td>{r.attention}</td>
              <td>{r.confirmed}</td>
              <td>{r.conflicts}</td>
              <td>{r.late}</td>
            </tr>
          ))}
        </AdminTable>
      )}
      <InterviewLanguages rows={d.byLanguage} />

      <h2>{t("field.conflictsTitle")}</h2>
      {d.conflicts.length === 0 ? (
        <p>{t("field.conflictsEmpty")}</p>
      ) : (
        <ul>
          {d.conflicts.map((c) => (
            <li key={`${c.uuid}-${c.receivedAt}`}>
              {t("field.conflictId")}: <code>{c.uuid}</code> · {c.surveyor ?? "—"} · {c.deviceName} · {when(c.receivedAt, "")}
            </li>
          ))}
        </ul>
      )}

      <h2>{t("field.assignTitle")}</h2>
      <p className="help">{t("field.assignIntro")}</p>
      {result ? (
        <p className={result.ok ? "notice" : "err-summary"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}
      {d.assignments.length > 0 ? (
        <ScrollRegion>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("field.surveyor")}</th>
                <th scope="col">{t("field.assignAgency")}</th>
                <th scope="col">{t("field.period")}</th>
                <th scope="col">{t("field.quotaProgress")}</th>
                <th scope="col">
                  <span className="sr-only">{t("field.assignDelete")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {d.assignments.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.displayName}</th>
                  <td>
                    {a.agencyName}
                    {a.fieldName ? ` · ${a.fieldName}` : ""} ({surveyTitle(d.surveys, a.survey, i18n.language)})
                  </td>
                  <td>
                    {formatDay(a.from)} – {formatDay(a.to)}
                  </td>
                  <td>{t("field.progressValue", { done: a.done, quota: a.quota, pct: Math.round((100 * a.done) / a.quota) })}</td>
                  <td>
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="delete" />
                      <input type="hidden" name="id" value={a.id} />
                      <button type="submit" className="link">
                        {t("field.assignDelete")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
      <QuotaProposal
        proposal={d.proposal}
        planError={d.planError}
        level={d.level}
        margin={d.margin}
        surveyors={d.surveyors}
        surveys={d.surveys}
        result={result}
      />
      {d.surveyors.length === 0 ? (
        <p>{t("field.noSurveyors")}</p>
      ) : (
        <Form method="post" className="stack" {...getFormProps(assign)}>
          <CsrfInput />
          <input type="hidden" name="intent" value="create" />
          <AssigneeFields userId={fields.userId} survey={fields.survey} surveyors={d.surveyors} surveys={d.surveys} />
          <label htmlFor={fields.agency.id}>{t("field.assignAgency")}</label>
          <select {...getSelectProps(fields.agency, { value: false })}>
            {d.agencies.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </select>
          <FieldError field={fields.agency} />
          <label htmlFor={fields.field.id}>{t("field.assignField")}</label>
          <select {...getSelectProps(fields.field, { value: false })} defaultValue="">
            <option value="">{t("field.anyField")}</option>
            {d.fields.map((f) => (
              <option key={f.code} value={f.code}>
                {f.name}
              </option>
            ))}
          </select>
          <label htmlFor={fields.quota.id}>{t("field.assignQuota")}</label>
          <input {...getInputProps(fields.quota, { type: "number", value: false })} inputMode="numeric" />
          <FieldError field={fields.quota} />
          <label htmlFor={fields.from.id}>{t("field.assignFrom")}</label>
          <input {...getInputProps(fields.from, { type: "date", value: false })} />
          <FieldError field={fields.from} />
          <label htmlFor={fields.to.id}>{t("field.assignTo")}</label>
          <input {...getInputProps(fields.to, { type: "date", value: false })} />
          <FieldError field={fields.to} />
          <button type="submit" className="primary">
            {t("field.assignSubmit")}
          </button>
        </Form>
      )}
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("field.supTitle") }];
