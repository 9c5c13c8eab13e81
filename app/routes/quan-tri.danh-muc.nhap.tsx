/**
 * Import of the directory from a spreadsheet (admin only): upload → row-by-row errors or a preview →
 * "Áp dụng" applies the signed, previewed content in one transaction. Nothing changes before that.
 */
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { requireUser } from "~/auth/session.server";
import { ImportErrors } from "~/components/admin/ImportErrors";
import { FieldError, useStaffForm, type FormReply } from "~/components/admin/staff-form";
import { CsrfInput } from "~/components/CsrfInput";
import { SECTIONS } from "~/directory/file-schema";
import { MAX_UPLOAD_MB, total } from "~/directory/upload";
import { applyUpload, checkUpload, type UploadOutcome } from "~/directory/upload.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { replyFor, requireUploadForm } from "~/security/staff-form.server";
import { services } from "~/services.server";

/**
 * The check step posts the file (at most MAX_UPLOAD_MB, checked by checkUpload); the apply step posts the
 * parsed file back as percent-encoded JSON, which can be a few times the file's size.
 */
const IMPORT_FORM_BYTES = 4 * MAX_UPLOAD_MB * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["admin"]);
  return null;
}

/** Step one: the file to check (its size and kind are checkUpload's). */
const checkForm = z.object({ file: z.file({ error: "directory.noFile" }) });
/** Step two: the previewed content, signed by the server, posted back as it was shown. */
const applyForm = z.object({ payload: z.string().default(""), signature: z.string().default("") });
const actionSchema = z.discriminatedUnion("intent", [
  checkForm.extend({ intent: z.literal(["check", undefined]) }),
  applyForm.extend({ intent: z.literal("apply") }),
]);
const FORM_ID = "dm";

type Answer = UploadOutcome & Partial<FormReply>;

export async function action({ request }: ActionFunctionArgs) {
  const admin = requireUser(request, ["admin"]);
  const form = await requireUploadForm(request, IMPORT_FORM_BYTES);
  if (!form) return data<Answer>({ kind: "invalid", reason: "tooLarge" }, { status: 413 });
  const { db, secret } = services();
  const submission = parseWithZod(form, { schema: actionSchema });
  if (submission.status !== "success") {
    if (submission.payload.intent === "apply") return data<Answer>({ kind: "invalid", reason: "badSignature" }, { status: 400 });
    return data<Answer>({ kind: "invalid", reason: "noFile", ...replyFor(FORM_ID, submission) }, { status: 400 });
  }
  const input = submission.value;
  const outcome: UploadOutcome =
    input.intent === "apply" ? applyUpload(db, secret, admin.id, input.payload, input.signature) : await checkUpload(db, secret, input.file);
  const ok = outcome.kind === "preview" || outcome.kind === "applied";
  // A refusal of the file itself is said beside the file input.
  const aboutFile = outcome.kind === "invalid" && outcome.reason !== "badSignature";
  return data<Answer>(
    aboutFile ? { ...outcome, ...replyFor(FORM_ID, submission, { fieldErrors: { file: [`directory.${outcome.reason}`] } }) } : outcome,
    {
      status: ok ? 200 : 400,
    },
  );
}

export default function DirectoryImportPage() {
  const outcome = useActionData<typeof action>();
  const [form, fields] = useStaffForm(FORM_ID, checkForm, outcome);
  const busy = useNavigation().state !== "idle";
  const { t } = useTranslation();
  return (
    <main className="page wide">
      <p>
        <Link to="/quan-tri/danh-muc">← {t("directory.title")}</Link>
      </p>
      <h1>{t("directory.importTitle")}</h1>
      <p className="help">{t("directory.importIntro")}</p>
      <p>
        {t("directory.templates")}:{" "}
        <a href="/quan-tri/danh-muc/mau.xlsx" download>
          {t("directory.templateXlsx")}
        </a>{" "}
        ·{" "}
        <a href="/quan-tri/danh-muc/mau.csv" download>
          {t("directory.templateCsv")}
        </a>
      </p>

      {outcome ? <Outcome outcome={outcome} /> : null}

      <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(form)}>
        <CsrfInput />
        <label htmlFor={fields.file.id}>{t("directory.file")}</label>
        <input {...getInputProps(fields.file, { type: "file" })} accept=".xlsx,.csv,text/csv" />
        <FieldError field={fields.file} values={{ max: MAX_UPLOAD_MB }} />
        <button type="submit" name="intent" value="check" className="primary" disabled={busy}>
          {t("directory.check")}
        </button>
      </Form>
    </main>
  );
}

function Outcome({ outcome }: { outcome: Answer }) {
  const { t } = useTranslation();
  switch (outcome.kind) {
    case "invalid":
      // Said beside the file input when it is about the file.
      if (outcome.form) return null;
      return (
        <div className="err-summary" role="alert">
          <p>{t(`directory.${outcome.reason}`, { max: MAX_UPLOAD_MB })}</p>
        </div>
      );
    case "errors":
      return (
        <ImportErrors
          title={t("directory.errorsTitle", { count: outcome.errors.length })}
          headers={[t("directory.sheet"), t("directory.row"), t("directory.reason")]}
          rows={outcome.errors.map((e) => [e.sheet || "—", e.row ?? "—", e.message])}
        />
      );
    case "preview":
      return (
        <section className="ok-summary" aria-labelledby="dm-preview-h">
          <h2 id="dm-preview-h">{t("directory.previewTitle", { file: outcome.fileName })}</h2>
          <p>{t("directory.previewNote")}</p>
          <Counts created={outcome.created} updated={outcome.updated} />
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="payload" value={outcome.payload} />
            <input type="hidden" name="signature" value={outcome.signature} />
            <button type="submit" name="intent" value="apply" className="primary">
              {t("directory.apply")}
            </button>
          </Form>
        </section>
      );
    case "applied":
      return (
        <div className="ok-summary" role="status">
          <p>{t("directory.applied", { created: total(outcome.created), updated: total(outcome.updated) })}</p>
          <Counts created={outcome.created} updated={outcome.updated} />
        </div>
      );
  }
}

function Counts({ created, updated }: { created: Record<string, number>; updated: Record<string, number> }) {
  const { t } = useTranslation();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t("directory.list")}</th>
          <th scope="col">{t("directory.created")}</th>
          <th scope="col">{t("directory.updated")}</th>
        </tr>
      </thead>
      <tbody>
        {SECTIONS.map((s) => (
          <tr key={s}>
            <th scope="row">{t(`directory.${s}`)}</th>
            <td>{created[s] ?? 0}</td>
            <td>{updated[s] ?? 0}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("directory.importTitle") }];
