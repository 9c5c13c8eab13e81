/**
 * The statements kept raw on the hot paths (docs/decisions/0018-one-of-each-and-raw-hot-paths.md) against the
 * Drizzle schema. A database is built from db/schema.ts (and its sibling schema files) alone (getTableConfig: every table, column, primary
 * key, unique constraint and index), and every raw statement of ingest, the roll-up writes and rebuild, the
 * roll-up counts — in every shape the code assembles — must prepare on it: SQLite
 * resolves every table and column a statement names when it prepares it. Renaming a column in db/schema.ts
 * without the SQL fails here, naming the statement and the column. And the committed migrations must give
 * the same tables and columns, so the schema checked is the one the app opens.
 */
import Database from "better-sqlite3";
import { is } from "drizzle-orm";
import { getTableConfig, SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";

import { INGEST_SQL } from "../../app/responses/ingest.server";
import { cellWhere, COUNT_SQL, DAY_KEY, DAY_RANGE, dayList, inList } from "../../app/results/counts.server";
import { REBUILD_READ_SQL, ROLLUP_SQL, ROLLUP_TABLES } from "../../app/results/rollups.server";
import * as authSchema from "../../db/auth-schema";
import * as fieldSchema from "../../db/field-schema";
import * as nationalSchema from "../../db/national-schema";
import * as publishingSchema from "../../db/publishing-schema";
import * as qd766Schema from "../../db/qd766-schema";
import * as schema from "../../db/schema";
import { testDatabase } from "../support/db";

/** The schema files drizzle-kit generates the migrations from (db/drizzle.config.ts). */
const EXPORTS: unknown[] = [schema, authSchema, fieldSchema, publishingSchema, qd766Schema, nationalSchema].flatMap((module) =>
  Object.values(module),
);
const TABLES = EXPORTS.filter((value): value is SQLiteTable => is(value, SQLiteTable));
const quote = (name: string) => `"${name}"`;

/** The schema as SQLite tables: names and keys only (types and checks do not change what a statement may name). */
function schemaDatabase(): Database.Database {
  const db = new Database(":memory:");
  for (const table of TABLES) {
    const { name, columns, primaryKeys, uniqueConstraints, indexes } = getTableConfig(table);
    const parts = columns.map((c) => `${quote(c.name)}${c.primary ? " primary key" : ""}${c.isUnique ? " unique" : ""}`);
    for (const key of primaryKeys) parts.push(`primary key (${key.columns.map((c) => quote(c.name)).join(", ")})`);
    for (const unique of uniqueConstraints) parts.push(`unique (${unique.columns.map((c) => quote(c.name)).join(", ")})`);
    db.exec(`create table ${quote(name)} (${parts.join(", ")})`);
    for (const index of indexes) {
      const on = index.config.columns;
      // An index on an expression (the targets' scope) is no upsert target nor named by a raw statement.
      if (!on.every((c) => is(c, SQLiteColumn))) continue;
      const list = on.map((c) => quote((c as SQLiteColumn).name)).join(", ");
      db.exec(`create ${index.config.unique ? "unique " : ""}index ${quote(index.config.name)} on ${quote(name)} (${list})`);
    }
  }
  return db;
}

/** Every raw statement, named, in the shapes the code assembles (list lengths 1 and 3; every key, month, filter and day form). */
function rawStatements(): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, sql] of Object.entries(INGEST_SQL)) {
    if (typeof sql === "string") out.push([`ingest ${name}`, sql]);
    else for (const k of [1, 3]) out.push([`ingest ${name}(${k})`, sql(k)]);
  }
  for (const [name, make] of Object.entries(ROLLUP_SQL) as [string, (k: number, j: number) => string][]) {
    for (const [k, j] of [
      [1, 1],
      [3, 2],
    ] as const)
      out.push([`rollups ${name}(${k}, ${j})`, make(k, j)]);
  }
  out.push(["rollups rebuild read", REBUILD_READ_SQL]);
  for (const table of ROLLUP_TABLES) out.push([`rollups rebuild empties ${table}`, `delete from ${table}`]);

  const dayColumns = Object.values(DAY_KEY);
  const dayFilters = ["", ...dayColumns.map((c) => inList(c, 2)), dayColumns.map((c) => inList(c, 1)).join("")];
  for (const key of ["''", "key"]) {
    for (const month of ["''", "month"]) {
      for (const where of ["", inList("key", 3)]) {
        out.push([`counts monthAnswers(${key}, ${month}, ${where})`, COUNT_SQL.monthAnswers(key, month, where)]);
        out.push([`counts monthResponses(${key}, ${month}, ${where})`, COUNT_SQL.monthResponses(key, month, where)]);
      }
    }
  }
  for (const key of ["''", ...dayColumns]) {
    for (const where of dayFilters) {
      for (const days of [DAY_RANGE, dayList(3)]) {
        out.push([`counts dayAnswers(${key}, ${where}, ${days})`, COUNT_SQL.dayAnswers(key, where, days)]);
        out.push([`counts dayResponses(${key}, ${where}, ${days})`, COUNT_SQL.dayResponses(key, where, days)]);
      }
    }
  }
  const cellFilters = [
    {},
    { channel: ["qr"] },
    { agency: ["1", "2"] },
    { field: ["3"] },
    { counter: ["4"] },
    { agency: ["1"], counter: ["4"], channel: ["qr"] },
  ];
  for (const key of ["''", ...dayColumns]) {
    for (const month of ["''", "month"]) {
      for (const { where } of cellFilters.map(cellWhere)) {
        out.push([`counts cellAnswers(${key}, ${month}, ${where})`, COUNT_SQL.cellAnswers(key, month, 3, where)]);
        out.push([`counts cellResponses(${key}, ${month}, ${where})`, COUNT_SQL.cellResponses(key, month, 3, where)]);
      }
    }
  }
  for (const key of ["''", "key_a", "key_b"]) {
    for (const month of ["''", "month"]) {
      for (const [a, b] of [
        [1, 0],
        [0, 2],
        [1, 1],
      ] as const) {
        out.push([`counts pairAnswers(${key}, ${month}, ${a}, ${b})`, COUNT_SQL.pairAnswers(key, month, a, b)]);
        out.push([`counts pairResponses(${key}, ${month}, ${a}, ${b})`, COUNT_SQL.pairResponses(key, month, a, b)]);
      }
    }
  }
  out.push(["counts firstDay", COUNT_SQL.firstDay()], ["counts lastDay", COUNT_SQL.lastDay()]);
  for (const where of ["", inList("agency_id", 2)]) out.push([`counts profile(${where})`, COUNT_SQL.profile(where)]);
  return out;
}

