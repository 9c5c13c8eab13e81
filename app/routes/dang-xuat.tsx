/** Sign-out: POST only (a link could be triggered by another site), CSRF-checked. */
import { redirect, type ActionFunctionArgs } from "@remix-run/node";

import { audit } from "~/auth/audit.server";
import { requireCsrf } from "~/auth/csrf.server";
import { destroySession, getUser } from "~/auth/session.server";
import { readFormBody } from "~/security/form-body.server";
import { services } from "~/services.server";

export async function loader() {
  throw redirect("/quan-tri");
}

export async function action({ request }: ActionFunctionArgs) {
  // A malformed body (hand-made multipart) is a 400, not a 500 from request.formData().
  const read = await readFormBody(request);
  if (!read.ok) throw new Response("Biểu mẫu không hợp lệ. Xin tải lại trang và thử lại.", { status: read.status });
  requireCsrf(request, read.form);
  const { db, secret } = services();
  const user = getUser(db, secret, request);
  if (user) audit(db, { userId: user.id, action: "auth.signout" });
  throw redirect("/dang-nhap", { status: 303, headers: { "Set-Cookie": destroySession(db, request) } });
}
