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

import { asc, eq, type SQL, sql } from "drizzle-orm";
import {
  type AllocationState,
  nextPromotion,
  nextWithinQuota,
  phaseOf,
  quotaOf,
  redistribute,
  type WaitingRequest,
} from "../domain/allocation";
import { auditInsertIf } from "../lib/audit";
import { hashToken, randomToken } from "../lib/auth";
import {
  type ClaimedMail,
  MAIL_LEASE_MS,
  type MailBrand,
  type MailLocale,
  mailInsertIf,
  type RegistrationMailKind,
  renderMail,
} from "../lib/mail";
import { formatBerlinDateTime, formatEventDates } from "../lib/time";
import { type Db, runBatch } from "./client";
import { type EventMailInfo, loadEventContext } from "./event-context";
import { logoPath } from "./network-settings";
import { eventSessions, events, institutions, networkLogos, networks, registrations, tracks } from "./schema";

/** What a background or request-driven allocation step needs to know about its surroundings. */
export type RunContext = { db: Db; now: Date; origin: string; locale: MailLocale };

const holdsText = (r: string) =>
  `(${r}.status = 'confirmed' or (${r}.status = 'waitlisted' and ${r}.offered_until is not null))`;

/** SQL: registration alias `r` holds a place (confirmed, or waiting with an open offer). */
const holds = (r: string) => sql.raw(holdsText(r));

/**
 * SQL: the event of registration alias `r` still has a place for it (and its track, if any).
 * Reads the held-places counters (kept by triggers, migration 0010): one row each, however
 * full the event.
 */
const placeFreeFor = (r: string) =>
  sql.raw(`exists (select 1 from events e where e.id = ${r}.event_id and e.held_places < e.capacity)
    and (${r}.track_id is null or
      exists (select 1 from tracks t where t.id = ${r}.track_id and t.held_places < t.capacity))`);

/** The personal page of a participant; the token travels in the fragment, never to a server log. */
export const personalLink = (origin: string, token: string) => `${origin}/teilnahme#t=${token}`;

// ---------------------------------------------------------------------------
// Mail context

/** The mail context of an event that a step did not get from its request. */
async function eventMailInfo(db: Db, eventId: string): Promise<EventMailInfo> {
  const context = await loadEventContext(db, eventId);
  if (!context) throw new Error(`event ${eventId} not found`);
  return context.mail;
}

const brandOf = (ctx: RunContext, info: EventMailInfo): MailBrand => ({
  networkName: info.network.name,
  senderName: info.network.senderName,
  logoUrl: info.network.logoPath ? `${ctx.origin}${info.network.logoPath}` : null,
});

type Person = { email: string; institutionName: string };

function registrationMail(
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
      locale: ctx.locale,
      networkId: info.networkId,
      template: "registration_update",
      params: {
        kind,
        eventTitle: info.title,
        institutionName: person.institutionName,
        dates: info.dates[ctx.locale],
        link: extra.link,
        offeredUntil: extra.offeredUntil ? formatBerlinDateTime(extra.offeredUntil, ctx.locale) : undefined,
      },
      brand: brandOf(ctx, info),
    },
    condition,
    ctx.now,
  );
}

/** Stands for the institution's name in a rendered mail until SQL puts the name in; survives HTML escaping. */
const INSTITUTION_MARK = "\u27e6institution\u27e7";

/** SQL: `text` with the institution's name (HTML-escaped when `html`) in place of the mark. */
const withInstitution = (text: string, html: boolean) =>
  html
    ? sql`replace(${text}, ${INSTITUTION_MARK}, replace(replace(replace(replace(replace(i.name,
        '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'))`
    : sql`replace(${text}, ${INSTITUTION_MARK}, i.name)`;

/**
 * The confirmation or waiting-list mail of a new registration, whichever its INSERT decided:
 * one statement that picks the rendered text by the row's status, puts in the institution's
 * name, and writes nothing if the row was not created. The mail is written already claimed by
 * this request (one attempt, leased): the request delivers it after its answer by id, and the
 * cron retries it only if that delivery never reported back.
 */
