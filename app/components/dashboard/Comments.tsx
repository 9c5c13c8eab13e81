/**
 * Citizens' comments (Y_KIEN), newest first, twenty to a page. The text is rendered by React as text:
 * whatever a respondent typed stays inert (no HTML is ever injected).
 */
import { Link } from "@remix-run/react";

import { formatInstant } from "~/i18n/vn-time";
import type { CommentPage } from "~/dashboard/types";

import { Empty, useLocale } from "./common";

export function Comments({ comments, pageHref }: { comments: CommentPage; pageHref: (page: number) => string }) {
  const { t } = useLocale();
  const { rows, page, pages, total } = comments;
  return (
    <>
      <p className="legend">{t("dash.comments.count", { count: total })}</p>
      {rows.length === 0 ? (
        <Empty>{t("dash.comments.none")}</Empty>
      ) : (
        <ol className="comments">
          {rows.map((c, i) => (
            // A page's rows never change in place: their position is key enough (no id is sent to the page).
            <li key={i}>
              <blockquote>{c.text}</blockquote>
              <p className="muted">
                {formatInstant(c.at)}
                {c.counter ? ` · ${c.counter}` : ""}
                {c.field ? ` · ${c.field}` : ""}
                {` · ${t(`dash.channel_${c.channel as "qr"}`)}`}
                {c.answer ? ` · ${t("dash.comments.answer", { answer: c.answer })}` : ""}
              </p>
            </li>
          ))}
        </ol>
      )}
      {pages > 1 ? (
        <nav className="pager" aria-label={t("dash.comments.nav")}>
          {page > 1 ? <Link to={pageHref(page - 1)}>{t("dash.comments.prev")}</Link> : <span />}
          <span>{t("dash.comments.page", { page, pages })}</span>
          {page < pages ? <Link to={pageHref(page + 1)}>{t("dash.comments.next")}</Link> : <span />}
        </nav>
      ) : null}
    </>
  );
}
