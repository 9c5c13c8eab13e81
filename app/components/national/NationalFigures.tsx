/**
 * The national view's body (served by the hub, /quoc-gia): provinces ranked with Δ value and Δ rank beside a
 * bar chart of the same figures, the pooled national figure beside the mean of provincial indices, then the
 * same two per element, field and channel. Plain server-rendered HTML (the page is not hydrated): the chart is
 * an SVG drawn here, and every figure in it is also in the table next to it.
 */
import type { ReactNode } from "react";

import { useLocale } from "~/components/dashboard/common";
import { Table } from "~/components/publishing/PublishedFigures";
import { formatCount, formatDelta, formatPct, formatRate } from "~/dashboard/format";
import type { NationalView, ProvinceRow, SideBySide } from "~/national/national.server";

export type Labels = { elements: Record<string, string>; fields: Record<string, string> };

function RankChange({ value }: { value: number | null }) {
  const { t } = useLocale();
  if (value === null) return <>—</>;
  const text = value > 0 ? t("national.up", { n: value }) : value < 0 ? t("national.down", { n: -value }) : t("national.same");
  return (
    <span className={`rank-change ${value > 0 ? "up" : value < 0 ? "down" : "same"}`} title={text}>
      <span aria-hidden="true">{value > 0 ? `↑${value}` : value < 0 ? `↓${-value}` : "="}</span>
      <span className="sr-only">{text}</span>
    </span>
  );
}

/** Horizontal bars, one per province, in ranking order; few-answers provinces hatched and labelled. */
function Bars({ rows }: { rows: ProvinceRow[] }) {
  const { t, locale } = useLocale();
  const barH = 22;
  const gap = 8;
  const labelW = 120;
  const width = 340;
  // Room after the bar for the value and «(ít phiếu)».
  const plot = width - labelW - 110;
  const height = rows.length * (barH + gap);
  return (
    <figure className="nat-chart">
      <figcaption>{t("national.chartTitle")}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={t("national.chartTitle")}>
        {rows.map((r, i) => {
          const y = i * (barH + gap);
          const w = r.index === null ? 0 : (plot * r.index) / 100;
          return (
            <g key={r.key}>
              <text x={labelW - 6} y={y + barH * 0.7} textAnchor="end" fontSize="12">
                {r.label}
              </text>
              <rect x={labelW} y={y} width={w} height={barH} className={r.fewAnswers ? "bar few" : "bar"} />
              <text x={labelW + w + 4} y={y + barH * 0.7} fontSize="12">
                {formatRate(r.index, locale)}
                {r.fewAnswers ? ` (${t("national.few")})` : ""}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

function Ranking({ view }: { view: NationalView }) {
  const { t, locale } = useLocale();
  return (
    <div className="nat-side">
      <Table
        caption={t("national.province")}
        head={[
          t("national.province"),
          t("national.rank"),
          t("national.rankChange"),
          t("national.index"),
          t("national.delta"),
          t("national.responses"),
        ]}
        rows={view.provinces.map((r): ReactNode[] => [
          r.label,
          r.rank ?? "—",
          <RankChange key="c" value={r.rankChange} />,
          r.fewAnswers ? (
            <>
              {formatPct(r.index, locale)} <span className="badge-few">{t("national.few")}</span>
            </>
          ) : (
            formatPct(r.index, locale)
          ),
          formatDelta(r.delta, locale),
          formatCount(r.responses, locale),
        ])}
        empty={t("national.noData")}
      />
      <Bars rows={view.provinces} />
    </div>
  );
}

function SideBySideTable({ caption, first, rows, label }: { caption: string; first: string; rows: SideBySide[]; label: (key: string) => string }) {
  const { t, locale } = useLocale();
  return (
    <Table
      caption={caption}
      head={[first, t("national.pooled"), t("national.responses"), t("national.meanOfProvinces"), t("national.provincesInMean")]}
      rows={rows.map((r): ReactNode[] => [
        label(r.key),
        r.pooled.fewAnswers ? (
          <>
            {formatPct(r.pooled.value, locale)} <span className="badge-few">{t("national.few")}</span>
          </>
        ) : (
          formatPct(r.pooled.value, locale)
        ),
        formatCount(r.pooled.responses, locale),
        formatPct(r.meanOfProvinces, locale),
        formatCount(r.provinces, locale),
      ])}
      empty={t("national.noData")}
    />
  );
}

export function NationalFigures({
  view,
  periodName,
  previousName,
  labels,
  questionKind,
}: {
  view: NationalView;
  periodName: string;
  previousName: string;
  labels: Labels;
  questionKind: boolean;
}) {
  const { t, locale } = useLocale();
  const n = view.national;
  return (
    <>
      <section aria-labelledby="nat-rank">
        <h2 id="nat-rank">{t("national.rankingTitle", { period: periodName })}</h2>
        <p className="muted">{t("national.rankingNote", { previous: previousName })}</p>
        <Ranking view={view} />
      </section>
      <section aria-labelledby="nat-whole">
        <h2 id="nat-whole">{t("national.nationalTitle")}</h2>
        <p className="muted">{t("national.nationalNote")}</p>
        <Table
          caption={t("national.nationalTitle")}
          head={[t("national.figure"), t("national.value"), t("national.responses")]}
          rows={[
            [t("national.pooled"), formatPct(n.pooled.index, locale), formatCount(n.pooled.responses, locale)],
            [
              t("national.meanOfProvinces"),
              formatPct(n.meanOfProvinces.index, locale),
              `${t("national.provincesInMean")}: ${formatCount(n.meanOfProvinces.provinces.length, locale)}`,
            ],
          ]}
          empty={t("national.noData")}
        />
        {n.meanOfProvinces.leftOut.length ? (
          <p>
            {t("national.leftOut", { list: n.meanOfProvinces.leftOut.map((k) => view.provinces.find((p) => p.key === k)?.label ?? k).join(", ") })}
          </p>
        ) : null}
      </section>
      <SideBySideTable
        caption={questionKind ? t("national.elementsTitleQuestion") : t("national.elementsTitleElements")}
        first={t("national.element")}
        rows={view.elements}
        label={(k) => labels.elements[k] ?? k}
      />
      <SideBySideTable caption={t("national.fieldsTitle")} first={t("national.field")} rows={view.fields} label={(k) => labels.fields[k] ?? k} />
      <SideBySideTable
        caption={t("national.channelsTitle")}
        first={t("national.channel")}
        rows={view.channels}
        label={(k) => t(`dash.channel_${k}`, { defaultValue: k })}
      />
      {view.otherVersions.length ? (
        <section aria-labelledby="nat-other">
          <h2 id="nat-other">{t("national.otherVersionsTitle")}</h2>
          <p className="muted">{t("national.otherVersionsNote")}</p>
          <ul>
            {view.otherVersions.map((o) => (
              <li key={`${o.province}:${o.methodVersion}`}>
                {o.name}: {formatCount(o.responses, locale)} {t("national.responses").toLowerCase()}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
