/**
 * One citizen's comment with its context and follow-up. Every text (the comment, the reply, a hiding
 * reason, a tag) is rendered by React as text: whatever was typed stays inert. A hidden comment's text is
 * behind a disclosure for those allowed to see it, and absent (null from the server) for the others.
 */
import { formatInstant } from "~/i18n/vn-time";
import type { CommentView } from "~/feedback/list.server";

import { useLocale } from "../dashboard/common";

export function CommentCard({ comment: c }: { comment: CommentView }) {
  const { t } = useLocale();
  return (
    <article aria-label={t("feedback.commentTitle", { ref: c.ref })}>
      <p>
        <span className={`fb-badge fb-status-${c.status}`}>{t(`feedback.status_${c.status}`)}</span>
        {c.hidden ? <span className="fb-badge">{t("feedback.hiddenMark")}</span> : null}
        {c.tags.map((tag) => (
          <span key={tag} className="fb-badge">
            #{tag}
          </span>
        ))}
      </p>
      {c.hidden ? (
        <>
          <p className="fb-text">
            <em>{t("feedback.hiddenText", { reason: c.hidden.reason })}</em>
          </p>
          {c.text !== null ? (
            <details>
              <summary>{t("feedback.showText")}</summary>
              <blockquote className="fb-text">{c.text}</blockquote>
            </details>
          ) : null}
        </>
      ) : (
        <blockquote className="fb-text">{c.text}</blockquote>
      )}
      <p className="fb-meta">
        {formatInstant(c.at)} · {c.agencyName}
        {c.counter ? ` · ${c.counter}` : ""}
        {c.field ? ` · ${c.field}` : ""}
        {` · ${t(`dash.channel_${c.channel as "qr"}`)}`}
        {c.rating ? ` · ${t("feedback.ratingWas", { answer: c.rating })}` : ""}
      </p>
      {c.reply ? (
        <div className="fb-reply">
          <p className="fb-meta">{t("feedback.repliedBy", { by: c.reply.by ?? "—", date: formatInstant(c.reply.at) })}</p>
          <p className="fb-text">{c.reply.text}</p>
        </div>
      ) : null}
    </article>
  );
}
