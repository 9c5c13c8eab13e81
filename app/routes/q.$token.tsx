/**
 * The citizen's page at a counter: /q/<token> from the QR code. A plain HTML form (field names are
 * question codes) that works completely without JavaScript and ships no React bundle; the server
 * validates, re-renders with messages beside the fields, and on success redirects to the thank-you page.
 * The hidden `_rid` is the idempotency key made when the form is rendered: a double tap, a refresh or a
 * back-and-resubmit sends the same id and the rating is stored once.
 * Abuse control without CAPTCHAs (docs/decisions/0008-privacy-of-ratings.md): rate limits, a honeypot field
 * (`website`, filled only by bots: they get the thank-you page and nothing is stored) and the signed render
 * time (`_t`: a post sooner than RATE_QR_MIN_SECONDS is refused). The optional dossier code (`_dossier`,
 * prefilled from `?ma=`) allows one rating per dossier; only its keyed hash is stored.
 */
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import crypto from "node:crypto";
import { useTranslation } from "react-i18next";

import { Question } from "~/components/questions/Question";
import { Choices } from "~/components/questions/Choices";
import { ScaleQuestion } from "~/components/questions/ScaleQuestion";
import { findCounterByToken, type CounterPage } from "~/counters/lookup.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { localeCookie, localeOf } from "~/i18n/locale.server";
import { checkSubmission, ingestResponse } from "~/responses/ingest.server";
import { isDossierCode } from "~/dossiers/code";
import { readFormBody } from "~/security/form-body.server";
import { formAgeMs, isTooFast, signFormTime } from "~/security/form-time.server";
import { hitAll } from "~/security/rate-limit.server";
import { services } from "~/services.server";
import { LOCALES, type Locale } from "~/survey/codes";
import { allQuestions, type SurveyDefinition } from "~/survey/definition";
import { answersFromForm, UUID_PATTERN } from "~/survey/response";
import type { ScaleQuestion as ScaleQ } from "~/survey/types/scale";
import type { RouteHandle } from "~/root";

const SURVEY_ID = "danh-gia-ho-so";
const FIELD_INPUT = "_field";
const DOSSIER_INPUT = "_dossier";
const TIME_INPUT = "_t";
/** The honeypot: a name form-filling bots cannot resist; hidden from people and screen readers. */
const HONEYPOT_INPUT = "website";

function counterOr404(token: string | undefined): { counter: CounterPage; def: SurveyDefinition } {
  const { db, surveys } = services();
  const counter = findCounterByToken(db, token);
  const survey = surveys.get(SURVEY_ID);
  if (!counter || !survey) throw new Response("Không tìm thấy", { status: 404 });
  return { counter, def: survey.def };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { counter, def } = counterOr404(params.token);
  const locale = localeOf(request);
  const url = new URL(request.url);
  const headers = url.searchParams.has("lng") ? { "Set-Cookie": localeCookie(locale) } : undefined;
  // A receipt's QR may carry the dossier code (`?ma=`); anything that is not a code is ignored.
  const ma = url.searchParams.get("ma") ?? "";
  const dossier = isDossierCode(ma) ? ma.trim() : "";
  return data(
    { counter, def, locale, rid: crypto.randomUUID(), formTime: signFormTime(services().secret, Date.now()), dossier },
    // Not no-store: Back must show this same page (same `_rid`) so a resubmission is recognised.
    { headers: { "Cache-Control": "private, max-age=0", ...headers } },
  );
}

type FormValues = Record<string, string[]>;
/** `formTime` keeps the first render's signed time across re-renders (errors, language switch). */
type ActionData = { rid: string; values: FormValues; errors: Record<string, string>; notice?: string; formTime?: string };

