/**
 * The real browser modules of app/offline, bundled once per worker as a script that sets `window.sipasOffline`:
 * the specs drive the very code the tablet and the kiosk run, in Chromium, against a real server.
 */
import { buildSync } from "esbuild";
import { fileURLToPath } from "node:url";

let cached: string | null = null;

export function offlineBundle(): string {
  cached ??= buildSync({
    entryPoints: [fileURLToPath(new URL("../../../app/offline/index.ts", import.meta.url))],
    bundle: true,
    format: "iife",
    globalName: "sipasOffline",
    platform: "browser",
    target: "es2022",
    write: false,
  }).outputFiles[0]!.text;
  return cached;
}
