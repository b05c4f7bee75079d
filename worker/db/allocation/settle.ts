// Handing places on: promotions when a place is free, the redistribution at the quota
// deadline, lapsed offers, and the settle step that brings an event to rest (after every
// change that can free a place, and from the cron). See shared.ts for why every write
// re-checks its own condition.

import { eq, type SQL, sql } from "drizzle-orm";
import {
  type AllocationState,
  nextPromotion,
  nextWithinQuota,
  phaseOf,
  quotaOf,
  redistribute,
  type WaitingRequest,
} from "../../domain/allocation";
import { hashToken, randomToken } from "../../lib/auth";
import type { MailLocale } from "../../lib/mail";
import { type Db, runBatch } from "../client";
import type { EventMailInfo } from "../event-context";
import { events, institutions, registrations, tracks } from "../schema";
import { delegateNotice, noteNotices } from "./notices";
import {
  eventMailInfo,
  historyInsert,
  personalLink,
  personColumns,
  placeFreeFor,
  type RunContext,
  registrationMail,
} from "./shared";

// ---------------------------------------------------------------------------
// Reading the state the pure rules decide on

type EventRow = typeof events.$inferSelect;

async function loadAllocation(db: Db, eventId: string) {
  const [[event], rows, trackRows] = await Promise.all([
    db.select().from(events).where(eq(events.id, eventId)).limit(1),
    db
      .select({
        id: registrations.id,
        institutionId: registrations.institutionId,
        sectorKey: institutions.sectorKey,
        status: registrations.status,
        offeredUntil: registrations.offeredUntil,
        trackId: registrations.trackId,
        requestedAt: registrations.requestedAt,
        quota: sql<number | null>`(select places from quotas q where q.event_id = ${eventId}
          and q.institution_id = ${registrations.institutionId})`,
      })
      .from(registrations)
      .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
      .where(eq(registrations.eventId, eventId)),
    db.select({ id: tracks.id, capacity: tracks.capacity }).from(tracks).where(eq(tracks.eventId, eventId)),
  ]);
  return { event, rows, trackRows };
}

function allocationState(
  event: EventRow,
  rows: Awaited<ReturnType<typeof loadAllocation>>["rows"],
  trackRows: { id: string; capacity: number }[],
): AllocationState & { quotaByInstitution: Record<string, number> } {
  const held = rows.filter((r) => r.status === "confirmed" || (r.status === "waitlisted" && r.offeredUntil !== null));
  const heldByInstitution: Record<string, number> = {};
  const heldByTrack: Record<string, number> = {};
  const quotaByInstitution: Record<string, number> = {};
  for (const r of held) {
    heldByInstitution[r.institutionId] = (heldByInstitution[r.institutionId] ?? 0) + 1;
    if (r.trackId) heldByTrack[r.trackId] = (heldByTrack[r.trackId] ?? 0) + 1;
  }
  for (const r of rows) quotaByInstitution[r.institutionId] = quotaOf(r.quota, event.defaultQuota);
  const waiting: WaitingRequest[] = rows
    .filter((r) => r.status === "waitlisted" && r.offeredUntil === null)
    .map((r) => ({
      registrationId: r.id,
      institutionId: r.institutionId,
      sectorKey: r.sectorKey,
      requestedAt: r.requestedAt.getTime(),
      trackId: r.trackId,
    }));
  return {
    freePlaces: event.capacity - held.length,
    trackFreePlaces: Object.fromEntries(trackRows.map((t) => [t.id, t.capacity - (heldByTrack[t.id] ?? 0)])),
    heldByInstitution,
    representedSectors: [...new Set(held.map((r) => r.sectorKey))],
    heldTotal: held.length,
    waiting,
    quotaByInstitution,
  };
}

const clockOf = (event: EventRow) => ({
  status: event.status,
  registrationOpensAt: event.registrationOpensAt.getTime(),
  quotaDeadline: event.quotaDeadline.getTime(),
  registrationClosesAt: event.registrationClosesAt.getTime(),
  redistributedAt: event.redistributedAt?.getTime() ?? null,
});

// ---------------------------------------------------------------------------
// Promotion: a place became free (cancellation, raised capacity, expired offer)

type Pick = { registrationId: string; reasonCode: string; reasonParams: Record<string, unknown> };

/**
 * Offers or confirms one waiting registration, if its place is still free
 * when the statement runs (and, before the quota deadline, its institution is
 * still under quota). The personal link is renewed so the mail can carry it.
 */