function formValues(form: FormData): FormValues {
  // No prototype: a field named "constructor" or "__proto__" (a hand-made post) is just a key, not a 500.
  const values = Object.create(null) as FormValues;
  for (const [key, value] of form) {
    if (typeof value === "string") (values[key] ??= []).push(value);
  }
  return values;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { counter, def } = counterOr404(params.token);
  const locale = localeOf(request);
  const read = await readFormBody(request);
  if (!read.ok) {
    // Not a form this page sends (wrong content type, malformed, oversized): the page again, with one message.
    const { secret } = services();
    return data<ActionData>(
      { rid: crypto.randomUUID(), values: {}, errors: { _form: fixedT(locale)("form.invalid") }, formTime: signFormTime(secret, Date.now()) },
      { status: read.status },
    );
  }
  const form = read.form;
  const values = formValues(form);
  const rid = String(form.get("_rid") ?? "");
  // A malformed id (tampered page) is replaced, so the form can always be sent again.
  const validRid = UUID_PATTERN.test(rid) ? rid.toLowerCase() : crypto.randomUUID();
  const thanks = `/q/${params.token}/cam-on?lng=${locale}`;

  const { db, surveys, env, secret } = services();
  const posted = String(form.get(TIME_INPUT) ?? "");
  // The render time of the first page stands when the form comes back (a fix after an error needs no new wait).
  const formTime = formAgeMs(secret, posted, Date.now()) === null ? undefined : posted;

  // The language switch posts the form so that nothing typed is lost; nothing is stored.
  if (form.has("_lang")) {
    return data<ActionData>({ rid: validRid, values, errors: {}, formTime }, { headers: { "Set-Cookie": localeCookie(locale) } });
  }

  // A form id is used once: if it is already stored, this post is a replay of the same form.
  const seen = db.$client.prepare("select 1 from responses where uuid = ?").get(validRid);
  if (seen) throw redirect(thanks, 303);
  // A bot filled the hidden field: it sees the usual thank-you page, and nothing is stored.
  if (String(form.get(HONEYPOT_INPUT) ?? "") !== "") throw redirect(thanks, 303);

  const t = fixedT(locale);
  if (isTooFast(secret, posted, Date.now(), env.RATE_QR_MIN_SECONDS)) {
    return data<ActionData>({ rid: validRid, values, errors: { _form: t("dossier.tooFast") }, formTime }, { status: 400 });
  }
  const verdict = hitAll([
    [`qr:addr:${context.clientAddress ?? ""}`, { max: env.RATE_QR_PER_ADDRESS, windowMs: 10 * 60_000 }],
    [`qr:counter:${counter.id}`, { max: env.RATE_QR_PER_COUNTER, windowMs: 60_000 }],
  ]);
  if (!verdict.ok) {
    return data<ActionData>(
      { rid: validRid, values, errors: { _form: t("form.rateLimited") }, formTime },
      { status: 429, headers: { "Retry-After": String(verdict.retryAfterSeconds) } },
    );
  }
  const fieldCode = String(form.get(FIELD_INPUT) ?? "");
  const field = counter.fields.length === 1 ? counter.fields[0]!.code : fieldCode || undefined;
  const body = {
    id: validRid,
    survey: SURVEY_ID,
    agency: counter.agencyCode,
    counter: counter.code,
    field,
    channel: "qr",
    submittedAt: new Date().toISOString(),
    locale,
    answers: answersFromForm(def, form),
    dossier: String(form.get(DOSSIER_INPUT) ?? ""),
  };
  // Only a field this counter serves; checked before anything is written.
  const fieldOk = !field || counter.fields.some((f) => f.code === field);
  const options = {
    source: "qr",
    requireRequired: true,
    dossiers: { secret, requireKnown: env.REQUIRE_KNOWN_DOSSIER === "1" },
  };
  const result = fieldOk ? ingestResponse(db, surveys, body, options) : checkSubmission(db, surveys, body, options);
  // A second rating of the same dossier: a polite page, not an error (the citizen did nothing wrong).
  if ("status" in result && result.status === "dossierRated") {
    return data<ActionData>({ rid: validRid, values, errors: {}, notice: t("dossier.alreadyRated"), formTime });
  }
  if (fieldOk && "status" in result && result.status !== "invalid") throw redirect(thanks, 303);

  const errors: Record<string, string> = fieldOk ? {} : { [FIELD_INPUT]: t("form.unknownField") };
  const issues = "issues" in result ? result.issues : [];
  for (const issue of issues) {
    if (issue.path.startsWith("answers.")) {
      errors[issue.path.slice("answers.".length)] = t(`form.${issue.key}` as "form.required", issue.params);
    } else if (issue.path === "field") {
      errors[FIELD_INPUT] = t("form.unknownField");
    } else if (issue.path === "dossier") {
      errors[DOSSIER_INPUT] = issue.key === "dossier.unknownCode" ? t("dossier.unknownCode") : t("dossier.invalidCode");
    } else {
      // Not something the citizen typed (the page itself was altered): one general message.
      errors._form = t("form.invalid");
    }
  }
  return data<ActionData>({ rid: validRid, values, errors, formTime }, { status: 400 });
}

export const handle: RouteHandle = { hydrate: false, scripts: ["/js/q.js"] };

