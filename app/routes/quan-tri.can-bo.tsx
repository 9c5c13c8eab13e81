/**
 * Officers at the counters and their figures: the agency's head (own agency only) or an administrator
 * (any agency). Figures per officer are internal — this page is the only place they are shown; viewers
 * and other agencies' heads get 403. Adding and editing officers (photo, PIN, counters) is audited.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { agencyScope, SCOPED_WRITERS } from "~/auth/scope.server";
import { requireUser, type SessionUser } from "~/auth/session.server";
import { ActionForm } from "~/components/admin/ActionForm";
import { AdminTable } from "~/components/admin/AdminTable";
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
import { requireUploadForm } from "~/security/staff-form.server";
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

const baseFields = {
  name: z.string().trim().min(1, "nameRequired").max(120, "nameRequired"),
  title: z.string().trim().max(120, "titleTooLong").default(""),
  pin: z
    .string()
    .trim()
    .refine((v) => v === "" || PIN_PATTERN.test(v), "pinInvalid")
    .default(""),
};
const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), ...baseFields }),
  z.object({ intent: z.literal("update"), officer: z.coerce.number().int().positive(), ...baseFields, removePin: z.literal("on").optional(), removePhoto: z.literal("on").optional() }),
  z.object({ intent: z.literal("disable"), officer: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("enable"), officer: z.coerce.number().int().positive() }),
]);

type Outcome = { ok: boolean; message: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request, SCOPED_WRITERS);
  const form = await requireUploadForm(request, MAX_FORM_BYTES);
  if (!form) return data<Outcome>({ ok: false, message: fixedT(localeOf(request))("kiosk.photoTooLarge") }, { status: 413 });
  const { db } = services();
  const t = fixedT(localeOf(request));
  const agency = agencyOf(user, new URL(request.url).searchParams.get("co-quan"));
  if (!agency) return data<Outcome>({ ok: false, message: t("kiosk.unknownAgency") }, { status: 400 });
  const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
  const parsed = actionSchema.safeParse(fields);
  if (!parsed.success) {
    const key = parsed.error.issues[0]?.message;
    const known = ["nameRequired", "titleTooLong", "pinInvalid"] as const;
    const message = known.includes(key as (typeof known)[number]) ? t(`kiosk.${key as (typeof known)[number]}`) : t("kiosk.unknownOfficer");
    return data<Outcome>({ ok: false, message }, { status: 400 });
  }
  const input = parsed.data;
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
  const photo = await readPhoto(form.get("photo"));
  if (!photo.ok) return data<Outcome>({ ok: false, message: t(`kiosk.${photo.key}`) }, { status: 400 });
  const counterIds = form.getAll("counter").map(Number).filter(Number.isInteger);
  const officer: OfficerInput = { name: input.name, title: input.title, counterIds };
  if (input.intent === "create") {
    await createOfficer(db, { agencyId: agency.id, input: { ...officer, pin: input.pin || null, photo: photo.dataUrl }, userId: user.id });
    return data<Outcome>({ ok: true, message: t("kiosk.created", { name: input.name }) });
  }
  if (!owned(input.officer)) return data<Outcome>({ ok: false, message: t("kiosk.unknownOfficer") }, { status: 400 });
  const pin = input.removePin === "on" ? null : input.pin || undefined;
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
      <OfficerForm key={editing?.id ?? "new"} editing={editing} />
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

function OfficerForm({ editing }: { editing?: LoaderData["officers"][number] }) {
  const { counters } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="cb-form">
      <h2 id="cb-form">{editing ? t("kiosk.editTitle", { name: editing.name }) : t("kiosk.addTitle")}</h2>
      <Form method="post" encType="multipart/form-data" className="stack-form">
        <CsrfInput />
        {editing ? <input type="hidden" name="officer" value={editing.id} /> : null}
        <label>
          {t("kiosk.name")} <input name="name" required maxLength={120} defaultValue={editing?.name ?? ""} autoComplete="off" />
        </label>
        <label>
          {t("kiosk.jobTitle")} <input name="title" maxLength={120} defaultValue={editing?.title ?? ""} autoComplete="off" />
        </label>
        <label>
          {t("kiosk.photo")} <input type="file" name="photo" accept="image/jpeg,image/png,image/webp" />
        </label>
        {editing?.photo ? (
          <label>
            <input type="checkbox" name="removePhoto" /> {t("kiosk.removePhoto")}
          </label>
        ) : null}
        <label>
          {editing ? t("kiosk.pin") : t("kiosk.pinNew")}{" "}
          <input name="pin" inputMode="numeric" pattern="[0-9]{4,8}" autoComplete="new-password" type="password" />
        </label>
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
