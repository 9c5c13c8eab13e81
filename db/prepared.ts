/**
 * Drizzle prepared statements made once per connection. Building a query with Drizzle costs more than SQLite's
 * own prepare of its text (measured on this schema: ~0.3 ms for a one-table select, ~1 ms for a seven-join one,
 * against ~0.07 ms for better-sqlite3's prepare and ~3 µs to run a prepared Drizzle statement), so a query a
 * request runs many times — a comment per listed row, the versions and labels behind each of a dashboard's
 * dozen breakdowns — is prepared here, with `sql.placeholder` for its values, and only run per call.
 */
import type { Db } from "./client";

export function preparedPerConnection<T>(make: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<object, T>();
  return (db) => {
    let statements = cache.get(db.$client);
    if (!statements) cache.set(db.$client, (statements = make(db)));
    return statements;
  };
}
