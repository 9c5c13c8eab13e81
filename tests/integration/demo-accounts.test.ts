/**
 * The demo accounts on an empty database (issue 16, finding 14): `npm start` created `admin` with the README's
 * password whatever the host it listened on, without a word. Now the public password is given only on a
 * loopback host or with SIPAS_DEMO=1, and said at start-up; on any other host the demo accounts get a random
 * password, printed once; and while the public password still works on an exposed host, every start warns.
 * Real boots (openServices: migrate, seed the demo province) on temporary SQLite files.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { verifyPassword } from "../../app/auth/password.server";
import { readEnv } from "../../app/env.server";
import { isLoopbackHost, openServices, provideServices, shutdown, startupLines } from "../../app/services.server";
import { DEMO_PASSWORD, DEMO_USERS } from "../../db/seed/demo-users";

const dirs: string[] = [];
afterEach(() => {
  shutdown();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A first start (or a restart, given the same file) with these settings; what it prints once listening. */
function start(settings: Record<string, string>, file?: string) {
  const dbFile = file ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sipas-demo-")), "sipas.db");
  if (!file) dirs.push(path.dirname(dbFile));
  shutdown();
  const services = openServices(readEnv({ DATABASE_PATH: dbFile, SESSION_SECRET: "x".repeat(40), ...settings } as never));
  provideServices(services);
  return {
    file: dbFile,
    lines: startupLines(),
    hash: (services.db.$client.prepare("select password_hash as h from users where username = 'admin'").get() as { h: string }).h,
  };
}

describe("the demo accounts' password", () => {
  it("on a host other than loopback (the default 0.0.0.0): a random password, printed once, not the README's", { timeout: 60_000 }, async () => {
    const first = start({ HOST: "0.0.0.0" });
    expect(await verifyPassword(DEMO_PASSWORD, first.hash)).toBe(false);
    const line = first.lines.find((l) => l.startsWith("Đã tạo tài khoản mẫu"));
    expect(line).toBe(`Đã tạo tài khoản mẫu (${DEMO_USERS.map((u) => u.username).join(", ")}) với mật khẩu: ${line!.split(": ").at(-1)}`);
    const password = line!.split(": ").at(-1)!;
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await verifyPassword(password, first.hash)).toBe(true);
    expect(first.lines.join("\n")).toContain("chỉ in một lần");
    // A restart says nothing more about it: the password is not kept anywhere in clear.
    const again = start({ HOST: "0.0.0.0" }, first.file);
    expect(again.lines.join("\n")).not.toContain(password);
    expect(again.lines.some((l) => l.includes("tài khoản mẫu"))).toBe(false);
  });

  it("on a loopback host: the README's password, said at start-up without alarm", { timeout: 60_000 }, async () => {
    const { hash, lines } = start({ HOST: "127.0.0.1" });
    expect(await verifyPassword(DEMO_PASSWORD, hash)).toBe(true);
    expect(lines).toContain(
      `Tài khoản mẫu (admin, xem, tthcc, soxd, ksv, soyte, sogd) dùng mật khẩu mẫu công khai «${DEMO_PASSWORD}» (README) — chỉ để dùng thử.`,
    );
    expect(lines.join("\n")).not.toContain("CẢNH BÁO");
  });

  it("with SIPAS_DEMO=1 on an exposed host: the README's password and a warning — at every start while it works", { timeout: 60_000 }, async () => {
    const first = start({ HOST: "0.0.0.0", SIPAS_DEMO: "1" });
    expect(await verifyPassword(DEMO_PASSWORD, first.hash)).toBe(true);
    expect(first.lines.find((l) => l.startsWith("CẢNH BÁO"))).toContain(`«${DEMO_PASSWORD}»`);
    expect(first.lines.join("\n")).toContain("HOST=0.0.0.0: ai vào được địa chỉ này đều đăng nhập được");
    // The same file served later without the opt-in: still warned, since admin still takes the public password.
    const later = start({ HOST: "192.0.2.7" }, first.file);
    expect(later.lines.find((l) => l.startsWith("CẢNH BÁO"))).toBeDefined();
  });

  it("knows which hosts are loopback", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]", "::ffff:127.0.0.1"]) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ["0.0.0.0", "::", "192.0.2.7", "danhgia.example.gov.vn", "127.0.0.1.example", "1270.0.0.1"])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});
