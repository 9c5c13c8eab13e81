/**
 * Sign-in for staff: a plain HTML form (works without JavaScript, ships no React bundle), CSRF-checked and
 * throttled. Its schema gives the browser its constraints; a refusal the server finds is said beside the field.
 */
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { audit } from "~/auth/audit.server";
import { requireCsrf } from "~/auth/csrf.server";
import { deviceProof, rememberDevice } from "~/auth/known-device.server";
import { createSession, getUser } from "~/auth/session.server";
import { signIn } from "~/auth/users.server";
import { FieldError, useStaffForm } from "~/components/admin/staff-form";
import { CsrfInput } from "~/components/CsrfInput";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import type { RouteHandle } from "~/root";
import { readFormBody } from "~/security/form-body.server";
import { replyFor } from "~/security/staff-form.server";
import { services } from "~/services.server";

/**
 * Only a path on this site: never an open redirect to somewhere else. Resolved the way a browser does
 * (it drops tabs and newlines and reads a backslash as "/"), so "/%09/evil.example" cannot become "//evil.example".
 * The resolved path is what goes into `Location`, and a browser reads a Location starting with "//" as
 * another host: dot-segment removal can make one ("/.//evil.example" → "//evil.example"), so such a path is
 * refused too.
 */
function nextPath(request: Request): string {
  const next = new URL(request.url).searchParams.get("tiep") ?? "";
  if (!next.startsWith("/")) return "/quan-tri";
  const here = new URL(request.url);
  const target = URL.canParse(next, here) ? new URL(next, here) : null;
  if (target?.origin !== here.origin || target.pathname.startsWith("//")) return "/quan-tri";
  return target.pathname + target.search + target.hash;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, secret } = services();
  if (getUser(db, secret, request)) throw redirect(nextPath(request));
  return null;
}

/** The sign-in form ("si"): both fields required; which of the two is wrong is never said. */
const signInForm = z.object({
  username: z.string({ error: "auth.usernameRequired" }),
  password: z.string({ error: "auth.passwordRequired" }),
});
const FORM_ID = "si";

export async function action({ request, context }: ActionFunctionArgs) {
  // A malformed body (hand-made multipart) is a 400, not a 500 from request.formData().
  const read = await readFormBody(request);
  if (!read.ok) throw new Response("Biểu mẫu không hợp lệ. Xin tải lại trang và thử lại.", { status: read.status });
  const form = read.form;
  requireCsrf(request, form);
  const { db, secret } = services();
  const submission = parseWithZod(form, { schema: signInForm });
  if (submission.status !== "success") {
    // The name typed is given back to the form (never the password).
    const typed = submission.payload.username;
    return data(
      { error: "missing" as const, username: typeof typed === "string" ? typed : "", minutes: 0, ...replyFor(FORM_ID, submission) },
      { status: 400 },
    );
  }
  const { username, password } = submission.value;
  const result = await signIn(db, username, password, context.clientAddress ?? "", Date.now(), deviceProof(request, secret));
  if (!result.ok) {
    audit(db, { userId: null, action: result.reason === "throttled" ? "auth.throttled" : "auth.failed", target: username.slice(0, 64) });
    if (result.reason === "invalid") return data({ error: result.reason, username, minutes: 0 }, { status: 400 });
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    return data({ error: result.reason, username, minutes }, { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } });
  }
  audit(db, { userId: result.userId, action: "auth.signin" });
  // The session, and this browser remembered as a known device of the account (it escapes the account's lock).
  const headers = new Headers();
  headers.append("Set-Cookie", createSession(db, secret, request, result.userId));
  headers.append("Set-Cookie", rememberDevice(db, secret, request, result.userId));
  throw redirect(nextPath(request), { status: 303, headers });
}

export const handle: RouteHandle = { hydrate: false };

export default function SignIn() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const [form, fields] = useStaffForm(FORM_ID, signInForm, result);
  return (
    <main className="page narrow">
      <h1>{t("auth.signInTitle")}</h1>
      <p className="help">{t("auth.signInIntro")}</p>
      {result?.error ? (
        <p className="err-summary" role="alert">
          {t(`auth.${result.error}`, { count: result.minutes })}
        </p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <CsrfInput />
        <label htmlFor={fields.username.id}>{t("auth.username")}</label>
        <input {...getInputProps(fields.username, { type: "text", value: false })} autoComplete="username" defaultValue={result?.username ?? ""} />
        <FieldError field={fields.username} />
        <label htmlFor={fields.password.id}>{t("auth.password")}</label>
        <input {...getInputProps(fields.password, { type: "password", value: false })} autoComplete="current-password" />
        <FieldError field={fields.password} />
        <button type="submit" className="primary">
          {t("auth.signIn")}
        </button>
      </Form>
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("auth.signInTitle") }];
