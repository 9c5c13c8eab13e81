/**
 * The staff corner of the kiosk: who is on duty (chosen from the counter's list, with a PIN checked by the
 * server when the officer has one) and the ratings that need attention, each of which staff may send again
 * or set aside (AttentionList). Always in Vietnamese: it is for the officers, not the citizen.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { OutboxItem } from "~/offline";

import { AttentionList } from "./AttentionList";
import type { KioskOfficer } from "./types";

export function StaffPanel({
  officers,
  onDutyId,
  attention,
  onChoose,
  onResolve,
  onClose,
}: {
  officers: KioskOfficer[];
  onDutyId: number | null;
  /** Kiosk ratings needing attention and those staff set aside (greyed, kept). */
  attention: OutboxItem[];
  onResolve: (id: string, action: "retry" | "dismiss") => Promise<void>;
  /** Resolves to null when accepted, else the message to show. */
  onChoose: (officer: KioskOfficer, pin: string | null) => Promise<string | null>;
  onClose: () => void;
}) {
  const { i18n } = useTranslation();
  const t = i18n.getFixedT("vi");
  const [asking, setAsking] = useState<KioskOfficer | null>(null);
  const [pin, setPin] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onDuty = officers.find((o) => o.id === onDutyId);

  async function choose(officer: KioskOfficer, withPin: string | null) {
    setBusy(true);
    const problem = await onChoose(officer, withPin);
    setBusy(false);
    setPin("");
    if (problem) setMessage(problem);
    else {
      setAsking(null);
      setMessage(null);
    }
  }

  return (
    <div className="kiosk-staff" role="dialog" aria-modal="true" aria-labelledby="kiosk-staff-title" lang="vi">
      <h2 id="kiosk-staff-title">{t("kiosk.staffTitle")}</h2>
      <p role="status">{onDuty ? t("kiosk.onDutyNow", { name: onDuty.name }) : t("kiosk.noOfficer")}</p>
      {asking ? (
        <form
          className="kiosk-pin"
          autoComplete="off"
          onSubmit={(e) => {
            e.preventDefault();
            void choose(asking, pin);
          }}
        >
          <label>
            {t("kiosk.pinLabel", { name: asking.name })}{" "}
            <input
              type="password"
              inputMode="numeric"
              pattern="[0-9]{4,8}"
              autoComplete="off"
              value={pin}
              onChange={(e) => setPin(e.target.value)}
              required
            />
          </label>
          <button type="submit" disabled={busy}>
            {t("kiosk.pinSubmit")}
          </button>
        </form>
      ) : (
        <fieldset>
          <legend>{t("kiosk.chooseOfficer")}</legend>
          <ul className="kiosk-officers">
            {officers.map((o) => (
              <li key={o.id}>
                <button
                  type="button"
                  aria-pressed={o.id === onDutyId}
                  onClick={() => (o.hasPin ? (setAsking(o), setMessage(null)) : void choose(o, null))}
                >
                  {o.name}
                  {o.title ? ` — ${o.title}` : ""}
                  {o.hasPin ? ` (${t("kiosk.pinNeeded")})` : ""}
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {message ? (
        <p className="kiosk-error" role="alert">
          {message}
        </p>
      ) : null}
      <AttentionList items={attention} onResolve={onResolve} />
      <button type="button" onClick={onClose}>
        {t("kiosk.close")}
      </button>
    </div>
  );
}
