/**
 * Counters' QR codes: token rotation and switching counters off (the old address refused at once, audited),
 * forged tokens refused, the QR images decode to the counter's address (PNG decoded with jsQR), and the QR
 * screen, downloads and posters are for admins only. Routes are called directly, as in auth.test.ts.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";

import jsQR from "jsqr";
import { PNG } from "pngjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createSession } from "../../app/auth/session.server";
import type { UserRole } from "../../app/auth/roles";
import { findCounterByToken } from "../../app/counters/lookup.server";
import { counterUrl, findQrCounter, qrPath, qrPng, qrSvg, rotateToken, setCounterActive } from "../../app/counters/qr.server";
import { readEnv } from "../../app/env.server";
import { loader as rateLoader } from "../../app/routes/q.$token";
import { action as qrAction, loader as qrLoader } from "../../app/routes/quan-tri.ma-qr";
import { loader as fileLoader } from "../../app/routes/quan-tri_.ma-qr.$file";
import { loader as posterLoader } from "../../app/routes/quan-tri_.ma-qr.in";
import { provideServices } from "../../app/services.server";
import type { Db } from "../../db/client";
import { demoServices } from "../support/services";

const SECRET = "bí-mật-thử-nghiệm-qr-0123456789abcdefghijkl";
const HTTP = "http://test";
const BASE = "https://danhgia.example.gov.vn";
const COUNTER = "TTHCC-Q01";
const CSRF_COOKIE = "Zm9ybS1jb29raWUtdmFsdWUx";
const CSRF = crypto.createHmac("sha256", SECRET).update(`csrf:${CSRF_COOKIE}`).digest("base64url");

let db: Db;

beforeEach(() => {
  const s = demoServices();
  db = s.db;
  provideServices({ env: readEnv({ DATABASE_PATH: s.db.$client.name, PUBLIC_URL: BASE } as never), db: s.db, surveys: s.surveys, secret: SECRET });
});

afterEach(() => provideServices(undefined));

// ─── helpers ────────────────────────────────────────────────────────────────────────────────────────

function addUser(role: UserRole, agency?: string): number {
  const agencyId = agency ? (db.$client.prepare("select id from agencies where code = ?").get(agency) as { id: number }).id : null;
  const username = `${role}-${crypto.randomBytes(3).toString("hex")}`;
  const info = db.$client
    .prepare("insert into users (username, display_name, role, agency_id, password_hash, created_at) values (?, ?, ?, ?, ?, ?)")
    .run(username, username, role, agencyId, "scrypt$1024$8$1$x$y", Date.now());
  return Number(info.lastInsertRowid);
}

function sessionOf(role: UserRole): string {
  const id = addUser(role, role === "agency" ? "TTHCC" : undefined);
  return (createSession(db, SECRET, new Request(`${HTTP}/dang-nhap`), id) ?? "").split(";")[0]!;
}

const cookie = (session: string) => `sipas_csrf=${CSRF_COOKIE}; ${session}`;
const get = (path: string, session: string) => new Request(`${HTTP}${path}`, { headers: { cookie: cookie(session) } });
function post(fields: Record<string, string>, session: string, csrf: string | null = CSRF): Request {
  const body = new URLSearchParams(fields);
  if (csrf !== null) body.set("csrf", csrf);
  return new Request(`${HTTP}/quan-tri/ma-qr`, { method: "POST", body, headers: { cookie: cookie(session) } });
}

/** The status of a loader's or action's answer, thrown or returned (a Response or `data()`). */
async function statusOf(run: () => unknown): Promise<number> {
  let value: unknown;
  try {
    value = await run();
  } catch (error) {
    value = error;
  }
  if (value instanceof Response) return value.status;
  if (value && typeof value === "object" && (value as { type?: unknown }).type === "DataWithResponseInit") {
    return (value as { init: ResponseInit | null }).init?.status ?? 200;
  }
  if (value instanceof Error) throw value;
  return 200;
}

const tokenOf = (code: string) => (db.$client.prepare("select token from counters where code = ?").get(code) as { token: string }).token;
const idOf = (code: string) => findQrCounter(db, code)!.id;
const ratePage = (token: string) => statusOf(() => rateLoader({ request: new Request(`${HTTP}/q/${token}`), params: { token }, context: {} }));
const auditRows = () =>
  db.$client.prepare("select user_id as userId, action, target, details from audit_log order by id").all() as {
    userId: number | null;
    action: string;
    target: string | null;
    details: string | null;
  }[];

function decodePng(buffer: Buffer): string | null {
  const png = PNG.sync.read(buffer);
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null;
}

