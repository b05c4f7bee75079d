import { is, SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import * as schema from "./schema";

export const createDb = (d1: D1Database) => drizzle(d1, { schema, casing: "snake_case" });
export type Db = ReturnType<typeof createDb>;

const dialect = new SQLiteSyncDialect({ casing: "snake_case" });

/**
 * Runs hand-written statements as one atomic D1 batch and returns D1's own
 * results (rows as objects, and `meta.changes`). Used where a statement needs
 * SQL the query builder cannot express, such as INSERT … SELECT … ON CONFLICT
 * with a decision inside.
 */
export function runBatch(db: Db, statements: SQL[]) {
  const d1 = db.$client;
  return d1.batch<Record<string, unknown>>(
    statements.map((statement) => {
      const query = dialect.sqlToQuery(statement);
      return d1.prepare(query.sql).bind(...query.params);
    }),
  );
}

/** A query-builder statement or hand-written SQL, for `runMixedBatch`. */
export type BatchStatement = SQL | { toSQL(): { sql: string; params: unknown[] } };

/**
 * Runs query-builder statements and hand-written SQL together as one atomic D1 batch, for
 * writes whose results are not read. (drizzle's own `db.batch` cannot take `db.run(sql)` items.)
 */
export function runMixedBatch(db: Db, statements: BatchStatement[]) {
  const d1 = db.$client;
  return d1.batch(
    statements.map((statement) => {
      const query = is(statement, SQL) ? dialect.sqlToQuery(statement) : statement.toSQL();
      return d1.prepare(query.sql).bind(...query.params);
    }),
  );
}
