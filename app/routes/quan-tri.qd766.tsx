/**
 * The QĐ 766 indicators (issue 19): months as rows with 5.4 (both variants), 5.2, 5.3, points, the platform's
 * own rate beside them and the units below the threshold named. Administrators import dossier and PAKN lists
 * (CSV or XLSX, all or nothing) and publish a closed month on /cong-khai/qd766 with one action. Readers of
 * figures see it; an agency head sees the agency's own rows. Every form carries the CSRF token.
 */
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";

import type { UserRole } from "~/auth/roles";
import { requireUser } from "~/auth/session.server";
import { ImportErrors } from "~/components/admin/ImportErrors";
import { FieldError, useStaffForm, type FormReply } from "~/components/admin/staff-form";
import { CsrfInput } from "~/components/CsrfInput";
import { useLocale } from "~/components/dashboard/common";
import { MonthTable, type MonthTableRow } from "~/components/qd766/MonthTable";
import { MAX_UPLOAD_MB } from "~/directory/upload";
import type { DossierImportError } from "~/dossiers/import.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { DEFAULT_QD766 } from "~/method/qd766";
import { importListFile } from "~/qd766/files.server";
import { periodLabel } from "~/qd766/indicators.server";
import { monthRow, recentMonths, todayVn } from "~/qd766/monthly.server";
import { liveQd766, publishMonth, withdrawMonth } from "~/qd766/publications.server";
import { replyFor, requireUploadForm } from "~/security/staff-form.server";
import { services } from "~/services.server";
import dashboardCss from "~/styles/dashboard.css?url";
import { monthToPropose } from "~/qd766/proposal";

const QD766_READERS: readonly UserRole[] = ["admin", "viewer", "agency"];

/** How many months the section shows, newest first. */
const MONTHS_SHOWN = 12;
const UPLOAD_BYTES = (MAX_UPLOAD_MB + 1) * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  // QĐ 766 scores administrative agencies: Sở Nội vụ, viewers and agency heads (their own agency); a sector
  // department (health facilities, schools) has no dossiers here and would otherwise see the whole province.
  const user = requireUser(request, QD766_READERS);
  const { db, surveys } = services();
  const today = todayVn();
  const agency = user.role === "agency" ? user.agencyCode : null;
  const rows = recentMonths(today, MONTHS_SHOWN).map((m) => monthRow(db, surveys, m, today, agency));
  const published = liveQd766(db).map((p) => p.month);
  const method = DEFAULT_QD766;
  const canEdit = user.role === "admin";
  // From the first working day of a month, the month just closed is proposed to the administrator (app/qd766/proposal.ts).
  const proposed = canEdit
    ? monthToPropose(
        today,
        rows.map((r) => ({ month: r.month, closed: r.closed, dossiers: r.figures.dossiers })),
        new Set(published),
      )
    : null;
  const proposal = proposed ? { month: proposed, label: rows.find((r) => r.month === proposed)!.label } : null;
  return { rows, published, canEdit, proposal, threshold: method.indicators["5.4"].threshold, version: method.version };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Each upload form: one list file. */
const fileForm = z.object({ file: z.file({ error: "qd766.noFile" }) });
/** Publishing or withdrawing a month. */
const monthForm = z.object({ month: z.string().regex(MONTH) });
const actionSchema = z.discriminatedUnion("intent", [
  fileForm.extend({ intent: z.literal("dossiers") }),
  fileForm.extend({ intent: z.literal("pakn") }),
  monthForm.extend({ intent: z.literal("publish") }),
  monthForm.extend({ intent: z.literal("withdraw") }),
]);

type Answer = Partial<FormReply> & {
  list?: "dossiers" | "pakn";
  imported?: { created: number; updated: number };
  errors?: DossierImportError[];
  message?: string;
  done?: string;
};

export async function action({ request }: ActionFunctionArgs) {
  const admin = requireUser(request, ["admin"]);
  const form = await requireUploadForm(request, UPLOAD_BYTES);
  if (!form) return data<Answer>({ message: fixedT("vi")("qd766.tooLarge", { max: MAX_UPLOAD_MB }) }, { status: 413 });
  const submission = parseWithZod(form, { schema: actionSchema });
  const { db, secret, surveys } = services();
  if (submission.status !== "success") {
    const intent = submission.payload.intent;
    if (intent === "dossiers" || intent === "pakn") return data<Answer>({ list: intent, ...replyFor(intent, submission) }, { status: 400 });
    return data<Answer>({ message: "Tháng không hợp lệ: dùng dạng 2026-07." }, { status: 400 });
  }
  const input = submission.value;
  if (input.intent === "dossiers" || input.intent === "pakn") {
    const file = input.file;
    if (file.size === 0 || file.size > MAX_UPLOAD_MB * 1024 * 1024) {
      const reason = file.size === 0 ? "qd766.noFile" : "qd766.tooLarge";
      return data<Answer>({ list: input.intent, ...replyFor(input.intent, submission, { fieldErrors: { file: [reason] } }) }, { status: 400 });
    }
    const result = await importListFile(db, secret, input.intent, file.name, new Uint8Array(await file.arrayBuffer()));
    if (!result.ok) return data<Answer>({ list: input.intent, errors: result.errors }, { status: 400 });
    return data<Answer>({ list: input.intent, imported: { created: result.created, updated: result.updated } });
  }
  if (input.intent === "withdraw") {
    withdrawMonth(db, input.month, admin.id);
    return data<Answer>({ done: fixedT("vi")("qd766.withdrawn", { month: periodLabel(input.month) }) });
  }
  const outcome = publishMonth(db, surveys, input.month, todayVn(), admin.id);
  if (!outcome.ok) return data<Answer>({ message: outcome.message }, { status: 400 });
  return data<Answer>({ done: fixedT("vi")("qd766.publishedOk", { month: periodLabel(input.month) }) });
}