/** Decodes dark runs (x, y, length in modules) drawn 8 pixels a module on white. */
function decodeRuns(size: number, runs: [number, number, number][]): string | null {
  const scale = 8;
  const width = size * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [x, y, n] of runs) {
    for (let py = y * scale; py < (y + 1) * scale; py++) pixels.fill(0, (py * width + x * scale) * 4, (py * width + (x + n) * scale) * 4);
  }
  for (let i = 3; i < pixels.length; i += 4) pixels[i] = 255;
  return jsQR(pixels, width, width)?.data ?? null;
}

/** The SVG that `qrcode` writes: one stroked path of horizontal runs (`M x y.5 h n m dx dy …`). */
function decodeSvg(svg: string): string | null {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const d = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? "";
  const runs: [number, number, number][] = [];
  let [x, y] = [0, 0];
  for (const [, op, a, b] of d.matchAll(/([Mmh])(-?[\d.]+)(?:\s(-?[\d.]+))?/g)) {
    if (op === "M") [x, y] = [Number(a), Number(b)];
    else if (op === "m") [x, y] = [x + Number(a), y + Number(b)];
    else {
      runs.push([x, Math.floor(y), Number(a)]);
      x += Number(a);
    }
  }
  return decodeRuns(size, runs);
}

/** The poster's path (qrPath): one filled rectangle per run, `M x y h n v1 h-n z`. */
function decodePath({ size, d }: { size: number; d: string }): string | null {
  const runs = [...d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])] as [number, number, number]);
  expect(runs.map((r) => `M${r[0]} ${r[1]}h${r[2]}v1h-${r[2]}z`).join("")).toBe(d);
  return decodeRuns(size, runs);
}

// ─── tokens ─────────────────────────────────────────────────────────────────────────────────────────

describe("rotation and switching off", () => {
  it("rotateToken: the old token is refused at once, the new one works", async () => {
    const old = tokenOf(COUNTER);
    expect(await ratePage(old)).toBe(200);
    const fresh = rotateToken(db, idOf(COUNTER));
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(fresh).not.toBe(old);
    expect(findCounterByToken(db, old)).toBeNull();
    expect(await ratePage(old)).toBe(404);
    expect(findCounterByToken(db, fresh!)?.code).toBe(COUNTER);
    expect(await ratePage(fresh!)).toBe(200);
    expect(rotateToken(db, 999_999)).toBeNull();
  });

  it("the screen's rotation needs the confirmation box, changes the token and writes the audit row", async () => {
    const admin = sessionOf("admin");
    const old = tokenOf(COUNTER);
    expect(await statusOf(() => qrAction({ request: post({ intent: "rotate", counter: COUNTER }, admin), params: {}, context: {} }))).toBe(400);
    expect(tokenOf(COUNTER)).toBe(old);
    expect(
      await statusOf(() => qrAction({ request: post({ intent: "rotate", counter: COUNTER, confirm: "on" }, admin), params: {}, context: {} })),
    ).toBe(200);
    expect(tokenOf(COUNTER)).not.toBe(old);
    expect(await ratePage(old)).toBe(404);
    expect(await ratePage(tokenOf(COUNTER))).toBe(200);
    const rows = auditRows().filter((r) => r.action === "counter.rotate");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ target: COUNTER });
    expect(rows[0]!.userId).not.toBeNull();
    // The log never holds a token.
    expect(JSON.stringify(auditRows())).not.toContain(old);
  });

  it("disabling a counter refuses its page (audited); enabling it revives the same poster", async () => {
    const admin = sessionOf("admin");
    const token = tokenOf(COUNTER);
    expect(await statusOf(() => qrAction({ request: post({ intent: "disable", counter: COUNTER }, admin), params: {}, context: {} }))).toBe(200);
    expect(await ratePage(token)).toBe(404);
    expect(auditRows().map((r) => [r.action, r.target])).toContainEqual(["counter.disable", COUNTER]);
    expect(setCounterActive(db, idOf(COUNTER), true)).toBe(true);
    expect(await ratePage(token)).toBe(200);
  });

  it("rotation without the CSRF field, or with a wrong one, is refused with 403 and changes nothing", async () => {
    const admin = sessionOf("admin");
    const old = tokenOf(COUNTER);
    for (const csrf of [null, "x".repeat(43)]) {
      expect(
        await statusOf(() =>
          qrAction({ request: post({ intent: "rotate", counter: COUNTER, confirm: "on" }, admin, csrf), params: {}, context: {} }),
        ),
      ).toBe(403);
    }
    expect(tokenOf(COUNTER)).toBe(old);
    expect(auditRows().filter((r) => r.action === "counter.rotate")).toHaveLength(0);
  });
});

