/**
 * SIPAS by one respondent-profile question (giới tính, nhóm tuổi, …): a small GET form picks the question
 * and keeps every other choice. Profile figures exist per whole month and per agency only: otherwise the
 * page says why there is nothing to show.
 */
import { Form } from "@remix-run/react";

import type { DashboardData } from "~/dashboard/types";

import { Empty, useLocale } from "./common";
import { RankedBars } from "./RankedBars";

export function ProfileBreakdown({ data, action }: { data: DashboardData; action: string }) {
  const { t } = useLocale();
  const profile = data.profile;
  if (!profile) return null;
  const label = data.choices.profiles.find((p) => p.value === profile.question)?.label ?? profile.question;
  const keep = { survey: data.survey, period: data.period.key ?? "custom", ...(data.period.key ? {} : data.period.range), ...data.filter };
  return (
    <>
      <Form method="get" action={action} className="inline-form" preventScrollReset>
        {Object.entries(keep).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
        <label htmlFor="f-profile">{t("dash.profile.question")}</label>
        <select id="f-profile" name="profile" defaultValue={profile.question} key={profile.question}>
          {data.choices.profiles.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
        <button type="submit" className="apply">
          {t("dash.apply")}
        </button>
      </Form>
      {profile.unavailable ? (
        <Empty>{t(`dash.profile.${profile.unavailable}`)}</Empty>
      ) : (
        <RankedBars
          rows={profile.rows}
          caption={t("dash.profile.caption", { question: label })}
          unitHeader={t("dash.col.group")}
          target={data.headline.target}
          ranked={false}
          emptyText={t("dash.empty.noData")}
        />
      )}
    </>
  );
}
