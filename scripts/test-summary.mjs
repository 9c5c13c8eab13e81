// Prints one closing line for the whole test command, "N passed, N failed", from the JSON reports of
// vitest and Playwright, so that CI logs end with a count of what ran.
import fs from "node:fs";

const read = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : null);
let passed = 0;
let failed = 0;
const unit = read("test-results/vitest.json");
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
}
const e2e = read("test-results/playwright.json");
// The national hub's e2e run (tests/playwright.hub.config.ts) reports on its own.
const hub = read("test-results/playwright-hub.json");
for (const run of [e2e, hub]) {
  if (!run) continue;
  passed += run.stats.expected + (run.stats.flaky ?? 0);
  failed += run.stats.unexpected;
}
/** Tests that passed only on their CI retry (playwright.config.ts): named, never silently counted as clean. */
function flakyTitles(suite, out = []) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) if (test.status === "flaky") out.push(`${spec.file}:${spec.line} › ${spec.title}`);
  }
  for (const child of suite.suites ?? []) flakyTitles(child, out);
  return out;
}
const flaky = [e2e, hub].flatMap((run) => (run ? run.suites.flatMap((s) => flakyTitles(s)) : []));
console.log(
  `vitest: ${unit ? unit.numPassedTests : 0} passed; playwright: ${(e2e?.stats.expected ?? 0) + (hub?.stats.expected ?? 0)} passed first time, ${flaky.length} only on retry`,
);
for (const title of flaky) console.log(`FLAKY (passed on retry): ${title}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
