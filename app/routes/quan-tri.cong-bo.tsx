/**
 * Publishing results (admin only): choose a survey and a period with the dashboard's period picker, preview
 * the figures exactly as /cong-khai will show them, publish (the figures are frozen then), and withdraw.
 * Every publication and withdrawal is audited; forms carry the CSRF token.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type LinksFunction, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { z } from "zod";

import { requireUser } from "~/auth/session.server";
import { AdminTable } from "~/components/admin/AdminTable";
import { CsrfInput } from "~/components/CsrfInput";
import { periodName, useLocale } from "~/components/dashboard/common";
import { PublishedFigures, snapshotPeriodName } from "~/components/publishing/PublishedFigures";
import { formatInstant } from "~/i18n/vn-time";
import { periodChoices, resolvePeriod } from "~/dashboard/params";
import { parseDashboardParams } from "~/dashboard/params.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { periodKey } from "~/method/period";
import { vietnamDay } from "~/method/period";
import { buildSnapshot, PublishInputError, type PeriodChoice } from "~/publishing/build.server";
import { FINGERPRINT, snapshotFingerprint } from "~/publishing/fingerprint.server";
import { listPublications, publish, withdraw } from "~/publishing/publications.server";
import { requireForm } from "~/security/staff-form.server";
import { services } from "~/services.server";
import dashboardCss from "~/styles/dashboard.css?url";
import publishingCss from "~/styles/publishing.css?url";

const KINDS = ["month", "quarter", "half", "year"] as const;

/** The period asked for, from a query string or a posted form: null when it cannot be read. */
function choiceOf(search: URLSearchParams, today: string): PeriodChoice | null {
  const { params, invalid } = parseDashboardParams(search);
  if (invalid.length > 0 || !params.survey || !params.period) return null;
  const { invalid: bad } = resolvePeriod(params, today);
  if (bad.length > 0) return null;
  return { survey: params.survey, period: params.period, ...(params.period === "custom" ? { from: params.from, to: params.to } : {}) };
}

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["admin"]);
  const { db, surveys } = services();
  const today = vietnamDay(Date.now());
  const search = new URL(request.url).searchParams;
  const choice = choiceOf(search, today);
  let preview = null;
  let error: string | null = null;
  if (choice) {
    try {
      preview = buildSnapshot(db, surveys, choice, today);
    } catch (e) {
      if (!(e instanceof PublishInputError)) throw e;
      error = e.message;
    }
  } else if (search.has("period")) error = fixedT(localeOf(request))("publish.badPeriod");
  const titles = Object.fromEntries([...surveys.entries()].map(([id, s]) => [id, s.def.title] as const));
  return {
    today,
    choice,
    preview,
    fingerprint: preview ? snapshotFingerprint(preview) : null,
    error,
    surveys: titles,
    periods: periodChoices(today),
    publications: listPublications(db).map((p) => ({
      ...p,
      periodKey: p.periodKind === "custom" ? null : periodKey(p.fromDay, p.periodKind as (typeof KINDS)[number]),
    })),
  };
}

/**
 * The two forms of the page, both of hidden fields: publish what the preview showed (its period is then read
 * with the dashboard's own grammar, and its fingerprint compared), or withdraw a publication.
 */
const publishForm = z.object({
  survey: z.string().optional(),
  period: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  fingerprint: z.string().optional(),
});
const withdrawForm = z.object({ id: z.number().int().positive() });
const actionSchema = z.discriminatedUnion("intent", [
  publishForm.extend({ intent: z.literal("publish") }),
  withdrawForm.extend({ intent: z.literal("withdraw") }),
]);

type Outcome = { ok: boolean; message: string; id?: number };

