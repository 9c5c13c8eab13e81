/**
 * Accounts, sessions, CSRF, API keys and the screens and endpoints that use them, on a real SQLite file.
 * Routes are called directly with the services of a test database (provideServices), as in
 * rate-action.test.ts. scrypt is deliberately slow (~100 ms a hash): users are inserted with one hash made
 * once per file, and only the tests about hashing or creating accounts hash again.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";

import { requireApiKey } from "../../app/api/json.server";
import { authenticateApiKey, createApiKey, revokeApiKey } from "../../app/auth/api-keys.server";
import { csrfToken, requireCsrf } from "../../app/auth/csrf.server";
import { dummyHash, hashPassword, hashPasswordSync, verifyPassword } from "../../app/auth/password.server";
import type { UserRole } from "../../app/auth/roles";
import { createSession, destroySession, getUser, requireUser, SESSION_TTL_MS } from "../../app/auth/session.server";
import {
  createUser,
  LOGIN_FREE_PER_ADDRESS,
  LOGIN_MAX_FAILURES,
  LOGIN_WINDOW_MS,
  PASSWORD_CHANGE_MAX_FAILURES,
  signIn,
  UserInputError,
} from "../../app/auth/users.server";
import { readEnv } from "../../app/env.server";
import { ingestResponse } from "../../app/responses/ingest.server";
import { action as responsesAction, loader as responsesLoader } from "../../app/routes/api.v1.responses";
import { loader as resultsLoader } from "../../app/routes/api.v1.results";
import { action as signInAction, loader as signInLoader } from "../../app/routes/dang-nhap";
import { action as signOutAction } from "../../app/routes/dang-xuat";
import { action as passwordAction, loader as passwordLoader } from "../../app/routes/quan-tri.mat-khau";
import { action as accountsAction, loader as accountsLoader } from "../../app/routes/quan-tri.tai-khoan";
import { resetRateLimits } from "../../app/security/rate-limit.server";
import { provideServices } from "../../app/services.server";
import type { Db } from "../../db/client";
import { ratingBody, uuid } from "../support/bodies";
import { testDatabase } from "../support/db";
import { demoServices, storedAnswers, storedResponses, type TestServices } from "../support/services";
import { settle, type Outcome } from "../support/route";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SECRET = "bí-mật-thử-nghiệm-0123456789abcdefghijkl";
const PASSWORD = "mat-khau-thu-2026";
const HTTP = "http://test";

/** The hash of PASSWORD as the application makes it, once per file. */
let HASH: string;
beforeAll(async () => {
  HASH = await hashPassword(PASSWORD);
});

/**
 * What the users of these tests get instead: the same format with a low cost (N = 2^10). verifyPassword
 * reads the parameters from the stored hash, so a sign-in costs a millisecond instead of a tenth of a second.
 */
const FAST_SALT = crypto.randomBytes(16);
const FAST_HASH = `scrypt$1024$8$1$${FAST_SALT.toString("base64url")}$${crypto.scryptSync(PASSWORD, FAST_SALT, 32, { N: 1024, r: 8, p: 1 }).toString("base64url")}`;

afterEach(() => {
  provideServices(undefined);
  resetRateLimits();
});

// ─── helpers ────────────────────────────────────────────────────────────────────────────────────────

/** The demo directory and both surveys, handed to the routes. */
function routeServices(): TestServices {
  const s = demoServices();
  provideServices({ env: readEnv({ DATABASE_PATH: s.db.$client.name } as never), db: s.db, surveys: s.surveys, secret: SECRET });
  return s;
}

function addUser(db: Db, username: string, role: UserRole, agency?: string): number {
  const agencyId = agency ? (db.$client.prepare("select id from agencies where code = ?").get(agency) as { id: number }).id : null;
  const info = db.$client
    .prepare("insert into users (username, display_name, role, agency_id, password_hash, created_at) values (?, ?, ?, ?, ?, ?)")
    .run(username, `Người dùng ${username}`, role, agencyId, FAST_HASH, Date.now());
  return Number(info.lastInsertRowid);
}

const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("hex");

/** A browser's CSRF cookie and the token its forms carry: HMAC(secret, "csrf:" + cookie), computed here independently. */
const CSRF_COOKIE = "Zm9ybS1jb29raWUtdmFsdWUx";
const CSRF = crypto.createHmac("sha256", SECRET).update(`csrf:${CSRF_COOKIE}`).digest("base64url");

/** "sipas_session=…" from a Set-Cookie header. */
const sessionPair = (setCookie: string | null) => (setCookie ?? "").split(";")[0]!;

function signedIn(db: Db, userId: number): string {
  return sessionPair(createSession(db, SECRET, new Request(`${HTTP}/dang-nhap`), userId));
}

type Browser = { session?: string; csrfCookie?: boolean };

function cookieHeader({ session, csrfCookie = true }: Browser): string {
  return [csrfCookie ? `sipas_csrf=${CSRF_COOKIE}` : "", session ?? ""].filter(Boolean).join("; ");
}

function getRequest(pathAndQuery: string, browser: Browser = {}): Request {
  return new Request(`${HTTP}${pathAndQuery}`, { headers: { cookie: cookieHeader(browser) } });
}

/** A form POST as the browser sends it; `csrf: false` leaves the field out. */
function formRequest(pathAndQuery: string, fields: Record<string, string>, browser: Browser & { csrf?: boolean | string } = {}): Request {
  const body = new URLSearchParams(fields);
  if (browser.csrf !== false) body.set("csrf", typeof browser.csrf === "string" ? browser.csrf : CSRF);
  return new Request(`${HTTP}${pathAndQuery}`, { method: "POST", body, headers: { cookie: cookieHeader(browser) } });
}

function expectRedirect(outcome: Outcome, location: string, status = 303): Response {
  expect(outcome, JSON.stringify(outcome)).toMatchObject({ kind: "response", status });
  if (outcome.kind !== "response") throw new Error("not a response");
  expect(outcome.response.headers.get("Location")).toBe(location);
  return outcome.response;
}

function expectData(outcome: Outcome, status: number): Record<string, unknown> {
  expect(outcome.kind, JSON.stringify(outcome)).toBe("data");
  expect(outcome.status).toBe(status);
  return outcome.kind === "data" ? outcome.data : {};
}

const args = (request: Request, clientAddress = "192.0.2.10") => ({ request, params: {}, context: { clientAddress } });

type AuditRow = { userId: number | null; action: string; target: string | null; details: string | null };
const auditRows = (db: Db) => db.$client.prepare("select user_id as userId, action, target, details from audit_log order by id").all() as AuditRow[];
const sessionsOf = (db: Db, userId: number) =>
  (db.$client.prepare("select count(*) as n from sessions where user_id = ?").get(userId) as { n: number }).n;
const userCount = (db: Db) => (db.$client.prepare("select count(*) as n from users").get() as { n: number }).n;

// ─── passwords ──────────────────────────────────────────────────────────────────────────────────────

