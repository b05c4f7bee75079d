// The one writer of events with their sessions, tracks and quotas: a planned write becomes one
// D1 batch with its audit entry, and the places already held are checked inside that batch.

import { and, asc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { quotaOf } from "../domain/allocation";
import { type EventPlan, type EventPlanInput, planEvent, type RuleError } from "../domain/event-plan";
import { auditInsert, auditInsertIf } from "../lib/audit";
import { type MailLocale, mailInsertIf, type OutgoingMail } from "../lib/mail";
import { formatBerlinDateTime, formatEventDates } from "../lib/time";
import { type BatchStatement, type Db, runBatch, runMixedBatch } from "./client";
import { type EventRow, planningInputs, removalTouchesPeople } from "./events";
import { mailBrandOf } from "./network-settings";
import {
  accounts,
  eventSessions,
  events,
  institutions,
  networks,
  quotas,
  registrations,
  roles,
  tracks,
} from "./schema";

type Stmt = BatchStatement;
const runWrites = runMixedBatch;

/** D1 binds at most 100 parameters per statement; drizzle binds every column of an inserted row. */
const rowsPerInsert = (table: SQLiteTable) => Math.max(1, Math.floor(100 / Object.keys(getTableColumns(table)).length));
const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
const ID_CHUNK = 90;

type EventFields = Partial<
  Pick<
    EventRow,
    | "type"
    | "title"
    | "description"
    | "venueName"
    | "venueAddress"
    | "venueAccessibility"
    | "promotionMode"
    | "offerHours"
    | "checkInMinutesBefore"
    | "legalBasis"
    | "retentionMonths"
    | "sessionReminderDays"
    | "deadlineSummary"
  >
>;
export type EventWriteInput = EventPlanInput &
  EventFields & {
    /** The organiser knowingly lowers a capacity or quota below the places already held. */
    allowOverbooking?: boolean;
  };
export type NewEventInput = EventWriteInput &
  Required<Pick<EventWriteInput, "type" | "title" | "capacity" | "defaultQuota">> & {
    registrationOpensAt: string;
    quotaDeadline: string;
    registrationClosesAt: string;
  };

export type EventWriteOutcome =
  | { ok: true; makesRoom: boolean }
  | { ok: false; reason: "invalid"; errors: RuleError[] }
  | { ok: false; reason: "reference_not_found" | "event_has_registrations" | "places_below_held" };

/** The event's own columns from the input (dates parsed); only those given. */
function eventColumns(input: EventWriteInput) {
  const {
    sessions: _s,
    tracks: _t,
    invitation: _i,
    quotaOverrides: _q,
    allowOverbooking: _a,
    registrationOpensAt,
    quotaDeadline,
    registrationClosesAt,
    ...rest
  } = input;
  return {
    ...rest,
    ...(registrationOpensAt !== undefined && { registrationOpensAt: new Date(registrationOpensAt) }),
    ...(quotaDeadline !== undefined && { quotaDeadline: new Date(quotaDeadline) }),
    ...(registrationClosesAt !== undefined && { registrationClosesAt: new Date(registrationClosesAt) }),
  };
}

type WriteArgs = { networkId: string; actorAccountId: string; now: Date };

export async function createEvent(db: Db, args: WriteArgs & { input: NewEventInput }) {
  const { networkId, actorAccountId, input, now } = args;
  const eventId = crypto.randomUUID();
  const planned = await plan(db, { networkId, eventId, existing: null, input, now });
  if (!planned.ok) return planned;
  await runWrites(db, [
    db.insert(events).values({
      ...eventColumns(input),
      type: input.type,
      title: input.title,
      capacity: input.capacity,
      defaultQuota: input.defaultQuota,
      registrationOpensAt: new Date(input.registrationOpensAt),
      quotaDeadline: new Date(input.quotaDeadline),
      registrationClosesAt: new Date(input.registrationClosesAt),
      retentionMonths: input.retentionMonths ?? null,
      ...invitationColumns(input, planned.plan),
      id: eventId,
      networkId,
      status: "draft",
      createdAt: now,
      updatedAt: now,
    }),
    ...planWrites(db, eventId, planned.plan),
    auditInsert(
      db,
      {
        networkId,
        actorAccountId,
        action: "event.create",
        entityType: "event",
        entityId: eventId,
        fields: Object.keys(input),
      },
      now,
    ),
  ]);
  return { ok: true as const, eventId };
}

export async function updateEvent(
  db: Db,
  args: WriteArgs & { event: EventRow; input: EventWriteInput },
): Promise<EventWriteOutcome> {
  const { event, input, actorAccountId, now } = args;
  const planned = await plan(db, { networkId: event.networkId, eventId: event.id, existing: event, input, now });
  if (!planned.ok) return planned;
  const { lowered } = planned.plan;
  const lowersAnything =
    lowered.capacity !== null || lowered.tracks.length > 0 || lowered.quotaInstitutionIds.length > 0;
  const fields = Object.keys(input).filter((f) => f !== "allowOverbooking");
  const statements: Stmt[] = [
    db
      .update(events)
      .set({ ...eventColumns(input), ...invitationColumns(input, planned.plan), updatedAt: now })
      .where(eq(events.id, event.id)),
    ...planWrites(db, event.id, planned.plan),
    auditInsert(
      db,
      {
        networkId: event.networkId,
        actorAccountId,
        action: "event.update",
        entityType: "event",
        entityId: event.id,
        fields,
      },
      now,
    ),
  ];
  if (lowersAnything && !input.allowOverbooking) statements.push(...heldPlaceChecks(event.id, planned.plan));
  if (lowersAnything && input.allowOverbooking)
    statements.push(
      auditInsertIf(
        {
          networkId: event.networkId,
          actorAccountId,
          action: "event.overbook",
          entityType: "event",
          entityId: event.id,
          fields: fields.filter(
            (f) => f === "capacity" || f === "tracks" || f === "defaultQuota" || f === "quotaOverrides",
          ),
        },
        overbooked(event.id, planned.plan),
        now,
      ),
    );
  try {
    await runWrites(db, statements);
  } catch (error) {
    if (isHeldPlaceRefusal(error)) return { ok: false, reason: "places_below_held" };
    throw error;
  }
  return { ok: true, makesRoom: planned.plan.makesRoom };
}

async function plan(
  db: Db,
  args: { networkId: string; eventId: string; existing: EventRow | null; input: EventPlanInput; now: Date },
) {
  const { networkId, eventId, existing, input, now } = args;
  const known = await planningInputs(db, {
    networkId,
    eventId,
    exists: existing !== null,
    invitation: input.invitation,
  });
  const outcome = planEvent({ input, existing, ...known, now, newId: () => crypto.randomUUID() });
  if (!outcome.ok || !existing) return outcome;
  // Nothing that people are registered for, attended or gave feedback on may disappear.
  const touches = await removalTouchesPeople(db, eventId, {
    sessionIds: outcome.plan.removedSessionIds,
    trackIds: outcome.plan.removedTrackIds,
    institutionIds: outcome.plan.uninvitedInstitutionIds,
  });
  return touches ? { ok: false as const, reason: "event_has_registrations" as const } : outcome;
}

/** Columns of the event that follow from the invitation, if it was given. */
const invitationColumns = (input: EventPlanInput, plan: EventPlan) =>
  input.invitation ? { invitationMode: input.invitation.mode, invitedSectorKeys: plan.invitedSectorKeys } : {};

/** Statements, in an order in which every foreign key and unique index holds after each one. */
function planWrites(db: Db, eventId: string, plan: EventPlan): Stmt[] {
  const writes: Stmt[] = [];
  if (plan.sessions) {
    // Out of the way first: the new positions 1..n cannot collide with negative ones.
    if (plan.sessions.some((s) => !s.isNew) || plan.removedSessionIds.length > 0)
      writes.push(
        db
          .update(eventSessions)
          .set({ position: sql`0 - ${eventSessions.position}` })
          .where(eq(eventSessions.eventId, eventId)),
      );
    const added = plan.sessions.filter((s) => s.isNew);
    for (const part of chunks(added, rowsPerInsert(eventSessions)))
      writes.push(
        db.insert(eventSessions).values(
          part.map((s) => ({
            id: s.id,
            eventId,
            position: s.position,
            title: s.title,
            topic: s.topic,
            startsAt: s.startsAt,
            endsAt: s.endsAt,
          })),
        ),
      );
    for (const s of plan.sessions.filter((s) => !s.isNew))
      writes.push(
        db
          .update(eventSessions)
          .set({ position: s.position, title: s.title, topic: s.topic, startsAt: s.startsAt, endsAt: s.endsAt })
          .where(eq(eventSessions.id, s.id)),
      );
  }
  if (plan.tracks) {
    if (plan.removedTrackIds.length > 0) writes.push(db.delete(tracks).where(inArray(tracks.id, plan.removedTrackIds)));
    for (const t of plan.tracks.filter((t) => !t.isNew))
      writes.push(
        db
          .update(tracks)
          .set({ sessionId: t.sessionId, title: t.title, description: t.description, capacity: t.capacity })
          .where(eq(tracks.id, t.id)),
      );
    const added = plan.tracks.filter((t) => t.isNew);
    for (const part of chunks(added, rowsPerInsert(tracks)))
      writes.push(
        db.insert(tracks).values(
          part.map((t) => ({
            id: t.id,
            eventId,
            sessionId: t.sessionId,
            title: t.title,
            description: t.description,
            capacity: t.capacity,
          })),
        ),
      );
  }
  // Sessions go last: no track points to them any more.
  if (plan.removedSessionIds.length > 0)
    writes.push(db.delete(eventSessions).where(inArray(eventSessions.id, plan.removedSessionIds)));
  if (plan.quotas) writes.push(...quotaWrites(db, eventId, plan));
  return writes;
}

function quotaWrites(db: Db, eventId: string, plan: EventPlan): Stmt[] {
  const desired = plan.quotas as Map<string, number | null>;
  const writes: Stmt[] = [];
  // A registration created since the check above keeps its institution invited.
  const noLiveRegistration = sql`not exists (select 1 from ${registrations} where ${registrations.eventId} = ${quotas.eventId}
    and ${registrations.institutionId} = ${quotas.institutionId} and ${registrations.status} <> 'cancelled')`;
  for (const part of chunks(plan.uninvitedInstitutionIds, ID_CHUNK))
    writes.push(
      db
        .delete(quotas)
        .where(and(eq(quotas.eventId, eventId), inArray(quotas.institutionId, part), noLiveRegistration)),
    );
  const current = plan.currentQuotas;
  const added = [...desired].filter(([id]) => !current.has(id));
  for (const part of chunks(added, rowsPerInsert(quotas)))
    writes.push(db.insert(quotas).values(part.map(([institutionId, places]) => ({ eventId, institutionId, places }))));
  const changedByPlaces = new Map<number | null, string[]>();
  for (const [id, places] of desired) {
    if (!current.has(id) || current.get(id) === places) continue;
    changedByPlaces.set(places, [...(changedByPlaces.get(places) ?? []), id]);
  }
  for (const [places, ids] of changedByPlaces)
    for (const part of chunks(ids, ID_CHUNK))
      writes.push(
        db
          .update(quotas)
          .set({ places })
          .where(and(eq(quotas.eventId, eventId), inArray(quotas.institutionId, part))),
      );
  return writes;
}

/** Inserts into the `held_place_checks` view, whose trigger aborts the batch if a lowered figure is below what is held. */
function heldPlaceChecks(eventId: string, plan: EventPlan): Stmt[] {
  const { capacity, tracks: loweredTracks, quotaInstitutionIds } = plan.lowered;
  const checks: Stmt[] = [];
  if (capacity !== null)
    checks.push(
      sql`insert into held_place_checks (scope, event_id, ref_id, places)
        select 'event', id, null, capacity from events where id = ${eventId}`,
    );
  for (const part of chunks(
    loweredTracks.map((t) => t.id),
    ID_CHUNK,
  ))
    checks.push(
      sql`insert into held_place_checks (scope, event_id, ref_id, places)
        select 'track', event_id, id, capacity from tracks where id in (${sql.join(part, sql`, `)})`,
    );
  for (const part of chunks(quotaInstitutionIds, ID_CHUNK))
    checks.push(
      sql`insert into held_place_checks (scope, event_id, ref_id, places)
        select 'quota', q.event_id, q.institution_id, coalesce(q.places, e.default_quota)
        from quotas q join events e on e.id = q.event_id
        where q.event_id = ${eventId} and q.institution_id in (${sql.join(part, sql`, `)})`,
    );
  return checks;
}

/** After an overbooking write: does any lowered figure now stand below what is held? */
function overbooked(eventId: string, plan: EventPlan) {
  const { capacity, tracks: loweredTracks, quotaInstitutionIds } = plan.lowered;
  const parts = [sql`0`];
  if (capacity !== null)
    parts.push(sql`exists (select 1 from events where id = ${eventId} and held_places > capacity)`);
  if (loweredTracks.length > 0)
    parts.push(sql`exists (select 1 from tracks where event_id = ${eventId} and held_places > capacity)`);
  if (quotaInstitutionIds.length > 0)
    parts.push(sql`exists (select 1 from quotas q join events e on e.id = q.event_id
      where q.event_id = ${eventId} and q.held_places > coalesce(q.places, e.default_quota))`);
  return sql.join(parts, sql` or `);
}

function isHeldPlaceRefusal(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause)
    if (e.message.includes("places_below_held")) return true;
  return false;
}