export const links = () => [{ rel: "stylesheet", href: dashboardCss }];

export default function Qd766Page() {
  const { rows, published, canEdit, proposal, threshold, version } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useLocale();
  const live = new Set(published);
  const publishButton = (r: MonthTableRow) =>
    !r.closed || r.figures.dossiers === 0 ? null : (
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="month" value={r.month} />
        {live.has(r.month) ? (
          <>
            <span>{t("qd766.published")}</span>{" "}
            <button type="submit" name="intent" value="withdraw">
              {t("qd766.withdraw")}
            </button>
          </>
        ) : (
          <button type="submit" name="intent" value="publish" className="primary">
            {t("qd766.publish")} {r.label.replace(/^Tháng /, "")}
          </button>
        )}
      </Form>
    );
  return (
    <main className="page wide">
      <h1>{t("qd766.title")}</h1>
      <p>{t("qd766.intro")}</p>
      <p className="qd766-why">{t("qd766.whyDiffers")}</p>
      {answer?.done ? (
        <p className="ok-summary" role="status">
          {answer.done}
        </p>
      ) : null}
      {answer?.message ? (
        <p className="err-summary" role="alert">
          {answer.message}
        </p>
      ) : null}
      {proposal ? (
        <Form method="post" className="qd766-proposal">
          <CsrfInput />
          <input type="hidden" name="month" value={proposal.month} />
          <p>{t("qd766.proposal", { month: proposal.label })}</p>
          <button type="submit" name="intent" value="publish" className="primary">
            {t("qd766.publishNow")}
          </button>
        </Form>
      ) : null}
      <section aria-labelledby="qd766-months">
        <h2 id="qd766-months">{t("qd766.months")}</h2>
        <MonthTable rows={rows} threshold={threshold} action={canEdit ? publishButton : undefined} />
        <p className="help">{t("qd766.variants", { threshold, version })}</p>
      </section>
      {canEdit ? <ImportSection answer={answer ?? null} /> : null}
    </main>
  );
}

function ImportSection({ answer }: { answer: Answer | null }) {
  const { t } = useLocale();
  return (
    <section aria-labelledby="qd766-import">
      <h2 id="qd766-import">{t("qd766.importTitle")}</h2>
      <p className="help">{t("qd766.importHelp")}</p>
      {answer?.errors ? (
        <ImportErrors
          title={t("qd766.errorsTitle", { count: answer.errors.length })}
          headers={[t("qd766.line"), t("qd766.reason")]}
          rows={answer.errors.map((e) => [e.line, e.message])}
        />
      ) : null}
      {answer?.imported ? (
        <p className="ok-summary" role="status">
          {t(answer.list === "pakn" ? "qd766.importPakn" : "qd766.importDossiers")}: {t("qd766.imported", answer.imported)}
        </p>
      ) : null}
      <UploadForm intent="dossiers" answer={answer} />
      <UploadForm intent="pakn" answer={answer} />
    </section>
  );
}

function UploadForm({ intent, answer }: { intent: "dossiers" | "pakn"; answer: Answer | null }) {
  const { t } = useLocale();
  const [form, fields] = useStaffForm(intent, fileForm, answer);
  const busy = useNavigation().state !== "idle";
  return (
    <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(form)}>
      <CsrfInput />
      <label htmlFor={fields.file.id}>{t(intent === "dossiers" ? "qd766.dossierFile" : "qd766.paknFile")}</label>
      <input {...getInputProps(fields.file, { type: "file" })} accept=".xlsx,.csv,text/csv" />
      <FieldError field={fields.file} values={{ max: MAX_UPLOAD_MB }} />
      <button type="submit" name="intent" value={intent} className="primary" disabled={busy}>
        {t(intent === "dossiers" ? "qd766.importDossiers" : "qd766.importPakn")}
      </button>
    </Form>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("qd766.title") }];
