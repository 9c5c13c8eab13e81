/**
 * Drizzle prepared statements made once per connection, for the queries run on every API item or citizen page
 * and those a request runs many times (a comment per listed row, the versions and labels behind each of a
 * dashboard's breakdowns). Building a query with the builder costs ~60 µs (one indexed lookup) to ~1 ms (a
 * seven-join read) a call — the SQL text made again, then prepared by SQLite — against ~3–5 µs to run a prepared
 * Drizzle statement, like a raw one (measured on a 2-core machine). Still the builder, so still typed by the
 * schema; values go in through `sql.placeholder`.
 */
import type { Db } from "./client";

/** `build` runs once per connection (a test opens many); later calls return its statements. */
export function perConnection<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<object, T>();
  return (db) => {
    let statements = cache.get(db.$client);
    if (statements === undefined) cache.set(db.$client, (statements = build(db)));
    return statements;
  };
}
