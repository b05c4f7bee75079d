// Personal links of participants: the current one (registrations.personal_token_hash) and
// the ones asked for by e-mail since (personal_link_requests).
import { and, eq, inArray, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import { hashToken, randomToken } from "../lib/auth";
import type { Db } from "./client";
import { events, personalLinkRequests, registrations } from "./schema";

/** SQL: the registration is reached by the token with this hash, by its current or a requested link. */
export const reachedByToken = (db: Db, tokenHash: string): SQL =>
  or(
    eq(registrations.personalTokenHash, tokenHash),
    inArray(
      registrations.id,
      db
        .select({ id: personalLinkRequests.registrationId })
        .from(personalLinkRequests)
        .where(eq(personalLinkRequests.tokenHash, tokenHash)),
    ),
  ) as SQL;

// Adopting and revoking a link write the registration, so they live with its one writer.
export { adoptRequestedLink, revokePersonalLinks } from "./allocation/personal-data";

/** Requested links nobody used within this time lapse (the current link stays). */
export const REQUESTED_LINK_DAYS = 30;

export const purgeRequestedLinks = (db: Db, now: Date) =>
  db
    .delete(personalLinkRequests)
    .where(sql`${personalLinkRequests.createdAt} < ${now.getTime() - REQUESTED_LINK_DAYS * 86_400_000}`);

/** New links for every live registration of this address, added beside the existing ones. */
export async function newRequestedLinks(db: Db, email: string, now: Date) {
  const live = await db
    .select({ id: registrations.id, eventTitle: events.title, networkId: events.networkId })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(
      and(eq(registrations.email, email), ne(registrations.status, "cancelled"), isNull(registrations.anonymisedAt)),
    );
  const links = await Promise.all(
    live.map(async (r) => {
      const token = randomToken();
      return { ...r, token, hash: await hashToken(token) };
    }),
  );
  return {
    links,
    inserts: links.map((r) =>
      db.insert(personalLinkRequests).values({ tokenHash: r.hash, registrationId: r.id, createdAt: now }),
    ),
  };
}