function registrationMailByStatus(
  ctx: RunContext,
  info: EventMailInfo,
  email: string,
  registrationId: string,
  mailId: string,
  link: string,
) {
  const render = (kind: "confirmed" | "waitlisted") =>
    renderMail(
      "registration_update",
      ctx.locale,
      { kind, eventTitle: info.title, institutionName: INSTITUTION_MARK, dates: info.dates[ctx.locale], link },
      brandOf(ctx, info),
    );
  const yes = render("confirmed");
  const no = render("waitlisted");
  const at = ctx.now.getTime();
  const pick = (a: string, b: string, html = false) =>
    sql`case r.status when 'confirmed' then ${withInstitution(a, html)} else ${withInstitution(b, html)} end`;
  return sql`insert into outbox
    (id, network_id, to_email, template, locale, subject, body_text, body_html, status, attempts, next_attempt_at, created_at)
    select ${mailId}, ${info.networkId}, ${email}, 'registration_update', ${ctx.locale},
      ${pick(yes.subject, no.subject)}, ${pick(yes.text, no.text)}, ${pick(yes.html, no.html, true)}, 'pending', 1,
      ${at + MAIL_LEASE_MS}, ${at}
    from registrations r join institutions i on i.id = r.institution_id where r.id = ${registrationId}
    returning id, attempts, to_email as "to", subject, body_text as text, body_html as html`;
}

