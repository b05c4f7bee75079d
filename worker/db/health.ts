import { sql } from "drizzle-orm";
import type { Db } from "./client";

/** The cheapest statement that proves the database answers. */
export async function pingDatabase(db: Db) {
  await db.run(sql`select 1`);
}