async function promote(ctx: RunContext, event: EventRow, pick: Pick, withinQuota: boolean, info: EventMailInfo) {
  const { db } = ctx;
  const now = ctx.now.getTime();
  const direct = event.promotionMode === "direct";
  const offeredUntil = direct ? null : new Date(now + event.offerHours * 3_600_000);
  const token = randomToken();
  const tokenHash = await hashToken(token);
  const [person] = await db
    .select({ ...personColumns, name: registrations.name, institutionId: registrations.institutionId })
    .from(registrations)
    .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
    .where(eq(registrations.id, pick.registrationId));
  if (!person) return false;
  const kind = direct ? "promoted" : "offered";
  const quotaCheck = withinQuota
    ? sql`and exists (select 1 from quotas q where q.event_id = r.event_id and q.institution_id = r.institution_id
          and q.held_places < coalesce(q.places, ${event.defaultQuota}))`
    : sql``;
  const [updated, , , notices] = await runBatch(db, [
    sql`update registrations as r set
        status = ${direct ? "confirmed" : "waitlisted"},
        offered_until = ${offeredUntil?.getTime() ?? null},
        confirmed_at = ${direct ? now : null},
        reason_code = ${pick.reasonCode},
        personal_token_hash = ${tokenHash}
      where r.id = ${pick.registrationId} and r.status = 'waitlisted' and r.offered_until is null
        and ${placeFreeFor("r")} ${quotaCheck}
      returning id`,
    historyInsert(
      pick.registrationId,
      now,
      direct ? "promoted" : "offered",
      null,
      pick.reasonCode,
      pick.reasonParams,
      sql`changes() = 1`,
    ),
    registrationMail(ctx, info, person, kind, sql`changes() = 1`, {
      link: personalLink(ctx.origin, token),
      offeredUntil: offeredUntil ?? undefined,
    }),
    delegateNotice(ctx, info, { ...person, eventId: event.id }, kind, sql`changes() = 1`, {
      offeredUntil: offeredUntil ?? undefined,
    }),
  ]);
  noteNotices(notices);
  return updated.results.length === 1;
}

/**
 * Hands free places to waiting registrations by PRODUCT.md's rules, one at a
 * time, until no place or no eligible request is left: before the quota
 * deadline only within an institution's own quota, after the redistribution by
 * the fairness rule; in between nothing (the redistribution will decide).
 * Returns the number of promotions.
 */
export async function fillFreePlaces(ctx: RunContext, eventId: string): Promise<number> {
  let promoted = 0;
  let info: EventMailInfo | undefined;
  // Bounded: each round promotes one registration or stops.
  for (let round = 0; round < 1000; round++) {
    const { event, rows, trackRows } = await loadAllocation(ctx.db, eventId);
    if (!event) return promoted;
    const phase = phaseOf(clockOf(event), ctx.now.getTime());
    if (phase !== "reserved" && phase !== "open") return promoted;
    const state = allocationState(event, rows, trackRows);
    const pick = phase === "open" ? nextPromotion(state) : nextWithinQuota(state, state.quotaByInstitution);
    if (!pick) return promoted;
    info ??= await eventMailInfo(ctx.db, eventId);
    const ok = await promote(ctx, event, pick, phase === "reserved", info);
    if (!ok) return promoted;
    promoted++;
  }
  return promoted;
}

// ---------------------------------------------------------------------------
// Redistribution at the quota deadline

/**
 * Runs the redistribution of one event once: the first statement claims the
 * run by setting `redistributed_at`, and every allocation is conditional on
 * that claim, so the cron and an organiser starting it at the same moment
 * cannot both hand out places. Each allocation re-checks capacity in its own
 * UPDATE. Returns the allocations made (empty if another run had claimed it).
 */
export async function runRedistribution(ctx: RunContext, eventId: string, actorAccountId: string | null) {
  const { db } = ctx;
  const now = ctx.now.getTime();
  const { event, rows, trackRows } = await loadAllocation(db, eventId);
  if (event?.status !== "published" || event.redistributedAt) return null;
  const state = allocationState(event, rows, trackRows);
  const allocations = redistribute(state);
  const info = await eventMailInfo(db, eventId);
  const people = new Map(
    (
      await db
        .select({
          id: registrations.id,
          ...personColumns,
          name: registrations.name,
          institutionId: registrations.institutionId,
        })
        .from(registrations)
        .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
        .where(eq(registrations.eventId, eventId))
    ).map((p) => [p.id, p]),
  );
  const claimed = sql`(select redistributed_at from events where id = ${eventId}) = ${now}`;
  const statements: SQL[] = [];
  const noticeAt: number[] = [];
  statements.push(
    sql`update events set redistributed_at = ${now}
      where id = ${eventId} and redistributed_at is null and status = 'published' returning id`,
  );
  for (const a of allocations) {
    const token = randomToken();
    const person = people.get(a.registrationId);
    if (!person) continue;
    statements.push(
      sql`update registrations as r set status = 'confirmed', confirmed_at = ${now},
          reason_code = ${a.reasonCode}, personal_token_hash = ${await hashToken(token)}
        where r.id = ${a.registrationId} and r.status = 'waitlisted' and r.offered_until is null
          and ${claimed} and ${placeFreeFor("r")}`,
      historyInsert(
        a.registrationId,
        now,
        "promoted",
        actorAccountId,
        a.reasonCode,
        a.reasonParams,
        sql`changes() = 1`,
      ),
      registrationMail(ctx, info, person, "promoted", sql`changes() = 1`, { link: personalLink(ctx.origin, token) }),
    );
    noticeAt.push(statements.length);
    statements.push(delegateNotice(ctx, info, { ...person, eventId }, "promoted", sql`changes() = 1`));
  }
  const results = await runBatch(db, statements);
  const [claim] = results;
  if (claim.results.length === 0) return null;
  for (const index of noticeAt) noteNotices(results[index]);
  // The plan was made from a read: a registration cancelled since, or one that arrived since,
  // would leave a place unused. The fairness rule now fills what the plan could not.
  await fillFreePlaces(ctx, eventId);
  return allocations;
}

