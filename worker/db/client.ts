import type { SQL } from "drizzle-orm";
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
