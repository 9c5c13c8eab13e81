/**
 * Counter tablets (admin only): pair a tablet with a counter (a single-use code and its QR), see each
 * kiosk's last contact, ratings still on the tablet and app version, set its cool-down and daily cap,
 * unpair it (its key is revoked at once). Every change is audited.
 */
import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { requestBaseUrl } from "~/addresses/addresses.server";
import { requireUser } from "~/auth/session.server";
import { AdminTable } from "~/components/admin/AdminTable";
import { ConfirmForm } from "~/components/admin/ConfirmForm";
import { FieldError, useStaffForm, type FormReply } from "~/components/admin/staff-form";
import { CsrfInput } from "~/components/CsrfInput";
import { qrPath } from "~/counters/qr.server";
import { formatInstant } from "~/i18n/vn-time";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { formatPairingCode } from "~/kiosk/codes";
import { createPairingCode, listKiosks, pairableCounter, pairableCounters, setKioskLimits, unpairDevice } from "~/kiosk/pairing.server";
import { replyFor, requireForm } from "~/security/staff-form.server";
import { services } from "~/services.server";

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["admin"]);
  const { db, env } = services();
  return {
    kiosks: listKiosks(db),
    counters: pairableCounters(db),
    kioskUrl: `${requestBaseUrl(env, request)}/kiosk`,
    defaults: { cooldownSeconds: env.KIOSK_COOLDOWN_SECONDS, dailyCap: env.KIOSK_DAILY_CAP },
  };
}

/** Pair a tablet with a counter (form "pair"). */
const pairForm = z.object({ counter: z.string({ error: "kiosk.unknownCounterPair" }) });

/** A kiosk's limits (form "limits-<device>"): empty means the province default. */
const limitsForm = z.object({
  device: z.number().int().positive(),
  cooldown: z
    .number({ error: "kiosk.cooldownInvalid" })
    .int({ error: "kiosk.cooldownInvalid" })
    .min(0, { error: "kiosk.cooldownInvalid" })
    .max(3600, { error: "kiosk.cooldownInvalid" })
    .optional(),
  cap: z
    .number({ error: "kiosk.capInvalid" })
    .int({ error: "kiosk.capInvalid" })
    .min(0, { error: "kiosk.capInvalid" })
    .max(100_000, { error: "kiosk.capInvalid" })
    .optional(),
});

/** Unpair a tablet (ConfirmForm: its box must be ticked). */
const unpairForm = z.object({ device: z.number().int().positive(), confirm: z.literal("on").optional() });

const actionSchema = z.discriminatedUnion("intent", [
  pairForm.extend({ intent: z.literal("pair") }),
  limitsForm.extend({ intent: z.literal("limits") }),
  unpairForm.extend({ intent: z.literal("unpair") }),
]);

type Outcome = {
  ok: boolean;
  message: string;
  /** The kiosk row the message belongs to. */
  device?: number;
  pair?: { counter: string; code: string; expires: string; url: string; qr: { size: number; d: string } };
} & Partial<FormReply>;