const historyInsert = (
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

// ---------------------------------------------------------------------------
// Registering

export type RegistrationRequest = {
  eventId: string;
  institutionId: string;
  trackId: string | null;
  email: string;
  name: string;
  function: string;
  accessibilityNeeds: string;
  idempotencyKey: string | null;
  actorAccountId: string | null;
};

/** Reasons under which the INSERT confirms; every other reason waitlists. */
const CONFIRMING = sql.raw(`('within_quota', 'open_place')`);

/**
 * Registers one person in one atomic batch: the INSERT decides confirmed or
 * waitlisted from the counts it reads itself (invariants 1 and 2), the unique
 * indexes refuse a second live registration of the person and a second
 * registration under the same idempotency key (3 and 4), and the history row and
 * the mail are written only if the row was. Returns the new registration's id,
 * status and reason, or null if nothing was inserted (see `diagnoseRefusal`).
 */
export async function register(ctx: RunContext, req: RegistrationRequest, info: EventMailInfo) {
  const { db } = ctx;
  const now = ctx.now.getTime();
  const id = crypto.randomUUID();
  const mailId = crypto.randomUUID();
  const token = randomToken();
  const tokenHash = await hashToken(token);
  const link = personalLink(ctx.origin, token);

  const [inserted, mailRow] = await runBatch(db, [
    sql`insert into registrations (id, event_id, track_id, institution_id, email, name, "function",
        accessibility_needs, status, reason_code, is_override, is_walk_in, requested_at, confirmed_at, idempotency_key,
        personal_token_hash, privacy_acknowledged_at, created_by_account_id, created_at)
      select ${id}, d.event_id, ${req.trackId}, d.institution_id, ${req.email}, ${req.name}, ${req.function},
        ${req.accessibilityNeeds},
        case when d.reason in ${CONFIRMING} then 'confirmed' else 'waitlisted' end, d.reason, 0, 0, ${now},
        case when d.reason in ${CONFIRMING} then ${now} end, ${req.idempotencyKey}, ${tokenHash}, ${now},
        ${req.actorAccountId}, ${now}
      from (
        select e.id as event_id, q.institution_id,
          case
            when e.held_places >= e.capacity then 'event_full'
            when t.id is not null and t.held_places >= t.capacity then 'track_full'
            when e.redistributed_at is not null and exists (select 1 from registrations w
                where w.event_id = e.id and w.status = 'waitlisted' and w.offered_until is null)
              then 'others_waiting'
            when e.redistributed_at is not null then 'open_place'
            when ${now} >= e.quota_deadline then 'awaiting_redistribution'
            when q.held_places >= coalesce(q.places, e.default_quota) then 'quota_exhausted'
            else 'within_quota'
          end as reason
        from events e
        join quotas q on q.event_id = e.id and q.institution_id = ${req.institutionId}
        join institutions i on i.id = q.institution_id and i.archived_at is null
        left join tracks t on t.id = ${req.trackId} and t.event_id = e.id
        where e.id = ${req.eventId} and e.status = 'published'
          and ${now} >= e.registration_opens_at and ${now} < e.registration_closes_at
          and (${req.trackId} is null or t.id is not null)
      ) d
      where true
      on conflict do nothing
      returning status, reason_code, requested_at, confirmed_at,
        (select name from institutions where id = institution_id) as institution_name`,
    registrationMailByStatus(ctx, info, req.email, id, mailId, link),
  ]);
  const row = inserted.results[0] as
    | {
        status: "confirmed" | "waitlisted";
        reason_code: string;
        requested_at: number;
        confirmed_at: number | null;
        institution_name: string;
      }
    | undefined;
  if (!row) return null;
  const mail = mailRow.results[0] as Omit<ClaimedMail, "networkId" | "senderName"> | undefined;
  return {
    id,
    status: row.status,
    reasonCode: row.reason_code,
    requestedAt: new Date(row.requested_at),
    confirmedAt: row.confirmed_at === null ? null : new Date(row.confirmed_at),
    institutionName: row.institution_name,
    token,
    /** Written already claimed: the caller delivers it after the answer (`deliverClaimed`). */
    mail: mail ? { ...mail, networkId: info.networkId, senderName: info.network.senderName } : null,
  };
}

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
    .select({ email: registrations.email, institutionName: institutions.name })
    .from(registrations)
    .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
    .where(eq(registrations.id, pick.registrationId));
  if (!person) return false;
  const quotaCheck = withinQuota
    ? sql`and exists (select 1 from quotas q where q.event_id = r.event_id and q.institution_id = r.institution_id
          and q.held_places < coalesce(q.places, ${event.defaultQuota}))`
    : sql``;
  const [updated] = await runBatch(db, [
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
    registrationMail(ctx, info, person, direct ? "promoted" : "offered", sql`changes() = 1`, {
      link: personalLink(ctx.origin, token),
      offeredUntil: offeredUntil ?? undefined,
    }),
  ]);
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
        .select({ id: registrations.id, email: registrations.email, institutionName: institutions.name })
        .from(registrations)
        .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
        .where(eq(registrations.eventId, eventId))
    ).map((p) => [p.id, p]),
  );
  const claimed = sql`(select redistributed_at from events where id = ${eventId}) = ${now}`;
  const statements: SQL[] = [];
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
  }
  const [claim] = await runBatch(db, statements);
  if (claim.results.length === 0) return null;
  // The plan was made from a read: a registration cancelled since, or one that arrived since,
  // would leave a place unused. The fairness rule now fills what the plan could not.
  await fillFreePlaces(ctx, eventId);
  return allocations;
}

// ---------------------------------------------------------------------------
// Cancelling, accepting offers, expiring offers

