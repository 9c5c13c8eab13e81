/**
 * The forms of a comment's follow-up, one zod schema each (status, reply, tag, untag, hide, unhide), and the
 * change they make together. Shared by the page (the browser checks the same rules, and each error stands
 * beside its field) and the action (Conform's parseWithZod). Messages are keys of the `feedback` namespace.
 */
import { z } from "zod";

import { REASON_MAX, REPLY_MAX, TAG_MAX } from "./limits";

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
/**
 * Letters (any script, with their marks), digits, spaces and - _ . : a short label, never markup. The hyphen
 * stands outside the class: the browser reads the same pattern with the `v` flag, where a bare "-" is refused.
 */
const TAG_PATTERN = /^(?:[\p{L}\p{M}\p{N} ._]|-)+$/u;

/** A text a person types: normalised, then required and bounded (the bounds reach the browser too). */
const text = (missing: string, tooLong: string, max: number, normalise: (s: string) => string = (s) => s.trim()) =>
  z.string({ error: missing }).overwrite(normalise).min(1, { error: missing }).max(max, { error: tooLong });

// "đã trả lời" is reached only with a reply; a plain status change goes to mới or đang xử lý.
export const statusForm = z.object({ status: z.enum(["moi", "dang_xu_ly"], { error: "feedback.unknownStatus" }) });
export const replyForm = z.object({ reply: text("feedback.replyMissing", "feedback.replyTooLong", REPLY_MAX) });
export const tagForm = z.object({
  tag: text("feedback.tagMissing", "feedback.tagTooLong", TAG_MAX, (s) => oneLine(s).toLocaleLowerCase("vi")).regex(TAG_PATTERN, {
    error: "feedback.tagBad",
  }),
});
export const untagForm = z.object({ tag: z.string({ error: "feedback.badRequest" }).max(TAG_MAX, { error: "feedback.badRequest" }) });
export const hideForm = z.object({ reason: text("feedback.reasonMissing", "feedback.reasonTooLong", REASON_MAX, oneLine) });

export const changeSchema = z.discriminatedUnion(
  "intent",
  [
    statusForm.extend({ intent: z.literal("status") }),
    replyForm.extend({ intent: z.literal("reply") }),
    tagForm.extend({ intent: z.literal("tag") }),
    untagForm.extend({ intent: z.literal("untag") }),
    hideForm.extend({ intent: z.literal("hide") }),
    z.object({ intent: z.literal("unhide") }),
  ],
  { error: "feedback.badRequest" },
);
export type Change = z.output<typeof changeSchema>;

/** The {{max}} of each message that has one. */
export const MESSAGE_MAX: Record<string, number> = {
  "feedback.replyTooLong": REPLY_MAX,
  "feedback.tagTooLong": TAG_MAX,
  "feedback.reasonTooLong": REASON_MAX,
};
