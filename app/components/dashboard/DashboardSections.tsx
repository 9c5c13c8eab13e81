/** Every section of the dashboard, in reading order, for the province or one agency. */
import { formatCount, formatPct } from "~/dashboard/format";
import { formatDay } from "~/i18n/vn-time";
import type { DashboardData } from "~/dashboard/types";
import { measuresTable, numbersTable } from "~/figures/extras-view";
import { ExtraTableView } from "~/components/figures/ExtraTables";

import { periodLabel, Panel, useLocale } from "./common";
import { ComponentBars } from "./ComponentBars";
import { HeadlineCards } from "./HeadlineCards";
import { LowestCriteria } from "./LowestCriteria";
import { ProfileBreakdown } from "./ProfileBreakdown";
import { RankedBars } from "./RankedBars";
import { ShareBars } from "./ShareBars";
import { StackedDistribution } from "./StackedDistribution";
import { TargetTable } from "./TargetTable";
import { TrendLine } from "./TrendLine";
import { UnitsToCorrect } from "./UnitsToCorrect";

export function DashboardSections({ data, action }: { data: DashboardData; action: string }) {
  const { t, locale } = useLocale();
  const scopeName = data.focus?.name ?? t("dash.cards.province");
  // A column header: "Cơ quan" beside "Toàn tỉnh" on an agency's page.
  const scopeColumn = data.focus ? t("dash.col.agency") : t("dash.cards.province");
  const period = periodLabel(t, data.period);
  const counters = data.ranking.kind === "counter";
  const measures = measuresTable(
    t,
    locale,
    data.measures.map((m) => ({ ...m, enough: m.rate !== null && !m.fewAnswers })),
  );
  const numbers = numbersTable(
    t,
    locale,
    data.numbers.map((q) => ({ ...q, enough: q.mean !== null && !q.fewAnswers })),
  );
  return (
    <>
      <HeadlineCards h={data.headline} scopeName={scopeName} />
      {data.headline.responses === 0 ? <p className="empty">{t("dash.empty.noResponses")}</p> : null}

      <Panel
        wide
        title={counters ? t("dash.ranking.titleCounter") : t("dash.ranking.titleAgency")}
        note={data.kind === "question" ? t("dash.ranking.note") : t("dash.ranking.noteElements")}
      >
        {counters && data.ranking.rows.every((r) => r.key === "") ? (
          <p className="empty">{t("dash.ranking.noCounters")}</p>
        ) : (
          <RankedBars
            rows={data.ranking.rows}
            caption={t(counters ? "dash.ranking.captionCounter" : "dash.ranking.captionAgency", { period })}
            unitHeader={counters ? t("dash.col.counter") : t("dash.col.agency")}
            target={data.headline.target}
            emptyText={t("dash.empty.noData")}
          />
        )}
      </Panel>

      <Panel wide title={t("dash.fields.title")} note={t("dash.fields.note")}>
        <TargetTable rows={data.fields} caption={t("dash.fields.caption", { period })} />
        {data.fieldCoverage.responses > data.fieldCoverage.withField ? (
          <p className="legend" data-testid="field-unknown">
            {t("dash.fields.unknown", {
              count: data.fieldCoverage.responses - data.fieldCoverage.withField,
              unknown: formatCount(data.fieldCoverage.responses - data.fieldCoverage.withField, locale),
              total: formatCount(data.fieldCoverage.responses, locale),
              share: formatPct(data.fieldCoverage.withoutShare, locale),
            })}
          </p>
        ) : null}
      </Panel>

      <Panel wide title={t("dash.correct.title")} note={t("dash.correct.note")} id="chan-chinh">
        <UnitsToCorrect rows={data.toCorrect} caption={t("dash.correct.caption", { period })} />
      </Panel>

      <Panel wide title={t("dash.trend.title")} note={t("dash.trend.note", { from: formatDay(data.trend.from), to: formatDay(data.trend.to) })}>
        <TrendLine
          rows={data.trend.rows}
          target={data.trend.target}
          caption={t("dash.trend.caption", { scope: scopeName })}
          scopeName={scopeColumn}
        />
      </Panel>

      <Panel
        wide
        title={data.kind === "elements" ? t("dash.components.titleElements") : t("dash.components.titleQuestions")}
        note={t("dash.components.note")}
      >
        <ComponentBars
          rows={data.components}
          caption={t(data.kind === "elements" ? "dash.components.captionElements" : "dash.components.captionQuestions", { period })}
          header={data.kind === "elements" ? t("dash.col.element") : t("dash.col.criterion")}
          scopeName={scopeColumn}
        />
      </Panel>

      {measures ? (
        <Panel wide title={t("figures.measuresTitle")} note={t("figures.measuresNote")}>
          <ExtraTableView table={measures} caption={t("figures.measuresCaption", { period })} id="chi-so-nguoi-tra-loi" />
        </Panel>
      ) : null}

      {numbers ? (
        <Panel wide title={t("figures.numbersTitle")} note={t("figures.numbersNote")}>
          <ExtraTableView table={numbers} caption={t("figures.numbersCaption", { period })} id="cau-hoi-so" />
        </Panel>
      ) : null}

      <Panel wide title={t("dash.lowest.title")} note={t("dash.lowest.note")}>
        <LowestCriteria rows={data.lowest} caption={t("dash.lowest.caption", { period })} />
      </Panel>

      <Panel wide title={t("dash.distribution.title")} note={t("dash.distribution.note")}>
        <StackedDistribution rows={data.distribution} options={data.scale} caption={t("dash.distribution.caption", { period })} />
      </Panel>

      {data.expectations ? (
        <Panel wide title={t("dash.expectations.title")} note={t("dash.expectations.note")}>
          <ShareBars rows={data.expectations.rows} respondents={data.expectations.respondents} caption={t("dash.expectations.caption", { period })} />
        </Panel>
      ) : null}

      {data.harassment ? (
        <Panel wide title={t("dash.harassment.title")} note={t("dash.harassment.note")}>
          {data.harassment.fewAnswers && data.harassment.n > 0 ? <p className="empty">{t("dash.harassment.few")}</p> : null}
          <StackedDistribution
            rows={[data.harassment.row]}
            options={data.harassment.options}
            caption={t("dash.harassment.caption", { period })}
            worstLast
            showMean={false}
            axisLabel="label"
          />
        </Panel>
      ) : null}

      {data.profile ? (
        <Panel wide title={t("dash.profile.title")} note={t("dash.profile.note")}>
          <ProfileBreakdown data={data} action={action} />
        </Panel>
      ) : null}
    </>
  );
}
