/** The interviews on the device, each with its state; refused ones wait here for a human (retry or set aside). */
import { useTranslation } from "react-i18next";

import { formatInstant } from "~/i18n/vn-time";
import type { OutboxItem } from "~/offline/outbox";

/** `agencyNames`: agency code → name, from the assignments (the outbox keeps the API body, which holds the code). */
export function OutboxList({
  items,
  agencyNames,
  onResolve,
}: {
  items: OutboxItem[];
  agencyNames: ReadonlyMap<string, string>;
  onResolve: (id: string, action: "retry" | "dismiss") => void;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="help">{t("field.outboxEmpty")}</p>;
  return (
    <ul className="outbox" aria-label={t("field.outboxTitle")}>
      {items.map((item) => (
        <li key={item.id} className={`outbox-item state-${item.state}`} data-id={item.id}>
          <p className="outbox-head">
            <span className="badge">{t(`field.state_${item.state}`)}</span>{" "}
            {t("field.itemTitle", {
              short: item.id.slice(0, 8),
              agency: agencyLabel(agencyNames, item.body.agency),
              time: formatInstant(item.createdAt),
            })}
          </p>
          {item.receipt ? (
            <p className="help">
              {t("field.receipt", {
                result: t(
                  item.receipt.result === "created" || item.receipt.result === "duplicate"
                    ? `field.result_${item.receipt.result}`
                    : "field.result_other",
                ),
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

/** « · Sở Tư pháp» for an agency of the surveyor's assignments; nothing (never the bare code) for another one. */
function agencyLabel(names: ReadonlyMap<string, string>, code: unknown): string {
  const name = typeof code === "string" ? names.get(code) : undefined;
  return name ? ` · ${name}` : "";
}
