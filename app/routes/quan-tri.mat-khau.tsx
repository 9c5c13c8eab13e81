/** Password change for the signed-in user; other sessions are signed out. */
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { audit } from "~/auth/audit.server";
import { MIN_PASSWORD_LENGTH } from "~/auth/roles";
import { endSessions, requireUser } from "~/auth/session.server";
import { rememberDevice } from "~/auth/known-device.server";
import { changePassword } from "~/auth/users.server";
import { FieldError, useStaffForm } from "~/components/admin/staff-form";
import { CsrfInput } from "~/components/CsrfInput";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { replyFor, requireForm } from "~/security/staff-form.server";
import { services } from "~/services.server";

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request);
  return null;
}

/** The page's one form; the new password's length is the rule changePassword applies too. */
const passwordForm = z.object({
  current: z.string({ error: "auth.currentRequired" }),
  next: z.string({ error: "auth.weakPassword" }).min(MIN_PASSWORD_LENGTH, { error: "auth.weakPassword" }),
});
const FORM_ID = "pw";

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const form = await requireForm(request);
  const { db } = services();
  const submission = parseWithZod(form, { schema: passwordForm });
  if (submission.status !== "success") return data({ result: "invalid" as const, minutes: 0, ...replyFor(FORM_ID, submission) }, { status: 400 });
  const result = await changePassword(db, user.id, submission.value.current, submission.value.next);
  if (typeof result === "object") {
    const minutes = Math.ceil(result.throttled / 60);
    audit(db, { userId: user.id, action: "user.passwordThrottled", target: user.username });
    return data({ result: "throttled" as const, minutes }, { status: 429, headers: { "Retry-After": String(result.throttled) } });
  }
  if (result !== "ok") {
    const fieldErrors: Record<string, string[]> = result === "wrong" ? { current: ["auth.wrongPassword"] } : { next: ["auth.weakPassword"] };
    return data({ result, minutes: 0, ...replyFor(FORM_ID, submission, { fieldErrors }) }, { status: 400 });
  }
  // Every other session of this user ends: a stolen session does not survive a password change.
  endSessions(db, user.id, user.sessionHash);
  audit(db, { userId: user.id, action: "user.password", target: user.username });
  // The new password retires the user's known devices; this browser stays one.
  return data({ result, minutes: 0 }, { headers: { "Set-Cookie": rememberDevice(db, services().secret, request, user.id) } });
}

export default function PasswordPage() {
  const { t } = useTranslation();
  const outcome = useActionData<typeof action>();
  const [form, fields] = useStaffForm(FORM_ID, passwordForm, outcome);
  // Field errors are shown beside their field; the summary says what happened to the password.
  const message =
    outcome?.result === "ok"
      ? t("auth.passwordChanged")
      : outcome?.result === "throttled"
        ? t("auth.passwordThrottled", { count: outcome.minutes })
        : null;
  return (
    <main className="page narrow">
      <h1>{t("auth.changePassword")}</h1>
      {message ? (
        <p className={outcome?.result === "ok" ? "ok-summary" : "err-summary"} role="status">
          {message}
        </p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <CsrfInput />
        <label htmlFor={fields.current.id}>{t("auth.currentPassword")}</label>
        <input {...getInputProps(fields.current, { type: "password", value: false })} autoComplete="current-password" />
        <FieldError field={fields.current} />
        <label htmlFor={fields.next.id}>{t("auth.newPassword", { min: MIN_PASSWORD_LENGTH })}</label>
        <input {...getInputProps(fields.next, { type: "password", value: false })} autoComplete="new-password" />
        <FieldError field={fields.next} values={{ min: MIN_PASSWORD_LENGTH }} />
        <button type="submit" className="primary">
          {t("auth.save")}
        </button>
      </Form>
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("auth.changePassword") }];