describe("raw SQL of the hot paths against db/schema.ts", () => {
  const db = schemaDatabase();
  const statements = rawStatements();

  it("covers ingest, roll-up writes and counts", () => {
    const modules = new Set(statements.map(([name]) => name.split(" ")[0]));
    expect([...modules]).toEqual(["ingest", "rollups", "counts"]);
    expect(statements.length).toBeGreaterThan(100);
  });

  it.each(statements)("%s names only tables and columns of the schema", (_name, sql) => {
    expect(() => db.prepare(sql)).not.toThrow();
  });

  it("a column renamed in the schema is caught (the check is not vacuous)", () => {
    const renamed = new Database(":memory:");
    renamed.exec("create table responses (id primary key, uuid unique, vietnam_day)");
    expect(() => renamed.prepare("select id from responses where day_vn = ?")).toThrow(/no such column: day_vn/);
  });

  it("the committed migrations give exactly the schema's tables and columns", () => {
    const migrated = testDatabase().$client;
    const columnsOf = (sqlite: Database.Database, table: string) =>
      sqlite
        .prepare<[string], { name: string }>("select name from pragma_table_info(?) order by cid")
        .all(table)
        .map((c) => c.name);
    const tablesOf = (sqlite: Database.Database) =>
      sqlite
        .prepare<[], { name: string }>(
          "select name from sqlite_schema where type = 'table' and name not like 'sqlite\\_%' escape '\\' and name not like '\\_\\_drizzle%' escape '\\' order by name",
        )
        .all()
        .map((t) => t.name);
    expect(tablesOf(migrated)).toEqual(tablesOf(db));
    for (const table of tablesOf(db)) expect(columnsOf(migrated, table), table).toEqual(columnsOf(db, table));
  });
});