describe("passwords", () => {
  it("verifies the password it hashed, refuses another, and stores scrypt$32768$8$1$salt$hash", async () => {
    expect(HASH).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword(PASSWORD, HASH)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}x`, HASH)).toBe(false);
    expect(await verifyPassword("", HASH)).toBe(false);
  });

  it("salts every hash and compares Vietnamese passwords in one Unicode form (NFC)", async () => {
    const vietnamese = "Mật khẩu của Sở Nội vụ";
    const decomposed = await hashPassword(vietnamese.normalize("NFD"));
    expect(await verifyPassword(vietnamese.normalize("NFC"), decomposed)).toBe(true);
    expect(decomposed.split("$")[4]).not.toBe(HASH.split("$")[4]);
    // The synchronous variant used by the demo seed makes the same kind of hash.
    const sync = hashPasswordSync(PASSWORD);
    expect(sync).not.toBe(HASH);
    expect(await verifyPassword(PASSWORD, sync)).toBe(true);
  });

  it("refuses a tampered or corrupt hash, and never throws on one", async () => {
    const [scheme, n, r, p, salt, hash] = HASH.split("$") as [string, string, string, string, string, string];
    const flipped = `${hash.slice(0, 10)}${hash[10] === "A" ? "B" : "A"}${hash.slice(11)}`;
    const tampered = [
      [scheme, n, r, p, salt, flipped],
      [scheme, n, r, p, `${salt[0] === "A" ? "B" : "A"}${salt.slice(1)}`, hash],
      [scheme, String(2 ** 14), r, p, salt, hash],
      [scheme, "abc", r, p, salt, hash],
      [scheme, "1000", r, p, salt, hash],
      [scheme, String(2 ** 24), r, p, salt, hash],
      [scheme, n, r, p, salt, hash.slice(0, 2)],
      [scheme, n, r, p, salt, ""],
      ["bcrypt", n, r, p, salt, hash],
      [scheme, n, r, p, salt, hash, "extra"],
      [""],
    ].map((parts) => parts.join("$"));
    for (const stored of tampered) {
      await expect(verifyPassword(PASSWORD, stored), stored).resolves.toBe(false);
    }
  });

  it("has one dummy hash for unknown users, in the same format, that no password opens", async () => {
    const dummy = await dummyHash();
    expect(dummyHash()).toBe(dummyHash());
    expect(dummy).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword(PASSWORD, dummy)).toBe(false);
  });
});

// ─── accounts ───────────────────────────────────────────────────────────────────────────────────────

describe("createUser", () => {
  it("stores a trimmed, lowercased username with a hash of the password, and an agency head with the agency", async () => {
    const { db } = demoServices();
    const id = await createUser(db, { username: "  Nguyen.Van-A_1 ", role: "viewer", password: PASSWORD });
    const headId = await createUser(db, {
      username: "ThuTruong",
      displayName: " Giám đốc ",
      role: "agency",
      agencyCode: "SO_YT",
      password: PASSWORD,
    });
    const rows = db.$client
      .prepare(
        "select u.id, username, display_name as displayName, role, a.code as agency, password_hash as hash from users u left join agencies a on a.id = u.agency_id order by u.id",
      )
      .all() as { id: number; username: string; displayName: string; role: string; agency: string | null; hash: string }[];
    expect(rows.map(({ hash: _hash, ...r }) => r)).toEqual([
      { id, username: "nguyen.van-a_1", displayName: "nguyen.van-a_1", role: "viewer", agency: null },
      { id: headId, username: "thutruong", displayName: "Giám đốc", role: "agency", agency: "SO_YT" },
    ]);
    expect(rows[0]!.hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, rows[0]!.hash)).toBe(true);
  });

  it("refuses bad input with a Vietnamese message and stores nothing", async () => {
    const { db } = demoServices();
    addUser(db, "trung", "viewer");
    const cases: [Parameters<typeof createUser>[1], RegExp][] = [
      [{ username: "ab", role: "viewer", password: PASSWORD }, /^Tên đăng nhập gồm 3–40 ký tự/],
      [{ username: "Nguyễn", role: "viewer", password: PASSWORD }, /^Tên đăng nhập gồm 3–40 ký tự/],
      [{ username: "ten co dau cach", role: "viewer", password: PASSWORD }, /^Tên đăng nhập gồm 3–40 ký tự/],
      [{ username: "x".repeat(41), role: "viewer", password: PASSWORD }, /^Tên đăng nhập gồm 3–40 ký tự/],
      [{ username: "quantri", role: "root", password: PASSWORD }, /^Vai trò phải là một trong: admin, agency, surveyor, viewer, sector\.$/],
      [{ username: "thutruong", role: "agency", password: PASSWORD }, /^Tài khoản vai trò «agency» phải gắn với một cơ quan/],
      [{ username: "thutruong", role: "agency", agencyCode: "KHONG_CO", password: PASSWORD }, /^Không có cơ quan «KHONG_CO»\.$/],
      [{ username: "ngan", role: "viewer", password: "ngan-qua" }, /^Mật khẩu phải dài ít nhất 10 ký tự\.$/],
      [{ username: " TRUNG ", role: "viewer", password: PASSWORD }, /^Tên đăng nhập «trung» đã có\.$/],
    ];
    for (const [input, message] of cases) {
      const attempt = createUser(db, input);
      await expect(attempt, JSON.stringify(input)).rejects.toBeInstanceOf(UserInputError);
      await expect(attempt).rejects.toThrow(message);
    }
    expect(userCount(db)).toBe(1);
  });
});

describe("signIn throttling", () => {
  const T = Date.UTC(2026, 7, 14, 2);

  it(`refuses a username after ${LOGIN_MAX_FAILURES} failures, even with the right password`, async () => {
    const { db } = demoServices();
    const id = addUser(db, "canbo", "viewer");
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
      expect(await signIn(db, "canbo", "sai-mat-khau", `10.0.1.${i}`, T + i)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await signIn(db, "CanBo ", PASSWORD, "10.0.2.1", T + 10)).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 900 });
    // Another account is not affected.
    addUser(db, "khac", "viewer");
    expect(await signIn(db, "khac", PASSWORD, "10.0.2.1", T + 11)).toEqual({ ok: true, userId: id + 1 });
  });

  it(`backs an address off after ${LOGIN_FREE_PER_ADDRESS} failures across usernames (unknown users included): 1 s, then 2 s, 4 s…`, async () => {
    const { db } = demoServices();
    const id = addUser(db, "canbo", "viewer");
    for (let i = 0; i < LOGIN_FREE_PER_ADDRESS; i++) {
      expect(await signIn(db, `khong-co-${i}`, PASSWORD, "10.0.0.9", T + i)).toEqual({ ok: false, reason: "invalid" });
    }
    const last = T + LOGIN_FREE_PER_ADDRESS - 1;
    expect(await signIn(db, "canbo", PASSWORD, "10.0.0.9", last + 10)).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 1 });
    expect(await signIn(db, "canbo", PASSWORD, "10.0.0.10", last + 11)).toEqual({ ok: true, userId: id });
    // One more failure once the wait is over doubles it; then the right password goes through.
    expect(await signIn(db, "khong-co-x", PASSWORD, "10.0.0.9", last + 1_000)).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(db, "canbo", PASSWORD, "10.0.0.9", last + 2_999)).toMatchObject({ ok: false, reason: "throttled" });
    expect(await signIn(db, "canbo", PASSWORD, "10.0.0.9", last + 3_000)).toEqual({ ok: true, userId: id });
  });

  it("clears the username's failures on success", async () => {
    const { db } = demoServices();
    const id = addUser(db, "canbo", "viewer");
    for (let i = 0; i < LOGIN_MAX_FAILURES - 1; i++) await signIn(db, "canbo", "sai-mat-khau", `10.0.3.${i}`, T + i);
    expect(await signIn(db, "canbo", PASSWORD, "10.0.4.1", T + 10)).toEqual({ ok: true, userId: id });
    // Without the reset this would be failure number LOGIN_MAX_FAILURES, and the next attempt refused.
    expect(await signIn(db, "canbo", "sai-mat-khau", "10.0.4.2", T + 11)).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(db, "canbo", PASSWORD, "10.0.4.3", T + 12)).toEqual({ ok: true, userId: id });
  });

  it("lets the user in again once the window has passed", async () => {
    const { db } = demoServices();
    const id = addUser(db, "canbo", "viewer");
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) await signIn(db, "canbo", "sai-mat-khau", "10.0.5.1", T);
    expect(await signIn(db, "canbo", PASSWORD, "10.0.5.1", T + LOGIN_WINDOW_MS - 1)).toMatchObject({ ok: false, reason: "throttled" });
    expect(await signIn(db, "canbo", PASSWORD, "10.0.5.1", T + LOGIN_WINDOW_MS + 1)).toEqual({ ok: true, userId: id });
  });

  it(`lets at most ${LOGIN_MAX_FAILURES} guesses sent at once reach the password check`, async () => {
    const { db } = demoServices();
    addUser(db, "canbo", "viewer");
    const results = await Promise.all(
      Array.from({ length: 2 * LOGIN_MAX_FAILURES }, (_, i) => signIn(db, "canbo", `doan-${i}-sai`, `10.0.6.${i}`, T)),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(LOGIN_MAX_FAILURES);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(LOGIN_MAX_FAILURES);
  });

  it("does not lock everyone out together when the server knows no client address", async () => {
    const { db } = demoServices();
    const id = addUser(db, "canbo", "viewer");
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) await signIn(db, `khong-co-${i}`, "sai-mat-khau", "", T + i);
    expect(await signIn(db, "canbo", PASSWORD, "", T + 10)).toEqual({ ok: true, userId: id });
  });

  it("refuses a disabled account as an unknown one", async () => {
    const { db } = demoServices();
    const id = addUser(db, "canbo", "viewer");
    db.$client.prepare("update users set disabled_at = ? where id = ?").run(T, id);
    expect(await signIn(db, "canbo", PASSWORD, "10.0.7.1", T)).toEqual({ ok: false, reason: "invalid" });
  });
});

// ─── sessions ───────────────────────────────────────────────────────────────────────────────────────

describe("sessions", () => {
  const COOKIE = /^sipas_session=([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43}); Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/;

  it("sets an HttpOnly, SameSite=Lax cookie for 12 hours, Secure behind HTTPS", () => {
    const { db } = demoServices();
    const id = addUser(db, "canbo", "viewer");
    expect(createSession(db, SECRET, new Request(`${HTTP}/dang-nhap`), id)).toMatch(COOKIE);
    const direct = createSession(db, SECRET, new Request("https://danhgia.example/dang-nhap"), id);
    const proxied = createSession(db, SECRET, new Request(`${HTTP}/dang-nhap`, { headers: { "x-forwarded-proto": "https" } }), id);
    for (const cookie of [direct, proxied]) {
      expect(cookie).toMatch(/; Secure$/);
      expect(cookie.replace(/; Secure$/, "")).toMatch(COOKIE);
    }
    expect(SESSION_TTL_MS).toBe(43_200_000);
  });

  it("reads the user back from the cookie, and stores only the sha256 of the session id", () => {
    const { db } = demoServices();
    const id = addUser(db, "thutruong", "agency", "SO_YT");
    const now = Date.now();
    const cookie = createSession(db, SECRET, new Request(`${HTTP}/dang-nhap`), id, now);
    const [, raw, signature] = COOKIE.exec(cookie)!;
    const user = getUser(db, SECRET, getRequest("/quan-tri", { session: sessionPair(cookie) }), now + 1);
    expect(user).toEqual({
      id,
      username: "thutruong",
      displayName: "Người dùng thutruong",
      role: "agency",
      agencyId: expect.any(Number),
      agencyCode: "SO_YT",
      sector: null,
      sessionHash: sha256(raw!),
    });
    const rows = db.$client.prepare("select * from sessions").all() as Record<string, unknown>[];
    expect(rows).toEqual([{ id_hash: sha256(raw!), user_id: id, created_at: now, expires_at: now + SESSION_TTL_MS }]);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(raw!);
    expect(dump).not.toContain(signature!);
  });

  it("refuses a tampered, foreign, malformed, expired, disabled or deleted session", () => {
    const s = routeServices();
    const { db } = s;
    const id = addUser(db, "canbo", "viewer");
    const now = Date.now();
    const pair = sessionPair(createSession(db, SECRET, new Request(`${HTTP}/`), id, now));
    const [name, value] = pair.split("=") as [string, string];
    const [raw, signature] = value.split(".") as [string, string];
    const user = (cookie: string, at = now + 1) => getUser(db, SECRET, new Request(`${HTTP}/quan-tri`, { headers: { cookie } }), at);
    expect(user(pair)?.id).toBe(id);

    const flip = (text: string, at: number) => `${text.slice(0, at)}${text[at] === "A" ? "B" : "A"}${text.slice(at + 1)}`;
    for (const cookie of [
      `${name}=${raw}.${flip(signature, 5)}`,
      `${name}=${flip(raw, 5)}.${signature}`,
      `${name}=${raw}`,
      `${name}=${raw}.`,
      `${name}=.${signature}`,
      // Same length in characters, not in bytes: a refusal, not an exception.
      `${name}=${raw}.${signature.slice(0, -1)}%C3%A9`,
      // A malformed escape is no cookie at all.
      `${name}=${raw}.${signature}%E0%A4%A`,
      `other_${name}=${value}`,
    ]) {
      expect(user(cookie), cookie).toBeNull();
    }
    // Signed with another secret.
    expect(getUser(db, "another-secret-0123456789abcdefghijklmn", new Request(`${HTTP}/`, { headers: { cookie: pair } }), now)).toBeNull();
    // Expired.
    expect(user(pair, now + SESSION_TTL_MS - 1)?.id).toBe(id);
    expect(user(pair, now + SESSION_TTL_MS + 1)).toBeNull();
    // Disabled, then enabled again.
    db.$client.prepare("update users set disabled_at = ? where id = ?").run(now, id);
    expect(user(pair)).toBeNull();
    db.$client.prepare("update users set disabled_at = null where id = ?").run(id);
    expect(user(pair)?.id).toBe(id);
    // Deleted (signed out).
    const cleared = destroySession(db, new Request(`${HTTP}/dang-xuat`, { headers: { cookie: pair } }));
    expect(cleared).toBe("sipas_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    expect(sessionsOf(db, id)).toBe(0);
    expect(user(pair)).toBeNull();
  });

  it("sweeps expired sessions when a new one is made", () => {
    const { db } = demoServices();
    const id = addUser(db, "canbo", "viewer");
    const t0 = Date.UTC(2026, 7, 14);
    createSession(db, SECRET, new Request(`${HTTP}/`), id, t0);
    createSession(db, SECRET, new Request(`${HTTP}/`), id, t0 + 1000);
    expect(sessionsOf(db, id)).toBe(2);
    createSession(db, SECRET, new Request(`${HTTP}/`), id, t0 + SESSION_TTL_MS + 500);
    expect(sessionsOf(db, id)).toBe(2);
  });

  it("requireUser: no session → 303 to the sign-in page with the way back; another role → 403; the role → the user", () => {
    const { db } = routeServices();
    const viewer = addUser(db, "xem", "viewer");
    const outcome = (() => {
      try {
        requireUser(getRequest("/quan-tri/tai-khoan?trang=2"), ["admin"]);
      } catch (error) {
        return error;
      }
    })();
    expect(outcome).toBeInstanceOf(Response);
    expect((outcome as Response).status).toBe(303);
    expect((outcome as Response).headers.get("Location")).toBe("/dang-nhap?tiep=%2Fquan-tri%2Ftai-khoan%3Ftrang%3D2");

    const session = signedIn(db, viewer);
    let forbidden: unknown;
    try {
      requireUser(getRequest("/quan-tri/tai-khoan", { session }), ["admin"]);
    } catch (error) {
      forbidden = error;
    }
    expect(forbidden).toBeInstanceOf(Response);
    expect((forbidden as Response).status).toBe(403);
    expect(requireUser(getRequest("/quan-tri", { session }), ["admin", "viewer"]).id).toBe(viewer);
    expect(requireUser(getRequest("/quan-tri/mat-khau", { session })).id).toBe(viewer);
  });
});

// ─── CSRF ───────────────────────────────────────────────────────────────────────────────────────────

describe("csrf", () => {
  const form = (value?: string) => {
    const f = new FormData();
    if (value !== undefined) f.set("csrf", value);
    return f;
  };
  const rejection = (request: Request, f: FormData) => {
    try {
      requireCsrf(request, f);
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it("accepts the HMAC of the browser's cookie", () => {
    routeServices();
    const request = getRequest("/dang-nhap");
    expect(csrfToken(request)).toBe(CSRF);
    expect(rejection(request, form(CSRF))).toBeUndefined();
  });

  it("answers 403 with no field, a wrong field, or no cookie", async () => {
    routeServices();
    const withCookie = getRequest("/dang-nhap");
    const otherCookie = new Request(`${HTTP}/dang-nhap`, { headers: { cookie: "sipas_csrf=another-cookie-value" } });
    const cases: [string, Request, FormData][] = [
      ["no field", withCookie, form()],
      ["empty field", withCookie, form("")],
      ["wrong field", withCookie, form(`${CSRF.slice(0, -1)}${CSRF.endsWith("A") ? "B" : "A"}`)],
      ["same length in characters, not in bytes", withCookie, form(`${CSRF.slice(0, -1)}é`)],
      ["the cookie itself", withCookie, form(CSRF_COOKIE)],
      ["another browser's token", otherCookie, form(CSRF)],
      ["no cookie", new Request(`${HTTP}/dang-nhap`), form(CSRF)],
    ];
    for (const [what, request, f] of cases) {
      const error = rejection(request, f);
      expect(error, what).toBeInstanceOf(Response);
      expect((error as Response).status, what).toBe(403);
      expect(await (error as Response).text()).toMatch(/^Biểu mẫu đã hết hạn/);
    }
    expect(csrfToken(new Request(`${HTTP}/`))).toBeNull();
  });
});

// ─── API keys ───────────────────────────────────────────────────────────────────────────────────────

describe("API keys", () => {
  it("shows a key once as sipas_<kind>_…, stores only its sha256, and authenticates Bearer <key>", () => {
    const { db } = demoServices();
    const agencyId = (db.$client.prepare("select id from agencies where code = 'SO_YT'").get() as { id: number }).id;
    const created = createApiKey(db, { kind: "kiosk", name: "Máy tại quầy Sở Y tế", agencyId });
    expect(created.key).toMatch(/^sipas_kiosk_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, "sipas_kiosk_".length + 6));
    const rows = db.$client.prepare("select * from api_keys").all() as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "kiosk", key_hash: sha256(created.key), prefix: created.prefix, revoked_at: null });
    expect(JSON.stringify(rows)).not.toContain(created.key.slice("sipas_kiosk_".length));

    expect(authenticateApiKey(db, `Bearer ${created.key}`)).toEqual({ keyId: created.id, kind: "kiosk", agencyId, counterId: null });
    const other = createApiKey(db, { kind: "integration", name: "Hệ thống một cửa" });
    expect(other.key).toMatch(/^sipas_integration_/);
    expect(other.key).not.toBe(created.key);
    expect(authenticateApiKey(db, `Bearer ${other.key}`)?.kind).toBe("integration");
  });

  it("refuses a missing, unknown, malformed or revoked key", () => {
    const { db } = demoServices();
    const { id, key } = createApiKey(db, { kind: "integration", name: "Phân tích" });
    const unknown = `sipas_integration_${crypto.randomBytes(32).toString("base64url")}`;
    for (const header of [
      null,
      "",
      key,
      `Basic ${key}`,
      `Bearer ${unknown}`,
      `Bearer ${key.slice(0, -1)}`,
      `Bearer ${key}x`,
      `Bearer ${key} ${key}`,
    ]) {
      expect(authenticateApiKey(db, header), String(header)).toBeNull();
    }
    expect(revokeApiKey(db, id)).toBe(true);
    expect(revokeApiKey(db, id)).toBe(false);
    expect(authenticateApiKey(db, `Bearer ${key}`)).toBeNull();
  });

  it("records the last use at most once a minute", () => {
    const { db } = demoServices();
    const { id, key } = createApiKey(db, { kind: "surveyor", name: "Máy tính bảng 1" });
    const lastUsed = () => (db.$client.prepare("select last_used_at as t from api_keys where id = ?").get(id) as { t: number | null }).t;
    const t0 = Date.UTC(2026, 7, 14, 2);
    expect(lastUsed()).toBeNull();
    authenticateApiKey(db, `Bearer ${key}`, t0);
    expect(lastUsed()).toBe(t0);
    authenticateApiKey(db, `Bearer ${key}`, t0 + 59_000);
    expect(lastUsed()).toBe(t0);
    authenticateApiKey(db, `Bearer ${key}`, t0 + 61_000);
    expect(lastUsed()).toBe(t0 + 61_000);
  });
});

// ─── the sign-in and sign-out routes ────────────────────────────────────────────────────────────────

describe("dang-nhap and dang-xuat", () => {
  it("refuses a form without the CSRF token (403) before looking at the password", async () => {
    const { db } = routeServices();
    addUser(db, "quantri", "admin");
    for (const browser of [{ csrf: false }, { csrf: "gia-mao" }, { csrfCookie: false }] as const) {
      const outcome = await settle(() => signInAction(args(formRequest("/dang-nhap", { username: "quantri", password: PASSWORD }, browser))));
      expect(outcome, JSON.stringify(browser)).toMatchObject({ thrown: true, kind: "response", status: 403 });
    }
    expect(db.$client.prepare("select count(*) as n from sessions").get()).toEqual({ n: 0 });
    expect(db.$client.prepare("select count(*) as n from login_failures").get()).toEqual({ n: 0 });
    expect(auditRows(db)).toEqual([]);
  });

  it("answers a wrong password with 400 and no cookie, audited as auth.failed", async () => {
    const { db } = routeServices();
    addUser(db, "quantri", "admin");
    const outcome = await settle(() => signInAction(args(formRequest("/dang-nhap", { username: "quantri", password: "sai-mat-khau" }))));
    expect(expectData(outcome, 400)).toEqual({ error: "invalid", username: "quantri", minutes: 0 });
    expect(outcome.kind === "data" && outcome.headers.get("Set-Cookie")).toBeFalsy();
    expect(auditRows(db)).toEqual([{ userId: null, action: "auth.failed", target: "quantri", details: null }]);

    const missing = await settle(() => signInAction(args(formRequest("/dang-nhap", { username: "quantri", password: "" }))));
    expect(expectData(missing, 400)).toMatchObject({
      error: "missing",
      username: "quantri",
      minutes: 0,
      form: "si",
      reply: { error: { password: ["auth.passwordRequired"] } },
    });
  });

  it("signs in: 303 to the page asked for, a session cookie, audited as auth.signin", async () => {
    const { db } = routeServices();
    const id = addUser(db, "quantri", "admin");
    const outcome = await settle(() =>
      signInAction(args(formRequest("/dang-nhap?tiep=%2Fquan-tri%2Ftai-khoan%3Ftrang%3D2", { username: " QuanTri ", password: PASSWORD }))),
    );
    expect(outcome.thrown).toBe(true);
    const response = expectRedirect(outcome, "/quan-tri/tai-khoan?trang=2");
    const [setCookie, device] = response.headers.getSetCookie();
    expect(setCookie).toMatch(/^sipas_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/);
    // This browser is now a known device of the account (issue 16, finding 5).
    expect(device).toMatch(
      new RegExp(`^sipas_device=${id}\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{22}; Path=/; HttpOnly; SameSite=Lax; Max-Age=15552000$`),
    );
    expect(getUser(db, SECRET, getRequest("/quan-tri", { session: sessionPair(setCookie ?? null) }))?.id).toBe(id);
    expect(auditRows(db)).toEqual([{ userId: id, action: "auth.signin", target: null, details: null }]);
  });

  it("never redirects to another site after signing in", async () => {
    const { db } = routeServices();
    const id = addUser(db, "quantri", "admin");
    const outcome = await settle(() =>
      signInAction(args(formRequest("/dang-nhap?tiep=//evil.example", { username: "quantri", password: PASSWORD }))),
    );
    expectRedirect(outcome, "/quan-tri");
    // Dot segments removed by the URL parser leave "//host" (issue 16, finding 1): after the sign-in POST too.
    for (const tiep of ["/.//evil.example", "/quan-tri/../..//evil.example"]) {
      const posted = await settle(() =>
        signInAction(args(formRequest(`/dang-nhap?tiep=${encodeURIComponent(tiep)}`, { username: "quantri", password: PASSWORD }))),
      );
      expectRedirect(posted, "/quan-tri");
    }

    // The loader sends a signed-in user on with the same rule.
    const session = signedIn(db, id);
    for (const tiep of [
      "//evil.example",
      "https://evil.example/",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/%2F/evil.example",
      "javascript:alert(1)",
      "quan-tri",
      "/\\/[",
      "/.//evil.example",
      "/quan-tri/../..//evil.example",
      "/./\\evil.example",
      "/%2e//evil.example",
    ]) {
      const query = `?tiep=${encodeURIComponent(tiep)}`;
      const redirect = await settle(() => signInLoader(args(getRequest(`/dang-nhap${query}`, { session }))));
      const location = redirect.kind === "response" ? redirect.response.headers.get("Location") : null;
      expect(location, tiep).not.toBeNull();
      // Where a browser would go: always this site.
      expect(new URL(location!, `${HTTP}/dang-nhap`).origin, `${tiep} → ${location}`).toBe(HTTP);
      expect(location!.startsWith("/") && !location!.startsWith("//") && !/[\\\t\n]/.test(location!), location!).toBe(true);
    }
    expectRedirect(
      await settle(() => signInLoader(args(getRequest("/dang-nhap?tiep=%2Fquan-tri%3Fa%3D1%23b", { session })))),
      "/quan-tri?a=1#b",
      302,
    );
    // Not signed in: the form.
    expect(await settle(() => signInLoader(args(getRequest("/dang-nhap?tiep=//evil.example"))))).toMatchObject({ kind: "data", data: null });
  });

  it("answers 429 once throttled, audited as auth.throttled", async () => {
    const { db } = routeServices();
    addUser(db, "quantri", "admin");
    const t = Date.now();
    const insert = db.$client.prepare("insert into login_failures (key, at) values (?, ?)");
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) insert.run("u:quantri", t);
    const outcome = await settle(() => signInAction(args(formRequest("/dang-nhap", { username: "quantri", password: PASSWORD }))));
    expect(expectData(outcome, 429)).toEqual({ error: "throttled", username: "quantri", minutes: 15 });
    expect(outcome.kind === "data" && outcome.headers.get("Retry-After")).toMatch(/^(899|900)$/);
    expect(auditRows(db).map((r) => r.action)).toEqual(["auth.throttled"]);
  });

  it("signs out: deletes the session, clears the cookie, audited; not without the CSRF token", async () => {
    const { db } = routeServices();
    const id = addUser(db, "quantri", "admin");
    const session = signedIn(db, id);
    const refused = await settle(() => signOutAction(args(formRequest("/dang-xuat", {}, { session, csrf: false }))));
    expect(refused).toMatchObject({ kind: "response", status: 403 });
    expect(sessionsOf(db, id)).toBe(1);

    const response = expectRedirect(await settle(() => signOutAction(args(formRequest("/dang-xuat", {}, { session })))), "/dang-nhap");
    expect(response.headers.get("Set-Cookie")).toBe("sipas_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    expect(sessionsOf(db, id)).toBe(0);
    expect(getUser(db, SECRET, getRequest("/quan-tri", { session }))).toBeNull();
    expect(auditRows(db)).toEqual([{ userId: id, action: "auth.signout", target: null, details: null }]);
  });
});

// ─── lock-out that cannot be aimed at the owner (issue 16, findings 5 and 10) ──────────────────────────

describe("sign-in lock-out and known devices", () => {
  /** A sign-in POST from a browser holding `cookies` (its CSRF cookie always), from `address`. */
  const signInFrom = (username: string, password: string, address: string, cookies: string[] = []) =>
    settle(() =>
      signInAction({
        request: new Request(`${HTTP}/dang-nhap`, {
          method: "POST",
          body: new URLSearchParams({ username, password, csrf: CSRF }),
          headers: { cookie: [`sipas_csrf=${CSRF_COOKIE}`, ...cookies].join("; ") },
        }),
        params: {},
        context: { clientAddress: address },
      }),
    );
  const deviceCookieOf = (outcome: Outcome) => {
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ kind: "response", status: 303 });
    const cookie = outcome.kind === "response" ? outcome.response.headers.getSetCookie().find((c) => c.startsWith("sipas_device=")) : undefined;
    expect(cookie).toBeDefined();
    return cookie!.split(";")[0]!;
  };

  it("failures from anywhere lock the account for strangers, never for the owner's known device", async () => {
    const { db } = routeServices();
    addUser(db, "quantri", "admin");
    const device = deviceCookieOf(await signInFrom("quantri", PASSWORD, "192.0.2.10"));
    // Someone guesses from many addresses, and from the owner's office address too.
    for (let i = 0; i < 3 * LOGIN_MAX_FAILURES; i++) await signInFrom("quantri", `doan-${i}`, i % 2 ? `198.51.100.${i}` : "192.0.2.10");
    expect((await signInFrom("quantri", PASSWORD, "203.0.113.5")).status).toBe(429);
    // The owner, from the browser they signed in with before: straight in, from the same office address.
    expectRedirect(await signInFrom("quantri", PASSWORD, "192.0.2.10", [device]), "/quan-tri");
    // A forged entry, or a known device of another account, is no key.
    const [name, value] = device.split("=") as [string, string];
    const forged = `${name}=${value.slice(0, -1)}${value.endsWith("A") ? "B" : "A"}`;
    expect((await signInFrom("quantri", PASSWORD, "192.0.2.10", [forged])).status).toBe(429);
    addUser(db, "khac", "viewer");
    const othersDevice = deviceCookieOf(await signInFrom("khac", PASSWORD, "192.0.2.11"));
    expect((await signInFrom("quantri", PASSWORD, "192.0.2.11", [othersDevice])).status).toBe(429);
  });

  it(`a known device has a limit of its own (${LOGIN_MAX_FAILURES} failures) that does not lock other browsers`, async () => {
    const { db } = routeServices();
    addUser(db, "quantri", "admin");
    const device = deviceCookieOf(await signInFrom("quantri", PASSWORD, "192.0.2.10"));
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) expect((await signInFrom("quantri", "sai-mat-khau", "192.0.2.10", [device])).status).toBe(400);
    expect((await signInFrom("quantri", PASSWORD, "192.0.2.10", [device])).status).toBe(429);
    expectRedirect(await signInFrom("quantri", PASSWORD, "192.0.2.12"), "/quan-tri");
  });

  it("keeps the entries of up to four accounts in one browser's cookie", async () => {
    const { db } = routeServices();
    let cookies: string[] = [];
    for (const name of ["mot", "hai", "ba", "bon", "nam"]) {
      addUser(db, name, "viewer");
      cookies = [deviceCookieOf(await signInFrom(name, PASSWORD, "192.0.2.10", cookies))];
    }
    const entries = cookies[0]!.split("=")[1]!.split("~");
    expect(entries).toHaveLength(4);
    // The latest account first; the oldest ("mot") dropped.
    const id = (name: string) => (db.$client.prepare("select id from users where username = ?").get(name) as { id: number }).id;
    expect(entries.map((e) => Number(e.split(".")[0]))).toEqual([id("nam"), id("bon"), id("ba"), id("hai")]);
  });

  it("changing the password retires the user's known devices, and keeps the browser that changed it", async () => {
    const { db } = routeServices();
    const id = addUser(db, "quantri", "admin");
    const oldDevice = deviceCookieOf(await signInFrom("quantri", PASSWORD, "192.0.2.10"));
    const session = signedIn(db, id);
    const changed = await settle(() =>
      passwordAction({
        request: new Request(`${HTTP}/quan-tri/mat-khau`, {
          method: "POST",
          body: new URLSearchParams({ current: PASSWORD, next: "mat-khau-moi-2026", csrf: CSRF }),
          headers: { cookie: `sipas_csrf=${CSRF_COOKIE}; ${session}; ${oldDevice}` },
        }),
        params: {},
        context: { clientAddress: "192.0.2.10" },
      }),
    );
    expect(expectData(changed, 200)).toEqual({ result: "ok", minutes: 0 });
    const newDevice = (changed.kind === "data" ? changed.headers.get("Set-Cookie") : "")!.split(";")[0]!;
    expect(newDevice).toMatch(/^sipas_device=/);
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) await signInFrom("quantri", `doan-${i}`, `198.51.100.${i}`);
    expect((await signInFrom("quantri", "mat-khau-moi-2026", "192.0.2.10", [oldDevice])).status).toBe(429);
    expectRedirect(await signInFrom("quantri", "mat-khau-moi-2026", "192.0.2.10", [newDevice]), "/quan-tri");
  });
});

describe("password change attempts", () => {
  it(`stops after ${PASSWORD_CHANGE_MAX_FAILURES} wrong current passwords in the window (429, Vietnamese), changing nothing`, async () => {
    const { db } = routeServices();
    const id = addUser(db, "canbo", "viewer");
    const session = signedIn(db, id);
    const post = (current: string) =>
      settle(() => passwordAction(args(formRequest("/quan-tri/mat-khau", { current, next: "mat-khau-moi-2026" }, { session }))));
    for (let i = 0; i < PASSWORD_CHANGE_MAX_FAILURES; i++)
      expect(expectData(await post(`doan-${i}`), 400)).toMatchObject({ result: "wrong", minutes: 0 });
    const refused = await post(PASSWORD);
    expect(expectData(refused, 429)).toEqual({ result: "throttled", minutes: 15 });
    expect(refused.kind === "data" && refused.headers.get("Retry-After")).toMatch(/^(899|900)$/);
    expect(await verifyPassword(PASSWORD, (db.$client.prepare("select password_hash as h from users where id = ?").get(id) as { h: string }).h)).toBe(
      true,
    );
    expect(auditRows(db).map((r) => r.action)).toEqual(["user.passwordThrottled"]);
    // Once the window has passed, the right password changes it.
    db.$client.prepare("update login_failures set at = at - ? where key = ?").run(LOGIN_WINDOW_MS, `pw:${id}`);
    expect(expectData(await post(PASSWORD), 200)).toEqual({ result: "ok", minutes: 0 });
  });
});

// ─── accounts and API keys screen ───────────────────────────────────────────────────────────────────

describe("quan-tri.tai-khoan", () => {
  function admin() {
    const s = routeServices();
    const adminId = addUser(s.db, "quantri", "admin");
    return { ...s, adminId, session: signedIn(s.db, adminId) };
  }
  const post = (session: string, fields: Record<string, string>, extra: { csrf?: boolean } = {}) =>
    settle(() => accountsAction(args(formRequest("/quan-tri/tai-khoan", fields, { session, ...extra }))));

  it("is for admins only: 403 for a viewer, an agency head and a surveyor; 303 without a session", async () => {
    const { db } = admin();
    for (const [username, role, agency] of [
      ["xem", "viewer"],
      ["thutruong", "agency", "SO_YT"],
      ["ksv", "surveyor"],
    ] as const) {
      const session = signedIn(db, addUser(db, username, role, agency));
      expect(await settle(() => accountsLoader(args(getRequest("/quan-tri/tai-khoan", { session })))), role).toMatchObject({
        thrown: true,
        status: 403,
      });
      const outcome = await post(session, { intent: "create-key", kind: "integration", name: "Lén" });
      expect(outcome, role).toMatchObject({ thrown: true, status: 403 });
    }
    expectRedirect(await settle(() => accountsLoader(args(getRequest("/quan-tri/tai-khoan")))), "/dang-nhap?tiep=%2Fquan-tri%2Ftai-khoan");
    expect(db.$client.prepare("select count(*) as n from api_keys").get()).toEqual({ n: 0 });
  });

  it("lists accounts and keys without any hash", async () => {
    const { db, session } = admin();
    createApiKey(db, { kind: "kiosk", name: "Quầy 1" });
    const data = expectData(await settle(() => accountsLoader(args(getRequest("/quan-tri/tai-khoan", { session })))), 200) as {
      users: { username: string }[];
      keys: { name: string; prefix: string }[];
    };
    expect(data.users.map((u) => u.username)).toEqual(["quantri"]);
    expect(data.keys).toMatchObject([{ name: "Quầy 1", kind: "kiosk", revokedAt: null }]);
    expect(JSON.stringify(data)).not.toMatch(/scrypt\$|hash/i);
  });

  it("creates an account (audited, no password in the log) and refuses bad input in Vietnamese", async () => {
    const { db, adminId, session } = admin();
    const created = expectData(
      await post(session, {
        intent: "create-user",
        username: "ChuyenVien",
        displayName: "Chuyên viên A",
        role: "viewer",
        agency: "",
        password: PASSWORD,
      }),
      200,
    );
    expect(created).toEqual({ ok: true, message: "Đã tạo tài khoản «chuyenvien»." });
    expect(db.$client.prepare("select role, display_name as displayName from users where username = 'chuyenvien'").get()).toEqual({
      role: "viewer",
      displayName: "Chuyên viên A",
    });
    const log = auditRows(db);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ userId: adminId, action: "user.create", target: "chuyenvien" });
    expect(JSON.parse(log[0]!.details!)).toMatchObject({ role: "viewer", agency: null });
    expect(log[0]!.details).not.toContain(PASSWORD);

    // Refused by the form's schema: each field names its own error (the page shows it beside the field).
    const refused = expectData(
      await post(session, { intent: "create-user", username: "thutruong", role: "agency", agency: "", password: PASSWORD }),
      400,
    );
    expect(refused).toEqual({
      ok: false,
      message: "Chưa lưu: xin sửa các ô được đánh dấu bên dưới.",
      form: "nu",
      reply: expect.objectContaining({ status: "error", error: { agency: ["admin.agencyRequired"] } }),
    });
    expect(JSON.stringify(refused)).not.toContain(PASSWORD);
    const bad = expectData(await post(session, { intent: "create-user", username: "x", role: "chu", agency: "", password: "ngan" }), 400);
    expect(bad).toMatchObject({
      form: "nu",
      reply: { error: { username: ["admin.usernameInvalid"], role: ["admin.badRole"], password: ["admin.passwordShort"] } },
    });
    const noCsrf = await post(session, { intent: "create-user", username: "lenlut", role: "admin", password: PASSWORD }, { csrf: false });
    expect(noCsrf).toMatchObject({ thrown: true, status: 403 });
    expect(userCount(db)).toBe(2);
    expect(auditRows(db)).toHaveLength(1);
    // The admin screen shows the log: who, what, on what.
    const page = expectData(await settle(() => accountsLoader(args(getRequest("/quan-tri/tai-khoan", { session })))), 200) as {
      auditEntries: { username: string | null; action: string; target: string | null }[];
    };
    expect(page.auditEntries).toMatchObject([{ username: "quantri", action: "user.create", target: "chuyenvien" }]);
  });

  it("creates an API key shown once (audited without the key), then revokes it", async () => {
    const { db, adminId, session } = admin();
    const created = expectData(
      await post(session, { intent: "create-key", kind: "integration", name: "Hệ thống một cửa tỉnh", agency: "" }),
      200,
    ) as { ok: boolean; message: string; key: string };
    expect(created).toMatchObject({ ok: true, message: "Đã tạo khóa API." });
    expect(created.key).toMatch(/^sipas_integration_[A-Za-z0-9_-]{43}$/);
    const principal = authenticateApiKey(db, `Bearer ${created.key}`);
    expect(principal).toMatchObject({ kind: "integration", agencyId: null });

    const listed = expectData(await settle(() => accountsLoader(args(getRequest("/quan-tri/tai-khoan", { session })))), 200);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(JSON.stringify(listed)).toContain(created.key.slice(0, 24));

    const revoked = expectData(await post(session, { intent: "revoke-key", id: String(principal!.keyId) }), 200);
    expect(revoked).toEqual({ ok: true, message: "Đã thu hồi khóa API; thiết bị dùng khóa này không gửi được nữa." });
    expect(authenticateApiKey(db, `Bearer ${created.key}`)).toBeNull();
    expect(expectData(await post(session, { intent: "revoke-key", id: String(principal!.keyId) }), 400)).toEqual({
      ok: false,
      message: "Không tìm thấy mục cần sửa.",
    });

    const log = auditRows(db);
    expect(log.map((r) => [r.userId, r.action, r.target])).toEqual([
      [adminId, "apikey.create", created.key.slice(0, "sipas_integration_".length + 6)],
      [adminId, "apikey.revoke", String(principal!.keyId)],
    ]);
    expect(JSON.stringify(log)).not.toContain(created.key);
  });

  it("binds a key to an agency, and refuses an unknown kind, agency or a missing name", async () => {
    const { db, session } = admin();
    const bound = expectData(await post(session, { intent: "create-key", kind: "kiosk", name: "Quầy Sở Y tế", agency: "SO_YT" }), 200) as {
      key: string;
    };
    const soYt = (db.$client.prepare("select id from agencies where code = 'SO_YT'").get() as { id: number }).id;
    expect(authenticateApiKey(db, `Bearer ${bound.key}`)).toMatchObject({ kind: "kiosk", agencyId: soYt });
    for (const [fields, error] of [
      [{ kind: "admin", name: "X" }, { kind: ["admin.badKind"] }],
      [{ kind: "kiosk", name: " " }, { name: ["admin.nameRequired"] }],
      [{ kind: "kiosk", name: "X", agency: "KHONG_CO" }, { agency: ["Không có cơ quan «KHONG_CO»."] }],
    ] as const) {
      expect(expectData(await post(session, { intent: "create-key", ...fields }), 400)).toMatchObject({
        ok: false,
        form: "nk",
        reply: { status: "error", error },
      });
    }
    expect(db.$client.prepare("select count(*) as n from api_keys").get()).toEqual({ n: 1 });
  });

  it("disabling an account ends its sessions at once; enabling it again does not revive them", async () => {
    const { db, adminId, session } = admin();
    const viewer = addUser(db, "xem", "viewer");
    const viewerSession = signedIn(db, viewer);
    signedIn(db, viewer);
    expect(sessionsOf(db, viewer)).toBe(2);
    expect(expectData(await post(session, { intent: "toggle-user", id: String(viewer) }), 200)).toEqual({ ok: true, message: "Đã lưu." });
    expect(sessionsOf(db, viewer)).toBe(0);
    expect(getUser(db, SECRET, getRequest("/quan-tri", { session: viewerSession }))).toBeNull();
    expect(db.$client.prepare("select disabled_at as d from users where id = ?").get(viewer)).toEqual({ d: expect.any(Number) });
    expect(await signIn(db, "xem", PASSWORD, "10.1.0.1")).toEqual({ ok: false, reason: "invalid" });

    expect(expectData(await post(session, { intent: "toggle-user", id: String(viewer) }), 200)).toMatchObject({ ok: true });
    expect(db.$client.prepare("select disabled_at as d from users where id = ?").get(viewer)).toEqual({ d: null });
    expect(getUser(db, SECRET, getRequest("/quan-tri", { session: viewerSession }))).toBeNull();
    expect(auditRows(db).map((r) => [r.userId, r.action, r.target])).toEqual([
      [adminId, "user.toggle", String(viewer)],
      [adminId, "user.toggle", String(viewer)],
    ]);
  });

  it("an admin cannot disable their own account", async () => {
    const { db, adminId, session } = admin();
    expect(expectData(await post(session, { intent: "toggle-user", id: String(adminId) }), 400)).toEqual({
      ok: false,
      message: "Không thể tự khóa tài khoản của mình.",
    });
    expect(db.$client.prepare("select disabled_at as d from users where id = ?").get(adminId)).toEqual({ d: null });
    expect(sessionsOf(db, adminId)).toBe(1);
    expect(expectData(await post(session, { intent: "toggle-user", id: "9999" }), 400)).toEqual({
      ok: false,
      message: "Không tìm thấy mục cần sửa.",
    });
    expect(expectData(await post(session, { intent: "xoa-het" }), 400)).toEqual({ ok: false, message: "Không tìm thấy mục cần sửa." });
    expect(auditRows(db)).toEqual([]);
  });
});

// ─── password change ────────────────────────────────────────────────────────────────────────────────

describe("quan-tri.mat-khau", () => {
  const NEW_PASSWORD = "mat-khau-moi-2026";

  it("refuses a wrong current password and a weak new one; a change ends the user's other sessions only", async () => {
    const { db } = routeServices();
    const id = addUser(db, "canbo", "viewer");
    const other = addUser(db, "nguoikhac", "viewer");
    const current = signedIn(db, id);
    const elsewhere = signedIn(db, id);
    const othersSession = signedIn(db, other);
    const post = (fields: Record<string, string>, extra: { csrf?: boolean } = {}) =>
      settle(() => passwordAction(args(formRequest("/quan-tri/mat-khau", fields, { session: current, ...extra }))));

    // Each refusal names its field (the page shows it there), and never sends a password back.
    const wrong = expectData(await post({ current: "sai-mat-khau", next: NEW_PASSWORD }), 400);
    expect(wrong).toMatchObject({ result: "wrong", minutes: 0, form: "pw", reply: { status: "error", error: { current: ["auth.wrongPassword"] } } });
    const weak = expectData(await post({ current: PASSWORD, next: "ngan" }), 400);
    expect(weak).toMatchObject({ result: "invalid", minutes: 0, form: "pw", reply: { status: "error", error: { next: ["auth.weakPassword"] } } });
    expect(expectData(await post({ current: "", next: NEW_PASSWORD }), 400)).toMatchObject({
      result: "invalid",
      reply: { error: { current: ["auth.currentRequired"] } },
    });
    for (const refused of [wrong, weak])
      expect(JSON.stringify(refused)).not.toMatch(new RegExp(`sai-mat-khau|"ngan"|${PASSWORD}|${NEW_PASSWORD}|${CSRF}`));
    expect(await post({ current: PASSWORD, next: NEW_PASSWORD }, { csrf: false })).toMatchObject({ thrown: true, status: 403 });
    expect(sessionsOf(db, id)).toBe(2);

    expect(expectData(await post({ current: PASSWORD, next: NEW_PASSWORD }), 200)).toEqual({ result: "ok", minutes: 0 });
    expect(getUser(db, SECRET, getRequest("/quan-tri", { session: current }))?.id).toBe(id);
    expect(getUser(db, SECRET, getRequest("/quan-tri", { session: elsewhere }))).toBeNull();
    expect(getUser(db, SECRET, getRequest("/quan-tri", { session: othersSession }))?.id).toBe(other);
    const row = db.$client.prepare("select password_hash as hash, password_changed_at as changedAt from users where id = ?").get(id) as {
      hash: string;
      changedAt: number;
    };
    expect(row.changedAt).toEqual(expect.any(Number));
    expect(await verifyPassword(NEW_PASSWORD, row.hash)).toBe(true);
    expect(auditRows(db)).toEqual([{ userId: id, action: "user.password", target: "canbo", details: null }]);
  });

  it("needs a session", async () => {
    routeServices();
    expectRedirect(await settle(() => passwordLoader(args(getRequest("/quan-tri/mat-khau")))), "/dang-nhap?tiep=%2Fquan-tri%2Fmat-khau");
    expectRedirect(
      await settle(() => passwordAction(args(formRequest("/quan-tri/mat-khau", { current: PASSWORD, next: "mat-khau-moi-2026" })))),
      "/dang-nhap?tiep=%2Fquan-tri%2Fmat-khau",
    );
  });
});

// ─── POST /api/v1/responses ─────────────────────────────────────────────────────────────────────────

async function call(run: () => unknown): Promise<Response> {
  const outcome = await settle(run);
  if (outcome.kind !== "response") throw new Error(`expected a Response, got ${JSON.stringify(outcome)}`);
  expect(outcome.response.headers.get("Content-Type")).toMatch(/^application\/json/);
  return outcome.response;
}

function apiPost(body: unknown, key?: string, headers: Record<string, string> = {}): Promise<Response> {
  const request = new Request(`${HTTP}/api/v1/responses`, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
  });
  return call(() => responsesAction({ request, params: {}, context: {} }));
}

function responseCount(db: Db): number {
  return storedResponses(db).length;
}

describe("POST /api/v1/responses", () => {
  it("answers 401 in Vietnamese without a valid key, and stores nothing", async () => {
    const { db } = routeServices();
    const { id, key } = createApiKey(db, { kind: "kiosk", name: "Quầy" });
    revokeApiKey(db, id);
    for (const k of [undefined, key, "sipas_kiosk_khong-dung"]) {
      const response = await apiPost(ratingBody(), k);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: expect.stringMatching(/khóa API/) });
    }
    expect(responseCount(db)).toBe(0);
  });

  it("answers 403 in Vietnamese to a kind of key an endpoint does not take", async () => {
    const { db } = routeServices();
    const { key } = createApiKey(db, { kind: "kiosk", name: "Quầy" });
    const request = new Request(`${HTTP}/api/v1/results`, { headers: { authorization: `Bearer ${key}` } });
    const error = (() => {
      try {
        requireApiKey(db, request, ["integration"]);
      } catch (e) {
        return e;
      }
    })() as Response;
    expect(error.status).toBe(403);
    expect(await error.json()).toEqual({ error: "Khóa API loại «kiosk» không được dùng cho thao tác này." });
    expect(requireApiKey(db, request, ["kiosk", "integration"])).toMatchObject({ kind: "kiosk" });
  });

  it("created 201, duplicate 200, conflict 409 (first kept), invalid 400 naming the question", async () => {
    const { db } = routeServices();
    const { key } = createApiKey(db, { kind: "kiosk", name: "Quầy 1" });
    const body = ratingBody({ id: uuid(101) });

    const created = await apiPost(body, key);
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ id: uuid(101), status: 201, result: "created", duplicate: false });

    const duplicate = await apiPost(body, key);
    expect(duplicate.status).toBe(200);
    expect(await duplicate.json()).toMatchObject({ id: uuid(101), result: "duplicate", duplicate: true });

    const conflict = await apiPost({ ...body, answers: { ...body.answers, TONG_THE: 1 } }, key);
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({
      id: uuid(101),
      result: "conflict",
      error: `Phiếu «${uuid(101)}» đã được ghi nhận với nội dung khác; giữ bản đầu tiên.`,
    });
    const [row] = storedResponses(db);
    expect(storedResponses(db)).toHaveLength(1);
    expect(storedAnswers(db, row!.id)).toContainEqual({ question: "TONG_THE", code: 3, text: null });

    const invalid = await apiPost(ratingBody({ id: uuid(102), answers: { TONG_THE: 7, KHONG_CO: 1 } }), key);
    expect(invalid.status).toBe(400);
    const json = (await invalid.json()) as { result: string; error: string; issues: { path: string; message: string }[] };
    expect(json.result).toBe("invalid");
    expect(json.error).toContain("«TONG_THE»");
    expect(json.error).toContain("«KHONG_CO»");
    expect(json.issues.map((i) => i.message).join(" ")).toMatch(/Câu hỏi «KHONG_CO» không có trong phiếu\./);
    expect(responseCount(db)).toBe(1);
    expect(created.headers.get("Cache-Control")).toBe("no-store");
  });

  it("takes a batch: one result per item in order, with counts", async () => {
    const { db } = routeServices();
    const { key } = createApiKey(db, { kind: "surveyor", name: "Máy tính bảng" });
    const paper = (o: Record<string, unknown>) => ratingBody({ channel: "paper", ...o });
    expect((await apiPost(paper({ id: uuid(201) }), key)).status).toBe(201);
    const response = await apiPost(
      { responses: [paper({ id: uuid(202) }), paper({ id: uuid(201) }), paper({ id: uuid(203), agency: "KHONG_CO" })] },
      key,
    );
    expect(response.status).toBe(200);
    const json = (await response.json()) as { results: { id: string; status: number; result: string; error?: string }[] };
    expect(json).toMatchObject({
      results: [
        { id: uuid(202), status: 201, result: "created" },
        { id: uuid(201), status: 200, result: "duplicate", duplicate: true },
        { id: uuid(203), status: 400, result: "invalid" },
      ],
      created: 1,
      duplicates: 1,
      conflicts: 0,
      rejected: 1,
    });
    expect(json.results[2]!.error).toContain("Không có cơ quan «KHONG_CO».");
    expect(storedResponses(db).map((r) => r.uuid)).toEqual([uuid(201), uuid(202)]);
  });

  it("refuses more than 500 items (413), an empty or malformed batch and malformed JSON (400), in Vietnamese", async () => {
    const { db } = routeServices();
    const { key } = createApiKey(db, { kind: "integration", name: "Một cửa" });
    const tooMany = await apiPost({ responses: Array.from({ length: 501 }, (_, i) => ratingBody({ id: uuid(1000 + i) })) }, key);
    expect(tooMany.status).toBe(413);
    expect(await tooMany.json()).toEqual({ error: "Mỗi lần gửi tối đa 500 phiếu (nhận 501)." });
    for (const [body, error] of [
      ['{"id": "abc", ', "Nội dung gửi lên không phải JSON hợp lệ."],
      ["", "Nội dung gửi lên không phải JSON hợp lệ."],
      [{ responses: [] }, "Danh sách «responses» trống."],
      [{ responses: "tất cả" }, "«responses» phải là một danh sách phiếu."],
    ] as const) {
      const response = await apiPost(body, key);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toEqual({ error });
    }
    const huge = await apiPost("{}", key, { "content-length": String(3 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(responseCount(db)).toBe(0);
    const get = await call(() => responsesLoader());
    expect(get.status).toBe(405);
  });

  it("a key bound to an agency may not send another agency's responses (403 item)", async () => {
    const { db } = routeServices();
    const soYt = (db.$client.prepare("select id from agencies where code = 'SO_YT'").get() as { id: number }).id;
    const { key } = createApiKey(db, { kind: "kiosk", name: "Quầy Sở Y tế", agencyId: soYt });
    const own = ratingBody({ id: uuid(301), agency: "SO_YT", counter: "SO_YT-Q01", field: "Y_TE" });
    const foreign = ratingBody({ id: uuid(302) });

    const refused = await apiPost(foreign, key);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      id: uuid(302),
      status: 403,
      result: "forbidden",
      error: "Khóa API này không được gửi phiếu của cơ quan «TTHCC».",
    });
    expect((await apiPost(own, key)).status).toBe(201);

    const batch = await apiPost({ responses: [foreign, ratingBody({ ...own, id: uuid(303) })] }, key);
    expect(await batch.json()).toMatchObject({
      results: [
        { id: uuid(302), status: 403, result: "forbidden" },
        { id: uuid(303), status: 201, result: "created" },
      ],
      created: 1,
      rejected: 1,
    });
    expect(storedResponses(db).map((r) => [r.uuid, r.agency])).toEqual([
      [uuid(301), "SO_YT"],
      [uuid(303), "SO_YT"],
    ]);
  });

  it("stores one row for 10 concurrent POSTs of the same id", async () => {
    const { db } = routeServices();
    const { key } = createApiKey(db, { kind: "kiosk", name: "Quầy" });
    const body = ratingBody({ id: uuid(401) });
    const responses = await Promise.all(Array.from({ length: 10 }, () => apiPost(body, key)));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(storedResponses(db).filter((r) => r.uuid === uuid(401))).toHaveLength(1);
    expect(db.$client.prepare("select count(*) as n from response_conflicts").get()).toEqual({ n: 0 });
  });
});

// ─── GET /api/v1/results ────────────────────────────────────────────────────────────────────────────

describe("GET /api/v1/results", () => {
  const get = (query: string, key?: string) =>
    call(() =>
      resultsLoader({
        request: new Request(`${HTTP}/api/v1/results${query}`, { headers: key ? { authorization: `Bearer ${key}` } : {} }),
        params: {},
        context: {},
      }),
    );

  it("401 without a key, 403 with a kiosk key, 200 with an integration key (the docs/contracts.md shape)", async () => {
    const { db, surveys } = routeServices();
    for (const [i, TONG_THE] of [3, 2, 1].entries()) {
      expect(ingestResponse(db, surveys, ratingBody({ id: uuid(500 + i), answers: { TONG_THE } }), { source: "test" }).status).toBe("created");
    }
    expect((await get("?survey=danh-gia-ho-so")).status).toBe(401);
    const kiosk = await get("?survey=danh-gia-ho-so", createApiKey(db, { kind: "kiosk", name: "Quầy" }).key);
    expect(kiosk.status).toBe(403);
    expect(await kiosk.json()).toEqual({ error: expect.stringContaining("«kiosk»") });

    const { key } = createApiKey(db, { kind: "integration", name: "Phân tích" });
    const response = await get("?survey=danh-gia-ho-so&from=2026-07-01&to=2026-09-30&by=agency", key);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const json = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(["survey", "from", "to", "by", "overall", "groups"]);
    expect(json).toMatchObject({
      survey: "danh-gia-ho-so",
      from: "2026-07-01",
      to: "2026-09-30",
      by: "agency",
      overall: { responses: 3, index: 66.67, questions: { TONG_THE: { rate: 66.67, n: 3 } } },
    });
    expect(json.groups).toContainEqual(
      expect.objectContaining({ key: "TTHCC", responses: 3, index: 66.67, target: expect.objectContaining({ met: null }) }),
    );
  });

  it("400 in Vietnamese on a missing survey, a bad breakdown or a bad date", async () => {
    const { db } = routeServices();
    const { key } = createApiKey(db, { kind: "integration", name: "Phân tích" });
    for (const [query, error] of [
      ["", /^Thiếu tham số «survey»/],
      ["?survey=khong-co", /^Không có khảo sát «khong-co»/],
      ["?survey=sipas&by=tinh-thanh", /^Không có cách phân tổ «tinh-thanh»/],
      ["?survey=sipas&from=2026-02-30", /«2026-02-30» không hợp lệ: cần một ngày có thật/],
      ["?survey=sipas&from=2026-09-30&to=2026-07-01", /^Ngày bắt đầu 2026-09-30 ở sau ngày kết thúc 2026-07-01\.$/],
    ] as const) {
      const response = await get(query, key);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: string }).error, query).toMatch(error);
    }
  });
});

// ─── the command line ───────────────────────────────────────────────────────────────────────────────

describe("sipas create-user and create-api-key", () => {
  function cli(args: string[], databasePath: string, input = "") {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/sipas.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: databasePath },
      input,
      encoding: "utf8",
      timeout: 20_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it("creates a user with the password read from stdin (exit 0), audited", async () => {
    const db = testDatabase();
    const run = cli(["create-user", "--role", "viewer", "--username", "u01"], db.$client.name, `${PASSWORD}\n`);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("Đã tạo tài khoản «u01» (viewer).\n");
    const row = db.$client.prepare("select id, role, password_hash as hash from users where username = 'u01'").get() as {
      id: number;
      role: string;
      hash: string;
    };
    expect(row.role).toBe("viewer");
    // The line read, without its newline.
    expect(await verifyPassword(PASSWORD, row.hash)).toBe(true);
    expect(auditRows(db)).toEqual([
      { userId: null, action: "user.create", target: "u01", details: JSON.stringify({ id: row.id, role: "viewer", via: "cli" }) },
    ]);
  }, 30_000);

  it("refuses a short password with exit 2 and a Vietnamese message", () => {
    const db = testDatabase();
    const run = cli(["create-user", "--role", "viewer", "--username", "u02"], db.$client.name, "ngan\n");
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("Lỗi: Mật khẩu phải dài ít nhất 10 ký tự.\n");
    expect(userCount(db)).toBe(0);
  }, 30_000);

  it("prints a new API key once, and that key authenticates", () => {
    const db = testDatabase();
    const run = cli(["create-api-key", "--kind", "integration", "--name", "X"], db.$client.name);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const key = run.stdout.trim();
    expect(key).toMatch(/^sipas_integration_[A-Za-z0-9_-]{43}$/);
    expect(authenticateApiKey(db, `Bearer ${key}`)).toMatchObject({ kind: "integration", agencyId: null, counterId: null });
    expect(JSON.stringify(db.$client.prepare("select * from api_keys").all())).not.toContain(key);
  }, 30_000);
});