/**
 * Publishes a draft and writes the invitations to the contacts of the invited institutions.
 * Mails and log entry only if this request is the one that published: a concurrent second
 * publish finds the status changed, updates nothing and writes nothing. Each statement runs
 * only if the one before it wrote its one row (`changes()`), a chain back to the update; a
 * time stamp cannot tell requests apart, as the clock stands still in a worker until it does I/O.
 */
export async function publishEvent(
  db: Db,
  args: { event: EventRow; actorAccountId: string; origin: string; now: Date },
) {
  const { event, actorAccountId, origin, now } = args;
  const [[network], sessionRows, contacts, brand] = await Promise.all([
    db
      .select({ name: networks.name, slug: networks.slug })
      .from(networks)
      .where(eq(networks.id, event.networkId))
      .limit(1),
    db.select().from(eventSessions).where(eq(eventSessions.eventId, event.id)).orderBy(asc(eventSessions.position)),
    // Every contact account of every invited (non-archived) institution; one row without an
    // address for an institution that has no contact yet, so that the organiser learns of it.
    db
      .select({
        email: accounts.email,
        locale: accounts.locale,
        institutionId: institutions.id,
        institutionName: institutions.name,
        places: quotas.places,
      })
      .from(quotas)
      .innerJoin(institutions, eq(institutions.id, quotas.institutionId))
      .leftJoin(roles, and(eq(roles.institutionId, quotas.institutionId), eq(roles.role, "institution_contact")))
      .leftJoin(accounts, eq(accounts.id, roles.accountId))
      .where(and(eq(quotas.eventId, event.id), sql`${institutions.archivedAt} is null`))
      .orderBy(asc(institutions.name), asc(accounts.email)),
    mailBrandOf(db, event.networkId, origin),
  ]);
  const dates: Record<MailLocale, string> = {
    de: formatEventDates(sessionRows, "de"),
    en: formatEventDates(sessionRows, "en"),
  };
  const reached = contacts.flatMap((r) =>
    r.email === null || r.locale === null ? [] : [{ ...r, email: r.email, locale: r.locale }],
  );
  const withoutContact = contacts
    .filter((r) => r.email === null)
    .map((r) => ({ id: r.institutionId, name: r.institutionName }));
  const deadline: Record<MailLocale, string> = {
    de: formatBerlinDateTime(event.quotaDeadline, "de"),
    en: formatBerlinDateTime(event.quotaDeadline, "en"),
  };
  const mails: OutgoingMail<"event_invitation">[] = reached.map((r) => ({
    to: r.email,
    locale: r.locale,
    networkId: event.networkId,
    template: "event_invitation",
    params: {
      eventTitle: event.title,
      networkName: network.name,
      institutionName: r.institutionName,
      dates: dates[r.locale],
      quota: quotaOf(r.places, event.defaultQuota),
      quotaDeadline: deadline[r.locale],
      link: `${origin}/${encodeURIComponent(network.slug)}/veranstaltungen/${encodeURIComponent(event.id)}/anmelden?institution=${encodeURIComponent(r.institutionId)}`,
    },
    brand,
  }));
  const chained = sql`changes() = 1`;
  const [published] = await runBatch(db, [
    sql`update events set status = 'published', updated_at = ${now.getTime()}
      where id = ${event.id} and status = 'draft' returning id`,
    auditInsertIf(
      {
        networkId: event.networkId,
        actorAccountId,
        action: "event.publish",
        entityType: "event",
        entityId: event.id,
        fields: ["status"],
      },
      chained,
      now,
    ),
    ...mails.map((mail) => mailInsertIf(mail, chained, now)),
  ]);
  return {
    published: published.results.length === 1,
    mails: mails.length,
    invitations: {
      mailed: mails.length,
      institutionsReached: new Set(reached.map((r) => r.institutionId)).size,
      institutionsWithoutContact: withoutContact,
    },
  };
}
