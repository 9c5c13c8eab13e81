/**
 * What an error page says, for every area: the public pages (the root boundary and the 404 route), the staff
 * area (routes/quan-tri.tsx), the kiosk (routes/kiosk.tsx) and the surveyor app (routes/khao-sat-vien.tsx).
 * Each area's boundary keeps its own shell around `ErrorDetails`; the words are chosen here, once:
 * - an expected failure (a 4xx thrown as a Response) says its own Vietnamese reason, with what to do next;
 * - an unexpected one says so and what to do, with the reference the server logged it under
 *   (app/errors/reference.server.ts) — never a message or a stack.
 */
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";

import { errorReferenceOf } from "~/errors/reference";

export type ErrorArea = "public" | "staff" | "kiosk" | "field";

type Message = { title: string; paragraphs: string[]; reference: string | null };

/** The public pages' error: a Vietnamese 404, 403 for a page the account may not see, 429, a calm 500 for the rest. */
export function GeneralErrorBoundary() {
  const { t } = useTranslation();
  return (
    <main className="page narrow">
      <ErrorDetails area="public" />
      <p>
        <a href="/">{t("notFound.home")}</a>
      </p>
    </main>
  );
}

/** The heading and paragraphs of the error page of `area` (the kiosk speaks Vietnamese whatever the browser says). */
export function ErrorDetails({ area }: { area: ErrorArea }) {
  const error = useRouteError();
  const { i18n } = useTranslation();
  const t = i18n.getFixedT(area === "kiosk" ? "vi" : i18n.language);
  // In the browser only: the server already logged its own errors (with their reference).
  useEffect(() => {
    if (!isRouteErrorResponse(error)) console.error(error);
  }, [error]);
  const message = messageOf(error, area, t);
  return (
    <>
      <h1>{message.title}</h1>
      {message.paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}
      {message.reference ? (
        <p className="error-ref">
          {t("errors.reference")} <code>{message.reference}</code>
        </p>
      ) : null}
    </>
  );
}

function messageOf(error: unknown, area: ErrorArea, t: TFunction): Message {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const reason = reasonOf(error);
  if (area === "public") return { ...publicMessage(status, reason, t), reference: errorReferenceOf(error) };
  if (status >= 500) {
    const reference = errorReferenceOf(error);
    return { title: t(`errors.title_${area}`), paragraphs: [t("errors.unexpected"), t(`errors.todo_${area}${reference ? "_ref" : ""}`)], reference };
  }
  const title =
    status === 404
      ? t("notFound.title")
      : status === 403
        ? t("auth.forbiddenTitle")
        : status === 429
          ? t("auth.tooMany")
          : t("serverError.refusedTitle");
  // The route's own sentence, unless it only repeats the title ("Không có quyền truy cập").
  const what = reason && reason !== title ? reason : status === 404 ? t("errors.notFound") : status === 403 ? t("auth.forbiddenBody") : reason;
  return { title, paragraphs: [what, t(`errors.todo_${area}_refused`)].filter((p): p is string => Boolean(p)), reference: null };
}

/** The citizen-facing words of the root boundary and the 404 page. */
function publicMessage(status: number, reason: string | null, t: TFunction): Omit<Message, "reference"> {
  if (status === 404) return { title: t("notFound.title"), paragraphs: [t("notFound.body")] };
  if (status === 403) return { title: t("auth.forbiddenTitle"), paragraphs: [t("auth.forbiddenBody")] };
  // A limit answered with a page (the sign-in ones, the public pages): one sentence says it all.
  if (status === 429) return { title: t("auth.tooMany"), paragraphs: [] };
  // A refused request (a malformed or oversized form): the server's own Vietnamese reason, not "something broke".
  if (status >= 400 && status < 500) return { title: t("serverError.refusedTitle"), paragraphs: reason ? [reason] : [] };
  return { title: t("serverError.title"), paragraphs: [t("serverError.body")] };
}

/** The text a route threw with its 4xx Response (always a Vietnamese sentence written by the server). */
function reasonOf(error: unknown): string | null {
  return isRouteErrorResponse(error) && error.status < 500 && typeof error.data === "string" && error.data ? error.data : null;
}
