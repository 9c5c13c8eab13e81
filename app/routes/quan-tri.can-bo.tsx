/**
 * Officers at the counters and their figures: the agency's head (own agency only) or an administrator
 * (any agency). Figures per officer are internal — this page is the only place they are shown; viewers
 * and other agencies' heads get 403. Adding and editing officers (photo, PIN, counters) is audited.
 */
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { agencyScope, SCOPED_WRITERS } from "~/auth/scope.server";
import { requireUser, type SessionUser } from "~/auth/session.server";
import { ActionForm } from "~/components/admin/ActionForm";
import { AdminTable } from "~/components/admin/AdminTable";
import { FieldError, useStaffForm, type FormReply } from "~/components/admin/staff-form";
import { CsrfInput } from "~/components/CsrfInput";
import { formatCount, formatInterval, formatRate } from "~/dashboard/format";
import { agencyChoices } from "~/directory/choices.server";
import { idOfCode } from "~/directory/ids.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { PIN_PATTERN } from "~/kiosk/codes";
import { officerFigures } from "~/kiosk/officer-figures.server";
import {
  agencyCounters,
  createOfficer,
  findOfficer,
  listOfficers,
  readPhoto,
  setOfficerDisabled,
  updateOfficer,
  type OfficerInput,
} from "~/kiosk/officers.server";
import { addDays, isDay, vietnamDay } from "~/method";
import { replyFor, requireUploadForm } from "~/security/staff-form.server";
import { services } from "~/services.server";

/** The officer form with its photo (at most PHOTO_MAX_BYTES, checked by readPhoto) and room to spare. */
const MAX_FORM_BYTES = 1024 * 1024;

/** The agency the request is about: an agency head's own (another one is 403), or the admin's choice. */
function agencyOf(user: SessionUser, requested: string | null): { id: number; code: string; name: string } | null {
  const { db } = services();
  const all = agencyChoices(db);
  // The one scope rule (app/auth/scope.server.ts): an agency head's own agency, another one is 403.
  const code = agencyScope(user, "Không có quyền truy cập", requested) ?? requested;
  const agency = code ? all.find((a) => a.code === code) : all[0];
  const id = agency ? idOfCode(db, "agency", agency.code) : null;
  return agency && id !== null ? { id, ...agency } : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request, SCOPED_WRITERS);
  const { db, surveys } = services();
  const url = new URL(request.url);
  const agency = agencyOf(user, url.searchParams.get("co-quan"));
  if (!agency) throw new Response("Không tìm thấy cơ quan", { status: 404 });
  const today = vietnamDay(Date.now());
  const from = url.searchParams.get("tu") ?? "";
  const to = url.searchParams.get("den") ?? "";
  const valid = isDay(from) && isDay(to) && from <= to;
  const range = valid ? { from, to } : { from: addDays(today, -29), to: today };
  const locale = localeOf(request);
  const agencies = user.role === "admin" ? agencyChoices(db) : [];
  return {
    agency: { code: agency.code, name: agency.name },
    agencies,
    range,
    invalidPeriod: (from !== "" || to !== "") && !valid,
    figures: officerFigures(db, surveys, { agencyId: agency.id, range, locale }),
    officers: listOfficers(db, { agencyId: agency.id }),
    counters: agencyCounters(db, agency.id),
  };
}

/**
 * The officer form (add, or edit with `officer`): name, title, a new PIN, the photo (its size and kind are
 * checked by readPhoto), the counters; on edit, boxes to remove the PIN or the photo.
 */
const officerForm = z.object({
  officer: z.number().int().positive().optional(),
  name: z.string({ error: "kiosk.nameRequired" }).trim().min(1, { error: "kiosk.nameRequired" }).max(120, { error: "kiosk.nameRequired" }),
  title: z.string().trim().max(120, { error: "kiosk.titleTooLong" }).default(""),
  pin: z.string().trim().regex(PIN_PATTERN, { error: "kiosk.pinInvalid" }).optional(),
  photo: z.file().optional(),
  counter: z.array(z.number().int()).default([]),
  removePin: z.literal("on").optional(),
  removePhoto: z.literal("on").optional(),
});
const FORM_ID = "officer";

/** Disable or enable one officer (ActionForm of the list). */
const officerRowForm = z.object({ officer: z.number().int().positive() });

const actionSchema = z.discriminatedUnion("intent", [
  officerForm.extend({ intent: z.literal("create") }),
  officerForm.extend({ intent: z.literal("update"), officer: z.number().int().positive() }),
  officerRowForm.extend({ intent: z.literal("disable") }),
  officerRowForm.extend({ intent: z.literal("enable") }),
]);

