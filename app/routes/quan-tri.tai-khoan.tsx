/**
 * Accounts and API keys (admin only): create and disable users, create and revoke API keys. A new key
 * is shown once, here, and never again (only its hash is kept). Every change is audited.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { createApiKey, revokeApiKey } from "~/auth/api-keys.server";
import { audit } from "~/auth/audit.server";
import { API_KEY_KINDS, MIN_PASSWORD_LENGTH, USER_ROLES, type ApiKeyKind } from "~/auth/roles";
import { requireUser } from "~/auth/session.server";
import { createUser, UserInputError } from "~/auth/users.server";
import { ActionForm } from "~/components/admin/ActionForm";
import { AdminTable } from "~/components/admin/AdminTable";
import { CsrfInput } from "~/components/CsrfInput";
import { revokeUserDevices } from "~/field/devices.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { formatInstant } from "~/i18n/vn-time";
import { requireForm } from "~/security/staff-form.server";
import { services } from "~/services.server";

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["admin"]);
  const { db } = services();
  const users = db.$client
    .prepare(
      `select u.id, u.username, u.display_name as displayName, u.role, a.code as agency, u.disabled_at as disabledAt
         from users u left join agencies a on a.id = u.agency_id order by u.username`,
    )
    .all() as { id: number; username: string; displayName: string; role: string; agency: string | null; disabledAt: number | null }[];
  const keys = db.$client
    .prepare(
      `select k.id, k.kind, k.name, k.prefix, a.code as agency, k.created_at as createdAt, k.last_used_at as lastUsedAt,
              k.revoked_at as revokedAt
         from api_keys k left join agencies a on a.id = k.agency_id order by k.created_at desc`,
    )
    .all() as { id: number; kind: string; name: string; prefix: string; agency: string | null; createdAt: number; lastUsedAt: number | null; revokedAt: number | null }[];
  const agencies = db.$client.prepare("select code, name from agencies order by level, name").all() as { code: string; name: string }[];
  const auditEntries = db.$client
    .prepare(
      `select l.id, l.at, u.username, l.action, l.target from audit_log l left join users u on u.id = l.user_id
        order by l.id desc limit 50`,
    )
    .all() as { id: number; at: number; username: string | null; action: string; target: string | null }[];
  return { users, keys, agencies, auditEntries };
}

type Outcome = { ok: boolean; message: string; key?: string };

export async function action({ request }: ActionFunctionArgs) {
  const admin = requireUser(request, ["admin"]);
  const form = await requireForm(request);
  const { db } = services();
  const t = fixedT(localeOf(request));
  const intent = String(form.get("intent") ?? "");
  const text = (name: string) => String(form.get(name) ?? "").trim();
  try {
    switch (intent) {
      case "create-user": {
        const id = await createUser(db, {
          username: text("username"),
          displayName: text("displayName"),
          role: text("role"),
          agencyCode: text("agency") || undefined,
          password: String(form.get("password") ?? ""),
        });
        // The name as stored (createUser lowercases it), so the log and the list agree.
        const username = text("username").toLowerCase();
        audit(db, { userId: admin.id, action: "user.create", target: username, details: { id, role: text("role"), agency: text("agency") || null } });
        return data<Outcome>({ ok: true, message: t("admin.userCreated", { username }) });
      }
      case "toggle-user": {
        const id = Number(form.get("id"));
        if (id === admin.id) throw new UserInputError(t("admin.cannotDisableSelf"));
        const changed = db.$client
          .prepare("update users set disabled_at = case when disabled_at is null then ? else null end where id = ?")
          .run(Date.now(), id).changes;
        if (!changed) throw new UserInputError(t("admin.notFound"));
        // A disabled account loses its sessions at once, and its tablets' keys (which outlive a session).
        db.$client.prepare("delete from sessions where user_id = ?").run(id);
        const disabled = db.$client.prepare("select disabled_at is not null as d from users where id = ?").get(id) as { d: number };
        const devicesRevoked = disabled.d ? revokeUserDevices(db, id) : 0;
        audit(db, { userId: admin.id, action: "user.toggle", target: String(id), ...(devicesRevoked ? { details: { devicesRevoked } } : {}) });
        return data<Outcome>({ ok: true, message: t("admin.saved") });
      }
      case "create-key": {
        const kind = text("kind");
        if (!(API_KEY_KINDS as readonly string[]).includes(kind)) throw new UserInputError(t("admin.badKind"));
        const name = text("name");
        if (!name) throw new UserInputError(t("admin.nameRequired"));
        const agencyCode = text("agency");
        const agency = agencyCode ? (db.$client.prepare("select id from agencies where code = ?").get(agencyCode) as { id: number } | undefined) : undefined;
        if (agencyCode && !agency) throw new UserInputError(t("validation.unknownAgency", { value: agencyCode }));
        const created = createApiKey(db, { kind: kind as ApiKeyKind, name, agencyId: agency?.id ?? null });
        audit(db, { userId: admin.id, action: "apikey.create", target: created.prefix, details: { kind, name, agency: agencyCode || null } });
        return data<Outcome>({ ok: true, message: t("admin.keyCreated"), key: created.key });
      }
      case "revoke-key": {
        const id = Number(form.get("id"));
        if (!revokeApiKey(db, id)) throw new UserInputError(t("admin.notFound"));
        audit(db, { userId: admin.id, action: "apikey.revoke", target: String(id) });
        return data<Outcome>({ ok: true, message: t("admin.keyRevoked") });
      }
      default:
        throw new UserInputError(t("admin.notFound"));
    }
  } catch (error) {
    if (error instanceof UserInputError) return data<Outcome>({ ok: false, message: error.message }, { status: 400 });
    throw error;
  }
}

export default function AccountsPage() {
  const { users, keys, agencies, auditEntries } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
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
              <td>{u.agency ?? "—"}</td>
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
        <Form method="post" className="stack">
          <CsrfInput />
          <label htmlFor="nu-username">{t("auth.username")}</label>
          <input id="nu-username" name="username" required autoComplete="off" />
          <label htmlFor="nu-display">{t("admin.displayName")}</label>
          <input id="nu-display" name="displayName" />
          <label htmlFor="nu-role">{t("admin.role")}</label>
          <select id="nu-role" name="role" defaultValue="viewer">
            {USER_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`auth.role_${r}`)}
              </option>
            ))}
          </select>
          <label htmlFor="nu-agency">{t("admin.agencyForRole")}</label>
          <select id="nu-agency" name="agency" defaultValue="">
            <option value="">—</option>
            {agencies.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </select>
          <label htmlFor="nu-password">{t("admin.initialPassword", { min: MIN_PASSWORD_LENGTH })}</label>
          <input id="nu-password" name="password" type="password" autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} required />
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
              <td>{k.kind}</td>
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
        <Form method="post" className="stack">
          <CsrfInput />
          <label htmlFor="nk-kind">{t("admin.kind")}</label>
          <select id="nk-kind" name="kind" defaultValue="integration">
            {API_KEY_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
          <label htmlFor="nk-name">{t("admin.keyName")}</label>
          <input id="nk-name" name="name" required />
          <label htmlFor="nk-agency">{t("admin.agency")}</label>
          <select id="nk-agency" name="agency" defaultValue="">
            <option value="">—</option>
            {agencies.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </select>
          <button type="submit" name="intent" value="create-key" className="primary">
            {t("admin.create")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="audit-h">
        <h2 id="audit-h">{t("admin.audit")}</h2>
        <AdminTable
          caption={{ text: t("admin.auditCaption"), className: "help" }}
          columns={[
            t("admin.when"),
            t("auth.username"),
            t("admin.action"),
            t("admin.target"),
          ]}
        >
          {auditEntries.map((e) => (
            <tr key={e.id}>
              <td>{when(e.at)}</td>
              <td>{e.username ?? "—"}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>{e.target ?? "—"}</td>
            </tr>
          ))}
        </AdminTable>
      </section>
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("nav.users") }];
