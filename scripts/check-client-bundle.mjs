// After `npm run build`: no server-only code (database driver, secrets, node built-ins) may reach the
// browser bundle. Remix guards `*.server.ts`, but code under db/ is outside that guard.
import fs from "node:fs";
import path from "node:path";

const dir = path.join(process.env.SIPAS_BUILD_DIR ?? "build", "client/assets");
const forbidden = [/better-sqlite3/, /drizzle-orm\/better-sqlite3/, /node:crypto/, /node:fs/, /SESSION_SECRET/];
const leaks = [];
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".js"))) {
  const text = fs.readFileSync(path.join(dir, file), "utf8");
  for (const pattern of forbidden) if (pattern.test(text)) leaks.push(`${file}: ${pattern}`);
}
if (leaks.length) {
  console.error(`Mã chỉ dành cho máy chủ đã lọt vào gói trình duyệt:\n  ${leaks.join("\n  ")}`);
  process.exit(1);
}
console.log(`Gói trình duyệt sạch (${fs.readdirSync(dir).length} tệp kiểm tra).`);
