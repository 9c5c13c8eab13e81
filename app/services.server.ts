/**
 * The process's services: the database (opened, migrated), the registered survey definitions and the
 * secret. `boot()` runs once before the server listens, so a broken definition or migration stops the
 * start instead of failing the first citizen.
 */
import { sql } from "drizzle-orm";

import { openDatabase, type Db } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { seedDemo } from "../db/seed/demo";
import { counterLinks } from "./counters/lookup.server";
import { publicUrl, readEnv, sessionSecret, type Env } from "./env.server";
import { registerSurveys, type SurveyRegistry } from "./survey/registry.server";

export type Services = { env: Env; db: Db; surveys: SurveyRegistry; secret: string };

// Kept on globalThis so that the dev server's module reloads reuse one connection.
const holder = globalThis as typeof globalThis & { __sipas?: Services };

export function openServices(env: Env = readEnv(), options: { demo?: boolean } = {}): Services {
  const db = openDatabase(env.DATABASE_PATH);
  migrateDatabase(db);
  const surveys = registerSurveys(db);
  const wantDemo = options.demo ?? env.SIPAS_NO_DEMO !== "1";
  if (wantDemo && isEmpty(db)) seedDemo(db, surveys);
  return { env, db, surveys, secret: sessionSecret(env) };
}

export function boot(): Services {
  holder.__sipas ??= openServices();
  return holder.__sipas;
}

export function services(): Services {
  return holder.__sipas ?? boot();
}

/** Integration tests hand the routes a services object built on their own SQLite file. */
export function provideServices(value: Services | undefined): void {
  holder.__sipas = value;
}

export function shutdown(): void {
  holder.__sipas?.db.$client.close();
  holder.__sipas = undefined;
}

/** "Empty" = no agency yet: a province that imported its own directory is never given demo data. */
export function isEmpty(db: Db): boolean {
  return db.get<{ n: number }>(sql`select count(*) as n from agencies`).n === 0;
}

/** What `npm start` prints once listening: the app's address and one counter's QR page to try. */
export function startupLines(): string[] {
  const { env, db } = services();
  const base = publicUrl(env);
  const [first] = counterLinks(db, base);
  return [`Ứng dụng: ${base}/`, first ? `Trang đánh giá mẫu (quầy ${first.code}): ${first.url}` : "Chưa có quầy nào: nạp danh mục bằng npm run sipas -- import-directory"];
}
