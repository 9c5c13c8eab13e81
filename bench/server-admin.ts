/** A bench administrator on a ServerProcess's database, signed in: the Cookie header of its browser. */
import Database from "better-sqlite3";
import crypto from "node:crypto";
import fs from "node:fs";

import { createUser } from "../app/auth/users.server";
import { drizzleOver } from "../tests/support/drizzle";
import type { ServerProcess } from "../tests/support/server-process";

export async function adminCookie(server: ServerProcess): Promise<string> {
  const password = crypto.randomBytes(12).toString("base64url");
  const username = `bench${crypto.randomInt(1e9)}`;
  // Its own connection: createUser is async (scrypt), and withDb closes when its callback returns.
  const sqlite = new Database(server.dbFile);
  sqlite.pragma("busy_timeout = 5000");
  await createUser(drizzleOver(sqlite), { username, role: "admin", password }).finally(() => sqlite.close());
  return (await server.signedIn(username, password)).cookie;
}

/** The resident memory of the server process, in MB (Linux /proc). */
export function serverRssMb(server: ServerProcess): number {
  const status = fs.readFileSync(`/proc/${server.child!.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}
