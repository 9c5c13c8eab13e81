/**
 * The report's bar charts as PNG pictures for the .docx, drawn from the same SVG as the print page (bars.tsx)
 * by the Chromium that prints the PDFs: one Chromium job for all charts of a document. The page lays each
 * chart out as an <img>, and once they have loaded (the load event waits for images) draws each on a canvas
 * at twice its size (1280 px for the 165 mm text width, ~200 dpi) and writes the PNGs into the page, which
 * `--dump-dom` prints. Throws ChromiumError when Chromium is missing, busy or fails: the caller decides.
 */
import { barsSize, barsSvgFile } from "./bars";
import type { Bar } from "./blocks";
import { ChromiumError, runChromium } from "./chromium.server";
import { SERVER_SERIF } from "./report-css";
import { reportSettings } from "./settings.server";

export type Chart = { bars: Bar[]; target: number | null };

const SCALE = 2;
const PNG_SIGNATURE = "89504e470d0a1a0a";

/** The page Chromium runs: pictures as base64 data (inert, whatever a label holds) and a fixed script. */
function chartPage(charts: Chart[]): string {
  const images = charts
    .map((c) => {
      const { width, height } = barsSize(c.bars);
      const svg = Buffer.from(barsSvgFile(c.bars, c.target, SERVER_SERIF)).toString("base64");
      return `<img width="${width}" height="${height}" src="data:image/svg+xml;base64,${svg}">`;
    })
    .join("\n");
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
${images}
<pre id="png"></pre>
<script>
addEventListener("load", () => {
  const out = [];
  for (const img of document.images) {
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth * ${SCALE};
    canvas.height = img.naturalHeight * ${SCALE};
    canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
    out.push(canvas.toDataURL("image/png").replace(/^data:image\\/png;base64,/, ""));
  }
  document.getElementById("png").textContent = out.join(" ");
});
</script></body></html>`;
}

/** One PNG per chart, in order. */
export async function renderChartPngs(charts: Chart[], settings = reportSettings()): Promise<Buffer[]> {
  if (charts.length === 0) return [];
  return runChromium(
    {
      html: chartPage(charts),
      // The budget lets the page's load event run before the DOM is printed; an idle page ends sooner.
      flags: () => ["--virtual-time-budget=10000", "--dump-dom"],
      result: async (_dir, stdout) => {
        const text = /<pre id="png">([^<]*)<\/pre>/.exec(stdout)?.[1]?.trim() ?? "";
        const pngs = text ? text.split(/\s+/).map((b64) => Buffer.from(b64, "base64")) : [];
        if (pngs.length !== charts.length || pngs.some((p) => p.subarray(0, 8).toString("hex") !== PNG_SIGNATURE)) {
          throw new ChromiumError("failed", `Chromium drew ${pngs.length} of ${charts.length} charts`);
        }
        return pngs;
      },
    },
    settings,
  );
}
