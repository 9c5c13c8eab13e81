/** Run-time settings (docs/contracts.md §Settings), validated once at start-up. */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEMO_RESPONSES } from "../db/seed/demo-size";

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_PATH: z.string().min(1).default("./data/sipas.db"),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET phải dài ít nhất 32 ký tự").optional(),
  /** Skip filling an empty database with the demo province (production installs import their own). */
  SIPAS_NO_DEMO: z.enum(["0", "1"]).default("0"),
  /**
   * 1: the demo accounts get the README's public password even when HOST is not a loopback address. Without
   * it such a server gives them a random password, printed once at start-up (docs/decisions/0015).
   */
  SIPAS_DEMO: z.enum(["0", "1"]).default("0"),
  /**
   * How many synthetic responses the demo province gets (over the last 550 days): enough that the last complete
   * quarter has ≥ 30 ratings for every agency and target field. Tests that never read the demo's figures lower it.
   */
  SIPAS_DEMO_RESPONSES: z.coerce.number().int().min(0).max(1_000_000).default(DEMO_RESPONSES),
  /**
   * The address printed in QR links, e.g. https://danhgia.dienbien.gov.vn. Unset (or empty): the address the
   * admin's browser used, or the machine's LAN address (app/addresses/addresses.server.ts).
   */
  PUBLIC_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),
  /**
   * Ratings stored from one client address per 10 minutes on the QR page (refused or junk posts do not count).
   * Generous: many phones in a commune share one carrier address (CGNAT).
   */
  RATE_QR_PER_ADDRESS: z.coerce.number().int().positive().default(60),
  /** Ratings stored for one counter per minute on the QR page: a counter serves one citizen at a time. */
  RATE_QR_PER_COUNTER: z.coerce.number().int().positive().default(20),
  /** 1: a dossier code is accepted only when it is in an imported dossier list (`import-dossiers`). */
  REQUIRE_KNOWN_DOSSIER: z.enum(["0", "1"]).default("0"),
  /** API requests per key per minute. */
  RATE_API_PER_KEY: z.coerce.number().int().positive().default(600),
  /** Kiosks (docs/decisions/0010-kiosk.md): seconds between two ratings on one kiosk, unless set per kiosk. */
  KIOSK_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  /** Ratings one kiosk may take per Vietnam day, unless set per kiosk; 0 = no cap. */
  KIOSK_DAILY_CAP: z.coerce.number().int().min(0).max(100_000).default(300),
  /** Seconds the kiosk's thank-you screen stays before it resets for the next citizen. */
  KIOSK_THANKS_SECONDS: z.coerce.number().min(0.2).max(60).default(5),
  /** Seconds without a touch after which a half-finished rating on the kiosk is discarded. */
  KIOSK_IDLE_SECONDS: z.coerce.number().min(1).max(600).default(45),
  /** Pairing attempts per client address per 10 minutes (a pairing code is 8 characters; guessing is slow). */
  RATE_KIOSK_PAIR_PER_ADDRESS: z.coerce.number().int().positive().default(10),
  /** 1: enables /bench/noop, the do-nothing action `npm run bench:load` compares with; 404 otherwise. */
  SIPAS_BENCH_ROUTES: z.enum(["0", "1"]).default("0"),
  /**
   * The national hub's PostgreSQL (postgres://…): set on the hub's server only, where it serves /quoc-gia and
   * the provinces' sync endpoint /api/v1/hub/thang (docs/decisions/0025-national-hub.md); both are 404 without it.
   */
  HUB_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "HUB_DATABASE_URL phải là địa chỉ postgres://…")
    .optional(),
});

export type Env = z.output<typeof envSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Cấu hình không hợp lệ: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}

/** The secret signing cookies and tokens: from the environment, or generated once beside the database. */
export function sessionSecret(env: Env): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  const file = `${path.resolve(env.DATABASE_PATH)}.secret`;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // "wx": never overwrite a secret another process has just written.
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return fs.readFileSync(file, "utf8").trim();
}
