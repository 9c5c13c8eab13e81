/**
 * Citizens' languages (administrators; docs/decisions/0023): the added languages with their coverage and
 * recordings, adding one, enabling or disabling it for citizens. Translating and recording are on each
 * language's page (`/quan-tri/ngon-ngu/<code>`).
 */
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { requireUser } from "~/auth/session.server";
import { ActionForm } from "~/components/admin/ActionForm";
import { AdminTable } from "~/components/admin/AdminTable";
import { FieldError, useStaffForm, type FormReply } from "~/components/admin/staff-form";
import { CsrfInput } from "~/components/CsrfInput";
import { formatCount, formatPct } from "~/dashboard/format";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { addLanguageForm, languageRowForm } from "~/languages/forms";
import { addLanguage, languageRows, setLanguageEnabled } from "~/languages/store.server";
import { replyFor, requireForm } from "~/security/staff-form.server";
import { services } from "~/services.server";

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["admin"]);
  const { db, surveys } = services();
  return { languages: languageRows(db, surveys), locale: localeOf(request) };
}

const actionSchema = z.discriminatedUnion("intent", [
  addLanguageForm.extend({ intent: z.literal("add") }),
  languageRowForm.extend({ intent: z.literal("enable") }),
  languageRowForm.extend({ intent: z.literal("disable") }),
]);

type Outcome = { ok: boolean; message: string } & Partial<FormReply>;

export async function action({ request }: ActionFunctionArgs) {
  requireUser(request, ["admin"]);
  const form = await requireForm(request);
  const t = fixedT(localeOf(request));
  const { db } = services();
  const submission = parseWithZod(form, { schema: actionSchema });
  if (submission.status !== "success") {
    if (submission.payload.intent === "add")
      return data<Outcome>({ ok: false, message: t("form.fixBelow"), ...replyFor("add", submission) }, { status: 400 });
    return data<Outcome>({ ok: false, message: t("languages.unknown") }, { status: 400 });
  }
  const input = submission.value;
  switch (input.intent) {
    case "add": {
      if (addLanguage(db, { code: input.code, name: input.name }) === "exists") {
        return data<Outcome>(
          {
            ok: false,
            message: t("languages.exists", { code: input.code }),
            ...replyFor("add", submission, { fieldErrors: { code: [t("languages.exists", { code: input.code })] } }),
          },
          { status: 400 },
        );
      }
      return { ok: true, message: t("languages.added", { code: input.code }) } satisfies Outcome;
    }
    case "enable":
    case "disable": {
      if (!setLanguageEnabled(db, input.code, input.intent === "enable"))
        return data<Outcome>({ ok: false, message: t("languages.unknown") }, { status: 400 });
      return {
        ok: true,
        message: t(input.intent === "enable" ? "languages.enabledNow" : "languages.disabledNow", { code: input.code }),
      } satisfies Outcome;
    }
  }
}

export default function LanguagesPage() {
  const { languages, locale } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>() as Outcome | undefined;
  const [form, fields] = useStaffForm("add", addLanguageForm, outcome);
  const { t } = useTranslation();
  return (
    <main className="page wide">
      <h1>{t("languages.title")}</h1>
      <p className="help">{t("languages.intro")}</p>
      {outcome ? (
        <div className={outcome.ok ? "ok-summary" : "err-summary"} role="status">
          <p>{outcome.message}</p>
        </div>
      ) : null}
      {languages.length === 0 ? <p>{t("languages.none")}</p> : null}
      <AdminTable columns={[t("languages.code"), t("languages.name"), t("languages.coverage"), t("languages.recordings"), t("languages.status")]}>
        <tr>
          <th scope="row">
            <code>vi</code>
          </th>
          <td lang="vi">{t("languages.builtIn")}</td>
          <td>—</td>
          <td>
            <Link to="/quan-tri/ngon-ngu/vi">{t("languages.voiceTitle")}</Link>
          </td>
          <td>{t("languages.enabled")}</td>
        </tr>
        {languages.map((l) => (
          <tr key={l.code} data-language={l.code}>
            <th scope="row">
              <code>{l.code}</code>
            </th>
            <td lang={l.code}>
              <Link to={`/quan-tri/ngon-ngu/${l.code}`}>{l.name}</Link>
            </td>
            <td>
              {t("languages.coverageValue", {
                done: formatCount(l.done, locale),
                total: formatCount(l.total, locale),
                pct: formatPct(l.total ? (100 * l.done) / l.total : 0, locale),
              })}
            </td>
            <td>{formatCount(l.recorded, locale)}</td>
            <td>
              {l.enabled ? t("languages.enabled") : t("languages.disabled")}{" "}
              <ActionForm
                target={{ name: "code", value: l.code }}
                intent={l.enabled ? "disable" : "enable"}
                submit={l.enabled ? t("languages.disable") : t("languages.enable")}
              />
            </td>
          </tr>
        ))}
      </AdminTable>
      <section aria-labelledby="add-language">
        <h2 id="add-language">{t("languages.add")}</h2>
        <Form method="post" {...getFormProps(form)}>
          <CsrfInput />
          <p>
            <label htmlFor={fields.code.id}>{t("languages.code")}</label>
            <input
              {...getInputProps(fields.code, { type: "text", value: false })}
              autoComplete="off"
              aria-describedby={`${fields.code.id}-help ${fields.code.errorId}`}
            />
            <small id={`${fields.code.id}-help`}>{t("languages.codeHelp")}</small>
            <FieldError field={fields.code} />
          </p>
          <p>
            <label htmlFor={fields.name.id}>{t("languages.name")}</label>
            <input {...getInputProps(fields.name, { type: "text", value: false })} autoComplete="off" />
            <FieldError field={fields.name} />
          </p>
          <button type="submit" name="intent" value="add">
            {t("languages.add")}
          </button>
        </Form>
      </section>
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("languages.title") }];
