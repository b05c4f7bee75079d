// What the operators of an installation do with networks: list them (counts
// only, no personal data), set one up with its first organiser, suspend and
// reactivate. Every change is written together with its audit entry, under the
// network's id, so the network's organisers see what the operators did.
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { auditInsert } from "../lib/audit";
import { newSignInLink, SIGN_IN_LINK_MINUTES } from "../lib/auth";
import { mailInsert } from "../lib/mail";
import type { Db } from "./client";
import { accounts, events, institutions, networks, roles } from "./schema";

/**
 * An operator signs in like everyone else, so needs an account row: created on
 * the first sign-in link request. Idempotent; an existing account is kept as it is.
 */
export async function ensureOperatorAccount(db: Db, email: string, now = new Date()) {
  await db.insert(accounts).values({ email, createdAt: now }).onConflictDoNothing();
}

export type NetworkOverview = {
  id: string;
  slug: string;
  name: string;
  status: "active" | "suspended";
  createdAt: Date;
  suspendedAt: Date | null;
  organisers: number;
  institutions: number;
  events: number;
};

/** Every network with how many organisers, (unarchived) institutions and events it has. */
export async function listNetworkOverview(db: Db): Promise<NetworkOverview[]> {
  const [rows, organiserCounts, institutionCounts, eventCounts] = await Promise.all([
    db.select().from(networks),
    db
      .select({ networkId: roles.networkId, n: count() })
      .from(roles)
      .where(eq(roles.role, "organiser"))
      .groupBy(roles.networkId),
    db
      .select({ networkId: institutions.networkId, n: count() })
      .from(institutions)
      .where(isNull(institutions.archivedAt))
      .groupBy(institutions.networkId),
    db.select({ networkId: events.networkId, n: count() }).from(events).groupBy(events.networkId),
  ]);
  const byNetwork = (list: { networkId: string; n: number }[]) => new Map(list.map((r) => [r.networkId, r.n]));
  const [o, i, e] = [byNetwork(organiserCounts), byNetwork(institutionCounts), byNetwork(eventCounts)];
  return rows
    .map((n) => ({
      id: n.id,
      slug: n.slug,
      name: n.name,
      status: n.status,
      createdAt: n.createdAt,
      suspendedAt: n.suspendedAt,
      organisers: o.get(n.id) ?? 0,
      institutions: i.get(n.id) ?? 0,
      events: e.get(n.id) ?? 0,
    }))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.slug.localeCompare(b.slug));
}

export async function slugTaken(db: Db, slug: string): Promise<boolean> {
  const [row] = await db.select({ id: networks.id }).from(networks).where(eq(networks.slug, slug)).limit(1);
  return row !== undefined;
}

export type NewNetwork = { name: string; slug: string; organiserEmail: string; organiserLocale: "de" | "en" };

/**
 * Creates the network, the organiser's account (unless it exists), the
 * organiser role, the audit entry and the invitation mail with a sign-in link
 * in one batch. Returns "slug_taken" if another network has the slug.
 */
export async function createNetworkWithOrganiser(
  db: Db,
  input: NewNetwork,
  { actorAccountId, origin, now = new Date() }: { actorAccountId: string; origin: string; now?: Date },
): Promise<{ network: typeof networks.$inferSelect; organiserAccountId: string } | "slug_taken"> {
  if (await slugTaken(db, input.slug)) return "slug_taken";
  await db
    .insert(accounts)
    .values({ email: input.organiserEmail, locale: input.organiserLocale, createdAt: now })
    .onConflictDoNothing();
  const [account] = await db.select().from(accounts).where(eq(accounts.email, input.organiserEmail)).limit(1);
  const networkId = crypto.randomUUID();
  const { link, insert } = await newSignInLink(db, account.id, origin, now);
  try {
    await db.batch([
      db.insert(networks).values({ id: networkId, slug: input.slug, name: input.name, createdAt: now }),
      db.insert(roles).values({ accountId: account.id, networkId, role: "organiser", createdAt: now }),
      insert,
      mailInsert(
        db,
        {
          to: input.organiserEmail,
          locale: input.organiserLocale,
          networkId,
          template: "organiser_invitation",
          params: {
            link,
            expiresMinutes: SIGN_IN_LINK_MINUTES,
            networkName: input.name,
            signInPage: `${origin}/anmelden`,
          },
        },
        now,
      ),
      auditInsert(
        db,
        { networkId, actorAccountId, action: "network.created", entityType: "network", entityId: networkId },
        now,
      ),
    ]);
  } catch (error) {
    // Two operators choosing the same slug at once: the unique index decides.
    if (/UNIQUE.*networks\.slug/.test(String((error as Error).cause ?? error))) return "slug_taken";
    throw error;
  }
  const [network] = await db.select().from(networks).where(eq(networks.id, networkId));
  return { network, organiserAccountId: account.id };
}

/**
 * Suspends or reactivates a network; writes nothing if it is already in that
 * state. Returns the network, or null if there is none with this id.
 */
export async function setNetworkStatus(
  db: Db,
  networkId: string,
  status: "active" | "suspended",
  actorAccountId: string,
  now = new Date(),
) {
  const [current] = await db.select().from(networks).where(eq(networks.id, networkId)).limit(1);
  if (!current) return null;
  if (current.status === status) return current;
  const [[updated]] = await db.batch([
    db
      .update(networks)
      .set({ status, suspendedAt: status === "suspended" ? now : null })
      .where(and(eq(networks.id, networkId), sql`${networks.status} <> ${status}`))
      .returning(),
    auditInsert(
      db,
      {
        networkId,
        actorAccountId,
        action: status === "suspended" ? "network.suspended" : "network.reactivated",
        entityType: "network",
        entityId: networkId,
      },
      now,
    ),
  ]);
  return updated ?? { ...current, status };
}

/** The status of the network an event belongs to. */
export async function networkStatusOfEvent(db: Db, eventId: string) {
  const [row] = await db
    .select({ status: networks.status })
    .from(events)
    .innerJoin(networks, eq(networks.id, events.networkId))
    .where(eq(events.id, eventId))
    .limit(1);
  return row?.status ?? "active";
}
