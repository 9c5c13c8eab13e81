/** The CSV template of the directory import: UTF-8 with a BOM, so that Excel shows Vietnamese. */
import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireUser } from "~/auth/session.server";
import { csvTemplate } from "~/directory/tabular.server";

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["admin"]);
  return new Response(csvTemplate(), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="mau-danh-muc.csv"' },
  });
}