type Outcome = { ok: boolean; message: string } & Partial<FormReply>;

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request, SCOPED_WRITERS);
  const form = await requireUploadForm(request, MAX_FORM_BYTES);
  if (!form) return data<Outcome>({ ok: false, message: fixedT(localeOf(request))("kiosk.photoTooLarge") }, { status: 413 });
  const { db } = services();
  const t = fixedT(localeOf(request));
  const agency = agencyOf(user, new URL(request.url).searchParams.get("co-quan"));
  if (!agency) return data<Outcome>({ ok: false, message: t("kiosk.unknownAgency") }, { status: 400 });
  const submission = parseWithZod(form, { schema: actionSchema });
  if (submission.status !== "success") {
    const intent = submission.payload.intent;
    // The officer form says what to correct beside each field; a row button can only be stale.
    if ((intent === "create" || intent === "update") && !submission.error?.officer) {
      return data<Outcome>({ ok: false, message: t("form.fixBelow"), ...replyFor(FORM_ID, submission) }, { status: 400 });
    }
    return data<Outcome>({ ok: false, message: t("kiosk.unknownOfficer") }, { status: 400 });
  }
  const input = submission.value;
  const owned = (id: number) => {
    const officer = findOfficer(db, id);
    return officer && officer.agencyId === agency.id ? officer : null;
  };
  if (input.intent === "disable" || input.intent === "enable") {
    if (!owned(input.officer)) return data<Outcome>({ ok: false, message: t("kiosk.unknownOfficer") }, { status: 400 });
    const disabled = input.intent === "disable";
    setOfficerDisabled(db, { id: input.officer, agencyId: agency.id, disabled, userId: user.id });
    const name = listOfficers(db, { agencyId: agency.id }).find((o) => o.id === input.officer)?.name ?? "";
    return data<Outcome>({ ok: true, message: t(disabled ? "kiosk.disabledDone" : "kiosk.enabledDone", { name }) });
  }
  const photo = await readPhoto(input.photo ?? null);
  if (!photo.ok) {
    const message = t(`kiosk.${photo.key}`);
    return data<Outcome>(
      { ok: false, message, ...replyFor(FORM_ID, submission, { fieldErrors: { photo: [`kiosk.${photo.key}`] } }) },
      { status: 400 },
    );
  }
  const officer: OfficerInput = { name: input.name, title: input.title, counterIds: input.counter };
  if (input.intent === "create") {
    await createOfficer(db, { agencyId: agency.id, input: { ...officer, pin: input.pin ?? null, photo: photo.dataUrl }, userId: user.id });
    return data<Outcome>({ ok: true, message: t("kiosk.created", { name: input.name }) });
  }
  if (!owned(input.officer)) return data<Outcome>({ ok: false, message: t("kiosk.unknownOfficer") }, { status: 400 });
  const pin = input.removePin === "on" ? null : input.pin;
  const newPhoto = input.removePhoto === "on" ? null : (photo.dataUrl ?? undefined);
  await updateOfficer(db, { id: input.officer, agencyId: agency.id, input: { ...officer, pin, photo: newPhoto }, userId: user.id });
  return data<Outcome>({ ok: true, message: t("kiosk.updated", { name: input.name }) });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function OfficersPage() {
  const { agency, agencies, range, invalidPeriod, officers } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const editing = officers.find((o) => String(o.id) === params.get("sua"));
  return (
    <main className="page wide">
      <h1>
        {t("kiosk.officersTitle")} — {agency.name}
      </h1>
      <p className="help">{t("kiosk.officersIntro")}</p>
      {outcome ? (
        <div className={outcome.ok ? "ok-summary" : "err-summary"} role={outcome.ok ? "status" : "alert"}>
          <p>{outcome.message}</p>
        </div>
      ) : null}
      {invalidPeriod ? (
        <div className="err-summary" role="alert">
          <p>{t("kiosk.invalidPeriod")}</p>
        </div>
      ) : null}
      <Form method="get" className="qr-filter">
        {agencies.length ? (
          <>
            <label htmlFor="cb-agency">{t("kiosk.agency")}</label>{" "}
            <select id="cb-agency" name="co-quan" defaultValue={agency.code}>
              {agencies.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name}
                </option>
              ))}
            </select>{" "}
          </>
        ) : null}
        <label htmlFor="cb-from">{t("kiosk.from")}</label> <input id="cb-from" type="date" name="tu" defaultValue={range.from} />{" "}
        <label htmlFor="cb-to">{t("kiosk.to")}</label> <input id="cb-to" type="date" name="den" defaultValue={range.to} />{" "}
        <button type="submit">{t("kiosk.show")}</button>
      </Form>
      <FiguresTable />
      <OfficerList />
      <OfficerForm key={editing?.id ?? "new"} editing={editing} outcome={outcome} />
    </main>
  );
}

