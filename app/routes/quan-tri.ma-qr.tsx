/**
 * Counters' QR codes (admin only): each counter's short address, its QR code as SVG or PNG, A5/A4
 * posters, token rotation (the printed posters stop working) and switching a counter off. Every change
 * is audited.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { audit } from "~/auth/audit.server";
import { isLoopbackUrl, requestBaseUrl } from "~/addresses/addresses.server";
import { requireUser } from "~/auth/session.server";
import { ActionForm } from "~/components/admin/ActionForm";
import { AdminTable } from "~/components/admin/AdminTable";
import { ConfirmForm } from "~/components/admin/ConfirmForm";
import { counterUrl, findQrCounter, listQrCounters, rotateToken, setCounterActive } from "~/counters/qr.server";
import { agencyChoices } from "~/directory/choices.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { requireForm } from "~/security/staff-form.server";
import { services } from "~/services.server";

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["admin"]);
  const { db, env } = services();
  const agencyCode = new URL(request.url).searchParams.get("co-quan") || undefined;
  const base = requestBaseUrl(env, request);
  const agencies = agencyChoices(db);
  const groups: { code: string; name: string; counters: { code: string; name: string; url: string; active: boolean }[] }[] = [];
  for (const c of listQrCounters(db, { agencyCode })) {
    let group = groups.at(-1);
    if (group?.code !== c.agencyCode) {
      group = { code: c.agencyCode, name: c.agencyName, counters: [] };
      groups.push(group);
    }
    group.counters.push({ code: c.code, name: c.name, url: counterUrl(base, c.token), active: c.active });
  }
  return { agencies, agencyCode: agencyCode ?? "", groups, loopbackBase: isLoopbackUrl(base) ? base : null };
}

/** The row forms: rotate a counter's token (ConfirmForm: its box must be ticked), switch it off or on (ActionForm). */
const rotateForm = z.object({ counter: z.string(), confirm: z.literal("on").optional() });
const switchForm = z.object({ counter: z.string() });
const actionSchema = z.discriminatedUnion("intent", [
  rotateForm.extend({ intent: z.literal("rotate") }),
  switchForm.extend({ intent: z.literal("disable") }),
  switchForm.extend({ intent: z.literal("enable") }),
]);

/** `counter`: the row the message belongs to (shown there, where the admin clicked, not at the top of a long page). */
type Outcome = { ok: boolean; message: string; counter?: string };

export async function action({ request }: ActionFunctionArgs) {
  const admin = requireUser(request, ["admin"]);
  const form = await requireForm(request);
  const { db } = services();
  const t = fixedT(localeOf(request));
  const submission = parseWithZod(form, { schema: actionSchema });
  if (submission.status !== "success") return data<Outcome>({ ok: false, message: t("qr.unknownCounter") }, { status: 400 });
  const input = submission.value;
  const counter = findQrCounter(db, input.counter);
  if (!counter) return data<Outcome>({ ok: false, message: t("qr.unknownCounter") }, { status: 400 });
  switch (input.intent) {
    case "rotate": {
      if (input.confirm !== "on") return data<Outcome>({ ok: false, message: t("qr.confirmRequired"), counter: counter.code }, { status: 400 });
      rotateToken(db, counter.id);
      // Never the tokens themselves: the log is readable by more people than the posters should be.
      audit(db, { userId: admin.id, action: "counter.rotate", target: counter.code });
      return data<Outcome>({ ok: true, message: t("qr.rotated", { code: counter.code }), counter: counter.code });
    }
    case "disable":
      setCounterActive(db, counter.id, false);
      audit(db, { userId: admin.id, action: "counter.disable", target: counter.code });
      return data<Outcome>({ ok: true, message: t("qr.disabled", { code: counter.code }), counter: counter.code });
    case "enable":
      setCounterActive(db, counter.id, true);
      audit(db, { userId: admin.id, action: "counter.enable", target: counter.code });
      return data<Outcome>({ ok: true, message: t("qr.enabled", { code: counter.code }), counter: counter.code });
  }
}

export default function QrCodesPage() {
  const { agencies, agencyCode, groups, loopbackBase } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <main className="page wide">
      <h1>{t("qr.title")}</h1>
      <p className="help">{t("qr.intro")}</p>
      {loopbackBase ? (
        <p className="err-summary" role="note">
          {t("qr.loopbackAddress", { base: loopbackBase })}
        </p>
      ) : null}
      {outcome && !outcome.counter ? (
        <div className={outcome.ok ? "ok-summary" : "err-summary"} role="status">
          <p>{outcome.message}</p>
        </div>
      ) : null}
      <Form method="get" className="qr-filter">
        <label htmlFor="qr-agency">{t("qr.filterAgency")}</label>{" "}
        <select id="qr-agency" name="co-quan" defaultValue={agencyCode}>
          <option value="">{t("qr.allAgencies")}</option>
          {agencies.map((a) => (
            <option key={a.code} value={a.code}>
              {a.name}
            </option>
          ))}
        </select>{" "}
        <button type="submit">{t("qr.show")}</button>
      </Form>
      {groups.length === 0 ? <p>{t("qr.noCounters")}</p> : null}
      {groups.map((g) => (
        <AgencyCounters key={g.code} group={g} outcome={outcome} />
      ))}
    </main>
  );
}

function AgencyCounters({ group, outcome }: { group: ReturnType<typeof useLoaderData<typeof loader>>["groups"][number]; outcome?: Outcome }) {
  const { t } = useTranslation();
  const headingId = `qr-${group.code}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{group.name}</h2>
      <p>
        <a href={`/quan-tri/ma-qr/in?co-quan=${encodeURIComponent(group.code)}&kho=A4`}>{t("qr.printAgency")}</a>
      </p>
      <AdminTable columns={[t("qr.counter"), t("qr.url"), t("qr.status"), t("qr.actions")]}>
        {group.counters.map((c) => {
          const code = encodeURIComponent(c.code);
          return (
            <tr key={c.code}>
              <th scope="row">
                {c.name} <code>{c.code}</code>
              </th>
              <td>
                <code className="qr-url">{c.url}</code>
              </td>
              <td>
                {c.active ? t("qr.active") : t("qr.inactive")}
                <ActionForm
                  target={{ name: "counter", value: c.code }}
                  intent={c.active ? "disable" : "enable"}
                  submit={c.active ? t("qr.disable") : t("qr.enable")}
                  buttonClassName="link"
                />
              </td>
              <td>
                {outcome?.counter === c.code ? (
                  <div className={outcome.ok ? "ok-summary" : "err-summary"} role="status">
                    <p>{outcome.message}</p>
                  </div>
                ) : null}
                <p className="qr-links">
                  {/* Plain links: downloads and the print page are documents, not client navigations. */}
                  <a href={`/quan-tri/ma-qr/${code}.svg`} download>
                    {t("qr.downloadSvg")}
                  </a>{" "}
                  ·{" "}
                  <a href={`/quan-tri/ma-qr/${code}.png`} download>
                    {t("qr.downloadPng")}
                  </a>{" "}
                  · <a href={`/quan-tri/ma-qr/in?quay=${code}&kho=A5`}>{t("qr.posterA5")}</a> ·{" "}
                  <a href={`/quan-tri/ma-qr/in?quay=${code}&kho=A4`}>{t("qr.posterA4")}</a>
                </p>
                <ConfirmForm
                  className="qr-rotate"
                  target={{ name: "counter", value: c.code }}
                  intent="rotate"
                  confirm={t("qr.rotateConfirm")}
                  submit={t("qr.rotate")}
                />
              </td>
            </tr>
          );
        })}
      </AdminTable>
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("qr.title") }];
