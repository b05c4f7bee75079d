// Changes to registrations that exist: cancelling one or a whole event, taking an offer,
// giving a place to a colleague, and the organiser's overrides. A change that frees a place
// ends with the settle step (settle.ts).

import { eq, sql } from "drizzle-orm";
import { hashToken, randomToken } from "../../lib/auth";
import type { MailLocale } from "../../lib/mail";
import { runBatch } from "../client";
import { institutions, registrations } from "../schema";
import { delegateNotice, noteNotices } from "./notices";
import { settleEvent } from "./settle";
import {
  assignTicketCode,
  eventMailInfo,
  freeTicketCode,
  historyInsert,
  holds,
  personalLink,
  personColumns,
  type RunContext,
  registrationMail,
  registrationPerson,
} from "./shared";

// ---------------------------------------------------------------------------
// Cancelling, accepting offers

/**
 * Cancels one registration and then hands its place on. False if it was already cancelled.
 * A participant's own cancellation (from their page) is told to the institution's contacts.
 */
export async function cancelRegistration(
  ctx: RunContext,
  registrationId: string,
  actorAccountId: string | null,
  reasonCode: string,
) {
  const { db } = ctx;
  const now = ctx.now.getTime();
  const row = await registrationPerson(db, registrationId);
  if (!row) return false;
  const info = await eventMailInfo(db, row.eventId);
  const [updated, , , notices] = await runBatch(db, [
    sql`update registrations set status = 'cancelled', cancelled_at = ${now}, offered_until = null,
        reason_code = ${reasonCode}
      where id = ${registrationId} and status <> 'cancelled' returning id`,
    historyInsert(registrationId, now, "cancelled", actorAccountId, reasonCode, null, sql`changes() = 1`),
    registrationMail(ctx, info, row, "cancelled", sql`changes() = 1`),
    ...(reasonCode === "cancelled_by_participant"
      ? [delegateNotice(ctx, info, row, "cancelled_by_participant", sql`changes() = 1`)]
      : []),
  ]);
  noteNotices(notices);
  if (updated.results.length === 0) return false;
  await settleEvent(ctx, row.eventId);
  return true;
}

/** The promoted person takes the offered place (it was held for them, so no count can change). */
export async function acceptOffer(ctx: RunContext, registrationId: string) {
  const { db } = ctx;
  const now = ctx.now.getTime();
  const [updated] = await runBatch(db, [
    sql`update registrations set status = 'confirmed', offered_until = null, confirmed_at = ${now},
        reason_code = 'offer_accepted'
      where id = ${registrationId} and status = 'waitlisted' and offered_until > ${now} returning id`,
    historyInsert(registrationId, now, "confirmed", null, "offer_accepted", null, sql`changes() = 1`),
  ]);
  return updated.results.length === 1;
}

// ---------------------------------------------------------------------------
// Cancelling an event, swaps, the organiser's overrides

/**
 * Cancels an event and every live registration in one batch, each registrant
 * mailed. The registrations change only if this request cancelled the event.
 */
export async function cancelEvent(ctx: RunContext, eventId: string, actorAccountId: string) {
  const { db } = ctx;
  const now = ctx.now.getTime();
  const info = await eventMailInfo(db, eventId);
  const live = await db
    .select({ id: registrations.id, ...personColumns })
    .from(registrations)
    .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
    .where(sql`${registrations.eventId} = ${eventId} and ${registrations.status} <> 'cancelled'`);
  const ours = sql`(select cancelled_at from events where id = ${eventId}) = ${now}`;
  const [updated, ...rest] = await runBatch(db, [
    sql`update events set status = 'cancelled', cancelled_at = ${now}, updated_at = ${now}
      where id = ${eventId} and status <> 'cancelled' returning id`,
    sql`update registrations set status = 'cancelled', cancelled_at = ${now}, offered_until = null,
        reason_code = 'event_cancelled'
      where event_id = ${eventId} and status <> 'cancelled' and ${ours}`,
    sql`insert into registration_history (id, registration_id, at, action, actor_account_id, reason_code)
      select lower(hex(randomblob(16))), id, ${now}, 'cancelled', ${actorAccountId}, 'event_cancelled'
      from registrations where event_id = ${eventId} and reason_code = 'event_cancelled' and cancelled_at = ${now}`,
    ...live.map((p) =>
      registrationMail(
        ctx,
        info,
        p,
        "event_cancelled",
        sql`exists (select 1 from registrations where id = ${p.id} and cancelled_at = ${now}) and ${ours}`,
      ),
    ),
  ]);
  void rest;
  return updated.results.length === 1 ? live.length : null;
}

export type PersonInput = {
  name: string;
  email: string;
  function: string;
  accessibilityNeeds: string;
  /** The language of the person's mails; absent: the request's. */
  locale?: MailLocale;
};

/**
 * Gives a registration's place to a colleague: the row keeps its id, status and
 * request time (so the place is not lost), the person changes. The unique index
 * still refuses a colleague who is already registered. Once the person attended
 * a session the row is theirs: its attendance and the fact that they answered
 * feedback would pass to the colleague, and whoever swapped it to their own
 * address could answer in the person's name. The colleague gets a ticket code of their
 * own: the previous person's ticket no longer lets them in. Returns true, "attended", or null
 * if the registration was cancelled meanwhile.
 */
