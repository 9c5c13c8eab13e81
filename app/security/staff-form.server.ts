/**
 * The one way a staff page's action reads its form: bounded (`readFormBody`), then the CSRF token checked.
 * `request.formData()` answered 500 to a malformed multipart body (decision 0013) and read any size into
 * memory; here such a body is a 400 and an oversized one a 413, each with a Vietnamese message, before the
 * route has looked at a field — so nothing changes.
 * Call it after the role check: a visitor who may not use the page is turned away without reading the body.
 */
import type { SubmissionResult } from "@conform-to/react";

import { requireCsrf } from "~/auth/csrf.server";
import type { FormReply } from "~/components/admin/staff-form";

import { readFormBody, type FormBodyOptions } from "./form-body.server";

/**
 * Staff forms are text. The longest field is a report's recommendations (20 000 characters): a Vietnamese
 * letter is 3 bytes of UTF-8 and 9 once percent-encoded, so 180 KB at worst; 512 KB leaves room for the rest.
 */
export const STAFF_FORM_BYTES = 512 * 1024;

const REFUSED = {
  400: "Biểu mẫu không hợp lệ. Xin tải lại trang và thử lại.",
  413: "Biểu mẫu gửi lên quá lớn. Xin rút gọn nội dung và thử lại.",
} as const;

export function formRefusal(status: 400 | 413): Response {
  return new Response(REFUSED[status], { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/** The posted form, CSRF not yet checked (for a route whose role check needs a field); else a thrown 400/413. */
export async function readStaffForm(request: Request, limit = STAFF_FORM_BYTES): Promise<FormData> {
  const read = await readFormBody(request, limit);
  if (!read.ok) throw formRefusal(read.status);
  return read.form;
}

/** The posted form with a valid CSRF token; otherwise a thrown 400/403/413 Response. */
export async function requireForm(request: Request, limit = STAFF_FORM_BYTES): Promise<FormData> {
  const form = await readStaffForm(request, limit);
  requireCsrf(request, form);
  return form;
}

/**
 * For a form that uploads a file and tells the user on the page itself that it is too large: `null` when
 * the body is over `limit` (the rest of it is read and dropped), the form with a valid CSRF token otherwise;
 * a malformed body is a thrown 400. The file's own bound is then the route's (a photo, a spreadsheet).
 */
export async function requireUploadForm(request: Request, limit: number): Promise<FormData | null> {
  const options: FormBodyOptions = { files: true };
  const read = await readFormBody(request, limit, options);
  if (!read.ok && read.status === 413) return null;
  if (!read.ok) throw formRefusal(read.status);
  requireCsrf(request, read.form);
  return read.form;
}

type Replyable = { reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }): SubmissionResult<string[]> };

/**
 * Conform's answer about the form `id` (its errors, field by field, and any the server alone could find),
 * without the values posted: the page keeps what was typed, and a password or the CSRF token is never sent
 * back in the action's data.
 */
export function replyFor(id: string, submission: Replyable, errors?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }): FormReply {
  const { initialValue: _posted, ...reply } = submission.reply(errors);
  return { form: id, reply };
}

/** Every error of a refused submission, field by field in the schema's order: a summary's lines. */
export function errorsOf(submission: { error?: Record<string, string[] | null> | null }): string[] {
  return Object.values(submission.error ?? {}).flatMap((errors) => errors ?? []);
}
