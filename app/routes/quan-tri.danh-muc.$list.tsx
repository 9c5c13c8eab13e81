/**
 * One list of the directory (admin only): its rows, and a form to add one or edit one (?ma=CODE). A saved
 * form goes through `importDirectory` (edit.server.ts); fields also get "a target from a date" here.
 */
import { getFormProps, getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { requireUser } from "~/auth/session.server";
import { FieldError, useStaffForm, type FormReply } from "~/components/admin/staff-form";
import { CsrfInput } from "~/components/CsrfInput";
import { columnOf, ENTRY_FORMS, targetForm } from "~/directory/entry-forms";
import { addTarget, isListSlug, LIST_SLUGS, saveEntry } from "~/directory/edit.server";
import type { Section } from "~/directory/file-schema";
import { listDirectory } from "~/directory/lists.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { errorsOf, replyFor, requireForm } from "~/security/staff-form.server";
import { services } from "~/services.server";
import { AGENCY_LEVELS, SERVICE_SECTORS, TARGET_OPS } from "~/survey/codes";
import { ScrollRegion } from "~/components/ScrollRegion";

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireUser(request, ["admin"]);
  const slug = params.list;
  if (!isListSlug(slug)) throw new Response("Không tìm thấy danh mục", { status: 404 });
  const section = LIST_SLUGS[slug];
  const lists = listDirectory(services().db);
  const code = new URL(request.url).searchParams.get("ma");
  const rows: { code: string }[] = lists[section];
  const editing = code ? (rows.find((r) => r.code === code) ?? null) : null;
  return { slug, section, lists, editing: editing as Record<string, string | null> | null };
}

/**
 * The page's forms by the button that sent them: the list's entry ("save", also sent without an intent by a
 * form without one) and, on the fields' list, a target from a date.
 */
function actionSchema(section: Section) {
  const entry = ENTRY_FORMS[section].extend({ intent: z.literal(["save", undefined]) });
  return section === "fields" ? z.discriminatedUnion("intent", [entry, targetForm.extend({ intent: z.literal("add-target") })]) : entry;
}

/** A refusal: the list of what to correct (the summary) and the same errors beside their fields. */
type Refusal = { ok: false; errors: string[] } & Partial<FormReply>;

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = requireUser(request, ["admin"]);
  const form = await requireForm(request);
  const slug = params.list;
  if (!isListSlug(slug)) throw new Response("Không tìm thấy danh mục", { status: 404 });
  const { db } = services();
  const submission = parseWithZod(form, { schema: actionSchema(LIST_SLUGS[slug]) });
  const formId = submission.payload.intent === "add-target" ? "t" : "e";
  if (submission.status !== "success") {
    const errors = errorsOf(submission);
    return data<Refusal>({ ok: false, errors, ...replyFor(formId, submission) }, { status: 400 });
  }
  const input = submission.value;
  const outcome = input.intent === "add-target" ? addTarget(db, admin.id, input) : saveEntry(db, admin.id, LIST_SLUGS[slug], input);
  if (outcome.ok) return data(outcome);
  // The directory's own checks (a code that does not exist…) also stand beside their field.
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const e of outcome.errors) {
    const column = formId === "t" ? e.path : columnOf(e.path);
    if (column) (fieldErrors[column] ??= []).push(e.message);
    else formErrors.push(e.message);
  }
  return data<Refusal>(
    { ok: false, errors: outcome.errors.map((e) => e.message), ...replyFor(formId, submission, { formErrors, fieldErrors }) },
    { status: 400 },
  );
}

