/**
 * Accounts and API keys (admin only): create and disable users, create and revoke API keys. A new key
 * is shown once, here, and never again (only its hash is kept). Every change is audited.
 */
import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { createApiKey, listApiKeys, revokeApiKey } from "~/auth/api-keys.server";
import { audit, recentAudit } from "~/auth/audit.server";
import { API_KEY_KINDS, MIN_PASSWORD_LENGTH, USER_ROLES } from "~/auth/roles";
import { auditActionWords } from "~/auth/audit-words";
import { requireUser } from "~/auth/session.server";
import { createUser, listUsers, toggleUserDisabled, UserInputError } from "~/auth/users.server";
import { ActionForm } from "~/components/admin/ActionForm";
import { AdminTable } from "~/components/admin/AdminTable";
import { FieldError, useStaffForm, type FormReply } from "~/components/admin/staff-form";
import { CsrfInput } from "~/components/CsrfInput";
import { agencyChoices } from "~/directory/choices.server";
import { idOfCode } from "~/directory/ids.server";
import { revokeUserDevices } from "~/field/devices.server";
import { SERVICE_SECTORS } from "~/survey/codes";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { formatInstant } from "~/i18n/vn-time";
import { replyFor, requireForm } from "~/security/staff-form.server";
import { services } from "~/services.server";

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["admin"]);
  const { db } = services();
  return { users: listUsers(db), keys: listApiKeys(db), agencies: agencyChoices(db), auditEntries: recentAudit(db, 50) };
}

/** The new account (form "nu"): the rules createUser applies too, checked in the browser first. */
const newUserForm = z
  .object({
    // createUser lowercases the name, so capitals are accepted here. The hyphen stands outside the class: the
    // browser reads a `pattern` attribute with the `v` flag, where a bare "-" in a class is a syntax error.
    username: z
      .string({ error: "admin.usernameInvalid" })
      .trim()
      .regex(/^(?:[A-Za-z0-9._]|-){3,40}$/, { error: "admin.usernameInvalid" }),
    displayName: z.string().trim().optional(),
    role: z.enum(USER_ROLES, { error: "admin.badRole" }),
    agency: z.string().trim().optional(),
    sector: z.enum(SERVICE_SECTORS, { error: "admin.sectorRequired" }).optional(),
    password: z.string({ error: "admin.passwordShort" }).min(MIN_PASSWORD_LENGTH, { error: "admin.passwordShort" }),
  })
  .refine((v) => v.role !== "agency" || Boolean(v.agency), { path: ["agency"], error: "admin.agencyRequired" })
  .refine((v) => v.role !== "sector" || Boolean(v.sector), { path: ["sector"], error: "admin.sectorRequired" });

/** The new API key (form "nk"). */
const newKeyForm = z.object({
  kind: z.enum(API_KEY_KINDS, { error: "admin.badKind" }),
  name: z.string({ error: "admin.nameRequired" }).trim().min(1, { error: "admin.nameRequired" }),
  agency: z.string().trim().optional(),
});

const rowForm = z.object({ id: z.number().int() });

const actionSchema = z.discriminatedUnion("intent", [
  newUserForm.extend({ intent: z.literal("create-user") }),
  rowForm.extend({ intent: z.literal("toggle-user") }),
  newKeyForm.extend({ intent: z.literal("create-key") }),
  rowForm.extend({ intent: z.literal("revoke-key") }),
]);

/** The forms whose fields show their own errors, by the intent of their button. */
const FORM_OF_INTENT: Record<string, string> = { "create-user": "nu", "create-key": "nk" };

type Outcome = { ok: boolean; message: string; key?: string } & Partial<FormReply>;