export async function swapRegistration(
  ctx: RunContext,
  registration: typeof registrations.$inferSelect,
  person: PersonInput,
  actorAccountId: string,
) {
  const { db } = ctx;
  const now = ctx.now.getTime();
  const id = registration.id;
  const token = randomToken();
  const [info, [institution]] = await Promise.all([
    eventMailInfo(db, registration.eventId),
    db.select({ name: institutions.name }).from(institutions).where(eq(institutions.id, registration.institutionId)),
  ]);
  // The colleague's mails: in the language chosen for them, else the request's.
  const locale = person.locale ?? ctx.locale;
  const newcomer = { email: person.email, institutionName: institution.name, locale };
  const now_ = (status: string, offered: boolean) =>
    sql`exists (select 1 from registrations where id = ${id} and email = ${person.email} and status = ${status}
      and offered_until is ${sql.raw(offered ? "not null" : "null")})`;
  const link = personalLink(ctx.origin, token);
  const [updated] = await runBatch(db, [
    sql`update registrations set name = ${person.name}, email = ${person.email}, "function" = ${person.function},
        accessibility_needs = ${person.accessibilityNeeds}, personal_token_hash = ${await hashToken(token)},
        privacy_acknowledged_at = ${now}, ticket_code = ${freeTicketCode()}, locale = ${locale}
      where id = ${id} and status <> 'cancelled'
        and not exists (select 1 from attendances where registration_id = ${id} and kind = 'present')
      returning status, ticket_code`,
    historyInsert(id, now, "swapped", actorAccountId, "swapped_by_institution", null, sql`changes() = 1`),
    registrationMail(
      ctx,
      info,
      { email: registration.email, institutionName: institution.name, locale: registration.locale },
      "cancelled",
      sql`changes() = 1`,
    ),
    registrationMail(ctx, info, newcomer, "confirmed", now_("confirmed", false), { link }),
    registrationMail(ctx, info, newcomer, "waitlisted", now_("waitlisted", false), { link }),
    registrationMail(ctx, info, newcomer, "offered", now_("waitlisted", true), {
      link,
      offeredUntil: registration.offeredUntil ?? undefined,
    }),
    // Links the previous person asked for by mail end with the swap, like their current one.
    sql`delete from personal_link_requests where registration_id = ${id}
      and (select email from registrations where id = ${id}) = ${person.email}`,
  ]);
  if (updated.results.length === 1) {
    if ((updated.results[0] as { ticket_code: string | null }).ticket_code === null) await assignTicketCode(db, id);
    return true;
  }
  const attended = await db.get<{ n: number }>(
    sql`select count(*) as n from attendances where registration_id = ${id} and kind = 'present'`,
  );
  return attended && attended.n > 0 ? ("attended" as const) : null;
}

/**
 * The organiser's overrides, each recorded: confirming a waiting registration
 * over every limit on purpose, and moving a registration to another track
 * (which must have a place, unless the registration is only waiting).
 */
export async function overrideConfirm(ctx: RunContext, registrationId: string, actorAccountId: string) {
  const { db } = ctx;
  const now = ctx.now.getTime();
  const row = await registrationPerson(db, registrationId);
  const info = await eventMailInfo(db, row.eventId);
  const token = randomToken();
  const [updated] = await runBatch(db, [
    sql`update registrations set status = 'confirmed', is_override = 1, offered_until = null,
        confirmed_at = ${now}, reason_code = 'organiser_override', personal_token_hash = ${await hashToken(token)}
      where id = ${registrationId} and status = 'waitlisted' returning id`,
    historyInsert(registrationId, now, "override", actorAccountId, "organiser_override", null, sql`changes() = 1`),
    registrationMail(ctx, info, row, "promoted", sql`changes() = 1`, { link: personalLink(ctx.origin, token) }),
  ]);
  return updated.results.length === 1;
}

export async function moveRegistration(
  ctx: RunContext,
  registration: typeof registrations.$inferSelect,
  trackId: string | null,
  actorAccountId: string,
) {
  const { db } = ctx;
  const now = ctx.now.getTime();
  const params = { fromTrackId: registration.trackId, toTrackId: trackId };
  const [updated] = await runBatch(db, [
    sql`update registrations as r set track_id = ${trackId}
      where r.id = ${registration.id} and r.status <> 'cancelled'
        and (${trackId} is null or exists (select 1 from tracks t where t.id = ${trackId} and t.event_id = r.event_id))
        and (${trackId} is null or not ${holds("r")} or
          exists (select 1 from tracks t where t.id = ${trackId} and t.held_places < t.capacity))
      returning id`,
    historyInsert(registration.id, now, "moved", actorAccountId, "organiser_move", params, sql`changes() = 1`),
  ]);
  if (updated.results.length === 1 && registration.trackId) await settleEvent(ctx, registration.eventId);
  return updated.results.length === 1;
}