describe("forged tokens", () => {
  it("a random, altered, wrong-length or SQL-looking token gives the 404 page", async () => {
    const real = tokenOf(COUNTER);
    const flip = (i: number) => `${real.slice(0, i)}${real[i] === "A" ? "B" : "A"}${real.slice(i + 1)}`;
    const forged = [
      crypto.randomBytes(16).toString("base64url"),
      flip(0),
      flip(10),
      flip(21),
      real.slice(0, 21),
      `${real}A`,
      real.toLowerCase() === real ? real.toUpperCase() : real.toLowerCase(),
      "' or '1'='1' --aaaaaaaa",
      "x' or 1=1 --",
      `${real.slice(0, 20)}%00`,
      "",
    ];
    for (const token of forged) {
      expect(findCounterByToken(db, token), token).toBeNull();
      expect(await ratePage(token), token).toBe(404);
    }
    // The real one still works: the refusals are not a broken page.
    expect(await ratePage(real)).toBe(200);
  });
});

// ─── images ─────────────────────────────────────────────────────────────────────────────────────────

describe("QR images", () => {
  it("the PNG decodes to the counter's URL, and the SVG is a QR code of the same", async () => {
    const url = counterUrl(BASE, tokenOf(COUNTER));
    expect(url).toBe(`${BASE}/q/${tokenOf(COUNTER)}`);
    expect(decodePng(await qrPng(url))).toBe(url);
    const svg = await qrSvg(url);
    expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 (\d+) \1"/);
    expect(decodeSvg(svg)).toBe(url);
    expect(decodePath(qrPath(url))).toBe(url);
    // Not a decoder that reads anything: another address gives another code.
    expect(decodePath(qrPath(`${url}x`))).toBe(`${url}x`);
    // The same text always gives the same code: the SVG and the PNG show one QR code.
    expect(await qrSvg(url)).toBe(svg);
  });

  it("the downloads are attachments named after the counter, not cached, and decode to its URL", async () => {
    const admin = sessionOf("admin");
    const url = counterUrl(BASE, tokenOf(COUNTER));
    const png = (await fileLoader({
      request: get(`/quan-tri/ma-qr/${COUNTER}.png`, admin),
      params: { file: `${COUNTER}.png` },
      context: {},
    })) as Response;
    expect(png.headers.get("Content-Type")).toBe("image/png");
    expect(png.headers.get("Content-Disposition")).toBe(`attachment; filename="${COUNTER}.png"`);
    expect(png.headers.get("Cache-Control")).toBe("no-store");
    expect(decodePng(Buffer.from(await png.arrayBuffer()))).toBe(url);
    const svg = (await fileLoader({
      request: get(`/quan-tri/ma-qr/${COUNTER}.svg`, admin),
      params: { file: `${COUNTER}.svg` },
      context: {},
    })) as Response;
    expect(svg.headers.get("Content-Type")).toMatch(/^image\/svg\+xml/);
    expect(svg.headers.get("Content-Disposition")).toBe(`attachment; filename="${COUNTER}.svg"`);
    expect(decodeSvg(await svg.text())).toBe(url);
    for (const file of [`${COUNTER}.gif`, "KHONG-CO.png", COUNTER]) {
      expect(await statusOf(() => fileLoader({ request: get(`/quan-tri/ma-qr/${file}`, admin), params: { file }, context: {} })), file).toBe(404);
    }
  });

  it("the poster page carries the QR code inline with the short URL; the agency print holds its active counters", async () => {
    const admin = sessionOf("admin");
    const one = (await posterLoader({ request: get(`/quan-tri/ma-qr/in?quay=${COUNTER}&kho=A5`, admin), params: {}, context: {} })) as {
      size: string;
      posters: { code: string; url: string; qr: { size: number; d: string } }[];
    };
    expect(one.size).toBe("A5");
    expect(one.posters).toHaveLength(1);
    expect(one.posters[0]).toMatchObject({ code: COUNTER, url: counterUrl(BASE, tokenOf(COUNTER)) });
    expect(decodePath(one.posters[0]!.qr)).toBe(one.posters[0]!.url);

    const agencyCounters = db.$client
      .prepare("select c.code from counters c join agencies a on a.id = c.agency_id where a.code = 'TTHCC' and c.active = 1 order by c.code")
      .all()
      .map((r) => (r as { code: string }).code);
    setCounterActive(db, idOf(COUNTER), false);
    const all = (await posterLoader({ request: get("/quan-tri/ma-qr/in?co-quan=TTHCC", admin), params: {}, context: {} })) as typeof one;
    expect(all.size).toBe("A4");
    expect(all.posters.map((p) => p.code).sort()).toEqual(agencyCounters.filter((c) => c !== COUNTER));

    for (const query of ["", "?quay=KHONG-CO", "?quay=TTHCC-Q01&kho=A3", "?co-quan=KHONG-CO"]) {
      expect(await statusOf(() => posterLoader({ request: get(`/quan-tri/ma-qr/in${query}`, admin), params: {}, context: {} })), query).toBe(404);
    }
  });
});

