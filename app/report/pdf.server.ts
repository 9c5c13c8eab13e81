/**
 * The report's PDF: the print HTML rendered by Debian's Chromium (`--headless --print-to-pdf`), the same
 * browser the e2e tests drive, so the PDF is what "Print" gives in a browser. A child process per PDF,
 * in a fresh temporary profile, killed after PDF_TIMEOUT_SECONDS; at most PDF_CONCURRENCY at once and a
 * short queue behind them (docs/decisions/0009-official-report.md).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { reportSettings } from "./settings.server";

export class PdfError extends Error {
  constructor(
    readonly reason: "unavailable" | "failed" | "busy",
    message: string,
  ) {
    super(message);
    this.name = "PdfError";
  }
}

const QUEUE_LIMIT = 8;
let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(limit: number, work: () => Promise<T>): Promise<T> {
  if (running >= limit) {
    if (waiting.length >= QUEUE_LIMIT) throw new PdfError("busy", "too many PDFs waiting");
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export function chromiumAvailable(settings = reportSettings()): boolean {
  try {
    fs.accessSync(settings.CHROMIUM_PATH, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** HTML (a whole document, nothing to fetch) → PDF bytes. */
export async function renderPdf(html: string, settings = reportSettings()): Promise<Buffer> {
  if (!chromiumAvailable(settings)) throw new PdfError("unavailable", `no Chromium at ${settings.CHROMIUM_PATH}`);
  return slot(settings.PDF_CONCURRENCY, async () => {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "sipas-pdf-"));
    try {
      const input = path.join(dir, "report.html");
      const output = path.join(dir, "report.pdf");
      await fs.promises.writeFile(input, html, "utf8");
      await run(settings.CHROMIUM_PATH, [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        "--no-pdf-header-footer",
        "--run-all-compositor-stages-before-draw",
        `--user-data-dir=${path.join(dir, "profile")}`,
        `--print-to-pdf=${output}`,
        `file://${input}`,
      ], settings.PDF_TIMEOUT_SECONDS * 1000);
      const pdf = await fs.promises.readFile(output).catch(() => null);
      if (!pdf || pdf.subarray(0, 5).toString() !== "%PDF-") throw new PdfError("failed", "Chromium wrote no PDF");
      return pdf;
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  });
}

function run(command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new PdfError("failed", `Chromium took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new PdfError("failed", error.message));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new PdfError("failed", `Chromium exited with ${code}: ${stderr.slice(-500)}`));
    });
  });
}
