import { defineConfig } from "drizzle-kit";

// The national hub's PostgreSQL schema, apart from the province's SQLite one (db/drizzle.config.ts).
export default defineConfig({
  dialect: "postgresql",
  schema: ["./hub/schema.ts"],
  out: "./hub/migrations",
});