function FiguresTable() {
  const { figures } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language === "en" ? "en" : "vi";
  return (
    <section aria-labelledby="cb-figures">
      <h2 id="cb-figures">{t("kiosk.figuresTitle")}</h2>
      <p className="help">{t("kiosk.figuresIntro")}</p>
      {figures.length === 0 ? <p>{t("kiosk.noFigures")}</p> : null}
      {figures.length ? (
        <AdminTable
          columns={[
            t("kiosk.colRank"),
            t("kiosk.colOfficer"),
            t("kiosk.colResponses"),
            t("kiosk.colRate"),
            t("kiosk.colInterval"),
            t("kiosk.colTarget"),
            t("kiosk.colLowest"),
          ]}
        >
          {figures.map((f) => {
            const index = f.indexCell;
            return (
              <tr key={f.key}>
                <td>{f.rank ?? t("kiosk.notRanked")}</td>
                <th scope="row">
                  {f.label}
                  {f.title ? (
                    <>
                      <br />
                      <small>{f.title}</small>
                    </>
                  ) : null}
                </th>
                <td>{formatCount(f.responses, locale)}</td>
                <td>
                  {formatRate(f.index, locale)}
                  {f.fewAnswers ? <span className="badge"> {t("kiosk.fewAnswers")}</span> : null}
                </td>
                <td>{index ? formatInterval(index.ciLow, index.ciHigh, locale) : "—"}</td>
                <td>{f.target?.met === true ? t("kiosk.met") : f.target?.met === false ? t("kiosk.notMet") : "—"}</td>
                <td>{f.lowest ? `${f.lowest.label} (${formatRate(f.lowest.rate, locale)})` : "—"}</td>
              </tr>
            );
          })}
        </AdminTable>
      ) : null}
    </section>
  );
}

function OfficerList() {
  const { officers, agency } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const editHref = (id: number) => {
    const next = new URLSearchParams(params);
    next.set("co-quan", agency.code);
    next.set("sua", String(id));
    return `?${next.toString()}#cb-form`;
  };
  return (
    <section aria-labelledby="cb-list">
      <h2 id="cb-list">{t("kiosk.listTitle")}</h2>
      <ul className="officer-list">
        {officers.map((o) => (
          <li key={o.id}>
            {o.photo ? <img src={o.photo} alt="" width={40} height={40} /> : null} <strong>{o.name}</strong>
            {o.title ? ` — ${o.title}` : ""} · {o.hasPin ? t("kiosk.hasPin") : t("kiosk.noPin")} · {o.counters.join(", ") || "—"}
            {o.disabled ? ` · ${t("kiosk.disabled")}` : ""} · <a href={editHref(o.id)}>{t("kiosk.edit")}</a>
            <ActionForm
              target={{ name: "officer", value: o.id }}
              intent={o.disabled ? "enable" : "disable"}
              submit={o.disabled ? t("kiosk.enable") : t("kiosk.disable")}
              className="inline-form"
              buttonClassName="link"
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function OfficerForm({ editing, outcome }: { editing?: LoaderData["officers"][number]; outcome?: Outcome }) {
  const { counters } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [form, fields] = useStaffForm(FORM_ID, officerForm, outcome);
  return (
    <section aria-labelledby="cb-form">
      <h2 id="cb-form">{editing ? t("kiosk.editTitle", { name: editing.name }) : t("kiosk.addTitle")}</h2>
      <Form method="post" encType="multipart/form-data" className="stack-form" {...getFormProps(form)}>
        <CsrfInput />
        {editing ? <input type="hidden" name="officer" value={editing.id} /> : null}
        <label>
          {t("kiosk.name")}{" "}
          <input {...getInputProps(fields.name, { type: "text", value: false })} defaultValue={editing?.name ?? ""} autoComplete="off" />
        </label>
        <FieldError field={fields.name} />
        <label>
          {t("kiosk.jobTitle")}{" "}
          <input {...getInputProps(fields.title, { type: "text", value: false })} defaultValue={editing?.title ?? ""} autoComplete="off" />
        </label>
        <FieldError field={fields.title} />
        <label>
          {t("kiosk.photo")} <input {...getInputProps(fields.photo, { type: "file" })} accept="image/jpeg,image/png,image/webp" />
        </label>
        <FieldError field={fields.photo} />
        {editing?.photo ? (
          <label>
            <input type="checkbox" name="removePhoto" /> {t("kiosk.removePhoto")}
          </label>
        ) : null}
        <label>
          {editing ? t("kiosk.pin") : t("kiosk.pinNew")}{" "}
          <input {...getInputProps(fields.pin, { type: "password", value: false })} inputMode="numeric" autoComplete="new-password" />
        </label>
        <FieldError field={fields.pin} />
        {editing?.hasPin ? (
          <label>
            <input type="checkbox" name="removePin" /> {t("kiosk.removePin")}
          </label>
        ) : null}
        <fieldset>
          <legend>{t("kiosk.counters")}</legend>
          {counters.map((c) => (
            <label key={c.id}>
              <input type="checkbox" name="counter" value={c.id} defaultChecked={editing?.counters.includes(c.code) ?? false} /> {c.name} ({c.code})
            </label>
          ))}
        </fieldset>
        <button type="submit" name="intent" value={editing ? "update" : "create"}>
          {editing ? t("kiosk.save") : t("kiosk.add")}
        </button>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("kiosk.officersTitle") }];
