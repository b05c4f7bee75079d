// A signed-in account: who it is, the roles it holds, and its sessions (devices).
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "./client";
import { accounts, authSessions, institutions, networks, roles } from "./schema";

/** The account and every role it holds, with the network and institution each role is for. */
export async function accountWithRoles(db: Db, accountId: string) {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  const held = await db
    .select({
      role: roles.role,
      network: { id: networks.id, slug: networks.slug, name: networks.name },
      institutionId: roles.institutionId,
      institutionName: institutions.name,
    })
    .from(roles)
    .innerJoin(networks, eq(networks.id, roles.networkId))
    .leftJoin(institutions, eq(institutions.id, roles.institutionId))
    .where(eq(roles.accountId, accountId));
  return {
    account: { id: account.id, email: account.email, displayName: account.displayName, locale: account.locale },
    roles: held.map((r) => ({
      role: r.role,
      network: r.network,
      institution: r.institutionId ? { id: r.institutionId, name: r.institutionName ?? "" } : null,
    })),
  };
}

/** Sessions neither signed out nor expired. */
export const activeSessions = (db: Db, accountId: string, now: Date) =>
  db
    .select()
    .from(authSessions)
    .where(and(eq(authSessions.accountId, accountId), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, now)));

/** Signs out one of the account's sessions; false if it has no such session still signed in. */
export async function endSession(db: Db, accountId: string, sessionId: string, now: Date) {
  const ended = await db
    .update(authSessions)
    .set({ revokedAt: now })
    .where(and(eq(authSessions.id, sessionId), eq(authSessions.accountId, accountId), isNull(authSessions.revokedAt)))
    .returning({ id: authSessions.id });
  return ended.length > 0;
}

/** Signs out every session of the account; how many were still signed in. */
export async function endAllSessions(db: Db, accountId: string, now: Date) {
  const ended = await db
    .update(authSessions)
    .set({ revokedAt: now })
    .where(and(eq(authSessions.accountId, accountId), isNull(authSessions.revokedAt)))
    .returning({ id: authSessions.id });
  return ended.length;
}
