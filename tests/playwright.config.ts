/**
 * End-to-end tests of the citizen pages against the production build (`remix vite:build` must have run:
 * the test command builds first, this config never does). One server per run, on a fresh SQLite file that
 * the server migrates and fills with the demo province at boot; tests read that file to count what was stored.
 */
import { defineConfig } from "@playwright/test";
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// SIPAS_E2E_PORT lets two runs share a machine (the default is what CI uses).
const PORT = Number(process.env.SIPAS_E2E_PORT ?? 3917);
const BASE_URL = `http://127.0.0.1:${PORT}`;

// This module is loaded by the runner and again by every worker. The runner decides the file once;
// workers inherit the variable from it, so they all read the database the server writes. The server
// creates the directory; e2e/global-teardown.ts removes it.
process.env.SIPAS_E2E_DB ??= path.join(os.tmpdir(), `sipas-e2e-${Date.now()}-${process.pid}-${crypto.randomBytes(4).toString("hex")}`, "e2e.db");
process.env.SIPAS_E2E_BASE_URL = BASE_URL;
// The server's secret: tests derive what the server derives from it (a comment's public reference).
const SESSION_SECRET = "e2e-test-secret-0123456789abcdefghijklmn";
process.env.SIPAS_E2E_SECRET = SESSION_SECRET;

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  globalTeardown: "./e2e/global-teardown.ts",
  fullyParallel: true,
  workers: 2,
  // One retry in CI only, and every retried test is named in the closing summary as flaky: a rare timing
  // failure of the browser (seen in the persistent-profile test) must not hide the rest of the run, and must
  // not go unnoticed either. Locally a failure fails at once. docs/decisions/0014-e2e-retry-in-ci.md.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: true,
  // list for people; JSON for the closing "N passed, N failed" line of `npm test` (scripts/test-summary.mjs).
  reporter: [["list"], ["json", { outputFile: "../test-results/playwright.json" }]],
  timeout: 30_000,
  use: {
    baseURL: BASE_URL,
    // No Playwright call may wait for the whole test's time: a stuck click or navigation names itself.
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    // The citizen's phone.
    viewport: { width: 360, height: 800 },
    locale: "vi-VN",
    screenshot: "only-on-failure",
    trace: "off",
    video: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium-360" }],
  webServer: {
    command: "node --max-old-space-size=512 scripts/server.mjs",
    cwd: root,
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    // One JSON line per request would drown the report; errors still show.
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      DATABASE_PATH: process.env.SIPAS_E2E_DB,
      HOST: "127.0.0.1",
      PORT: String(PORT),
      PUBLIC_URL: BASE_URL,
      SESSION_SECRET,
    },
  },
});
