// `npm start`: build if the build is missing or older than the sources, then run the server.
// Migrations and the demo data happen inside the server's boot (the same code path as production).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();
const target = path.join(root, "build/server/index.js");

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

const stale =
  !fs.existsSync(target) ||
  fs.statSync(target).mtimeMs <
    Math.max(newest(path.join(root, "app")), newest(path.join(root, "db")), fs.statSync(path.join(root, "vite.config.ts")).mtimeMs);
if (stale) {
  console.log("Đang build ứng dụng…");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], {
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
await import("./server.mjs");
