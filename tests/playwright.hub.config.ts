/**
 * End-to-end tests of the national hub (issue 22): its own web server, tests/e2e-hub/hub-server.ts, which
 * starts a throw-away PostgreSQL, syncs three provinces to the production server in hub mode over HTTP and
 * serves the national page. Kept apart from playwright.config.ts so that the province's e2e runs never need
 * PostgreSQL. `npm run build` must have run first.
 */
import { defineConfig } from "@playwright/test";
import { fileURLToPath } from "node:url";

import province from "./playwright.config";

const root = fileURLToPath(new URL("..", import.meta.url));
const PORT = Number(process.env.SIPAS_E2E_HUB_PORT ?? 3937);
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "./e2e-hub",
  outputDir: "./test-results/hub",
  fullyParallel: true,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: true,
  reporter: [["list"], ["json", { outputFile: "../test-results/playwright-hub.json" }]],
  timeout: province.timeout,
  // The province suite's browser settings (Debian's Chromium, the 360 px phone), on the hub's address.
  use: { ...province.use, baseURL: BASE_URL },
  projects: [{ name: "hub-360" }],
  webServer: {
    command: "node --import tsx tests/e2e-hub/hub-server.ts",
    cwd: root,
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
    env: { PORT: String(PORT) },
  },
});
