// The personal data on a registration that is not about its place: the current personal link,
// and erasure. Here because this folder is the only writer of registrations.
import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client";
import { personalLinkRequests, registrations } from "../schema";

/**
 * The person used a link they asked for: it becomes the current one, and every other link of
 * the registration (the old current one, other requested ones) stops working. A no-op for a
 * token that is already the current link.
 */
export async function adoptRequestedLink(db: Db, registrationId: string, tokenHash: string) {
  const requested = sql`exists (select 1 from personal_link_requests
    where token_hash = ${tokenHash} and registration_id = ${registrationId})`;
  await db.batch([
    db
      .update(registrations)
      .set({ personalTokenHash: tokenHash })
      .where(and(eq(registrations.id, registrationId), requested)),
    db.delete(personalLinkRequests).where(eq(personalLinkRequests.registrationId, registrationId)),
  ]);
}

/** Revoking ends every link of the registration, current and requested. */
export const revokePersonalLinks = (db: Db, registrationId: string) =>
  db.batch([
    db.update(registrations).set({ personalTokenHash: null }).where(eq(registrations.id, registrationId)),
    db.delete(personalLinkRequests).where(eq(personalLinkRequests.registrationId, registrationId)),
  ]);

/**
 * The participant turns reminders by e-mail off (or on again) on their personal page. A live
 * registration only: an erased one keeps nothing to remind. Returns whether it was written.
 */
export async function setRemindersOff(db: Db, registrationId: string, off: boolean) {
  const written = await db
    .update(registrations)
    .set({ remindersOff: off })
    .where(and(eq(registrations.id, registrationId), isNull(registrations.anonymisedAt)))
    .returning({ id: registrations.id });
  return written.length === 1;
}

/** Erases the registrations `chosen` (an SQL subquery of ids) not erased yet, returning their ids. */
export const registrationsErasure = (chosen: SQL, now: number): SQL =>
  sql`update registrations set name = '', email = id || '@erased.invalid', "function" = '',
      accessibility_needs = '', personal_token_hash = null, idempotency_key = null, anonymised_at = ${now}
    where id in ${chosen} and anonymised_at is null
    returning id`;
