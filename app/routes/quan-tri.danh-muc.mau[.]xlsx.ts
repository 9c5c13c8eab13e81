/** The XLSX template of the directory import: one sheet per list, with its columns and an example row. */
import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireUser } from "~/auth/session.server";
import { xlsxTemplate } from "~/directory/tabular.server";

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["admin"]);
  return new Response(new Uint8Array(await xlsxTemplate()), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": 'attachment; filename="mau-danh-muc.xlsx"',
    },
  });
}
