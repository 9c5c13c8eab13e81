/**
 * The figures of one publication, as the public reads them and as the admin previews them: the province
 * index, the elements or questions, agencies and fields against their targets, and the units to correct.
 * Plain tables with captions (no chart, no script): the page is served without React in the browser.
 * A unit without enough responses shows "chưa đủ số phiếu" — the snapshot holds no number for it anyway.
 */
import type { ReactNode } from "react";

import { periodName, useLocale } from "~/components/dashboard/common";
import { changeWords } from "~/i18n/change-words";
import { formatCount, formatDelta, formatInterval, formatPct, formatTarget } from "~/dashboard/format";
import { measuresTable, numbersTable } from "~/figures/extras-view";
import type { Snapshot, SnapshotUnit } from "~/publishing/snapshot";
import { ExtraTableView } from "~/components/figures/ExtraTables";

export function snapshotPeriodName(t: ReturnType<typeof useLocale>["t"], s: Snapshot): string {
  return periodName(t, s.period.key, s.period);
}

export function PublishedFigures({ snapshot: s, headingLevel = 2 }: { snapshot: Snapshot; headingLevel?: 2 | 3 }) {
  const { t, locale } = useLocale();
  const H = headingLevel === 2 ? "h2" : "h3";
  const p = s.province;
  const label = (code: string) => s.names.measures?.[code];
  const measures = measuresTable(
    t,
    locale,
    (s.measures ?? []).map((m) => ({ ...m, label: label(m.code)?.[locale] ?? m.code })),
  );
  const numbers = numbersTable(
    t,
    locale,
    (s.numbers ?? []).map((q) => ({
      ...q,
      label: label(q.code)?.[locale] ?? q.code,
      unit: label(q.code)?.unit?.[locale] ?? null,
      atLeast: q.enough ? q.atLeast : [],
    })),
  );
  return (
    <div className="published">
      <section aria-labelledby={`pv-${s.survey}`} className="pub-headline">
        <H id={`pv-${s.survey}`}>{s.kind === "elements" ? t("publish.provinceIndex") : t("publish.provinceRate")}</H>
        {p.enough ? (
          <>
            <p className="pub-big">{formatPct(p.index, locale)}</p>
            <p>
              {t("publish.responsesCount", { n: formatCount(p.responses, locale) })}
              {p.ciLow !== null ? ` · ${t("publish.interval", { interval: formatInterval(p.ciLow, p.ciHigh, locale) })}` : ""}
            </p>
            <p>
              {t("publish.target")}: {formatTarget(p.target, locale)} · <Status status={p.status} />
              {p.delta !== null ? ` · ${t("publish.changeShort")}: ${formatDelta(p.delta, locale)}` : ""}
            </p>
          </>
        ) : (
          <p className="pub-big">{t("publish.notEnough")}</p>
        )}
      </section>

      <Table
        caption={s.kind === "elements" ? t("publish.componentsTitleElements") : t("publish.componentsTitleQuestion")}
        head={[t("publish.component"), t("publish.rate"), t("publish.responses")]}
        rows={s.components.map((c) => [
          s.names.components[c.code]?.[locale] ?? c.code,
          c.enough ? formatPct(c.rate, locale) : t("publish.notEnough"),
          c.enough ? formatCount(c.n, locale) : "—",
        ])}
        empty={t("publish.noUnits")}
      />
      {measures ? <ExtraTableView table={measures} caption={t("figures.measuresTitle")} /> : null}
      {numbers ? <ExtraTableView table={numbers} caption={t("figures.numbersTitle")} /> : null}
      <UnitTable caption={t("publish.agenciesTitle")} first={t("publish.unit")} units={s.agencies} names={s.names.agencies} ranked />
      <UnitTable caption={t("publish.fieldsTitle")} first={t("publish.field")} units={s.fields} names={s.names.fields} />

      <section aria-labelledby={`tc-${s.survey}`}>
        <H id={`tc-${s.survey}`}>{t("publish.toCorrectTitle")}</H>
        {s.toCorrect.length === 0 ? (
          <p>{t("publish.toCorrectNone")}</p>
        ) : (
          <ul className="pub-correct">
            {s.toCorrect.map((c) => (
              <li key={`${c.kind}:${c.code}`}>
                <strong>{(c.kind === "agency" ? s.names.agencies[c.code] : s.names.fields[c.code]) ?? c.code}</strong> ({t(`publish.kind_${c.kind}`)}
                ): {formatPct(c.index, locale)}
                {c.belowTarget ? ` · ${t("publish.belowTarget")} ${formatTarget(c.target, locale)}` : ""}
                {c.delta !== null ? ` · ${changeWords(t, c.delta, locale)}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function Status({ status }: { status: "met" | "notMet" | "noTarget" }) {
  const { t } = useLocale();
  return <span className={`status status-${status}`}>{t(`dash.status_${status}`)}</span>;
}

function UnitTable(props: { caption: string; first: string; units: SnapshotUnit[]; names: Record<string, string>; ranked?: boolean }) {
  const { t, locale } = useLocale();
  const head = [
    props.first,
    t("publish.responses"),
    t("publish.rate"),
    t("publish.target"),
    t("publish.result"),
    ...(props.ranked ? [t("publish.rank")] : []),
    t("publish.changeShort"),
  ];
  const rows = props.units.map((u): ReactNode[] => {
    const name = props.names[u.code] ?? u.code;
    if (!u.enough) return [name, "—", t("publish.notEnough"), "—", "—", ...(props.ranked ? ["—"] : []), "—"];
    return [
      name,
      formatCount(u.responses, locale),
      formatPct(u.index, locale),
      formatTarget(u.target, locale),
      <Status key="s" status={u.status} />,
      ...(props.ranked ? [u.rank === null ? "—" : String(u.rank)] : []),
      formatDelta(u.delta, locale),
    ];
  });
  return <Table caption={props.caption} head={head} rows={rows} empty={t("publish.noUnits")} />;
}

/**
 * A table that is a table on a wide screen and one card per unit at 360 px (publishing.css): each cell carries
 * its column's name (`data-label`), shown before the value when the rows stack, so a phone reads
 * «Tỷ lệ hài lòng 93,41 %» without scrolling sideways. The table's semantics stay for screen readers.
 */
export function Table({ caption, head, rows, empty }: { caption: string; head: string[]; rows: ReactNode[][]; empty: string }) {
  return (
    <div className="pub-table-wrap">
      <table className="pub-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={head.length}>{empty}</td>
            </tr>
          ) : (
            rows.map((cells, i) => (
              <tr key={i}>
                {cells.map((c, j) =>
                  j === 0 ? (
                    <th key={j} scope="row">
                      {c}
                    </th>
                  ) : (
                    <td key={j} data-label={head[j]}>
                      {c}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
