/** The one error page: a Vietnamese 404 for what does not exist, a calm 500 for the rest. */
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <main className="page narrow">
      <h1>{notFound ? t("notFound.title") : t("serverError.title")}</h1>
      <p>{notFound ? t("notFound.body") : t("serverError.body")}</p>
      <p>
        <a href="/">{t("notFound.home")}</a>
      </p>
    </main>
  );
}
