/**
 * The headline: the index against its target, responses, fields and units meeting their targets, and the
 * change against the previous comparable period (in percentage points; never across method versions). On
 * an agency's page, the province's index and the agency's place among the province's agencies.
 */
import type { ReactNode } from "react";

import { formatCount, formatDelta, formatInterval, formatPct, formatTarget } from "~/dashboard/format";
import { formatDay } from "~/i18n/vn-time";
import type { Headline, TargetTally } from "~/dashboard/types";

import { StatusText, useLocale } from "./common";

function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <div className="card" role="group" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </div>
  );
}

export function HeadlineCards({ h, scopeName }: { h: Headline; scopeName: string }) {
  const { t, locale } = useLocale();
  const tally = (x: TargetTally) => (
    <>
      <p className="big">{x.met + x.notMet > 0 ? `${x.met}/${x.met + x.notMet}` : "—"}</p>
      <p>{t("dash.cards.tallyNote", { notMet: x.notMet, few: x.few })}</p>
    </>
  );
  return (
    <section className="cards" aria-label={t("dash.cards.label")}>
      <Card id="card-index" title={t("dash.cards.index")}>
        <p className="big">{formatPct(h.index, locale)}</p>
        <p className="muted">{scopeName}</p>
        <p>
          {h.target ? `${t("dash.cards.target", { target: formatTarget(h.target, locale) })} · ` : null}
          <StatusText status={h.status} target={null} />
        </p>
        {h.ciLow !== null ? (
          <p className="muted">
            {t("dash.cards.ci")} <span className="nowrap">{formatInterval(h.ciLow, h.ciHigh, locale)}</span>
          </p>
        ) : null}
      </Card>
      <Card id="card-responses" title={t("dash.cards.responses")}>
        <p className="big">{formatCount(h.responses, locale)}</p>
        <p className="muted">{t("dash.cards.previousResponses", { count: formatCount(h.previous.responses, locale) })}</p>
      </Card>
      <Card id="card-delta" title={t("dash.cards.delta")}>
        {h.delta !== null ? (
          <p className={`big ${h.delta < 0 ? "down" : h.delta > 0 ? "up" : ""}`}>
            {formatDelta(h.delta, locale)} <span className="unit">{t("dash.pointsUnit")}</span>
          </p>
        ) : (
          <p className="big">—</p>
        )}
        <p className="muted">
          {h.deltaNote === "methodChanged"
            ? t("dash.cards.methodChanged")
            : h.deltaNote === "noPrevious"
              ? t("dash.cards.noPrevious", { from: formatDay(h.previous.from), to: formatDay(h.previous.to) })
              : h.deltaNote === "previousFew"
                ? t("figures.previousFew", { from: formatDay(h.previous.from), to: formatDay(h.previous.to) })
                : h.deltaNote === "currentFew"
                  ? t("figures.currentFew")
                  : t("dash.cards.previous", {
                      from: formatDay(h.previous.from),
                      to: formatDay(h.previous.to),
                      value: formatPct(h.previous.index, locale),
                    })}
        </p>
      </Card>
      <Card id="card-fields" title={t("dash.cards.fields")}>
        {tally(h.fields)}
      </Card>
      <Card id="card-units" title={h.units.kind === "agency" ? t("dash.cards.agencies") : t("dash.cards.counters")}>
        {tally(h.units)}
      </Card>
      {h.province ? (
        <Card id="card-province" title={t("dash.cards.province")}>
          <p className="big">{formatPct(h.province.index, locale)}</p>
          <p className="muted">
            {h.rank && h.rank.rank !== null ? t("dash.cards.rank", { rank: h.rank.rank, of: h.rank.of }) : t("dash.cards.rankNone")}
          </p>
        </Card>
      ) : null}
    </section>
  );
}
