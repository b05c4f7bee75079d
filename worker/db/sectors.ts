import { asc, eq } from "drizzle-orm";
import type { Db } from "./client";
import { sectors } from "./schema";

/** All sectors in display order. */
export const listSectors = (db: Db) => db.select().from(sectors).orderBy(asc(sectors.sortOrder), asc(sectors.key));

export async function sectorExists(db: Db, key: string) {
  const rows = await db.select().from(sectors).where(eq(sectors.key, key)).limit(1);
  return rows.length > 0;
}
