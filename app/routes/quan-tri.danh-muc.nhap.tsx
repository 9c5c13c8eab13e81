/**
 * Import of the directory from a spreadsheet (admin only): upload → row-by-row errors or a preview →
 * "Áp dụng" applies the signed, previewed content in one transaction. Nothing changes before that.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireUser } from "~/auth/session.server";
import { CsrfInput } from "~/components/CsrfInput";
import { SECTIONS } from "~/directory/file-schema";
import { MAX_UPLOAD_MB, total } from "~/directory/upload";
import { applyUpload, checkUpload, type UploadOutcome } from "~/directory/upload.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { requireUploadForm } from "~/security/staff-form.server";
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

export async function action({ request }: ActionFunctionArgs) {
  const admin = requireUser(request, ["admin"]);
  const form = await requireUploadForm(request, IMPORT_FORM_BYTES);
  if (!form) return data<UploadOutcome>({ kind: "invalid", reason: "tooLarge" }, { status: 413 });
  const { db, secret } = services();
  const outcome: UploadOutcome =
    form.get("intent") === "apply"
      ? applyUpload(db, secret, admin.id, String(form.get("payload") ?? ""), String(form.get("signature") ?? ""))
      : await checkUpload(db, secret, form.get("file"));
  const ok = outcome.kind === "preview" || outcome.kind === "applied";
  return data(outcome, { status: ok ? 200 : 400 });
}

export default function DirectoryImportPage() {
  const outcome = useActionData<typeof action>();
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
        {t("directory.templates")}: <a href="/quan-tri/danh-muc/mau.xlsx" download>{t("directory.templateXlsx")}</a> ·{" "}
        <a href="/quan-tri/danh-muc/mau.csv" download>{t("directory.templateCsv")}</a>
      </p>

      {outcome ? <Outcome outcome={outcome} /> : null}

      <Form method="post" encType="multipart/form-data" className="stack">
        <CsrfInput />
        <label htmlFor="dm-file">{t("directory.file")}</label>
        <input id="dm-file" name="file" type="file" accept=".xlsx,.csv,text/csv" required />
        <button type="submit" name="intent" value="check" className="primary" disabled={busy}>
          {t("directory.check")}
        </button>
      </Form>
    </main>
  );
}

function Outcome({ outcome }: { outcome: UploadOutcome }) {
  const { t } = useTranslation();
  switch (outcome.kind) {
    case "invalid":
      return (
        <div className="err-summary" role="alert">
          <p>{t(`directory.${outcome.reason}`, { max: MAX_UPLOAD_MB })}</p>
        </div>
      );
    case "errors":
      return (
        <div className="err-summary" role="alert">
          <p>{t("directory.errorsTitle", { count: outcome.errors.length })}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("directory.sheet")}</th>
                  <th scope="col">{t("directory.row")}</th>
                  <th scope="col">{t("directory.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {outcome.errors.map((e, i) => (
                  <tr key={i}>
                    <td>{e.sheet || "—"}</td>
                    <td>{e.row ?? "—"}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
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