export async function action({ request }: ActionFunctionArgs) {
  const admin = requireUser(request, ["admin"]);
  const form = await requireForm(request);
  const { db, surveys } = services();
  const t = fixedT(localeOf(request));
  const today = vietnamDay(Date.now());
  const submission = parseWithZod(form, { schema: actionSchema });
  if (submission.status !== "success") return data<Outcome>({ ok: false, message: t("publish.badRequest") }, { status: 400 });
  const input = submission.value;
  if (input.intent === "publish") {
    const { survey, period, from, to } = input;
    const fields = new URLSearchParams(
      Object.entries({ survey, period, from, to }).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    const choice = choiceOf(fields, today);
    if (!choice) return data<Outcome>({ ok: false, message: t("publish.badPeriod") }, { status: 400 });
    const approved = input.fingerprint;
    if (approved === undefined || !FINGERPRINT.test(approved)) return data<Outcome>({ ok: false, message: t("publish.noPreview") }, { status: 400 });
    try {
      // Built again here, not taken from the form: what is stored is what the method gives now, and only if
      // it is what the administrator saw in the preview.
      const snapshot = buildSnapshot(db, surveys, choice, today);
      if (snapshotFingerprint(snapshot) !== approved) return data<Outcome>({ ok: false, message: t("publish.changed") }, { status: 409 });
      const id = publish(db, { snapshot, userId: admin.id });
      return data<Outcome>({
        ok: true,
        id,
        message: t("publish.published", { period: `${snapshot.names.survey.vi} · ${snapshotPeriodName(t, snapshot)}` }),
      });
    } catch (e) {
      if (!(e instanceof PublishInputError)) throw e;
      return data<Outcome>({ ok: false, message: e.message }, { status: 400 });
    }
  }
  const outcome = withdraw(db, { id: input.id, userId: admin.id });
  if (outcome === "notFound") return data<Outcome>({ ok: false, message: t("publish.notFound") }, { status: 404 });
  if (outcome === "already") return data<Outcome>({ ok: false, message: t("publish.alreadyWithdrawn") }, { status: 409 });
  return data<Outcome>({ ok: true, message: t("publish.withdrawn", { id: input.id }) });
}

/**
 * After a refused publication because the figures changed (409), the preview must be rebuilt so the
 * administrator sees the new figures and their fingerprint; single fetch skips revalidation after a 4xx.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: dashboardCss },
  { rel: "stylesheet", href: publishingCss },
];

export default function PublishPage() {
  const { choice, preview, fingerprint, error, surveys, periods, publications } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { t, locale } = useLocale();
  const selected = choice?.period ?? periods.quarter[1] ?? "";
  return (
    <main className="page wide">
      <h1>{t("publish.adminTitle")}</h1>
      <p className="help">{t("publish.adminIntro")}</p>
      {outcome ? (
        <div className={outcome.ok ? "ok-summary" : "err-summary"} role={outcome.ok ? "status" : "alert"}>
          <p>{outcome.message}</p>
          {outcome.ok && outcome.id ? (
            <p>
              <a href={`/cong-khai/${outcome.id}`}>{t("publish.viewPublic")}</a>
            </p>
          ) : null}
        </div>
      ) : null}

      <Form method="get" className="filters" aria-label={t("publish.choose")}>
        <div className="filter">
          <label htmlFor="p-survey">{t("dash.survey")}</label>
          <select id="p-survey" name="survey" defaultValue={choice?.survey ?? Object.keys(surveys)[0]}>
            {Object.entries(surveys).map(([id, title]) => (
              <option key={id} value={id}>
                {title[locale]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="p-period">{t("dash.period")}</label>
          <select id="p-period" name="period" defaultValue={selected}>
            {KINDS.map((kind) => (
              <optgroup key={kind} label={t(`dash.periodGroup_${kind}`)}>
                {periods[kind].map((key) => (
                  <option key={key} value={key}>
                    {periodName(t, key, { from: "", to: "" })}
                  </option>
                ))}
              </optgroup>
            ))}
            <option value="custom">{t("dash.periodCustom")}</option>
          </select>
        </div>
        <div className="filter filter-days">
          <label htmlFor="p-from">{t("dash.from")}</label>
          <input id="p-from" type="date" name="from" defaultValue={choice?.from ?? ""} />
          <label htmlFor="p-to">{t("dash.to")}</label>
          <input id="p-to" type="date" name="to" defaultValue={choice?.to ?? ""} />
        </div>
        <div className="filter-actions">
          <button type="submit">{t("publish.preview")}</button>
        </div>
        <p className="filter-hint">{t("dash.customHint")}</p>
      </Form>

      {error ? (
        <div className="err-summary" role="alert">
          <p>{error}</p>
        </div>
      ) : null}

      {preview && choice ? (
        <section aria-labelledby="p-preview" className="pub-preview">
          <h2 id="p-preview">{t("publish.previewTitle", { survey: preview.names.survey[locale], period: snapshotPeriodName(t, preview) })}</h2>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="survey" value={choice.survey} />
            <input type="hidden" name="period" value={choice.period} />
            {choice.from ? <input type="hidden" name="from" value={choice.from} /> : null}
            {choice.to ? <input type="hidden" name="to" value={choice.to} /> : null}
            <input type="hidden" name="fingerprint" value={fingerprint ?? ""} />
            <button type="submit" name="intent" value="publish" className="primary">
              {t("publish.publishButton")}
            </button>
          </Form>
          <PublishedFigures snapshot={preview} headingLevel={3} />
        </section>
      ) : null}

      <section aria-labelledby="p-history">
        <h2 id="p-history">{t("publish.history")}</h2>
        {publications.length === 0 ? (
          <p>{t("publish.historyNone")}</p>
        ) : (
          <AdminTable
            columns={[t("publish.colId"), t("publish.colSurvey"), t("publish.colPeriod"), t("publish.colPublished"), t("publish.colState")]}
          >
            {publications.map((p) => {
              const period = periodName(t, p.periodKey, { from: p.fromDay, to: p.toDay });
              const live = p.withdrawnAt === null && !p.superseded;
              return (
                <tr key={p.id}>
                  <th scope="row">{p.id}</th>
                  <td>{surveys[p.surveyId as keyof typeof surveys]?.[locale] ?? p.surveyId}</td>
                  <td>{period}</td>
                  <td>{t("publish.by", { date: formatInstant(p.publishedAt), by: p.publishedBy ?? "—" })}</td>
                  <td>
                    {p.withdrawnAt !== null
                      ? t("publish.stateWithdrawn", { date: formatInstant(p.withdrawnAt), by: p.withdrawnBy ?? "—" })
                      : p.superseded
                        ? t("publish.stateSuperseded")
                        : t("publish.stateLive")}
                    {live ? (
                      <>
                        {" · "}
                        <a href={`/cong-khai/${p.id}`}>{t("publish.viewPublic")}</a>
                        <Form method="post">
                          <CsrfInput />
                          <input type="hidden" name="id" value={p.id} />
                          <button type="submit" name="intent" value="withdraw" aria-label={`${t("publish.withdrawButton")} ${period} (${p.id})`}>
                            {t("publish.withdrawButton")}
                          </button>
                        </Form>
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </AdminTable>
        )}
      </section>
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("publish.adminTitle") }];
