/**
 * One comment (/quan-tri/gop-y/<ref>, the response's public reference) and its follow-up: status (mới → đang xử lý), the reply (→ đã trả
 * lời, with who answered), tags, hiding abusive content with a reason. Admins handle every comment, an
 * agency head only their agency's (403 otherwise, for the page and for a crafted POST alike), viewers read.
 * Every change is audited (app/feedback/follow-up.server.ts) and carries the CSRF token.
 */
import { getFormProps, getInputProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { FieldError, useStaffForm, type FormReply } from "~/components/admin/staff-form";
import { CsrfInput } from "~/components/CsrfInput";
import { useLocale } from "~/components/dashboard/common";
import { CommentCard } from "~/components/feedback/CommentCard";
import { PaknFromComment } from "~/components/qd766/PaknFromComment";
import { formatInstant } from "~/i18n/vn-time";
import { changeSchema, hideForm, MESSAGE_MAX, replyForm, tagForm } from "~/feedback/change";
import { applyChange } from "~/feedback/follow-up.server";
import { REASON_MAX, REPLY_MAX, TAG_MAX, TAGS_PER_COMMENT } from "~/feedback/limits";
import { commentOwner, commentView, readComment } from "~/feedback/list.server";
import { requireCommentInScope, requireCommentReader, requireCommentWriter } from "~/feedback/scope.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { idOfRef } from "~/responses/public-ref.server";
import { errorsOf, replyFor, requireForm } from "~/security/staff-form.server";
import { services } from "~/services.server";
import dashboardCss from "~/styles/dashboard.css?url";
import publishingCss from "~/styles/publishing.css?url";

/** The row id behind the address's public reference (never the row id itself: it tells the order of arrival). */
function commentId(raw: string | undefined): number {
  const id = idOfRef(services().secret, raw ?? "");
  if (id === null) throw new Response("Không có ý kiến này", { status: 404 });
  return id;
}

function ownerOr404(id: number) {
  const owner = commentOwner(services().db, id);
  if (!owner) throw new Response("Không có ý kiến này", { status: 404 });
  return owner;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  let owner: { agency: string; survey: string } | undefined;
  // The comment's agency and survey are its scope (read once the user is known: a stranger is sent to sign in).
  const reader = requireCommentReader(request, () => (owner = ownerOr404(commentId(params.id))));
  const id = commentId(params.id);
  owner ??= ownerOr404(id);
  requireCommentInScope(reader, owner);
  const { db, surveys, secret } = services();
  const locale = localeOf(request);
  const comment = commentView(readComment(db, surveys.get(owner.survey)?.def ?? null, id, { locale, seeHidden: reader.canWrite })!, secret);
  // The list's filters, to go back to the same page; re-encoded so that only a query string comes through.
  const ds = new URLSearchParams(new URL(request.url).searchParams.get("ds") ?? "").toString();
  return { comment, canWrite: reader.canWrite, back: `/quan-tri/gop-y${ds ? `?${ds}` : ""}` };
}

type Outcome = { ok: boolean; message: string } & Partial<FormReply>;

/** The forms whose fields show their own errors, by intent: reply, tag, hide (the others have nothing typed). */
const FORM_OF_INTENT: Record<string, string> = { reply: "fb-reply", tag: "fb-tag", hide: "fb-hide" };

export async function action({ request, params }: ActionFunctionArgs) {
  const writer = requireCommentWriter(request);
  const form = await requireForm(request);
  const id = commentId(params.id);
  requireCommentInScope(writer, ownerOr404(id));
  const t = fixedT(localeOf(request));
  const submission = parseWithZod(form, { schema: changeSchema });
  if (submission.status !== "success") {
    // The first problem, as the summary; each also stands beside its field.
    const key = errorsOf(submission)[0] ?? "feedback.badRequest";
    const message = t(key as "feedback.badRequest", { max: MESSAGE_MAX[key] });
    const id = FORM_OF_INTENT[String(submission.payload.intent)];
    return data<Outcome>({ ok: false, message, ...(id ? replyFor(id, submission) : {}) }, { status: 400 });
  }
  const change = submission.value;
  const outcome = applyChange(services().db, { responseId: id, change, userId: writer.user.id });
  if (!outcome.ok) return data<Outcome>({ ok: false, message: t("feedback.tooManyTags", { max: TAGS_PER_COMMENT }) }, { status: 400 });
  const message =
    change.intent === "status"
      ? t("feedback.statusSaved", { status: t(`feedback.status_${change.status}`) })
      : change.intent === "reply"
        ? t("feedback.replied")
        : change.intent === "tag"
          ? t("feedback.tagged", { tag: change.tag })
          : change.intent === "untag"
            ? t("feedback.untagged", { tag: change.tag })
            : change.intent === "hide"
              ? t("feedback.hidden")
              : t("feedback.unhidden");
  return data<Outcome>({ ok: true, message });
}

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: dashboardCss },
  { rel: "stylesheet", href: publishingCss },
];

