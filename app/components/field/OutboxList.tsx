/** The interviews on the device, each with its state; refused ones wait here for a human (retry or set aside). */
import { useTranslation } from "react-i18next";

import { formatInstant } from "~/i18n/vn-time";
import type { OutboxItem } from "~/offline/outbox";

export function OutboxList({ items, onResolve }: { items: OutboxItem[]; onResolve: (id: string, action: "retry" | "dismiss") => void }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="help">{t("field.outboxEmpty")}</p>;
  return (
    <ul className="outbox" aria-label={t("field.outboxTitle")}>
      {items.map((item) => (
        <li key={item.id} className={`outbox-item state-${item.state}`} data-id={item.id}>
          <p className="outbox-head">
            <span className="badge">{t(`field.state_${item.state}`)}</span>{" "}
            {t("field.itemTitle", { short: item.id.slice(0, 8), agency: String(item.body.agency ?? ""), time: formatInstant(item.createdAt) })}
          </p>
          {item.receipt ? (
            <p className="help">
              {t("field.receipt", {
                result: item.receipt.result === "created" || item.receipt.result === "duplicate" ? t(`field.result_${item.receipt.result}`) : item.receipt.result,
                status: item.receipt.status,
                time: formatInstant(item.receipt.at),
              })}
            </p>
          ) : null}
          {item.reason && (item.state === "attention" || item.state === "dismissed") ? (
            <p className="err">
              {t("field.reasonLabel")}: {item.reason}
            </p>
          ) : null}
          {item.attempts > 0 ? <p className="help">{t("field.attempts", { n: item.attempts })}</p> : null}
          {item.state === "attention" || item.state === "dismissed" ? (
            <div className="row-actions">
              <button type="button" className="big" onClick={() => onResolve(item.id, "retry")}>
                {t("field.retry")}
              </button>
              {item.state === "attention" ? (
                <button type="button" className="big secondary" onClick={() => onResolve(item.id, "dismiss")}>
                  {t("field.dismiss")}
                </button>
              ) : null}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
