/** The one check of a change to a comment's follow-up (zod), used by the action and the tests. */
import { z } from "zod";

import { COMMENT_STATUSES } from "../../db/publishing-schema";
import { REASON_MAX, REPLY_MAX, STATUSES, TAG_MAX, type ChangeError } from "./limits";

// The page's list and the database's are one list: a type error here if they ever differ.
STATUSES satisfies typeof COMMENT_STATUSES;
COMMENT_STATUSES satisfies typeof STATUSES;

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
/** Letters (any script, with their marks), digits, spaces and - _ . : a short label, never markup. */
const TAG_PATTERN = /^[\p{L}\p{M}\p{N} ._-]+$/u;

const text = (missing: ChangeError, tooLong: ChangeError, max: number, normalise: (s: string) => string = (s) => s.trim()) =>
  z
    .string({ error: missing })
    .transform(normalise)
    .pipe(z.string().min(1, { error: missing }).max(max, { error: tooLong }));

export const changeSchema = z.discriminatedUnion(
  "intent",
  [
    // "đã trả lời" is reached only with a reply; a plain status change goes to mới or đang xử lý.
    z.object({ intent: z.literal("status"), status: z.enum(["moi", "dang_xu_ly"], { error: "unknownStatus" }) }),
    z.object({ intent: z.literal("reply"), reply: text("replyMissing", "replyTooLong", REPLY_MAX) }),
    z.object({ intent: z.literal("tag"), tag: text("tagMissing", "tagTooLong", TAG_MAX, (s) => oneLine(s).toLocaleLowerCase("vi")).pipe(z.string().regex(TAG_PATTERN, { error: "tagBad" })) }),
    z.object({ intent: z.literal("untag"), tag: z.string().min(1).max(TAG_MAX) }),
    z.object({ intent: z.literal("hide"), reason: text("reasonMissing", "reasonTooLong", REASON_MAX, oneLine) }),
    z.object({ intent: z.literal("unhide") }),
  ],
  { error: "badRequest" },
);
export type Change = z.output<typeof changeSchema>;

/** The first problem of a refused change, as a locale key. */
export function changeError(error: z.ZodError): ChangeError {
  const message = error.issues[0]?.message;
  const known: ChangeError[] = ["unknownStatus", "replyMissing", "replyTooLong", "tagMissing", "tagTooLong", "tagBad", "reasonMissing", "reasonTooLong"];
  return known.includes(message as ChangeError) ? (message as ChangeError) : "badRequest";
}