export default function DirectoryListPage() {
  const { slug, section, lists, editing } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { t } = useTranslation();
  const rows: { code: string; name: string }[] = lists[section];
  return (
    <main className="page wide">
      <p>
        <Link to="/quan-tri/danh-muc">← {t("directory.title")}</Link>
      </p>
      <h1>{t(`directory.${section}`)}</h1>
      {outcome ? (
        <div className={outcome.ok ? "ok-summary" : "err-summary"} role={outcome.ok ? "status" : "alert"}>
          {outcome.ok ? (
            <p>{t(`directory.${outcome.message}`, { code: outcome.code })}</p>
          ) : (
            <>
              <p>{t("directory.formErrors")}</p>
              <ul>
                {outcome.errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : null}
      <ScrollRegion>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("directory.code")}</th>
              <th scope="col">{t("directory.name")}</th>
              <th scope="col">{t("directory.manage")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <td>
                  <code>{r.code}</code>
                </td>
                <td>{r.name}</td>
                <td>
                  <Link to={`?ma=${encodeURIComponent(r.code)}`} aria-label={`${t("directory.edit")} ${r.code}`}>
                    {t("directory.edit")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      <h2>{editing ? t("directory.editEntry", { code: editing.code }) : t("directory.newEntry")}</h2>
      <EntryForm key={`${section}:${editing?.code ?? "new"}`} />

      {slug === "linh-vuc" ? <TargetForm /> : null}
    </main>
  );
}

/** Add an entry to the list, or edit the one in ?ma= (its code then fixed). */
function EntryForm() {
  const { section, lists, editing } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useStaffForm("e", ENTRY_FORMS[section], outcome);
  const value = (key: string) => editing?.[key] ?? "";
  // The schema is the list's (ENTRY_FORMS[section]): its fields by column name, each rendered for its list only.
  const f = fields as unknown as Record<string, FieldMetadata<string>>;
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <CsrfInput />
      <label htmlFor={f.ma!.id}>{t("directory.code")}</label>
      <input {...getInputProps(f.ma!, { type: "text", value: false })} defaultValue={value("code")} readOnly={Boolean(editing)} />
      <FieldError field={f.ma!} />
      <label htmlFor={f.ten!.id}>{t("directory.name")}</label>
      <input {...getInputProps(f.ten!, { type: "text", value: false })} defaultValue={value("name")} />
      <FieldError field={f.ten!} />
      {section === "fields" || section === "agencies" ? (
        <Choice field={f.nganh!} label={t("directory.sectors")} options={lists.sectors} value={value("sector")} />
      ) : null}
      {section === "agencies" ? (
        <>
          <label htmlFor={f.cap!.id}>{t("directory.level")}</label>
          <select {...getSelectProps(f.cap!, { value: false })} defaultValue={value("level") || "xa"}>
            {AGENCY_LEVELS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
          <FieldError field={f.cap!} />
          <label htmlFor={f.nganh_dich_vu!.id}>{t("directory.serviceSector")}</label>
          <select {...getSelectProps(f.nganh_dich_vu!, { value: false })} defaultValue={value("serviceSector")}>
            <option value="">{t("serviceSector.none")}</option>
            {SERVICE_SECTORS.map((s) => (
              <option key={s} value={s}>
                {t(`serviceSector.${s}`)}
              </option>
            ))}
          </select>
          <FieldError field={f.nganh_dich_vu!} />
          <label htmlFor={f.hieu_luc_tu!.id}>{t("directory.validFrom")}</label>
          <input {...getInputProps(f.hieu_luc_tu!, { type: "date", value: false })} defaultValue={value("validFrom")} />
          <FieldError field={f.hieu_luc_tu!} />
          <label htmlFor={f.hieu_luc_den!.id}>{t("directory.validTo")}</label>
          <input {...getInputProps(f.hieu_luc_den!, { type: "date", value: false })} defaultValue={value("validTo")} />
          <FieldError field={f.hieu_luc_den!} />
          <Choice field={f.ke_thua!} label={t("directory.successorHelp")} options={lists.agencies} value={value("successor")} />
        </>
      ) : null}
      {section === "counters" ? (
        <>
          <Choice field={f.co_quan!} label={t("directory.agencies")} options={lists.agencies} value={value("agency")} />
          <fieldset aria-invalid={f.linh_vuc!.errors ? true : undefined} aria-describedby={f.linh_vuc!.errors ? f.linh_vuc!.errorId : undefined}>
            <legend>{t("directory.fieldsServed")}</legend>
            {lists.fields.map((field) => (
              <label key={field.code} className="check">
                <input type="checkbox" name="linh_vuc" value={field.code} defaultChecked={(value("fields") || "").split(", ").includes(field.code)} />{" "}
                {field.name}
              </label>
            ))}
          </fieldset>
          <FieldError field={f.linh_vuc!} />
        </>
      ) : null}
      {section === "procedures" ? <Choice field={f.linh_vuc!} label={t("directory.fields")} options={lists.fields} value={value("field")} /> : null}
      <button type="submit" name="intent" value="save" className="primary">
        {t("directory.save")}
      </button>
    </Form>
  );
}

/** A field's target from a date, beside the older ones. */
function TargetForm() {
  const { lists, editing } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useStaffForm("t", targetForm, outcome);
  return (
    <section aria-labelledby="t-h">
      <h2 id="t-h">{t("directory.addTarget")}</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <CsrfInput />
        <Choice field={fields.ma} label={t("directory.targetField")} options={lists.fields} value={editing?.code ?? ""} />
        <label htmlFor={fields.phep_so_sanh.id}>{t("directory.op")}</label>
        <select {...getSelectProps(fields.phep_so_sanh, { value: false })} defaultValue=">=">
          {TARGET_OPS.map((op) => (
            <option key={op} value={op}>
              {op}
            </option>
          ))}
        </select>
        <FieldError field={fields.phep_so_sanh} />
        <label htmlFor={fields.ti_le.id}>{t("directory.pct")}</label>
        <input {...getInputProps(fields.ti_le, { type: "text", value: false })} inputMode="decimal" />
        <FieldError field={fields.ti_le} />
        <label htmlFor={fields.tu_ngay.id}>{t("directory.from")}</label>
        <input {...getInputProps(fields.tu_ngay, { type: "date", value: false })} />
        <FieldError field={fields.tu_ngay} />
        <button type="submit" name="intent" value="add-target" className="primary">
          {t("directory.addTarget")}
        </button>
      </Form>
    </section>
  );
}

/** A code chosen from a list of the directory; "—" leaves it empty (a required one says so beside it). */
function Choice(props: { field: FieldMetadata<string>; label: string; options: { code: string; name: string }[]; value: string }) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={props.field.id}>{props.label}</label>
      <select {...getSelectProps(props.field, { value: false })} defaultValue={props.value}>
        <option value="">{t("directory.none")}</option>
        {props.options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.code} — {o.name}
          </option>
        ))}
      </select>
      <FieldError field={props.field} />
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("directory.title") }];
