/**
 * The one error page: a Vietnamese 404 for what does not exist, 403 for a page the account may not see,
 * 429 for too many attempts, and a calm 500 for the rest.
 */
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  const [title, body] =
    status === 404
      ? [t("notFound.title"), t("notFound.body")]
      : status === 403
        ? [t("auth.forbiddenTitle"), t("auth.forbiddenBody")]
        : status === 429
          ? // A limit answered with a page (the sign-in ones, the public pages): one sentence says it all.
            [t("auth.tooMany"), null]
          : status >= 400 && status < 500
            ? // A refused request (a malformed or oversized form): the server's own Vietnamese reason, not "something broke".
              [t("serverError.refusedTitle"), reasonOf(error)]
            : [t("serverError.title"), t("serverError.body")];
  return (
    <main className="page narrow">
      <h1>{title}</h1>
      {body ? <p>{body}</p> : null}
      <p>
        <a href="/">{t("notFound.home")}</a>
      </p>
    </main>
  );
}

/** The text a route threw with its 4xx Response (always a Vietnamese sentence written by the server). */
function reasonOf(error: unknown): string | null {
  return isRouteErrorResponse(error) && typeof error.data === "string" && error.data ? error.data : null;
}