// ---------------------------------------------------------------------------
// Expiring offers

/**
 * Offers not accepted in time lapse: the registration is cancelled, its person mailed. Of one
 * event, or of all. Safe to run twice or at once: the second run finds no open expired offer.
 * Returns the events that had one (their places are free now).
 */
async function lapseOffers(ctx: RunContext, eventId?: string) {
  const { db } = ctx;
  const now = ctx.now.getTime();
  const expired = await db.all<{
    id: string;
    event_id: string;
    email: string;
    name: string;
    locale: MailLocale;
    institution_id: string;
    institution_name: string;
  }>(
    sql`select r.id, r.event_id, r.email, r.name, r.locale, r.institution_id, i.name as institution_name
      from registrations r
      join institutions i on i.id = r.institution_id
      where r.status = 'waitlisted' and r.offered_until is not null and r.offered_until <= ${now}
        ${eventId ? sql`and r.event_id = ${eventId}` : sql``}`,
  );
  const eventIds = new Set<string>();
  const infos = new Map<string, EventMailInfo>();
  for (const r of expired) {
    if (!infos.has(r.event_id)) infos.set(r.event_id, await eventMailInfo(db, r.event_id));
    const info = infos.get(r.event_id) as EventMailInfo;
    const delegate = {
      email: r.email,
      name: r.name,
      locale: r.locale,
      institutionId: r.institution_id,
      institutionName: r.institution_name,
      eventId: r.event_id,
    };
    const [updated, , , notices] = await runBatch(db, [
      sql`update registrations set status = 'cancelled', cancelled_at = ${now}, offered_until = null,
          reason_code = 'offer_expired'
        where id = ${r.id} and status = 'waitlisted' and offered_until <= ${now} returning id`,
      historyInsert(r.id, now, "offer_expired", null, "offer_expired", null, sql`changes() = 1`),
      registrationMail(ctx, info, delegate, "offer_expired", sql`changes() = 1`),
      delegateNotice(ctx, info, delegate, "offer_expired", sql`changes() = 1`),
    ]);
    noteNotices(notices);
    if (updated.results.length === 1) eventIds.add(r.event_id);
  }
  return eventIds;
}

// ---------------------------------------------------------------------------
// Settling: the one step after every change that can free a place, and the cron's sweep

/**
 * Brings one event to rest by PRODUCT.md's rules: lapsed offers go, the redistribution runs
 * once its quota deadline has passed, and free places go to waiting registrations by the
 * rule of the phase. Every write re-checks its own condition, so running it twice or at the
 * same time as another request is safe; afterwards no eligible request waits while a place
 * is free.
 */
export async function settleEvent(ctx: RunContext, eventId: string) {
  const lapsed = (await lapseOffers(ctx, eventId)).size;
  const [event] = await ctx.db.select().from(events).where(eq(events.id, eventId)).limit(1);
  if (!event) return { lapsed, redistributed: false, promoted: 0 };
  const due = phaseOf(clockOf(event), ctx.now.getTime()) === "awaiting_redistribution";
  // The redistribution fills what it leaves free itself.
  if (due && (await runRedistribution(ctx, eventId, null))) return { lapsed, redistributed: true, promoted: 0 };
  return { lapsed, redistributed: false, promoted: await fillFreePlaces(ctx, eventId) };
}

/**
 * The cron's part: every event that is not at rest — an offer lapsed, its redistribution is
 * due, or a place is free while someone waits (the waiting index answers that without reading
 * the held rows) — is settled. Events at rest cost one index probe each.
 */
export async function settleDueEvents(ctx: RunContext) {
  const now = ctx.now.getTime();
  const due = await ctx.db.all<{ id: string }>(sql`select e.id from events e
    where e.status = 'published' and (
      exists (select 1 from registrations r where r.event_id = e.id and r.status = 'waitlisted'
        and r.offered_until is not null and r.offered_until <= ${now})
      or (e.registration_closes_at > ${now} and e.registration_opens_at <= ${now} and (
        (e.redistributed_at is null and e.quota_deadline <= ${now})
        or (e.held_places < e.capacity and exists (select 1 from registrations w where w.event_id = e.id
          and w.status = 'waitlisted' and w.offered_until is null)))))`);
  const totals = { events: 0, lapsed: 0, redistributed: 0, promoted: 0 };
  for (const { id } of due) {
    const result = await settleEvent(ctx, id);
    totals.events++;
    totals.lapsed += result.lapsed;
    totals.redistributed += Number(result.redistributed);
    totals.promoted += result.promoted;
  }
  return totals;
}

/** Everything the cron does for allocation. */
export const runAllocationJobs = settleDueEvents;