/** Cancels one registration and then hands its place on. False if it was already cancelled. */
export async function cancelRegistration(
  ctx: RunContext,
  registrationId: string,
  actorAccountId: string | null,
  reasonCode: string,
) {
  const { db } = ctx;
  const now = ctx.now.getTime();
  const [row] = await db
    .select({ eventId: registrations.eventId, email: registrations.email, institutionName: institutions.name })
    .from(registrations)
    .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
    .where(eq(registrations.id, registrationId));
  if (!row) return false;
  const info = await eventMailInfo(db, row.eventId);
  const [updated] = await runBatch(db, [
    sql`update registrations set status = 'cancelled', cancelled_at = ${now}, offered_until = null,
        reason_code = ${reasonCode}
      where id = ${registrationId} and status <> 'cancelled' returning id`,
    historyInsert(registrationId, now, "cancelled", actorAccountId, reasonCode, null, sql`changes() = 1`),
    registrationMail(ctx, info, row, "cancelled", sql`changes() = 1`),
  ]);
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

/**
 * Offers not accepted in time lapse: the registration is cancelled, its person mailed. Of one
 * event, or of all. Safe to run twice or at once: the second run finds no open expired offer.
 * Returns the events that had one (their places are free now).
 */
async function lapseOffers(ctx: RunContext, eventId?: string) {
  const { db } = ctx;
  const now = ctx.now.getTime();
  const expired = await db.all<{ id: string; event_id: string; email: string; institution_name: string }>(
    sql`select r.id, r.event_id, r.email, i.name as institution_name from registrations r
      join institutions i on i.id = r.institution_id
      where r.status = 'waitlisted' and r.offered_until is not null and r.offered_until <= ${now}
        ${eventId ? sql`and r.event_id = ${eventId}` : sql``}`,
  );
  const eventIds = new Set<string>();
  const infos = new Map<string, EventMailInfo>();
  for (const r of expired) {
    if (!infos.has(r.event_id)) infos.set(r.event_id, await eventMailInfo(db, r.event_id));
    const info = infos.get(r.event_id) as EventMailInfo;
    const [updated] = await runBatch(db, [
      sql`update registrations set status = 'cancelled', cancelled_at = ${now}, offered_until = null,
          reason_code = 'offer_expired'
        where id = ${r.id} and status = 'waitlisted' and offered_until <= ${now} returning id`,
      historyInsert(r.id, now, "offer_expired", null, "offer_expired", null, sql`changes() = 1`),
      registrationMail(
        ctx,
        info,
        { email: r.email, institutionName: r.institution_name },
        "offer_expired",
        sql`changes() = 1`,
      ),
    ]);
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

/**
 * Cancels an event and every live registration in one batch, each registrant
 * mailed. The registrations change only if this request cancelled the event.
 */
export async function cancelEvent(ctx: RunContext, eventId: string, actorAccountId: string) {
  const { db } = ctx;
  const now = ctx.now.getTime();
  const info = await eventMailInfo(db, eventId);
  const live = await db
    .select({ id: registrations.id, email: registrations.email, institutionName: institutions.name })
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

export type PersonInput = { name: string; email: string; function: string; accessibilityNeeds: string };

/**
 * Gives a registration's place to a colleague: the row keeps its id, status and
 * request time (so the place is not lost), the person changes. The unique index
 * still refuses a colleague who is already registered. Once the person attended
 * a session the row is theirs: its attendance and the fact that they answered
 * feedback would pass to the colleague, and whoever swapped it to their own
 * address could answer in the person's name. Returns true, "attended", or null
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
  const newcomer = { email: person.email, institutionName: institution.name };
  const now_ = (status: string, offered: boolean) =>
    sql`exists (select 1 from registrations where id = ${id} and email = ${person.email} and status = ${status}
      and offered_until is ${sql.raw(offered ? "not null" : "null")})`;
  const link = personalLink(ctx.origin, token);
  const [updated] = await runBatch(db, [
    sql`update registrations set name = ${person.name}, email = ${person.email}, "function" = ${person.function},
        accessibility_needs = ${person.accessibilityNeeds}, personal_token_hash = ${await hashToken(token)},
        privacy_acknowledged_at = ${now}
      where id = ${id} and status <> 'cancelled'
        and not exists (select 1 from attendances where registration_id = ${id} and kind = 'present')
      returning status`,
    historyInsert(id, now, "swapped", actorAccountId, "swapped_by_institution", null, sql`changes() = 1`),
    registrationMail(
      ctx,
      info,
      { email: registration.email, institutionName: institution.name },
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
  if (updated.results.length === 1) return true;
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
  const [row] = await db
    .select({ eventId: registrations.eventId, email: registrations.email, institutionName: institutions.name })
    .from(registrations)
    .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
    .where(eq(registrations.id, registrationId));
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

// ---------------------------------------------------------------------------
// Walk-ins at the door

export type WalkInRequest = {
  eventId: string;
  networkId: string;
  sessionId: string;
  institutionId: string;
  /** Null without an address: the person gets one unique within the event that is never delivered. */
  email: string | null;
  name: string;
  function: string;
  clientOpId: string;
  actorAccountId: string;
  /** Added outside the session's check-in window, as the organiser confirmed: recorded in the audit log. */
  windowOverridden?: boolean;
};

export type WalkInOutcome =
  | { kind: "created" | "replayed"; registrationId: string }
  | { kind: "refused"; reason: "idempotency_key_reused" | "institution_not_found" | "institution_archived" }
  | { kind: "refused"; reason: "already_registered" };

/**
 * A person at the door without a registration: a confirmed registration, recorded as an
 * override (it may exceed capacity and quota on purpose, the organiser decided), checked in
 * in the same batch. Idempotent by the client's operation id, so an offline queue can replay it.
 */
export async function registerWalkIn(ctx: RunContext, req: WalkInRequest): Promise<WalkInOutcome> {
  const { db } = ctx;
  const id = crypto.randomUUID();
  const key = `walkin:${req.clientOpId}`;
  const now = ctx.now.getTime();
  const email = req.email ?? `${id}@walk-in.invalid`;
  const made = sql`exists (select 1 from registrations where id = ${id})`;
  let registration: Awaited<ReturnType<typeof runBatch>>[number];
  try {
    [registration] = await runBatch(db, [
      sql`insert into registrations (id, event_id, institution_id, email, name, "function", accessibility_needs,
          status, reason_code, is_override, is_walk_in, requested_at, confirmed_at, idempotency_key,
          created_by_account_id, created_at)
        select ${id}, ${req.eventId}, i.id, ${email}, ${req.name}, ${req.function}, '', 'confirmed', 'walk_in', 1, 1,
          ${now}, ${now}, ${key}, ${req.actorAccountId}, ${now}
        from institutions i
        where i.id = ${req.institutionId} and i.network_id = ${req.networkId} and i.archived_at is null
        on conflict do nothing`,
      sql`insert into attendances (id, session_id, registration_id, kind, method, at, recorded_by_account_id, client_op_id)
        select ${crypto.randomUUID()}, ${req.sessionId}, ${id}, 'present', 'walk_in', ${now}, ${req.actorAccountId},
          ${req.clientOpId}
        where ${made}`,
      auditInsertIf(
        {
          networkId: req.networkId,
          actorAccountId: req.actorAccountId,
          action: "attendance.walk_in",
          entityType: "registration",
          entityId: id,
          fields: ["name", "email", "institutionId", "function"],
        },
        made,
        ctx.now,
      ),
      ...(req.windowOverridden
        ? [
            auditInsertIf(
              {
                networkId: req.networkId,
                actorAccountId: req.actorAccountId,
                action: "attendance.check_in_override",
                entityType: "registration",
                entityId: id,
                fields: ["sessionId"],
              },
              made,
              ctx.now,
            ),
          ]
        : []),
    ]);
  } catch (error) {
    // The clientOpId belongs to a check-in already: nothing of the batch was written.
    if (String(error).includes("UNIQUE")) return { kind: "refused", reason: "idempotency_key_reused" };
    throw error;
  }
  if (registration.meta.changes > 0) return { kind: "created", registrationId: id };
  const [same] = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(sql`${registrations.eventId} = ${req.eventId} and ${registrations.idempotencyKey} = ${key}`)
    .limit(1);
  if (same) return { kind: "replayed", registrationId: same.id };
  const [institution] = await db
    .select({ networkId: institutions.networkId, archivedAt: institutions.archivedAt })
    .from(institutions)
    .where(eq(institutions.id, req.institutionId))
    .limit(1);
  if (!institution || institution.networkId !== req.networkId)
    return { kind: "refused", reason: "institution_not_found" };
  if (institution.archivedAt) return { kind: "refused", reason: "institution_archived" };
  return { kind: "refused", reason: "already_registered" };
}
