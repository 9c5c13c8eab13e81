/**
 * The kiosk's ratings that need attention (the server refused them: unpaired tablet, daily cap, …) and what
 * staff may do with each: "Gửi lại" puts it back in the queue (it goes out with the tablet's current key, so
 * after a re-pair with the new one), "Bỏ qua" sets it aside after a confirmation. A set-aside rating is never
 * deleted: it stays listed, greyed, with when it was set aside and why it was refused, and can still be sent.
 * Keyboard: the confirmation takes the focus (on "Không", the safe choice) and Escape cancels it; the result
 * of each action is announced in a status line.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";

import { formatInstant } from "~/i18n/vn-time";
import type { OutboxItem } from "~/offline";

export function AttentionList({ items, onResolve }: { items: OutboxItem[]; onResolve: (id: string, action: "retry" | "dismiss") => Promise<void> }) {
  const { i18n } = useTranslation();
  const t = i18n.getFixedT("vi");
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const cancelRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Back out of a confirmation → the focus returns to the "Bỏ qua" button that opened it.
  const backTo = useRef<string | null>(null);
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else if (backTo.current) document.getElementById(`kiosk-dismiss-${backTo.current}`)?.focus();
    backTo.current = null;
  }, [confirming]);

  function cancel() {
    backTo.current = confirming;
    setConfirming(null);
  }

  async function act(item: OutboxItem, action: "retry" | "dismiss") {
    setBusy(true);
    try {
      await onResolve(item.id, action);
      setStatus(t(action === "retry" ? "kiosk.retried" : "kiosk.dismissedDone", { time: formatInstant(item.createdAt) }));
    } catch (error) {
      setStatus(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
      setConfirming(null);
      // The item's buttons change or go away: keep the focus in the list rather than lose it to <body>.
      headingRef.current?.focus();
    }
  }

  // Escape on either button of the confirmation backs out of it (the focus is always on one of them).
  function escape(e: KeyboardEvent<HTMLButtonElement>) {
    if (e.key !== "Escape") return;
    e.stopPropagation();
    cancel();
  }

  if (items.length === 0 && !status) return null;
  const open = items.filter((i) => i.state === "attention").length;

  return (
    <section aria-labelledby="kiosk-attention-title" className="kiosk-attention">
      <h3 id="kiosk-attention-title" ref={headingRef} tabIndex={-1}>
        {t("kiosk.attentionTitle")}
      </h3>
      {items.length ? <p className="kiosk-small">{t("kiosk.attentionHelp", { count: open })}</p> : null}
      <ul>
        {items.map((item) => {
          const dismissed = item.state === "dismissed";
          const textId = `kiosk-attn-${item.id}`;
          return (
            <li key={item.id} className={dismissed ? "kiosk-attn is-dismissed" : "kiosk-attn"}>
              <p id={textId}>
                {t("kiosk.attentionItem", { time: formatInstant(item.createdAt), reason: item.reason ?? t("kiosk.noReason") })}
                {dismissed ? (
                  <>
                    {" "}
                    <strong>{t("kiosk.dismissedAt", { time: formatInstant(item.updatedAt) })}</strong>
                  </>
                ) : null}
              </p>
              {confirming === item.id ? (
                <div role="alertdialog" aria-labelledby={`${textId}-q`} aria-describedby={textId} className="kiosk-confirm">
                  <p id={`${textId}-q`}>{t("kiosk.dismissQuestion")}</p>
                  <button type="button" className="kiosk-danger" disabled={busy} onKeyDown={escape} onClick={() => void act(item, "dismiss")}>
                    {t("kiosk.dismissConfirm")}
                  </button>{" "}
                  <button type="button" ref={cancelRef} disabled={busy} onKeyDown={escape} onClick={cancel}>
                    {t("kiosk.dismissCancel")}
                  </button>
                </div>
              ) : (
                <div className="kiosk-attn-actions">
                  <button type="button" aria-describedby={textId} disabled={busy} onClick={() => void act(item, "retry")}>
                    {t("kiosk.retry")}
                  </button>{" "}
                  {dismissed ? null : (
                    <button
                      type="button"
                      id={`kiosk-dismiss-${item.id}`}
                      aria-describedby={textId}
                      disabled={busy}
                      onClick={() => setConfirming(item.id)}
                    >
                      {t("kiosk.dismiss")}
                    </button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <p role="status" className="kiosk-small">
        {status}
      </p>
    </section>
  );
}
