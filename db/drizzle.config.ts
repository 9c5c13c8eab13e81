import { defineConfig } from "drizzle-kit";

// Paths are relative to the repository root, where npm scripts run.
export default defineConfig({
  dialect: "sqlite",
  schema: [
    "./db/schema.ts",
    "./db/auth-schema.ts",
    "./db/field-schema.ts",
    "./db/publishing-schema.ts",
    "./db/qd766-schema.ts",
    "./db/national-schema.ts",
  ],
  out: "./db/migrations",
  casing: "snake_case",
});
