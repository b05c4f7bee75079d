import { eq, or } from "drizzle-orm";
import { ApiError } from "../lib/problem";
import type { Db } from "./client";
import { networks } from "./schema";

/** A network is addressed by its id or by its slug (readable URLs). */
export async function requireNetwork(db: Db, ref: string) {
  const [network] = await db
    .select()
    .from(networks)
    .where(or(eq(networks.id, ref), eq(networks.slug, ref)))
    .limit(1);
  if (!network) throw new ApiError("network_not_found");
  return network;
}
