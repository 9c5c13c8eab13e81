// A console.error during a test is a bug somewhere (React warnings, unhandled failures): fail the test.
import { afterEach, beforeEach, vi } from "vitest";

import { resetRateLimits } from "../app/security/rate-limit.server";

let errors: unknown[][] = [];
beforeEach(() => {
  // Rate limits live in the process: each test starts with fresh windows.
  resetRateLimits();
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length) throw new Error(`console.error was called: ${errors.map((e) => e.map(String).join(" ")).join("\n")}`);
});
