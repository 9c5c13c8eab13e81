/**
 * Draws a PDF's first pages into a Playwright page with pdf.js (pdfjs-dist, a dev dependency), on a made-up
 * origin that serves pdf.js, the PDF and an empty page, each page a canvas `#page-N` A4-wide at 96 dpi
 * (794 px): the PDF's own pages as printed (Tinos, page numbers), for screenshots of the official report.
 */
import type { Page } from "@playwright/test";
import path from "node:path";

/** Draws pages 1…`count` (or fewer); returns how many the PDF has. Screenshot them with `#page-N`. */
export async function drawPdfPages(page: Page, pdf: Buffer, count: number, root: string): Promise<number> {
  const PDFJS = path.join(root, "node_modules/pdfjs-dist/build");
  await page.route("http://pdfjs.test/**", (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    if (name === "report.pdf") return route.fulfill({ body: pdf, contentType: "application/pdf" });
    if (name === "pdf.min.mjs" || name === "pdf.worker.min.mjs")
      return route.fulfill({ path: path.join(PDFJS, name), contentType: "text/javascript" });
    return route.fulfill({
      body: '<!DOCTYPE html><html lang="vi"><title>PDF</title><body style="margin:0;background:#fff"></body></html>',
      contentType: "text/html",
    });
  });
  // A4 at 96 dpi: 794 × 1123 px.
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.goto("http://pdfjs.test/");
  await page.addScriptTag({
    type: "module",
    content: `
      import * as pdfjs from "/pdf.min.mjs";
      pdfjs.GlobalWorkerOptions.workerSrc = "/pdf.worker.min.mjs";
      const doc = await pdfjs.getDocument("/report.pdf").promise;
      for (let n = 1; n <= Math.min(${count}, doc.numPages); n++) {
        const p = await doc.getPage(n);
        const viewport = p.getViewport({ scale: 794 / p.getViewport({ scale: 1 }).width });
        const canvas = Object.assign(document.createElement("canvas"), { id: "page-" + n, width: Math.round(viewport.width), height: Math.round(viewport.height) });
        canvas.style.display = "block";
        document.body.append(canvas);
        await p.render({ canvas, viewport }).promise;
      }
      document.body.dataset.drawn = String(doc.numPages);
    `,
  });
  await page.waitForSelector("body[data-drawn]");
  return Number(await page.getAttribute("body", "data-drawn"));
}
