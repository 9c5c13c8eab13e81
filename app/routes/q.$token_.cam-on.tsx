/**
 * The thank-you page after a vote (reached by redirect, so a refresh never posts again). The vote is stored
 * already; when the query carries its id and page token (`?r=&t=`, from /q/<token>), the page also offers what
 * the rating does not hold yet — the field at a counter serving several, the other criteria (faces too), a
 * comment, the dossier code — and adds what the citizen gives to the same rating (docs/decisions/0016). All of
 * it is optional: walking away leaves the vote as it is. Plain HTML, no React bundle.
 */
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { Choices } from "~/components/questions/Choices";
import { Question } from "~/components/questions/Question";
import { ScaleQuestion } from "~/components/questions/ScaleQuestion";
import { DossierInput } from "~/components/rating/DossierInput";
import { RatingPlace } from "~/components/rating/RatingPlace";
import { bodyFromForm, errorsOf, fieldServed, formValues, ratingPageOr404 } from "~/counters/rating-page.server";
import { DOSSIER_INPUT, FIELD_INPUT, type FormValues } from "~/counters/rating-form";
import type { CounterPage } from "~/counters/lookup.server";
import { answeredQuestions, qrVoteAt, type StoredVote } from "~/counters/votes.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { enabledLanguages } from "~/languages/store.server";
import { citizenLanguageOf, citizenT, definitionIn, languageCookie } from "~/languages/request.server";
import { labelLocale } from "~/languages/texts";
import { ingestResponse } from "~/responses/ingest.server";
import { readFormBody } from "~/security/form-body.server";
import { checkPageToken } from "~/security/page-token.server";
import { services } from "~/services.server";
import type { Locale } from "~/survey/codes";
import { allQuestions, type SurveyDefinition } from "~/survey/definition";
import { UUID_PATTERN } from "~/survey/response";
import type { RouteHandle } from "~/root";

/** The vote this page may complete: a QR rating of this counter, named by an id and its unexpired page token. */
function voteOf(counter: CounterPage, url: URL): { rid: string; pageToken: string; vote: StoredVote } | null {
  const rid = (url.searchParams.get("r") ?? "").toLowerCase();
  const pageToken = url.searchParams.get("t") ?? "";
  const { db, secret } = services();
  if (!UUID_PATTERN.test(rid) || !checkPageToken(secret, pageToken, rid, Date.now()).ok) return null;
  const vote = qrVoteAt(db, rid, counter.id);
  return vote ? { rid, pageToken, vote } : null;
}

/** What the rating does not hold yet and this page may ask: nothing is asked twice. */
function missingOf(counter: CounterPage, def: SurveyDefinition, vote: StoredVote) {
  const answered = answeredQuestions(services().db, vote.id);
  const indexCode = def.method.index === "question" ? def.method.question : undefined;
  return {
    field: counter.fields.length > 1 && vote.fieldId === null,
    questions: allQuestions(def)
      .filter((q) => q.code !== indexCode && !answered.has(q.code))
      .map((q) => q.code),
    dossier: vote.dossierHash === null,
  };
}

type Missing = ReturnType<typeof missingOf>;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { counter, def } = ratingPageOr404(params.token);
  const locale = citizenLanguageOf(request);
  const url = new URL(request.url);
  const found = url.searchParams.has("xong") ? null : voteOf(counter, url);
  const missing = found ? missingOf(counter, def, found.vote) : null;
  const open = missing && (missing.field || missing.questions.length > 0 || missing.dossier) ? missing : null;
  const headers = url.searchParams.has("lng") ? { "Set-Cookie": languageCookie(locale) } : undefined;
  return data(
    {
      agencyName: counter.agencyName,
      counterName: counter.name,
      fields: counter.fields,
      def: definitionIn(def, locale),
      locale,
      languages: enabledLanguages(services().db),
      details: open && found ? { missing: open, query: `r=${found.rid}&t=${encodeURIComponent(found.pageToken)}` } : null,
    },
    // The page names a rating (its id): never kept by a shared cache.
    { headers: { "Cache-Control": "private, no-store", ...headers } },
  );
}

