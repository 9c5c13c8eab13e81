/**
 * The report's files: `/quan-tri/bao-cao/in` (print-ready A4 HTML), `bao-cao.docx`, `bao-cao.pdf`,
 * `so-lieu.xlsx` and `phieu.csv` (raw responses, streamed), each for `?survey=&period=&scope=`. Scope
 * is checked by requireReport (an agency head gets only their agency's). File names carry the period.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";

import { csvExport, csvFileName } from "~/report/csv.server";
import { reportDocument } from "~/report/blocks";
import { renderReportDocx } from "~/report/docx.server";
import { renderReportHtml } from "~/report/html.server";
import { buildReport } from "~/report/model.server";
import { reportSearch, requireReport } from "~/report/params.server";
import { PdfError, renderPdf } from "~/report/pdf.server";
import { reportSettings } from "~/report/settings.server";
import { renderReportXlsx } from "~/report/xlsx.server";
import { fixedT } from "~/i18n/i18n";
import { periodRange, vietnamDay } from "~/method/period";
import { services } from "~/services.server";

const TYPES = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
} as const;

const download = (name: string, type: string) => ({
  "Content-Type": type,
  "Content-Disposition": `attachment; filename="${name.replace(/[^A-Za-z0-9_.-]/g, "_")}"`,
  // Figures of one scope, behind a sign-in: never kept by a shared cache.
  "Cache-Control": "private, no-store",
  "X-Content-Type-Options": "nosniff",
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const req = requireReport(request);
  const { db, surveys } = services();
  const file = params.file ?? "";
  const t = fixedT("vi");

  if (file === "phieu.csv") {
    const def = surveys.get(req.key.survey)?.def;
    if (!def) throw new Response("Không có khảo sát này", { status: 404 });
    const filter = {
      survey: req.key.survey,
      ...periodRange(req.key.period),
      ...(req.key.scope === "province" ? {} : { agency: req.key.scope }),
      field: req.field,
      channel: req.channel,
    };
    const { total, stream } = csvExport(db.$client.name, def, filter);
    return new Response(stream, { headers: { ...download(csvFileName(filter), TYPES.csv), "X-Total-Rows": String(total) } });
  }

  const make = () => buildReport(db, surveys, { key: req.key, today: vietnamDay(Date.now()), province: reportSettings().PROVINCE_NAME });
  switch (file) {
    case "in": {
      const html = renderReportHtml(reportDocument(make()), {
        toolbar: { backHref: `/quan-tri/bao-cao${reportSearch(req.key)}`, backLabel: t("report.title") },
      });
      return new Response(html, {
        headers: {
          "Content-Type": "text/html; charset=utf-8",
          "Cache-Control": "private, no-store",
          // A document without scripts: inline styles only, nothing fetched.
          "Content-Security-Policy":
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        },
      });
    }
    case "bao-cao.docx": {
      const doc = reportDocument(make());
      return new Response(new Uint8Array(await renderReportDocx(doc)), { headers: download(`${doc.fileStem}.docx`, TYPES.docx) });
    }
    case "bao-cao.pdf": {
      const doc = reportDocument(make());
      try {
        const pdf = await renderPdf(renderReportHtml(doc, { pdf: true }));
        return new Response(new Uint8Array(pdf), { headers: download(`${doc.fileStem}.pdf`, TYPES.pdf) });
      } catch (error) {
        if (!(error instanceof PdfError)) throw error;
        const message =
          error.reason === "unavailable"
            ? t("report.files.pdfUnavailable")
            : error.reason === "busy"
              ? t("report.files.pdfBusy")
              : t("report.files.pdfFailed");
        if (error.reason === "failed") console.warn(JSON.stringify({ pdf: "failed", detail: error.message }));
        return new Response(message, { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "60" } });
      }
    }
    case "so-lieu.xlsx": {
      const model = make();
      const stem = reportDocument(model).fileStem.replace(/^bao-cao/, "so-lieu");
      return new Response(new Uint8Array(await renderReportXlsx(model)), { headers: download(`${stem}.xlsx`, TYPES.xlsx) });
    }
    default:
      throw new Response("Không tìm thấy", { status: 404 });
  }
}
