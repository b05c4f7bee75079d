import { and, eq, or } from "drizzle-orm";
import type { Db } from "./client";
import { institutions, networks } from "./schema";

/** A network is addressed by its id or by its slug (readable URLs). */
export async function networkByRef(db: Db, ref: string) {
  const [network] = await db
    .select()
    .from(networks)
    .where(or(eq(networks.id, ref), eq(networks.slug, ref)))
    .limit(1);
  return network;
}

/**
 * Whether the institution belongs to the network. An institution named in a
 * query or body must be one of the event's network: a contact of another
 * network's institution holds a real role, but not one that reaches this network.
 */
export async function isInstitutionOf(db: Db, institutionId: string, networkId: string) {
  const [row] = await db
    .select({ id: institutions.id })
    .from(institutions)
    .where(and(eq(institutions.id, institutionId), eq(institutions.networkId, networkId)))
    .limit(1);
  return row !== undefined;
}

/** The networks the installation lists: suspended ones are not shown, their operators see them on their own page. */
export const activeNetworks = (db: Db) => db.select().from(networks).where(eq(networks.status, "active"));