export async function action({ request }: ActionFunctionArgs) {
  const admin = requireUser(request, ["admin"]);
  const form = await requireForm(request);
  const { db, env, secret } = services();
  const t = fixedT(localeOf(request));
  const submission = parseWithZod(form, { schema: actionSchema });
  if (submission.status !== "success") {
    // The row the refused form came from, to show the message there.
    const device = Number(submission.payload.device) || undefined;
    if (submission.payload.intent === "pair")
      return data<Outcome>({ ok: false, message: t("kiosk.unknownCounterPair"), ...replyFor("pair", submission) }, { status: 400 });
    if (submission.payload.intent !== "limits" || !device)
      return data<Outcome>({ ok: false, message: t("kiosk.unknownDevice"), device }, { status: 400 });
    return data<Outcome>({ ok: false, message: t("kiosk.limitsInvalid"), device, ...replyFor(`limits-${device}`, submission) }, { status: 400 });
  }
  const input = submission.value;
  const kioskName = (id: number) => listKiosks(db).find((k) => k.id === id)?.name ?? String(id);
  switch (input.intent) {
    case "pair": {
      const counter = pairableCounter(db, input.counter);
      if (!counter) return data<Outcome>({ ok: false, message: t("kiosk.unknownCounterPair") }, { status: 400 });
      const { code, expiresAt } = createPairingCode(db, { secret, counterId: counter.id, userId: admin.id });
      const url = `${requestBaseUrl(env, request)}/kiosk?ma=${code}`;
      const label = `${counter.name} (${counter.code})`;
      return data<Outcome>({
        ok: true,
        message: t("kiosk.pairCodeShown", { counter: label, code: formatPairingCode(code) }),
        pair: { counter: label, code: formatPairingCode(code), expires: formatInstant(expiresAt), url, qr: qrPath(url) },
      });
    }
    case "limits": {
      const ok = setKioskLimits(db, {
        deviceId: input.device,
        cooldownSeconds: input.cooldown ?? null,
        dailyCap: input.cap ?? null,
        userId: admin.id,
      });
      if (!ok) return data<Outcome>({ ok: false, message: t("kiosk.unknownDevice"), device: input.device }, { status: 400 });
      return data<Outcome>({ ok: true, message: t("kiosk.limitsSaved", { name: kioskName(input.device) }), device: input.device });
    }
    case "unpair": {
      if (input.confirm !== "on")
        return data<Outcome>({ ok: false, message: t("kiosk.unpairConfirmRequired"), device: input.device }, { status: 400 });
      const ok = unpairDevice(db, { deviceId: input.device, userId: admin.id });
      if (!ok) return data<Outcome>({ ok: false, message: t("kiosk.unknownDevice"), device: input.device }, { status: 400 });
      return data<Outcome>({ ok: true, message: t("kiosk.unpaired", { name: kioskName(input.device) }), device: input.device });
    }
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function KioskAdminPage() {
  const { kiosks, counters, kioskUrl } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const [pairing, pairFields] = useStaffForm("pair", pairForm, outcome);
  const { t } = useTranslation();
  return (
    <main className="page wide">
      <h1>{t("kiosk.adminTitle")}</h1>
      <p className="help">{t("kiosk.adminIntro", { url: kioskUrl })}</p>
      {outcome && outcome.device === undefined && !outcome.pair ? (
        <div className={outcome.ok ? "ok-summary" : "err-summary"} role="status">
          <p>{outcome.message}</p>
        </div>
      ) : null}
      {outcome?.pair ? <PairingCode pair={outcome.pair} /> : null}
      <section aria-labelledby="pair-new">
        <h2 id="pair-new">{t("kiosk.countersTitle")}</h2>
        <Form method="post" className="qr-filter" {...getFormProps(pairing)}>
          <CsrfInput />
          <label htmlFor={pairFields.counter.id}>{t("kiosk.colCounter")}</label>{" "}
          <select {...getSelectProps(pairFields.counter, { value: false })}>
            {counters.map((c) => (
              <option key={c.code} value={c.code}>
                {c.agencyName} — {c.name} ({c.code})
              </option>
            ))}
          </select>{" "}
          <button type="submit" name="intent" value="pair">
            {t("kiosk.pairButton")}
          </button>
          <FieldError field={pairFields.counter} />
        </Form>
      </section>
      <KioskTable kiosks={kiosks} outcome={outcome} />
    </main>
  );
}

function PairingCode({ pair }: { pair: NonNullable<Outcome["pair"]> }) {
  const { t } = useTranslation();
  return (
    <section className="ok-summary kiosk-pair-code" role="status" aria-labelledby="pair-code-title">
      <h2 id="pair-code-title">{t("kiosk.pairCodeFor", { counter: pair.counter })}</h2>
      <p className="kiosk-code">
        <output aria-label={t("kiosk.pairCode")}>{pair.code}</output>
      </p>
      <p>{t("kiosk.pairCodeExpires", { time: pair.expires })}</p>
      <svg
        role="img"
        aria-label={t("kiosk.pairQrAlt", { counter: pair.counter })}
        viewBox={`0 0 ${pair.qr.size} ${pair.qr.size}`}
        width="200"
        height="200"
      >
        <rect width={pair.qr.size} height={pair.qr.size} fill="#fff" />
        <path d={pair.qr.d} fill="#000" />
      </svg>
      <p>
        <code className="qr-url">{pair.url}</code>
      </p>
    </section>
  );
}

function KioskTable({ kiosks, outcome }: { kiosks: LoaderData["kiosks"]; outcome?: Outcome }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="kiosks">
      <h2 id="kiosks">{t("kiosk.kiosksTitle")}</h2>
      {kiosks.length === 0 ? <p>{t("kiosk.noKiosks")}</p> : null}
      {kiosks.length ? (
        <AdminTable
          columns={[
            t("kiosk.colCounter"),
            t("kiosk.colContact"),
            t("kiosk.colPending"),
            t("kiosk.colAttention"),
            t("kiosk.colVersion"),
            t("kiosk.colLimits"),
            t("kiosk.colState"),
          ]}
        >
          {kiosks.map((k) => (
            <tr key={k.id} data-device={k.id}>
              <th scope="row">
                {k.counterName} <code>{k.counterCode}</code>
                <br />
                <small>{k.agencyName}</small>
              </th>
              <td>{k.lastContactAt ? formatInstant(k.lastContactAt) : t("kiosk.never")}</td>
              <td>{k.pendingCount}</td>
              <td>{k.attentionCount}</td>
              <td>{k.appVersion ?? "—"}</td>
              <td>{k.revokedAt === null ? <LimitsForm kiosk={k} outcome={outcome} /> : "—"}</td>
              <td>
                {outcome?.device === k.id ? (
                  <div className={outcome.ok ? "ok-summary" : "err-summary"} role="status">
                    <p>{outcome.message}</p>
                  </div>
                ) : null}
                {k.revokedAt === null ? (
                  <>
                    <p>{t("kiosk.stateActive")}</p>
                    <ConfirmForm
                      target={{ name: "device", value: k.id }}
                      intent="unpair"
                      confirm={t("kiosk.unpairConfirm")}
                      submit={t("kiosk.unpair")}
                    />
                  </>
                ) : (
                  <p>{t("kiosk.stateRevoked", { time: formatInstant(k.revokedAt) })}</p>
                )}
              </td>
            </tr>
          ))}
        </AdminTable>
      ) : null}
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("kiosk.adminTitle") }];

/** One kiosk's cool-down and daily cap: empty means the province default, shown as placeholder and hint. */
function LimitsForm({ kiosk: k, outcome }: { kiosk: LoaderData["kiosks"][number]; outcome?: Outcome }) {
  const { t } = useTranslation();
  const { defaults } = useLoaderData<typeof loader>();
  const [form, fields] = useStaffForm(`limits-${k.id}`, limitsForm, outcome);
  return (
    <Form method="post" className="kiosk-limits" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="device" value={k.id} />
      <LimitInput
        field={fields.cooldown}
        hintId={`cd-hint-${k.id}`}
        label={t("kiosk.cooldownLabel")}
        hint={t("kiosk.defaultHint", { value: defaults.cooldownSeconds })}
        value={k.cooldownSeconds}
        fallback={defaults.cooldownSeconds}
      />
      <LimitInput
        field={fields.cap}
        hintId={`cap-hint-${k.id}`}
        label={t("kiosk.dailyCapLabel")}
        hint={t("kiosk.defaultHint", { value: defaults.dailyCap })}
        value={k.dailyCap}
        fallback={defaults.dailyCap}
      />
      <button type="submit" name="intent" value="limits">
        {t("kiosk.saveLimits")}
      </button>
    </Form>
  );
}

type LimitField = Parameters<typeof getInputProps>[0] & { errorId: string; errors?: string[] };

function LimitInput(props: { field: LimitField; hintId: string; label: string; hint: string; value: number | null; fallback: number }) {
  return (
    <>
      <label>
        {props.label}{" "}
        <input
          {...getInputProps(props.field, { type: "number", value: false, ariaDescribedBy: props.hintId })}
          inputMode="numeric"
          defaultValue={props.value ?? ""}
          placeholder={String(props.fallback)}
        />
      </label>
      <small id={props.hintId}>{props.hint}</small>
      <FieldError field={props.field} />
    </>
  );
}
