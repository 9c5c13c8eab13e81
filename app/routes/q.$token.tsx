/**
 * The citizen's page at a counter: /q/<token> from the QR code. One question — the overall rating as three
 * large faces — and the send button, both on the first screen of a small phone; with JavaScript a tap on a
 * face sends it at once (/js/q.js). The rating is stored then: a face tap is a vote. The optional details
 * (field, the other criteria, a comment, the dossier code) follow on the thank-you page and are added to the
 * same rating (docs/decisions/0016-one-tap-is-a-vote.md). A plain HTML form, no React bundle (0001).
 * The page's token (`_t`) signs the rating id (`_rid`) it carries: a replayed page stores one rating. Abuse
 * control without CAPTCHAs (0008, 0016): the token, a honeypot, and limits that count stored ratings per
 * counter and per address. The optional dossier code comes from a receipt's QR (`?ma=`).
 */
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import crypto from "node:crypto";
import { useTranslation } from "react-i18next";

import { Honeypot, RatingPlace } from "~/components/rating/RatingPlace";
import { ScaleQuestion } from "~/components/questions/ScaleQuestion";
import { bodyFromForm, detailsUrl, errorsOf, fieldServed, formValues, ratingPageOr404 } from "~/counters/rating-page.server";
import { DOSSIER_INPUT, FIELD_INPUT, HONEYPOT_INPUT, RID_INPUT, TOKEN_INPUT, type FormValues } from "~/counters/rating-form";
import { storedRating } from "~/counters/votes.server";
import { isDossierCode } from "~/dossiers/code";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { enabledLanguages } from "~/languages/store.server";
import { citizenLanguageOf, citizenT, definitionIn, languageCookie } from "~/languages/request.server";
import { labelLocale } from "~/languages/texts";
import { voicesOf } from "~/languages/recordings.server";
import { ingestResponse } from "~/responses/ingest.server";
import { readFormBody } from "~/security/form-body.server";
import { checkPageToken, signPageToken } from "~/security/page-token.server";
import { checkAll, recordAll, type Limit } from "~/security/rate-limit.server";
import { services } from "~/services.server";
import { allQuestions } from "~/survey/definition";
import { UUID_PATTERN } from "~/survey/response";
import type { ScaleQuestion as ScaleQ } from "~/survey/types/scale";
import type { RouteHandle } from "~/root";

/** A new page: a new rating id, signed into the page's token. */
function freshPage(secret: string) {
  const rid = crypto.randomUUID();
  return { rid, pageToken: signPageToken(secret, rid, Date.now()) };
}

/**
 * The page a language link came from (`?r=<rid>&t=<token>`, as the thank-you page's links): the same rating id
 * again, so a citizen who switches language after voting does not vote twice; anything else is a new page.
 */
function keptPage(secret: string, url: URL) {
  const rid = (url.searchParams.get("r") ?? "").toLowerCase();
  const pageToken = url.searchParams.get("t") ?? "";
  return UUID_PATTERN.test(rid) && checkPageToken(secret, pageToken, rid, Date.now()).ok ? { rid, pageToken } : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { counter, def } = ratingPageOr404(params.token);
  const locale = citizenLanguageOf(request);
  const url = new URL(request.url);
  const headers = url.searchParams.has("lng") ? { "Set-Cookie": languageCookie(locale) } : undefined;
  // A receipt's QR may carry the dossier code (`?ma=`); anything that is not a code is ignored.
  const ma = url.searchParams.get("ma") ?? "";
  const dossier = isDossierCode(ma) ? ma.trim() : "";
  return data(
    {
      counter,
      def: definitionIn(def, locale),
      locale,
      languages: enabledLanguages(services().db),
      voices: voicesOf(services().db, locale),
      ...(keptPage(services().secret, url) ?? freshPage(services().secret)),
      dossier,
    },
    // Not no-store: Back must show this same page (same `_rid`) so a resubmission is recognised.
    { headers: { "Cache-Control": "private, max-age=0", ...headers } },
  );
}

type ActionData = { rid: string; pageToken: string; values: FormValues; errors: Record<string, string>; notice?: string };