export default function CommentPage() {
  const { comment: c, canWrite, back } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const [replying, replyFields] = useStaffForm("fb-reply", replyForm, outcome);
  const [tagging, tagFields] = useStaffForm("fb-tag", tagForm, outcome);
  const [hiding, hideFields] = useStaffForm("fb-hide", hideForm, outcome);
  const { t } = useLocale();
  return (
    <main className="page narrow">
      <p>
        <Link to={back}>← {t("feedback.back")}</Link>
      </p>
      <h1 className="fb-ref">{t("feedback.commentTitle", { ref: c.ref })}</h1>
      {outcome ? (
        <div className={outcome.ok ? "ok-summary" : "err-summary"} role={outcome.ok ? "status" : "alert"}>
          <p>{outcome.message}</p>
        </div>
      ) : null}
      <CommentCard comment={c} />
      {c.hidden ? (
        <p className="fb-meta">{t("feedback.hiddenBy", { by: c.hidden.by ?? "—", date: formatInstant(c.hidden.at), reason: c.hidden.reason })}</p>
      ) : null}
      {canWrite ? (
        <div className="fb-forms">
          <Form method="post">
            <CsrfInput />
            <fieldset>
              <legend>{t("feedback.changeStatus")}</legend>
              {(["moi", "dang_xu_ly"] as const).map((s) => (
                <label key={s} className="opt">
                  <input type="radio" name="status" value={s} defaultChecked={c.status === s} /> {t(`feedback.status_${s}`)}
                </label>
              ))}
              <button type="submit" name="intent" value="status">
                {t("feedback.saveStatus")}
              </button>
            </fieldset>
          </Form>
          <Form method="post" {...getFormProps(replying)}>
            <CsrfInput />
            <fieldset>
              <legend>{t("feedback.replyLegend")}</legend>
              <label htmlFor={replyFields.reply.id}>{t("feedback.replyLabel", { max: REPLY_MAX })}</label>
              <textarea
                {...getTextareaProps(replyFields.reply, { value: false })}
                rows={5}
                defaultValue={c.reply?.text ?? ""}
                key={c.reply?.at ?? 0}
              />
              <FieldError field={replyFields.reply} values={{ max: REPLY_MAX }} />
              <button type="submit" name="intent" value="reply">
                {t("feedback.replyButton")}
              </button>
            </fieldset>
          </Form>
          <fieldset>
            <legend>{t("feedback.tags")}</legend>
            {c.tags.length === 0 ? (
              <p>{t("feedback.noTags")}</p>
            ) : (
              <ul className="fb-tags">
                {c.tags.map((tag) => (
                  <li key={tag}>
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="tag" value={tag} />
                      <button type="submit" name="intent" value="untag" aria-label={t("feedback.removeTag", { tag })}>
                        #{tag} ✕
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            )}
            <Form method="post" {...getFormProps(tagging)}>
              <CsrfInput />
              <label htmlFor={tagFields.tag.id}>{t("feedback.tagLabel", { max: TAG_MAX })}</label>
              <input {...getInputProps(tagFields.tag, { type: "text", value: false })} autoComplete="off" key={c.tags.join(",")} />
              <FieldError field={tagFields.tag} values={{ max: TAG_MAX }} />
              <button type="submit" name="intent" value="tag">
                {t("feedback.addTag")}
              </button>
            </Form>
          </fieldset>
          {c.hidden ? (
            <Form method="post">
              <CsrfInput />
              <fieldset>
                <legend>{t("feedback.hideLegend")}</legend>
                <button type="submit" name="intent" value="unhide">
                  {t("feedback.unhideButton")}
                </button>
              </fieldset>
            </Form>
          ) : (
            <Form method="post" {...getFormProps(hiding)}>
              <CsrfInput />
              <fieldset>
                <legend>{t("feedback.hideLegend")}</legend>
                <label htmlFor={hideFields.reason.id}>{t("feedback.hideReason")}</label>
                <input {...getInputProps(hideFields.reason, { type: "text", value: false })} />
                <FieldError field={hideFields.reason} values={{ max: REASON_MAX }} />
                <button type="submit" name="intent" value="hide">
                  {t("feedback.hideButton")}
                </button>
              </fieldset>
            </Form>
          )}
          <PaknFromComment commentRef={c.ref} />
        </div>
      ) : null}
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("feedback.title") }];
