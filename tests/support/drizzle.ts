/** A Drizzle database over a connection a test already holds (a server's file, opened beside the server). */
import type Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";

import type { Db } from "../../db/client";
import * as schema from "../../db/schema";

export function drizzleOver(sqlite: Database.Database): Db {
  return drizzle(sqlite, { schema }) as Db;
}
