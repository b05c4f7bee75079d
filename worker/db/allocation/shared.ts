// The writing side of PRODUCT.md's allocation rules. D1 has no interactive
// transactions, so every invariant is checked inside the statement that writes:
// a registration's status is decided by the INSERT itself, a promotion's UPDATE
// re-counts the places it may take. JavaScript may read to *choose* (which
// waiting request is next, by the pure rules in worker/domain/allocation.ts),
// but a choice made on a stale read only makes the write do nothing.
//
// Statements of one change run as one `db.batch` (atomic). A follow-up
// statement that must happen only if the previous one changed a row says
// `where changes() = 1`: SQLite's changes() is the row count of the previous
// statement on the same connection, which within a batch is the previous item.
//
// This folder is that writing side, by purpose: register.ts (registering, walk-ins),
// settle.ts (promotions, redistribution, lapsed offers, the cron's sweep), changes.ts
// (cancellations, offers taken, swaps, moves, overrides); this file holds what they share.

import { eq, type SQL, sql } from "drizzle-orm";
import { newTicketCode } from "../../domain/ticket-code";
import { type MailBrand, type MailLocale, mailInsertIf, type RegistrationMailKind } from "../../lib/mail";
import { formatBerlinDateTime } from "../../lib/time";
import type { Db } from "../client";
import { type EventMailInfo, loadEventContext } from "../event-context";
import { institutions, registrations } from "../schema";

/** What a background or request-driven allocation step needs to know about its surroundings. */
export type RunContext = { db: Db; now: Date; origin: string; locale: MailLocale };

/**
 * A new ticket code for an inserting statement, or null in the (about 1 in 10^6 at 30,000
 * registrations) case that it was drawn before: the insert then goes through without, for
 * `assignTicketCode` to draw again, instead of the unique index refusing the registration.
 */
export const freeTicketCode = () => {
  const code = newTicketCode();
  return sql`(select ${code} where not exists (select 1 from registrations where ticket_code = ${code}))`;
};

/** Gives a registration written without a ticket code one; drawn again while the code is taken. */
export async function assignTicketCode(db: Db, registrationId: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.run(sql`update registrations set ticket_code = ${newTicketCode()}
        where id = ${registrationId} and ticket_code is null`);
      return;
    } catch (error) {
      if (!String(error).includes("UNIQUE") || attempt === 5) throw error;
    }
  }
}

const holdsText = (r: string) =>
  `(${r}.status = 'confirmed' or (${r}.status = 'waitlisted' and ${r}.offered_until is not null))`;

/** SQL: registration alias `r` holds a place (confirmed, or waiting with an open offer). */
export const holds = (r: string) => sql.raw(holdsText(r));

/**
 * SQL: the event of registration alias `r` still has a place for it (and its track, if any).
 * Reads the held-places counters (kept by triggers, migration 0010): one row each, however
 * full the event.
 */
export const placeFreeFor = (r: string) =>
  sql.raw(`exists (select 1 from events e where e.id = ${r}.event_id and e.held_places < e.capacity)
    and (${r}.track_id is null or
      exists (select 1 from tracks t where t.id = ${r}.track_id and t.held_places < t.capacity))`);

/** The personal page of a participant; the token travels in the fragment, never to a server log. */
export const personalLink = (origin: string, token: string) => `${origin}/teilnahme#t=${token}`;

// ---------------------------------------------------------------------------
// Mail context

/** The mail context of an event that a step did not get from its request. */
export async function eventMailInfo(db: Db, eventId: string): Promise<EventMailInfo> {
  const context = await loadEventContext(db, eventId);
  if (!context) throw new Error(`event ${eventId} not found`);
  return context.mail;
}

export const brandOf = (ctx: RunContext, info: EventMailInfo): MailBrand => ({
  networkName: info.network.name,
  senderName: info.network.senderName,
  logoUrl: info.network.logoPath ? `${ctx.origin}${info.network.logoPath}` : null,
});

/** A registrant as their mails address them: in the language they registered in, not the request's. */
export type Person = { email: string; institutionName: string; locale: MailLocale };

/** The columns of `registrations` and `institutions` a Person is built from. */
export const personColumns = {
  email: registrations.email,
  institutionName: institutions.name,
  locale: registrations.locale,
};

/** A registration's event and its person as a mail addresses them. */
export async function registrationPerson(db: Db, registrationId: string) {
  const [row] = await db
    .select({
      eventId: registrations.eventId,
      institutionId: registrations.institutionId,
      name: registrations.name,
      ...personColumns,
    })
    .from(registrations)
    .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
    .where(eq(registrations.id, registrationId));
  return row;
}

export function registrationMail(
  ctx: RunContext,
  info: EventMailInfo,
  person: Person,
  kind: RegistrationMailKind,
  condition: SQL,
  extra: { link?: string; offeredUntil?: Date } = {},
) {
  return mailInsertIf(
    {
      to: person.email,
      locale: person.locale,
      networkId: info.networkId,
      template: "registration_update",
      params: {
        kind,
        eventTitle: info.title,
        institutionName: person.institutionName,
        dates: info.dates[person.locale],
        link: extra.link,
        offeredUntil: extra.offeredUntil ? formatBerlinDateTime(extra.offeredUntil, person.locale) : undefined,
      },
      brand: brandOf(ctx, info),
    },
    condition,
    ctx.now,
  );
}

export const historyInsert = (
  registrationId: string,
  at: number,
  action: string,
  actorAccountId: string | null,
  reasonCode: string | null,
  reasonParams: Record<string, unknown> | null,
  condition: SQL,
) =>
  sql`insert into registration_history (id, registration_id, at, action, actor_account_id, reason_code, reason_params)
    select ${crypto.randomUUID()}, ${registrationId}, ${at}, ${action}, ${actorAccountId}, ${reasonCode},
      ${reasonParams === null ? null : JSON.stringify(reasonParams)}
    where ${condition}`;
