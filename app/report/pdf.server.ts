/**
 * The report's PDF: the print HTML rendered by Debian's Chromium (`--headless --print-to-pdf`), the same
 * browser the e2e tests drive, so the PDF is what "Print" gives in a browser. One Chromium job per PDF
 * (chromium.server.ts: own profile, time limit, PDF_CONCURRENCY at once; docs/decisions/0011-official-report.md).
 */
import fs from "node:fs";
import path from "node:path";

import { ChromiumError, runChromium } from "./chromium.server";
import { reportSettings } from "./settings.server";

/** The route tells a missing, busy or failing Chromium apart by this error's `reason`. */
export { ChromiumError as PdfError } from "./chromium.server";

/** HTML (a whole document, nothing to fetch) → PDF bytes. */
export async function renderPdf(html: string, settings = reportSettings()): Promise<Buffer> {
  return runChromium(
    {
      html,
      flags: (dir) => ["--no-pdf-header-footer", "--run-all-compositor-stages-before-draw", `--print-to-pdf=${path.join(dir, "report.pdf")}`],
      result: async (dir) => {
        const pdf = await fs.promises.readFile(path.join(dir, "report.pdf")).catch(() => null);
        if (!pdf || pdf.subarray(0, 5).toString() !== "%PDF-") throw new ChromiumError("failed", "Chromium wrote no PDF");
        return pdf;
      },
    },
    settings,
  );
}
