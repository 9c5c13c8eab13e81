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
if (e2e) {
  passed += e2e.stats.expected + (e2e.stats.flaky ?? 0);
  failed += e2e.stats.unexpected;
}
console.log(`vitest: ${unit ? unit.numPassedTests : 0} passed; playwright: ${e2e ? e2e.stats.expected : 0} passed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
