/**
 * POST /quan-tri/qd766-pakn: a PAKN from a citizen's comment (the form on /quan-tri/gop-y/<ref>). The comment's
 * writers only (an agency head for the agency's own comments), with the CSRF token; saved, it goes back to the
 * comment. Bad input is a 400 whose Vietnamese sentence the staff area's error page shows; nothing changes.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs } from "@remix-run/node";

import { commentOwner } from "~/feedback/list.server";
import { requireCommentInScope, requireCommentWriter } from "~/feedback/scope.server";
import { savePaknFromComment } from "~/qd766/pakn-comment.server";
import { paknFromCommentForm } from "~/qd766/pakn-form";
import { idOfRef } from "~/responses/public-ref.server";
import { errorsOf, requireForm } from "~/security/staff-form.server";
import { services } from "~/services.server";

export async function loader() {
  throw new Response("Không có trang này", { status: 404 });
}

export async function action({ request }: ActionFunctionArgs) {
  const writer = requireCommentWriter(request);
  const form = await requireForm(request);
  const submission = parseWithZod(form, { schema: paknFromCommentForm });
  if (submission.status !== "success") throw new Response(errorsOf(submission)[0] ?? "Biểu mẫu không hợp lệ.", { status: 400 });
  const { db, secret } = services();
  const input = submission.value;
  const id = idOfRef(secret, input.ref);
  const owner = id === null ? null : commentOwner(db, id);
  if (id === null || !owner) throw new Response("Không có ý kiến này", { status: 404 });
  requireCommentInScope(writer, owner);
  const refused = savePaknFromComment(db, id, input.ref, input, writer.user.id);
  if (refused) throw new Response(refused, { status: 400 });
  return redirect(`/quan-tri/gop-y/${encodeURIComponent(input.ref)}?pakn=1`);
}

export default function PaknFromComment() {
  return null;
}