export async function action({ request }: ActionFunctionArgs) {
  const admin = requireUser(request, ["admin"]);
  const form = await requireForm(request);
  const { db } = services();
  const t = fixedT(localeOf(request));
  const submission = parseWithZod(form, { schema: actionSchema });
  if (submission.status !== "success") {
    const id = FORM_OF_INTENT[String(submission.payload.intent)];
    // A one-tap row form cannot be wrong but by a stale or altered page.
    if (!id) return data<Outcome>({ ok: false, message: t("admin.notFound") }, { status: 400 });
    return data<Outcome>({ ok: false, message: t("form.fixBelow"), ...replyFor(id, submission) }, { status: 400 });
  }
  const input = submission.value;
  try {
    switch (input.intent) {
      case "create-user": {
        const id = await createUser(db, {
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          agencyCode: input.agency || undefined,
          // Only a sector department has a sector (a value left in the select for another role is not kept).
          sector: input.role === "sector" ? input.sector : undefined,
          password: input.password,
        });
        // The name as stored (createUser lowercases it), so the log and the list agree.
        const username = input.username.toLowerCase();
        audit(db, {
          userId: admin.id,
          action: "user.create",
          target: username,
          details: { id, role: input.role, agency: input.agency || null, ...(input.role === "sector" ? { sector: input.sector } : {}) },
        });
        return data<Outcome>({ ok: true, message: t("admin.userCreated", { username }) });
      }
      case "toggle-user": {
        const id = input.id;
        if (id === admin.id) throw new UserInputError(t("admin.cannotDisableSelf"));
        const toggled = toggleUserDisabled(db, id);
        if (!toggled) throw new UserInputError(t("admin.notFound"));
        // A disabled account loses its sessions at once (toggleUserDisabled), and its tablets' keys (which outlive a session).
        const devicesRevoked = toggled.disabled ? revokeUserDevices(db, id) : 0;
        audit(db, { userId: admin.id, action: "user.toggle", target: String(id), ...(devicesRevoked ? { details: { devicesRevoked } } : {}) });
        return data<Outcome>({ ok: true, message: t("admin.saved") });
      }
      case "create-key": {
        const { kind, name } = input;
        const agencyCode = input.agency ?? "";
        const agencyId = agencyCode ? idOfCode(db, "agency", agencyCode) : null;
        if (agencyCode && agencyId === null) {
          const message = t("validation.unknownAgency", { value: agencyCode });
          return data<Outcome>({ ok: false, message, ...replyFor("nk", submission, { fieldErrors: { agency: [message] } }) }, { status: 400 });
        }
        const created = createApiKey(db, { kind, name, agencyId });
        audit(db, { userId: admin.id, action: "apikey.create", target: created.prefix, details: { kind, name, agency: agencyCode || null } });
        return data<Outcome>({ ok: true, message: t("admin.keyCreated"), key: created.key });
      }
      case "revoke-key": {
        const id = input.id;
        if (!revokeApiKey(db, id)) throw new UserInputError(t("admin.notFound"));
        audit(db, { userId: admin.id, action: "apikey.revoke", target: String(id) });
        return data<Outcome>({ ok: true, message: t("admin.keyRevoked") });
      }
    }
  } catch (error) {
    if (error instanceof UserInputError) return data<Outcome>({ ok: false, message: error.message }, { status: 400 });
    throw error;
  }
}

