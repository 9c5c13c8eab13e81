/**
 * The period picker and filters: a plain GET form (works without JavaScript; the address says what is
 * shown and can be shared). Periods are month, quarter, half-year, year or a custom range of days, all in
 * Vietnam time. An agency head's page has no agency choice: it is always their agency.
 */
import { Form, Link, useLocation } from "@remix-run/react";

import type { DashboardData } from "~/dashboard/types";

import { periodName, useLocale } from "./common";
import { FilterSelect } from "~/components/FilterSelect";

const KINDS = ["month", "quarter", "half", "year"] as const;

export function FilterForm({ data, action, agencyChoice }: { data: DashboardData; action: string; agencyChoice: boolean }) {
  const { t } = useLocale();
  const { search } = useLocation();
  const { period, filter, choices } = data;
  const selected = period.key ?? "custom";
  return (
    // Remounted when the address changes, so that the choices shown are the ones in force.
    <Form method="get" action={action} className="filters" key={search} aria-label={t("dash.filters")}>
      <div className="filter">
        <label htmlFor="f-survey">{t("dash.survey")}</label>
        <select id="f-survey" name="survey" defaultValue={data.survey}>
          {choices.surveys.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="f-period">{t("dash.period")}</label>
        <select id="f-period" name="period" defaultValue={selected}>
          {KINDS.map((kind) => (
            <optgroup key={kind} label={t(`dash.periodGroup_${kind}`)}>
              {choices.periods[kind].map((key) => (
                <option key={key} value={key}>
                  {periodName(t, key, period.range)}
                </option>
              ))}
            </optgroup>
          ))}
          {period.key && !KINDS.some((k) => choices.periods[k].includes(period.key!)) ? (
            <option value={period.key}>{periodName(t, period.key, period.range)}</option>
          ) : null}
          <option value="custom">{t("dash.periodCustom")}</option>
        </select>
      </div>
      <div className="filter filter-days">
        <label htmlFor="f-from">{t("dash.from")}</label>
        <input id="f-from" type="date" name="from" defaultValue={period.range.from} />
        <label htmlFor="f-to">{t("dash.to")}</label>
        <input id="f-to" type="date" name="to" defaultValue={period.range.to} />
      </div>
      {agencyChoice ? (
        <FilterSelect name="agency" label={t("dash.agency")} all={t("dash.all")} value={filter.agency} options={choices.agencies} />
      ) : null}
      <FilterSelect name="sector" label={t("dash.sector")} all={t("dash.all")} value={filter.sector} options={choices.sectors} />
      <FilterSelect name="field" label={t("dash.field")} all={t("dash.all")} value={filter.field} options={choices.fields} />
      <FilterSelect
        name="channel"
        label={t("dash.channel")}
        all={t("dash.all")}
        value={filter.channel}
        options={choices.channels.map((c) => ({ value: c, label: t(`dash.channel_${c as "qr"}`) }))}
      />
      {agencyChoice ? (
        <div className="filter">
          <label htmlFor="f-gop">
            <input id="f-gop" type="checkbox" name="gop" value="1" defaultChecked={data.mergeSuccessors} /> {t("directory.mergeSuccessors")}
          </label>
        </div>
      ) : null}
      <div className="filter-actions">
        <button type="submit" className="apply">
          {t("dash.apply")}
        </button>
        <Link to={action}>{t("dash.reset")}</Link>
      </div>
      <p className="filter-hint">{t("dash.customHint")}</p>
    </Form>
  );
}

/** One filter: a labelled choice with "all" first; an empty value means no filter. */
