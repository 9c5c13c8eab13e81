/** Password change for the signed-in user; other sessions are signed out. */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { audit } from "~/auth/audit.server";
import { MIN_PASSWORD_LENGTH } from "~/auth/roles";
import { endSessions, requireUser } from "~/auth/session.server";
import { rememberDevice } from "~/auth/known-device.server";
import { changePassword } from "~/auth/users.server";
import { CsrfInput } from "~/components/CsrfInput";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { requireForm } from "~/security/staff-form.server";
import { services } from "~/services.server";

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const form = await requireForm(request);
  const { db } = services();
  const result = await changePassword(db, user.id, String(form.get("current") ?? ""), String(form.get("next") ?? ""));
  if (typeof result === "object") {
    const minutes = Math.ceil(result.throttled / 60);
    audit(db, { userId: user.id, action: "user.passwordThrottled", target: user.username });
    return data({ result: "throttled" as const, minutes }, { status: 429, headers: { "Retry-After": String(result.throttled) } });
  }
  if (result !== "ok") return data({ result, minutes: 0 }, { status: 400 });
  // Every other session of this user ends: a stolen session does not survive a password change.
  endSessions(db, user.id, user.sessionHash);
  audit(db, { userId: user.id, action: "user.password", target: user.username });
  // The new password retires the user's known devices; this browser stays one.
  return data({ result, minutes: 0 }, { headers: { "Set-Cookie": rememberDevice(db, services().secret, request, user.id) } });
}

export default function PasswordPage() {
  const { t } = useTranslation();
  const outcome = useActionData<typeof action>();
  const message =
    outcome?.result === "ok"
      ? t("auth.passwordChanged")
      : outcome?.result === "wrong"
        ? t("auth.wrongPassword")
        : outcome?.result === "weak"
          ? t("auth.weakPassword", { min: MIN_PASSWORD_LENGTH })
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
      <Form method="post" className="stack">
        <CsrfInput />
        <label htmlFor="current">{t("auth.currentPassword")}</label>
        <input id="current" name="current" type="password" autoComplete="current-password" required />
        <label htmlFor="next">{t("auth.newPassword", { min: MIN_PASSWORD_LENGTH })}</label>
        <input id="next" name="next" type="password" autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} required />
        <button type="submit" className="primary">
          {t("auth.save")}
        </button>
      </Form>
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("auth.changePassword") }];
