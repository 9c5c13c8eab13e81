/**
 * Addresses a phone can open (issue 21, point 1; docs/decisions/0026-addresses.md): with PUBLIC_URL unset the
 * QR list, files, posters and kiosk pairing QR carry the origin of the admin's own request; PUBLIC_URL wins
 * when set; `links` uses the port the last server wrote beside the database; the start-up lines list the LAN
 * addresses and warn while PUBLIC_URL is unset.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import jsQR from "jsqr";
import { PNG } from "pngjs";
import { afterEach, describe, expect, it } from "vitest";

import { addressFile, lanAddresses, listenUrls, machineBaseUrl, recordListenAddress, requestBaseUrl } from "../../app/addresses/addresses.server";
import { createSession } from "../../app/auth/session.server";
import { readEnv } from "../../app/env.server";
import { loader as qrLoader } from "../../app/routes/quan-tri.ma-qr";
import { loader as fileLoader } from "../../app/routes/quan-tri_.ma-qr.$file";
import { loader as posterLoader } from "../../app/routes/quan-tri_.ma-qr.in";
import { provideServices, startupLines } from "../../app/services.server";
import type { Db } from "../../db/client";
import { providedDemoServices } from "../support/services";

const SECRET = "bí-mật-thử-nghiệm-địa-chỉ-0123456789abcdefgh";
const LAN = "http://192.168.1.20:3000";
const COUNTER = "TTHCC-Q01";

afterEach(() => provideServices(undefined));

function adminSession(db: Db): string {
  const info = db.$client
    .prepare("insert into users (username, display_name, role, agency_id, password_hash, created_at) values (?, ?, 'admin', null, ?, ?)")
    .run(`admin-${crypto.randomBytes(3).toString("hex")}`, "Quản trị", "scrypt$1024$8$1$x$y", Date.now());
  return (createSession(db, SECRET, new Request(`${LAN}/dang-nhap`), Number(info.lastInsertRowid)) ?? "").split(";")[0]!;
}

const tokenOf = (db: Db, code: string) => (db.$client.prepare("select token from counters where code = ?").get(code) as { token: string }).token;
const get = (url: string, session: string) => new Request(url, { headers: { cookie: session } });

describe("pages: the admin's own request, unless PUBLIC_URL is set", () => {
  it("the QR list, the PNG and the poster of a page opened at a LAN address encode that address", async () => {
    const { db } = providedDemoServices(SECRET);
    const session = adminSession(db);
    const list = (await qrLoader({ request: get(`${LAN}/quan-tri/ma-qr`, session), params: {}, context: {} })) as {
      groups: { counters: { code: string; url: string }[] }[];
      loopbackBase: string | null;
    };
    const expected = `${LAN}/q/${tokenOf(db, COUNTER)}`;
    expect(list.groups.flatMap((g) => g.counters).find((c) => c.code === COUNTER)?.url).toBe(expected);
    expect(list.loopbackBase).toBeNull();

    const png = (await fileLoader({
      request: get(`${LAN}/quan-tri/ma-qr/${COUNTER}.png`, session),
      params: { file: `${COUNTER}.png` },
      context: {},
    })) as Response;
    const image = PNG.sync.read(Buffer.from(await png.arrayBuffer()));
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(expected);

    const poster = (await posterLoader({ request: get(`${LAN}/quan-tri/ma-qr/in?quay=${COUNTER}`, session), params: {}, context: {} })) as {
      posters: { url: string }[];
    };
    expect(poster.posters[0]!.url).toBe(expected);
  });

  it("a page opened at localhost says phones cannot open its addresses", async () => {
    const { db } = providedDemoServices(SECRET);
    const list = (await qrLoader({ request: get("http://localhost:3000/quan-tri/ma-qr", adminSession(db)), params: {}, context: {} })) as {
      loopbackBase: string | null;
    };
    expect(list.loopbackBase).toBe("http://localhost:3000");
  });

  it("PUBLIC_URL wins over the request's host (a trailing slash dropped); an empty PUBLIC_URL is unset", () => {
    const request = new Request(`${LAN}/quan-tri/ma-qr`);
    expect(requestBaseUrl(readEnv({ PUBLIC_URL: "https://danhgia.example.gov.vn/" } as never), request)).toBe("https://danhgia.example.gov.vn");
    expect(requestBaseUrl(readEnv({ PUBLIC_URL: "" } as never), request)).toBe(LAN);
  });
});

describe("outside a request: LAN addresses and the running port", () => {
  it("listenUrls puts the LAN addresses first on 0.0.0.0, and a chosen host alone", () => {
    expect(listenUrls("0.0.0.0", 3925, ["192.168.1.20", "10.0.0.5"])).toEqual([
      "http://192.168.1.20:3925",
      "http://10.0.0.5:3925",
      "http://localhost:3925",
    ]);
    expect(listenUrls("127.0.0.1", 3925, ["192.168.1.20"])).toEqual(["http://127.0.0.1:3925"]);
    expect(listenUrls("::1", 3925, [])).toEqual(["http://[::1]:3925"]);
    expect(
      lanAddresses({
        lo: [{ address: "127.0.0.1", family: "IPv4", internal: true, netmask: "255.0.0.0", mac: "", cidr: null }],
        eth0: [
          { address: "192.168.1.20", family: "IPv4", internal: false, netmask: "255.255.255.0", mac: "", cidr: null },
          { address: "fe80::1", family: "IPv6", internal: false, netmask: "ffff::", mac: "", cidr: null, scopeid: 2 },
        ],
      }),
    ).toEqual(["192.168.1.20"]);
  });

  it("the start-up lines warn while PUBLIC_URL is unset and not when it is set", () => {
    providedDemoServices(SECRET, { HOST: "127.0.0.1" });
    const lines = startupLines(3925);
    expect(lines[0]).toBe("Ứng dụng: http://127.0.0.1:3925/");
    expect(lines.join("\n")).toMatch(/Cảnh báo: chưa đặt PUBLIC_URL/);
    expect(lines.join("\n")).toMatch(new RegExp(`Trang đánh giá mẫu \\(quầy [^)]+\\): http://127\\.0\\.0\\.1:3925/q/`));
    providedDemoServices(SECRET, { HOST: "127.0.0.1", PUBLIC_URL: "https://danhgia.example.gov.vn" });
    const set = startupLines(3925);
    expect(set[0]).toBe("Ứng dụng: https://danhgia.example.gov.vn/");
    expect(set.join("\n")).not.toMatch(/PUBLIC_URL/);
  });

  it("`links` uses the port the last server wrote beside the database, or PUBLIC_URL", () => {
    const { db } = providedDemoServices(SECRET);
    const env = readEnv({ DATABASE_PATH: db.$client.name, HOST: "127.0.0.1", PORT: "3000" } as never);
    expect(machineBaseUrl(env)).toBe("http://127.0.0.1:3000");
    recordListenAddress(env, 3925);
    expect(fs.readFileSync(addressFile(env), "utf8")).toContain("3925");
    const cli = (extra: Record<string, string>) =>
      spawnSync(process.execPath, ["--import", "tsx", "scripts/sipas.ts", "links", "--agency", "TTHCC"], {
        cwd: path.resolve(import.meta.dirname, "../.."),
        env: { ...process.env, DATABASE_PATH: db.$client.name, PORT: "3000", PUBLIC_URL: "", ...extra },
        encoding: "utf8",
        timeout: 20_000,
      });
    const running = cli({});
    expect(running.status).toBe(0);
    expect(running.stdout).toContain(`${COUNTER}\thttp://127.0.0.1:3925/q/${tokenOf(db, COUNTER)}\n`);
    expect(running.stderr).toMatch(/chưa đặt PUBLIC_URL/);
    const fixed = cli({ PUBLIC_URL: "https://danhgia.example.gov.vn" });
    expect(fixed.stdout).toContain(`${COUNTER}\thttps://danhgia.example.gov.vn/q/`);
    expect(fixed.stderr).toBe("");
  });
});
