/**
 * One list of the directory (admin only): its rows, and a form to add one or edit one (?ma=CODE). A saved
 * form goes through `importDirectory` (edit.server.ts); fields also get "a target from a date" here.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireUser } from "~/auth/session.server";
import { CsrfInput } from "~/components/CsrfInput";
import { addTarget, isListSlug, LIST_SLUGS, saveEntry, type EditOutcome } from "~/directory/edit.server";
import { listDirectory } from "~/directory/lists.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { requireForm } from "~/security/staff-form.server";
import { services } from "~/services.server";
import { AGENCY_LEVELS, TARGET_OPS } from "~/survey/codes";

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

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = requireUser(request, ["admin"]);
  const form = await requireForm(request);
  const slug = params.list;
  if (!isListSlug(slug)) throw new Response("Không tìm thấy danh mục", { status: 404 });
  const { db } = services();
  const outcome: EditOutcome =
    form.get("intent") === "add-target" && slug === "linh-vuc" ? addTarget(db, admin.id, form) : saveEntry(db, admin.id, LIST_SLUGS[slug], form);
  return data(outcome, { status: outcome.ok ? 200 : 400 });
}

export default function DirectoryListPage() {
  const { slug, section, lists, editing } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { t } = useTranslation();
  const rows: { code: string; name: string }[] = lists[section];
  const value = (key: string) => editing?.[key] ?? "";
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
      <div className="table-wrap">
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
      </div>

      <h2>{editing ? t("directory.editEntry", { code: editing.code }) : t("directory.newEntry")}</h2>
      <Form method="post" className="stack" key={editing?.code ?? "new"}>
        <CsrfInput />
        <label htmlFor="e-ma">{t("directory.code")}</label>
        <input id="e-ma" name="ma" defaultValue={value("code")} readOnly={Boolean(editing)} required />
        <label htmlFor="e-ten">{t("directory.name")}</label>
        <input id="e-ten" name="ten" defaultValue={value("name")} required />
        {section === "fields" || section === "agencies" ? (
          <Choice id="nganh" label={t("directory.sectors")} options={lists.sectors} value={value("sector")} />
        ) : null}
        {section === "agencies" ? (
          <>
            <label htmlFor="e-cap">{t("directory.level")}</label>
            <select id="e-cap" name="cap" defaultValue={value("level") || "xa"}>
              {AGENCY_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
            <label htmlFor="e-tu">{t("directory.validFrom")}</label>
            <input id="e-tu" name="hieu_luc_tu" type="date" defaultValue={value("validFrom")} />
            <label htmlFor="e-den">{t("directory.validTo")}</label>
            <input id="e-den" name="hieu_luc_den" type="date" defaultValue={value("validTo")} />
            <Choice id="ke_thua" label={t("directory.successorHelp")} options={lists.agencies} value={value("successor")} />
          </>
        ) : null}
        {section === "counters" ? (
          <>
            <Choice id="co_quan" label={t("directory.agencies")} options={lists.agencies} value={value("agency")} required />
            <fieldset>
              <legend>{t("directory.fieldsServed")}</legend>
              {lists.fields.map((f) => (
                <label key={f.code} className="check">
                  <input
                    type="checkbox"
                    name="linh_vuc"
                    value={f.code}
                    defaultChecked={(value("fields") || "").split(", ").includes(f.code)}
                  />{" "}
                  {f.name}
                </label>
              ))}
            </fieldset>
          </>
        ) : null}
        {section === "procedures" ? <Choice id="linh_vuc" label={t("directory.fields")} options={lists.fields} value={value("field")} /> : null}
        <button type="submit" name="intent" value="save" className="primary">
          {t("directory.save")}
        </button>
      </Form>

      {slug === "linh-vuc" ? (
        <section aria-labelledby="t-h">
          <h2 id="t-h">{t("directory.addTarget")}</h2>
          <Form method="post" className="stack">
            <CsrfInput />
            <Choice id="ma" label={t("directory.targetField")} options={lists.fields} value={value("code")} required />
            <label htmlFor="t-op">{t("directory.op")}</label>
            <select id="t-op" name="phep_so_sanh" defaultValue=">=">
              {TARGET_OPS.map((op) => (
                <option key={op} value={op}>
                  {op}
                </option>
              ))}
            </select>
            <label htmlFor="t-pct">{t("directory.pct")}</label>
            <input id="t-pct" name="ti_le" inputMode="decimal" required />
            <label htmlFor="t-from">{t("directory.from")}</label>
            <input id="t-from" name="tu_ngay" type="date" required />
            <button type="submit" name="intent" value="add-target" className="primary">
              {t("directory.addTarget")}
            </button>
          </Form>
        </section>
      ) : null}
    </main>
  );
}

function Choice(props: { id: string; label: string; options: { code: string; name: string }[]; value: string; required?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={`c-${props.id}`}>{props.label}</label>
      <select id={`c-${props.id}`} name={props.id} defaultValue={props.value} required={props.required}>
        <option value="">{t("directory.none")}</option>
        {props.options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.code} — {o.name}
          </option>
        ))}
      </select>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("directory.title") }];
