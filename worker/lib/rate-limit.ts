import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

/**
 * Counts one hit for `key` in a fixed window and says whether it is within
 * `limit`. A single upsert: concurrent requests are counted, never lost.
 */
export async function withinLimit(db: Db, key: string, limit: number, windowMs: number, now = new Date()) {
  const start = now.getTime() - (now.getTime() % windowMs);
  const row = await db.get<{ count: number }>(sql`
    insert into rate_limits (key, window_start, count) values (${key}, ${start}, 1)
    on conflict (key) do update set
      count = case when window_start < ${start} then 1 else count + 1 end,
      window_start = max(window_start, ${start})
    returning count`);
  return row.count <= limit;
}
