/**
 * Counter tablets (admin only): pair a tablet with a counter (a single-use code and its QR), see each
 * kiosk's last contact, ratings still on the tablet and app version, set its cool-down and daily cap,
 * unpair it (its key is revoked at once). Every change is audited.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { requireUser } from "~/auth/session.server";
import { AdminTable } from "~/components/admin/AdminTable";
import { ConfirmForm } from "~/components/admin/ConfirmForm";
import { CsrfInput } from "~/components/CsrfInput";
import { qrPath } from "~/counters/qr.server";
import { formatInstant } from "~/i18n/vn-time";
import { publicUrl } from "~/env.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { formatPairingCode } from "~/kiosk/codes";
import { createPairingCode, listKiosks, setKioskLimits, unpairDevice } from "~/kiosk/pairing.server";
import { requireForm } from "~/security/staff-form.server";
import { services } from "~/services.server";

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["admin"]);
  const { db, env } = services();
  const counters = db.$client
    .prepare(
      `select c.code, c.name, a.name as agencyName from counters c join agencies a on a.id = c.agency_id
        where c.active = 1 order by a.level, a.name, c.code`,
    )
    .all() as { code: string; name: string; agencyName: string }[];
  return {
    kiosks: listKiosks(db),
    counters,
    kioskUrl: `${publicUrl(env)}/kiosk`,
    defaults: { cooldownSeconds: env.KIOSK_COOLDOWN_SECONDS, dailyCap: env.KIOSK_DAILY_CAP },
  };
}

const optionalInt = (max: number) =>
  z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number().int().min(0).max(max).nullable());

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("pair"), counter: z.string().min(1) }),
  z.object({ intent: z.literal("limits"), device: z.coerce.number().int().positive(), cooldown: optionalInt(3600), cap: optionalInt(100_000) }),
  z.object({ intent: z.literal("unpair"), device: z.coerce.number().int().positive(), confirm: z.literal("on").optional() }),
]);

type Outcome = {
  ok: boolean;
  message: string;
  /** The kiosk row the message belongs to. */
  device?: number;
  pair?: { counter: string; code: string; expires: string; url: string; qr: { size: number; d: string } };
};

export async function action({ request }: ActionFunctionArgs) {
  const admin = requireUser(request, ["admin"]);
  const form = await requireForm(request);
  const { db, env, secret } = services();
  const t = fixedT(localeOf(request));
  const parsed = actionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const limits = form.get("intent") === "limits";
    const device = Number(form.get("device")) || undefined;
    return data<Outcome>({ ok: false, message: t(limits ? "kiosk.limitsInvalid" : "kiosk.unknownDevice"), device }, { status: 400 });
  }
  const input = parsed.data;
  const kioskName = (id: number) => listKiosks(db).find((k) => k.id === id)?.name ?? String(id);
  switch (input.intent) {
    case "pair": {
      const counter = db.$client.prepare("select id, code, name from counters where code = ? and active = 1").get(input.counter) as
        | { id: number; code: string; name: string }
        | undefined;
      if (!counter) return data<Outcome>({ ok: false, message: t("kiosk.unknownCounterPair") }, { status: 400 });
      const { code, expiresAt } = createPairingCode(db, { secret, counterId: counter.id, userId: admin.id });
      const url = `${publicUrl(env)}/kiosk?ma=${code}`;
      const label = `${counter.name} (${counter.code})`;
      return data<Outcome>({
        ok: true,
        message: t("kiosk.pairCodeShown", { counter: label, code: formatPairingCode(code) }),
        pair: { counter: label, code: formatPairingCode(code), expires: formatInstant(expiresAt), url, qr: qrPath(url) },
      });
    }
    case "limits": {
      const ok = setKioskLimits(db, { deviceId: input.device, cooldownSeconds: input.cooldown, dailyCap: input.cap, userId: admin.id });
      if (!ok) return data<Outcome>({ ok: false, message: t("kiosk.unknownDevice"), device: input.device }, { status: 400 });
      return data<Outcome>({ ok: true, message: t("kiosk.limitsSaved", { name: kioskName(input.device) }), device: input.device });
    }
    case "unpair": {
      if (input.confirm !== "on") return data<Outcome>({ ok: false, message: t("kiosk.unpairConfirmRequired"), device: input.device }, { status: 400 });
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
        <Form method="post" className="qr-filter">
          <CsrfInput />
          <label htmlFor="pair-counter">{t("kiosk.colCounter")}</label>{" "}
          <select id="pair-counter" name="counter" required>
            {counters.map((c) => (
              <option key={c.code} value={c.code}>
                {c.agencyName} — {c.name} ({c.code})
              </option>
            ))}
          </select>{" "}
          <button type="submit" name="intent" value="pair">
            {t("kiosk.pairButton")}
          </button>
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
      <svg role="img" aria-label={t("kiosk.pairQrAlt", { counter: pair.counter })} viewBox={`0 0 ${pair.qr.size} ${pair.qr.size}`} width="200" height="200">
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
  const { defaults } = useLoaderData<typeof loader>();
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
              <td>
                {k.revokedAt === null ? (
                  <Form method="post" className="kiosk-limits">
                    <CsrfInput />
                    <input type="hidden" name="device" value={k.id} />
                    <LimitInput
                      name="cooldown"
                      hintId={`cd-hint-${k.id}`}
                      label={t("kiosk.cooldownLabel")}
                      hint={t("kiosk.defaultHint", { value: defaults.cooldownSeconds })}
                      max={3600}
                      value={k.cooldownSeconds}
                      fallback={defaults.cooldownSeconds}
                    />
                    <LimitInput
                      name="cap"
                      hintId={`cap-hint-${k.id}`}
                      label={t("kiosk.dailyCapLabel")}
                      hint={t("kiosk.defaultHint", { value: defaults.dailyCap })}
                      max={100000}
                      value={k.dailyCap}
                      fallback={defaults.dailyCap}
                    />
                    <button type="submit" name="intent" value="limits">
                      {t("kiosk.saveLimits")}
                    </button>
                  </Form>
                ) : (
                  "—"
                )}
              </td>
              <td>
                {outcome?.device === k.id ? (
                  <div className={outcome.ok ? "ok-summary" : "err-summary"} role="status">
                    <p>{outcome.message}</p>
                  </div>
                ) : null}
                {k.revokedAt === null ? (
                  <>
                    <p>{t("kiosk.stateActive")}</p>
                    <ConfirmForm target={{ name: "device", value: k.id }} intent="unpair" confirm={t("kiosk.unpairConfirm")} submit={t("kiosk.unpair")} />
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

/** A kiosk limit (seconds, ratings a day): empty means the province default, shown as placeholder and hint. */
function LimitInput(props: { name: string; hintId: string; label: string; hint: string; max: number; value: number | null; fallback: number }) {
  return (
    <>
      <label>
        {props.label}{" "}
        <input
          type="number"
          name={props.name}
          min={0}
          max={props.max}
          inputMode="numeric"
          defaultValue={props.value ?? ""}
          placeholder={String(props.fallback)}
          aria-describedby={props.hintId}
        />
      </label>
      <small id={props.hintId}>{props.hint}</small>
    </>
  );
}
