import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vitest/config";
import path from "node:path";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  plugins: [
    // Remix's plugin is for the app build; vitest runs plain modules.
    !process.env.VITEST &&
      remix({
        // SIPAS_BUILD_DIR lets several builds coexist (parallel test runs); production uses build/.
        buildDirectory: process.env.SIPAS_BUILD_DIR ?? "build",
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
        },
      }),
  ],
  build: {
    // Small, cache-friendly assets for weak mobile links.
    assetsInlineLimit: 0,
  },
  optimizeDeps: {
    include: ["react-i18next", "i18next", "recharts", "zod"],
    exclude: ["better-sqlite3", "drizzle-orm", "@remix-run/node"],
  },
  server: { host: "127.0.0.1" },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/integration/global-setup.ts"],
    setupFiles: ["tests/setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
  },
});
