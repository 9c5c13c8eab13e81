/** `/quan-tri/ban-dich/<code>.xlsx` or `.csv`: a language's translation spreadsheet (administrators; 0023). */
import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireUser } from "~/auth/session.server";
import { translationCsv, translationXlsx } from "~/languages/sheet.server";
import { allTexts, findLanguage, translationsOf } from "~/languages/store.server";
import { services } from "~/services.server";

const TYPES = { xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", csv: "text/csv; charset=utf-8" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireUser(request, ["admin"]);
  const { db, surveys } = services();
  const match = /^([a-z0-9-]{2,12})\.(xlsx|csv)$/.exec(params.file ?? "");
  const language = match ? findLanguage(db, match[1]!) : undefined;
  if (!match || !language) throw new Response("Không tìm thấy ngôn ngữ", { status: 404 });
  const ext = match[2] as keyof typeof TYPES;
  const texts = allTexts(surveys);
  const translations = translationsOf(db, language.code);
  const body = ext === "xlsx" ? new Uint8Array(await translationXlsx(texts, translations)) : translationCsv(texts, translations);
  return new Response(body, {
    headers: {
      "Content-Type": TYPES[ext],
      "Content-Disposition": `attachment; filename="ban-dich-${language.code}.${ext}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