/** Stored ratings per client address and per counter: what the limits count (never refused or junk posts). */
function limitsOf(address: string, counterId: number): [string, Limit][] {
  const { env } = services();
  return [
    [`qr:addr:${address}`, { max: env.RATE_QR_PER_ADDRESS, windowMs: 10 * 60_000 }],
    [`qr:counter:${counterId}`, { max: env.RATE_QR_PER_COUNTER, windowMs: 60_000 }],
  ];
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { counter, def } = ratingPageOr404(params.token);
  const locale = citizenLanguageOf(request);
  const t = citizenT(locale);
  const { db, surveys, env, secret } = services();
  const read = await readFormBody(request);
  if (!read.ok) {
    // Not a form this page sends (wrong content type, malformed, oversized): the page again, with one message.
    return data<ActionData>({ ...freshPage(secret), values: {}, errors: { _form: t("form.invalid") } }, { status: read.status });
  }
  const form = read.form;
  const values = formValues(form);
  const rid = String(form.get(RID_INPUT) ?? "").toLowerCase();
  const pageToken = String(form.get(TOKEN_INPUT) ?? "");
  const token = UUID_PATTERN.test(rid) ? checkPageToken(secret, pageToken, rid, Date.now()) : ({ ok: false, reason: "invalid" } as const);

  // The language switch of pages rendered before it became links posted the form: nothing is stored.
  if (form.has("_lang")) {
    const page = token.ok ? { rid, pageToken } : freshPage(secret);
    return data<ActionData>({ ...page, values, errors: {} }, { headers: { "Set-Cookie": languageCookie(locale) } });
  }
  // A page too old, altered, or from before an upgrade: the choices come back on a new page, and one more
  // press sends them. Nothing is stored, and the citizen is told what to do.
  if (!token.ok) {
    return data<ActionData>({ ...freshPage(secret), values, errors: { _form: t("rate.pageExpired") } }, { status: 400 });
  }
  const thanks = detailsUrl(params.token!, locale, rid, pageToken);
  // A bot filled the hidden field: it sees the usual thank-you page, and nothing is stored.
  if (String(form.get(HONEYPOT_INPUT) ?? "") !== "") throw redirect(`/q/${params.token}/cam-on?lng=${locale}`, 303);

  // This page's rating may be stored already (a double tap, Back and send again with a comment): the post is then
  // a replay or a completion of it, in its own time and language, and no new rating for the limits.
  const stored = storedRating(db, rid);
  const limits = limitsOf(context.clientAddress ?? "", counter.id);
  if (!stored) {
    const verdict = checkAll(limits);
    if (!verdict.ok) {
      return data<ActionData>(
        { rid, pageToken, values, errors: { _form: t("form.rateLimited", { minutes: Math.ceil(verdict.retryAfterSeconds / 60) }) } },
        { status: 429, headers: { "Retry-After": String(verdict.retryAfterSeconds) } },
      );
    }
  }
  const body = bodyFromForm(counter, def, form, {
    id: rid,
    submittedAt: new Date(stored?.submittedAt ?? Date.now()).toISOString(),
    locale: stored?.locale ?? locale,
  });
  if (!fieldServed(counter, body.field)) {
    return data<ActionData>({ rid, pageToken, values, errors: { [FIELD_INPUT]: t("form.unknownField") } }, { status: 400 });
  }
  const result = ingestResponse(db, surveys, body, {
    source: "qr",
    recordConflicts: false,
    requireRequired: !stored,
    refuseInactiveCounter: true,
    dossiers: { secret, requireKnown: env.REQUIRE_KNOWN_DOSSIER === "1" },
  });
  switch (result.status) {
    case "created":
      recordAll(limits);
      throw redirect(thanks, 303);
    case "completed":
    case "duplicate":
    case "conflict":
      // The first rating of this page stands; its thank-you page offers what can still be added.
      throw redirect(thanks, 303);
    case "dossierRated":
      // A second rating of the same dossier: a polite page, not an error (the citizen did nothing wrong).
      return data<ActionData>({ ...freshPage(secret), values, errors: {}, notice: t("dossier.alreadyRated") });
    case "invalid":
      return data<ActionData>({ rid, pageToken, values, errors: errorsOf(locale, result.issues) }, { status: 400 });
  }
}

export const handle: RouteHandle = { hydrate: false, scripts: ["/js/q.js"] };

/** Document responses take their headers from here: the loader's cache policy and language cookie. */
export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const merged = new Headers(loaderHeaders);
  actionHeaders.forEach((value, key) => merged.set(key, value));
  return merged;
};

export default function RatePage() {
  const loaded = useLoaderData<typeof loader>();
  const { counter, def, locale, dossier, languages, voices } = loaded;
  const labels = labelLocale(locale);
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation();
  const values = actionData?.values ?? {};
  const errors = actionData?.errors ?? {};
  const errorCount = Object.keys(errors).length;
  const indexCode = def.method.index === "question" ? def.method.question : undefined;
  const main = allQuestions(def).find((q) => q.code === indexCode && q.type === "scale") as ScaleQ | undefined;
  const code = values[DOSSIER_INPUT]?.[0] ?? dossier;
  const rid = actionData?.rid ?? loaded.rid;
  const pageToken = actionData?.pageToken ?? loaded.pageToken;
  // Plain links that keep the page (its rating id, its dossier code): they work without JavaScript.
  const kept = new URLSearchParams({ r: rid, t: pageToken, ...(code ? { ma: code } : {}) }).toString();

  return (
    <main className="page narrow">
      <RatingPlace
        agencyName={counter.agencyName}
        counterName={counter.name}
        locale={locale}
        languages={languages}
        hrefOf={(l) => `?lng=${l}&${kept}`}
      />
      <h1>{def.title[labels]}</h1>
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
      <form id="rate" method="post" action={`?lng=${locale}`} noValidate data-sending={t("rate.sending")} data-vote={main?.code}>
        <input type="hidden" name={RID_INPUT} value={rid} />
        <input type="hidden" name={TOKEN_INPUT} value={pageToken} />
        {code ? (
          <p className="help">
            <input type="hidden" name={DOSSIER_INPUT} value={code} />
            {t("rate.dossierGiven", { code })}
          </p>
        ) : null}
        {main ? (
          <ScaleQuestion def={def} question={main} locale={labels} values={values[main.code] ?? []} error={errors[main.code]} faces voices={voices} />
        ) : null}
        {/* Problems of a hand-made post (a field or a code this page does not ask for): said, not hidden. */}
        {Object.entries(errors)
          .filter(([key]) => key !== main?.code && key !== "_form")
          .map(([key, message]) => (
            <p key={key} className="err">
              {message}
            </p>
          ))}
        <Honeypot name={HONEYPOT_INPUT} />
        <button type="submit" className="primary">
          {t("rate.submit")}
        </button>
        <p className="privacy">{t("rate.voteHint")}</p>
      </form>
    </main>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? `${data.def.title[labelLocale(data.locale)]} — ${data.counter.agencyName}` : fixedT(localeFromMatches(matches))("notFound.title") },
  { name: "robots", content: "noindex" },
];
