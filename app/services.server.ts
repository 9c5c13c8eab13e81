/**
 * The process's services: the database (opened, migrated), the registered survey definitions and the
 * secret. `boot()` runs once before the server listens, so a broken definition or migration stops the
 * start instead of failing the first citizen.
 */
import crypto from "node:crypto";

import { and, eq, isNull, sql } from "drizzle-orm";

import { openDatabase, type Db } from "../db/client";
import { users } from "../db/auth-schema";
import { migrateDatabase } from "../db/migrate";
import { seedDemo } from "../db/seed/demo";
import { DEMO_PASSWORD, DEMO_USERS } from "../db/seed/demo-users";
import { listenUrls, machineBaseUrl, UNSET_PUBLIC_URL_WARNING } from "./addresses/addresses.server";
import { verifyPasswordSync } from "./auth/password.server";
import { counterLinks } from "./counters/lookup.server";
import { readEnv, sessionSecret, type Env } from "./env.server";
import { registerSurveys, type SurveyRegistry } from "./survey/registry.server";

export type Services = { env: Env; db: Db; surveys: SurveyRegistry; secret: string };

// Kept on globalThis so that the dev server's module reloads reuse one connection.
const holder = globalThis as typeof globalThis & { __sipas?: Services };

/** The demo accounts' password made at this start, if the demo was seeded now (printed once by startupLines). */
let seededDemo: DemoAccess | null = null;

export function openServices(env: Env = readEnv(), options: { demo?: boolean } = {}): Services {
  const db = openDatabase(env.DATABASE_PATH);
  migrateDatabase(db);
  const surveys = registerSurveys(db);
  const wantDemo = options.demo ?? env.SIPAS_NO_DEMO !== "1";
  if (wantDemo && isEmpty(db)) {
    const access = demoAccess(env);
    seedDemo(db, surveys, { password: access.password, responses: env.SIPAS_DEMO_RESPONSES });
    seededDemo = access;
  }
  return { env, db, surveys, secret: sessionSecret(env) };
}

/** Only this machine can reach a server on a loopback address: there the README's demo password opens nothing. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

export type DemoAccess = { password: string; public: boolean };

/**
 * The demo accounts' password (issue 16, finding 14): the README's public one on a loopback host or with
 * SIPAS_DEMO=1; otherwise a random one, so that `npm start` on a machine reachable from a network (HOST is
 * 0.0.0.0 by default, for phones to open the QR pages) never creates an `admin` anyone can sign in as.
 */
export function demoAccess(env: Env): DemoAccess {
  if (isLoopbackHost(env.HOST) || env.SIPAS_DEMO === "1") return { password: DEMO_PASSWORD, public: true };
  return { password: crypto.randomBytes(12).toString("base64url"), public: false };
}

/** Do demo accounts still sign in with the README's public password? (One scrypt at start-up.) */
function publicDemoPasswordInUse(db: Db): boolean {
  const row = db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(and(eq(users.username, DEMO_USERS[0]!.username), isNull(users.disabledAt)))
    .get();
  return row !== undefined && verifyPasswordSync(DEMO_PASSWORD, row.hash);
}

/** What start-up says about the demo accounts: the password made now (once), or a warning while the public one works. */
function demoLines(env: Env, db: Db): string[] {
  const names = DEMO_USERS.map((u) => u.username).join(", ");
  const exposed = !isLoopbackHost(env.HOST);
  const seeded = seededDemo;
  seededDemo = null;
  if (seeded && !seeded.public) {
    return [
      `Đã tạo tài khoản mẫu (${names}) với mật khẩu: ${seeded.password}`,
      `  Mật khẩu này chỉ in một lần. Máy đang nghe trên HOST=${env.HOST} (không chỉ máy này), nên không dùng mật khẩu công khai trong README; đặt SIPAS_DEMO=1 nếu thật sự muốn dùng nó.`,
    ];
  }
  if (!seeded && !publicDemoPasswordInUse(db)) return [];
  return [
    `${exposed ? "CẢNH BÁO: " : ""}Tài khoản mẫu (${names}) dùng mật khẩu mẫu công khai «${DEMO_PASSWORD}» (README) — chỉ để dùng thử.`,
    ...(exposed
      ? [
          `  Máy đang nghe trên HOST=${env.HOST}: ai vào được địa chỉ này đều đăng nhập được. Đổi mật khẩu các tài khoản đó, hoặc chạy với HOST=127.0.0.1.`,
        ]
      : []),
  ];
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

/**
 * What `npm start` prints once listening on `port`: the app's addresses (PUBLIC_URL, or every LAN address of
 * the machine with a warning that QR codes then follow the address the admin opens), one counter's QR page to
 * try, and the demo accounts' password when it was made at this start, or a warning while they still take the
 * public one.
 */
export function startupLines(port: number = services().env.PORT): string[] {
  const { env, db } = services();
  const [base, ...others] = env.PUBLIC_URL ? [machineBaseUrl(env)] : listenUrls(env.HOST, port);
  const [first] = counterLinks(db, base!);
  return [
    `Ứng dụng: ${base}/`,
    ...(others.length ? [`Cũng mở được tại: ${others.map((o) => `${o}/`).join(", ")}`] : []),
    ...(env.PUBLIC_URL ? [] : [UNSET_PUBLIC_URL_WARNING]),
    first ? `Trang đánh giá mẫu (quầy ${first.code}): ${first.url}` : "Chưa có quầy nào: nạp danh mục bằng npm run sipas -- import-directory",
    ...demoLines(env, db),
  ];
}