/** Document responses take their headers from here: the loader's cache policy and language cookie. */
export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const merged = new Headers(loaderHeaders);
  actionHeaders.forEach((value, key) => merged.set(key, value));
  return merged;
};

export default function RatePage() {
  const { counter, def, locale, rid, formTime, dossier } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation();
  const values = actionData?.values ?? {};
  const errors = actionData?.errors ?? {};
  const errorCount = Object.keys(errors).length;
  const indexCode = def.method.index === "question" ? def.method.question : undefined;
  const questions = allQuestions(def);
  const main = questions.find((q) => q.code === indexCode && q.type === "scale") as ScaleQ | undefined;
  const rest = questions.filter((q) => q !== main);
  const selfUrl = (lng: Locale) => `?lng=${lng}`;

  return (
    <main className="page narrow">
      <header className="place">
        <p className="agency">{counter.agencyName}</p>
        <p className="counter">{counter.name}</p>
        <nav className="langs" aria-label={t("lang.label")}>
          {LOCALES.filter((l) => l !== locale).map((l) => (
            <button key={l} type="submit" form="rate" name="_lang" value={l} formAction={selfUrl(l)} lang={l} className="link">
              {t(`lang.${l}`)}
            </button>
          ))}
        </nav>
      </header>
      <h1>{def.title[locale]}</h1>
      {def.intro ? <p className="intro">{def.intro[locale]}</p> : null}
      {actionData?.notice ? (
        <p className="notice" role="status">
          {actionData.notice}
        </p>
      ) : null}
      {errorCount ? (
        <p className="err-summary" role="alert">
          {errors._form ?? t("rate.errorSummary", { count: errorCount })}
        </p>
      ) : null}
      <form id="rate" method="post" action={selfUrl(locale)} noValidate data-sending={t("rate.sending")}>
        <input type="hidden" name="_rid" value={actionData?.rid ?? rid} />
        <input type="hidden" name={TIME_INPUT} value={actionData?.formTime ?? formTime} />
        {main ? (
          <ScaleQuestion def={def} question={main} locale={locale} values={values[main.code] ?? []} error={errors[main.code]} faces />
        ) : null}
        <h2 className="more">{t("rate.more")}</h2>
        {counter.fields.length > 1 ? (
          <Choices
            code={FIELD_INPUT}
            legend={t("rate.fieldQuestion")}
            choices={counter.fields.map((f) => ({ value: f.code, label: f.name }))}
            values={values[FIELD_INPUT] ?? []}
            error={errors[FIELD_INPUT]}
          />
        ) : null}
        {rest.map((q) => (
          <Question key={q.code} def={def} question={q} locale={locale} values={values[q.code] ?? []} error={errors[q.code]} />
        ))}
        <DossierInput value={values[DOSSIER_INPUT]?.[0] ?? dossier} error={errors[DOSSIER_INPUT]} />
        <Honeypot />
        <p className="privacy">{t("rate.privacy")}</p>
        <button type="submit" className="primary">
          {t("rate.submit")}
        </button>
      </form>
    </main>
  );
}

function DossierInput({ value, error }: { value: string; error?: string }) {
  const { t } = useTranslation();
  const hintId = `${DOSSIER_INPUT}-hint`;
  const errorId = `${DOSSIER_INPUT}-error`;
  return (
    <div className={`q q-text${error ? " q-invalid" : ""}`} id={`q-${DOSSIER_INPUT}`}>
      <label htmlFor={DOSSIER_INPUT}>{t("dossier.codeLabel")}</label>
      {error ? (
        <p className="err" id={errorId}>
          {error}
        </p>
      ) : null}
      <input
        id={DOSSIER_INPUT}
        name={DOSSIER_INPUT}
        type="text"
        className="code"
        maxLength={40}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        defaultValue={value}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        aria-invalid={error ? true : undefined}
      />
      <p className="help" id={hintId}>
        {t("dossier.codeHint")}
      </p>
    </div>
  );
}

/** Off-screen (not display:none, which some bots detect), out of the tab order and of the accessibility tree. */
function Honeypot() {
  const { t } = useTranslation();
  return (
    <div className="hp" aria-hidden="true">
      <label htmlFor={HONEYPOT_INPUT}>{t("dossier.honeypotLabel")}</label>
      <input id={HONEYPOT_INPUT} name={HONEYPOT_INPUT} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? `${data.def.title[data.locale]} — ${data.counter.agencyName}` : fixedT(localeFromMatches(matches))("notFound.title") },
  { name: "robots", content: "noindex" },
];