// ─── access ─────────────────────────────────────────────────────────────────────────────────────────

describe("admins only", () => {
  it("every other role gets 403 on the screen, the rotation, the downloads and the posters; no session is sent to sign in", async () => {
    for (const role of ["agency", "surveyor", "viewer"] as const) {
      const session = sessionOf(role);
      const calls = [
        () => qrLoader({ request: get("/quan-tri/ma-qr", session), params: {}, context: {} }),
        () => qrAction({ request: post({ intent: "rotate", counter: COUNTER, confirm: "on" }, session), params: {}, context: {} }),
        () => fileLoader({ request: get(`/quan-tri/ma-qr/${COUNTER}.svg`, session), params: { file: `${COUNTER}.svg` }, context: {} }),
        () => fileLoader({ request: get(`/quan-tri/ma-qr/${COUNTER}.png`, session), params: { file: `${COUNTER}.png` }, context: {} }),
        () => posterLoader({ request: get(`/quan-tri/ma-qr/in?quay=${COUNTER}&kho=A5`, session), params: {}, context: {} }),
        () => posterLoader({ request: get("/quan-tri/ma-qr/in?co-quan=TTHCC&kho=A4", session), params: {}, context: {} }),
      ];
      for (const [i, call] of calls.entries()) expect(await statusOf(call), `${role} #${i}`).toBe(403);
    }
    const anonymous = new Request(`${HTTP}/quan-tri/ma-qr/${COUNTER}.png`);
    expect(await statusOf(() => fileLoader({ request: anonymous, params: { file: `${COUNTER}.png` }, context: {} }))).toBe(303);
    expect(auditRows().filter((r) => r.action.startsWith("counter."))).toHaveLength(0);
  });

  it("the screen lists every counter grouped by agency with its URL, and filters by agency", async () => {
    const admin = sessionOf("admin");
    const all = (await qrLoader({ request: get("/quan-tri/ma-qr", admin), params: {}, context: {} })) as {
      groups: { code: string; counters: { code: string; url: string }[] }[];
    };
    const total = (db.$client.prepare("select count(*) as n from counters").get() as { n: number }).n;
    expect(all.groups.flatMap((g) => g.counters)).toHaveLength(total);
    expect(new Set(all.groups.map((g) => g.code)).size).toBe(all.groups.length);
    expect(all.groups.flatMap((g) => g.counters).find((c) => c.code === COUNTER)?.url).toBe(counterUrl(BASE, tokenOf(COUNTER)));
    const one = (await qrLoader({ request: get("/quan-tri/ma-qr?co-quan=TTHCC", admin), params: {}, context: {} })) as typeof all;
    expect(one.groups.map((g) => g.code)).toEqual(["TTHCC"]);
  });
});

// ─── command line ───────────────────────────────────────────────────────────────────────────────────

describe("sipas rotate-token", () => {
  const cli = (args: string[]) => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/sipas.ts", ...args], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, DATABASE_PATH: db.$client.name, PUBLIC_URL: BASE },
      encoding: "utf8",
      timeout: 20_000,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it("prints CODE<TAB>new URL, refuses the old token, audits, and `links` shows the new URL", async () => {
    const old = tokenOf(COUNTER);
    const run = cli(["rotate-token", COUNTER]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const fresh = tokenOf(COUNTER);
    expect(fresh).not.toBe(old);
    expect(run.stdout).toBe(`${COUNTER}\t${BASE}/q/${fresh}\n`);
    expect(await ratePage(old)).toBe(404);
    expect(auditRows().filter((r) => r.action === "counter.rotate")).toEqual([
      { userId: null, action: "counter.rotate", target: COUNTER, details: '{"via":"cli"}' },
    ]);
    expect(cli(["links", "--agency", "TTHCC"]).stdout).toContain(`${COUNTER}\t${BASE}/q/${fresh}\n`);
  });

  it("an unknown or missing counter is a Vietnamese error and changes nothing", () => {
    const before = tokenOf(COUNTER);
    const unknown = cli(["rotate-token", "KHONG-CO"]);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain("không có quầy «KHONG-CO»");
    const missing = cli(["rotate-token"]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain("thiếu mã quầy");
    expect(tokenOf(COUNTER)).toBe(before);
  });
});
