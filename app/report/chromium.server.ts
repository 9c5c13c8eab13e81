/**
 * Debian's Chromium as a child process for one job of the report — printing the PDF, or drawing the .docx's
 * charts as pictures: a fresh temporary profile and directory per job, killed after PDF_TIMEOUT_SECONDS, at
 * most PDF_CONCURRENCY jobs at once and a short queue behind them (each Chromium takes ~150 MB). Not
 * playwright-core: it is a dev dependency, and spawning the binary needs no library.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { reportSettings, type ReportSettings } from "./settings.server";

export class ChromiumError extends Error {
  constructor(
    readonly reason: "unavailable" | "failed" | "busy",
    message: string,
  ) {
    super(message);
    this.name = "ChromiumError";
  }
}

const QUEUE_LIMIT = 8;
let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(limit: number, work: () => Promise<T>): Promise<T> {
  if (running >= limit) {
    if (waiting.length >= QUEUE_LIMIT) throw new ChromiumError("busy", "too many Chromium jobs waiting");
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

/** What a job hands to Chromium: the page (a whole document, nothing to fetch) and the flags of its output. */
export type ChromiumJob<T> = {
  html: string;
  /** Flags naming what to produce, given the job's own directory (e.g. `--print-to-pdf=<dir>/report.pdf`). */
  flags: (dir: string) => string[];
  /** Reads the result once Chromium has exited: from the directory, or from what it wrote to stdout. */
  result: (dir: string, stdout: string) => Promise<T>;
};

/** Runs one job in its own temporary directory, removed afterwards whatever happens. */
export async function runChromium<T>(job: ChromiumJob<T>, settings: ReportSettings = reportSettings()): Promise<T> {
  if (!chromiumAvailable(settings)) throw new ChromiumError("unavailable", `no Chromium at ${settings.CHROMIUM_PATH}`);
  return slot(settings.PDF_CONCURRENCY, async () => {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "sipas-chromium-"));
    try {
      const input = path.join(dir, "page.html");
      await fs.promises.writeFile(input, job.html, "utf8");
      const stdout = await run(
        settings.CHROMIUM_PATH,
        [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-extensions",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--no-default-browser-check",
          `--user-data-dir=${path.join(dir, "profile")}`,
          ...job.flags(dir),
          `file://${input}`,
        ],
        settings.PDF_TIMEOUT_SECONDS * 1000,
      );
      return await job.result(dir, stdout);
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  });
}

/** Largest stdout kept (the charts' pictures as base64: a few hundred KB for a report). */
const STDOUT_LIMIT = 32 * 1024 * 1024;

function run(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let outBytes = 0;
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes <= STDOUT_LIMIT) out.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new ChromiumError("failed", `Chromium took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new ChromiumError("failed", error.message));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new ChromiumError("failed", `Chromium exited with ${code}: ${stderr.slice(-500)}`));
      else if (outBytes > STDOUT_LIMIT) reject(new ChromiumError("failed", `Chromium wrote more than ${STDOUT_LIMIT} bytes`));
      else resolve(Buffer.concat(out).toString("utf8"));
    });
  });
}