type ActionData = { values: FormValues; errors: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { counter, def } = ratingPageOr404(params.token);
  const locale = citizenLanguageOf(request);
  const url = new URL(request.url);
  const done = `/q/${params.token}/cam-on?lng=${locale}&xong=1`;
  const found = voteOf(counter, url);
  // An expired or altered link: the vote stands; there is nothing this page may add to.
  if (!found) throw redirect(done, 303);
  const read = await readFormBody(request);
  if (!read.ok) return data<ActionData>({ values: {}, errors: { _form: citizenT(locale)("form.invalid") } }, { status: read.status });
  const values = formValues(read.form);
  if (read.form.has("_lang")) return data<ActionData>({ values, errors: {} }, { headers: { "Set-Cookie": languageCookie(locale) } });

  const { db, surveys, env, secret } = services();
  const missing = missingOf(counter, def, found.vote);
  // Only what this page asks: the overall rating (the vote) cannot be posted again from here.
  const form = new FormData();
  for (const [key, value] of read.form) {
    if (missing.questions.includes(key) || (key === FIELD_INPUT && missing.field) || (key === DOSSIER_INPUT && missing.dossier))
      form.append(key, value);
  }
  const asked = bodyFromForm(counter, def, form, {
    id: found.rid,
    submittedAt: new Date(found.vote.submittedAt).toISOString(),
    locale: found.vote.locale,
  });
  // The counter's only field is the vote's already; a field is only added where it was asked.
  const body = { ...asked, field: missing.field ? asked.field : undefined };
  if (!fieldServed(counter, body.field)) {
    return data<ActionData>({ values, errors: { [FIELD_INPUT]: citizenT(locale)("form.unknownField") } }, { status: 400 });
  }
  const result = ingestResponse(db, surveys, body, {
    source: "qr",
    recordConflicts: false,
    dossiers: { secret, requireKnown: env.REQUIRE_KNOWN_DOSSIER === "1" },
  });
  if (result.status === "dossierRated") {
    return data<ActionData>({ values, errors: { [DOSSIER_INPUT]: citizenT(locale)("dossier.alreadyRatedDetails") } }, { status: 409 });
  }
  if (result.status === "invalid") return data<ActionData>({ values, errors: errorsOf(locale, result.issues) }, { status: 400 });
  throw redirect(done, 303);
}

export const handle: RouteHandle = { hydrate: false, scripts: ["/js/q.js"] };

export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const merged = new Headers(loaderHeaders);
  actionHeaders.forEach((value, key) => merged.set(key, value));
  return merged;
};

export default function ThanksPage() {
  const { agencyName, counterName, fields, def, locale, languages, details } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation();
  const values = actionData?.values ?? {};
  const errors = actionData?.errors ?? {};
  const errorCount = Object.keys(errors).length;
  const selfUrl = (l: string) => (details ? `?lng=${l}&${details.query}` : `?lng=${l}`);
  return (
    <main className="page narrow thanks">
      <RatingPlace agencyName={agencyName} counterName={counterName} locale={locale} languages={languages} hrefOf={selfUrl} />
      <h1>{t("thanks.title")}</h1>
      <p role="status">{t("thanks.body")}</p>
      {details ? (
        <DetailsForm
          def={def}
          fields={fields}
          locale={labelLocale(locale)}
          missing={details.missing}
          action={selfUrl(locale)}
          values={values}
          errors={errors}
          errorCount={errorCount}
        />
      ) : null}
      <p className="help">{t("thanks.again")}</p>
    </main>
  );
}

function DetailsForm({
  def,
  fields,
  locale,
  missing,
  action,
  values,
  errors,
  errorCount,
}: {
  def: SurveyDefinition;
  fields: { code: string; name: string }[];
  locale: Locale;
  missing: Missing;
  action: string;
  values: FormValues;
  errors: Record<string, string>;
  errorCount: number;
}) {
  const { t } = useTranslation();
  const questions = allQuestions(def).filter((q) => missing.questions.includes(q.code));
  return (
    <section aria-labelledby="details-title">
      <h2 id="details-title" className="more">
        {t("rate.more")}
      </h2>
      {errorCount ? (
        <p className="err-summary" role="alert">
          {errors._form ?? t("rate.errorSummary", { count: errorCount })}
        </p>
      ) : null}
      <form id="details" method="post" action={action} noValidate data-sending={t("rate.sending")}>
        {missing.field ? (
          <Choices
            code={FIELD_INPUT}
            legend={t("rate.fieldQuestion")}
            choices={fields.map((f) => ({ value: f.code, label: f.name }))}
            values={values[FIELD_INPUT] ?? []}
            error={errors[FIELD_INPUT]}
            variant="buttons"
          />
        ) : null}
        {questions.map((q) =>
          q.type === "scale" ? (
            <ScaleQuestion key={q.code} def={def} question={q} locale={locale} values={values[q.code] ?? []} error={errors[q.code]} faces />
          ) : (
            <Question key={q.code} def={def} question={q} locale={locale} values={values[q.code] ?? []} error={errors[q.code]} />
          ),
        )}
        {missing.dossier ? <DossierInput name={DOSSIER_INPUT} value={values[DOSSIER_INPUT]?.[0] ?? ""} error={errors[DOSSIER_INPUT]} /> : null}
        <button type="submit" className="primary">
          {t("rate.sendDetails")}
        </button>
      </form>
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => {
  const t = fixedT(localeFromMatches(matches));
  return [{ title: `${t("thanks.title")} — ${t("app.name")}` }, { name: "robots", content: "noindex" }];
};
