/** Removes the run's temporary database (made in playwright.config.ts). */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export default function teardown() {
  const file = process.env.SIPAS_E2E_DB;
  if (!file) return;
  const dir = path.dirname(file);
  // Only ever the directory the config made under the temp folder.
  if (path.dirname(dir) === path.resolve(os.tmpdir()) && path.basename(dir).startsWith("sipas-e2e-")) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