export default function AccountsPage() {
  const { users, keys, agencies, auditEntries } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const [userForm, userFields] = useStaffForm("nu", newUserForm, outcome);
  const [keyForm, keyFields] = useStaffForm("nk", newKeyForm, outcome);
  const { t } = useTranslation();
  const when = (ms: number | null) => (ms ? formatInstant(ms) : "—");
  return (
    <main className="page wide">
      <h1>{t("nav.users")}</h1>
      {outcome ? (
        <div className={outcome.ok ? "ok-summary" : "err-summary"} role="status">
          <p>{outcome.message}</p>
          {outcome.key ? (
            <p>
              {t("admin.keyOnce")} <code className="secret">{outcome.key}</code>
            </p>
          ) : null}
        </div>
      ) : null}

      <section aria-labelledby="users-h">
        <h2 id="users-h">{t("admin.users")}</h2>
        <AdminTable columns={[t("auth.username"), t("admin.displayName"), t("admin.role"), t("admin.agency"), t("admin.status")]}>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.username}</td>
              <td>{u.displayName}</td>
              <td>{t(`auth.role_${u.role}` as "auth.role_admin")}</td>
              <td>{u.agency ?? (u.sector ? t(`serviceSector.${u.sector}`) : "—")}</td>
              <td>
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="id" value={u.id} />
                  <button type="submit" name="intent" value="toggle-user" className="link">
                    {u.disabledAt ? t("admin.enable") : t("admin.disable")}
                  </button>{" "}
                  {u.disabledAt ? t("admin.disabled") : t("admin.active")}
                </Form>
              </td>
            </tr>
          ))}
        </AdminTable>
        <h3>{t("admin.newUser")}</h3>
        <Form method="post" className="stack" {...getFormProps(userForm)}>
          <CsrfInput />
          <label htmlFor={userFields.username.id}>{t("auth.username")}</label>
          <input {...getInputProps(userFields.username, { type: "text", value: false })} autoComplete="off" />
          <FieldError field={userFields.username} />
          <label htmlFor={userFields.displayName.id}>{t("admin.displayName")}</label>
          <input {...getInputProps(userFields.displayName, { type: "text", value: false })} />
          <label htmlFor={userFields.role.id}>{t("admin.role")}</label>
          <select {...getSelectProps(userFields.role, { value: false })} defaultValue="viewer">
            {USER_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`auth.role_${r}`)}
              </option>
            ))}
          </select>
          <FieldError field={userFields.role} />
          <label htmlFor={userFields.agency.id}>{t("admin.agencyForRole")}</label>
          <select {...getSelectProps(userFields.agency, { value: false })} defaultValue="">
            <option value="">—</option>
            {agencies.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </select>
          <FieldError field={userFields.agency} />
          <label htmlFor={userFields.sector.id}>{t("admin.sectorForRole")}</label>
          <select {...getSelectProps(userFields.sector, { value: false })} defaultValue="">
            <option value="">—</option>
            {SERVICE_SECTORS.map((s) => (
              <option key={s} value={s}>
                {t(`serviceSector.department_${s}`)}
              </option>
            ))}
          </select>
          <FieldError field={userFields.sector} />
          <label htmlFor={userFields.password.id}>{t("admin.initialPassword", { min: MIN_PASSWORD_LENGTH })}</label>
          <input {...getInputProps(userFields.password, { type: "password", value: false })} autoComplete="new-password" />
          <FieldError field={userFields.password} values={{ min: MIN_PASSWORD_LENGTH }} />
          <button type="submit" name="intent" value="create-user" className="primary">
            {t("admin.create")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="keys-h">
        <h2 id="keys-h">{t("admin.keys")}</h2>
        <AdminTable columns={[t("admin.keyPrefix"), t("admin.kind"), t("admin.keyName"), t("admin.agency"), t("admin.lastUsed"), t("admin.status")]}>
          {keys.map((k) => (
            <tr key={k.id}>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td>{t(`admin.kind_${k.kind}`)}</td>
              <td>{k.name}</td>
              <td>{k.agency ?? "—"}</td>
              <td>{when(k.lastUsedAt)}</td>
              <td>
                {k.revokedAt ? (
                  t("admin.revoked")
                ) : (
                  <ActionForm target={{ name: "id", value: k.id }} intent="revoke-key" submit={t("admin.revoke")} buttonClassName="link" />
                )}
              </td>
            </tr>
          ))}
        </AdminTable>
        <h3>{t("admin.newKey")}</h3>
        <Form method="post" className="stack" {...getFormProps(keyForm)}>
          <CsrfInput />
          <label htmlFor={keyFields.kind.id}>{t("admin.kind")}</label>
          <select {...getSelectProps(keyFields.kind, { value: false })} defaultValue="integration">
            {API_KEY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`admin.kind_${k}`)}
              </option>
            ))}
          </select>
          <FieldError field={keyFields.kind} />
          <label htmlFor={keyFields.name.id}>{t("admin.keyName")}</label>
          <input {...getInputProps(keyFields.name, { type: "text", value: false })} />
          <FieldError field={keyFields.name} />
          <label htmlFor={keyFields.agency.id}>{t("admin.agency")}</label>
          <select {...getSelectProps(keyFields.agency, { value: false })} defaultValue="">
            <option value="">—</option>
            {agencies.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </select>
          <FieldError field={keyFields.agency} />
          <button type="submit" name="intent" value="create-key" className="primary">
            {t("admin.create")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="audit-h">
        <h2 id="audit-h">{t("admin.audit")}</h2>
        <AdminTable
          caption={{ text: t("admin.auditCaption"), className: "help" }}
          columns={[t("admin.when"), t("auth.username"), t("admin.action"), t("admin.target")]}
        >
          {auditEntries.map((e) => (
            <tr key={e.id}>
              <td>{when(e.at)}</td>
              <td>{e.username ?? "—"}</td>
              <td>{auditActionWords(t, e.action)}</td>
              <td>{e.target ?? "—"}</td>
            </tr>
          ))}
        </AdminTable>
      </section>
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("nav.users") }];
