// Reads of registrations for the organisers' and contacts' pages. Every write goes
// through the allocation module (allocation.ts).
import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "./client";
import { attendances, events, institutions, quotas, registrationHistory, registrations, tracks } from "./schema";

// The closed sets the API's schemas name, as the tables define them.
export { attendanceKinds, registrationStatuses } from "./schema";

export type RegistrationRow = typeof registrations.$inferSelect;
export type AttendanceMark = { sessionId: string; kind: (typeof attendances.$inferSelect)["kind"] };

/** A registration with the name of its institution; undefined if there is none with this id. */
export async function registrationWithInstitution(db: Db, id: string) {
  const [row] = await db
    .select({ registration: registrations, institutionName: institutions.name })
    .from(registrations)
    .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
    .where(eq(registrations.id, id));
  return row;
}

/** What happened to a registration, in the order it happened. */
export const historyOf = (db: Db, registrationId: string) =>
  db
    .select()
    .from(registrationHistory)
    .where(eq(registrationHistory.registrationId, registrationId))
    .orderBy(asc(registrationHistory.at), asc(sql`rowid`));

/**
 * The event's registrations (of one institution if given), earliest request first, each
 * with what was recorded at each session. Erased registrations are left out.
 */
export async function registrationsOfEvent(db: Db, eventId: string, institutionId?: string) {
  const ofEvent = and(
    eq(registrations.eventId, eventId),
    institutionId ? eq(registrations.institutionId, institutionId) : undefined,
    isNull(registrations.anonymisedAt),
  );
  const [rows, marks] = await Promise.all([
    db
      .select({ registration: registrations, institutionName: institutions.name })
      .from(registrations)
      .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
      .where(ofEvent)
      .orderBy(asc(registrations.requestedAt), asc(registrations.id)),
    db
      .select({
        registrationId: attendances.registrationId,
        sessionId: attendances.sessionId,
        kind: attendances.kind,
      })
      .from(attendances)
      .innerJoin(registrations, eq(registrations.id, attendances.registrationId))
      .where(ofEvent),
  ]);
  const attendanceOf = new Map<string, AttendanceMark[]>();
  for (const m of marks)
    attendanceOf.set(m.registrationId, [
      ...(attendanceOf.get(m.registrationId) ?? []),
      { sessionId: m.sessionId, kind: m.kind },
    ]);
  return rows.map((r) => ({ ...r, attendance: attendanceOf.get(r.registration.id) ?? [] }));
}

/** The registration made earlier under this idempotency key for the event, if any. */
export async function registrationByIdempotencyKey(db: Db, eventId: string, key: string) {
  const [same] = await db
    .select()
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.idempotencyKey, key)));
  return same;
}

/** Whether the address already holds a live (not cancelled, not erased) registration for the event. */
export async function isRegisteredLive(db: Db, eventId: string, email: string) {
  const [live] = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, eventId),
        eq(registrations.email, email),
        ne(registrations.status, "cancelled"),
        isNull(registrations.anonymisedAt),
      ),
    );
  return live !== undefined;
}

/** The event, the institution and its quota for the event, each undefined where missing. */
export async function registrationSetting(db: Db, eventId: string, institutionId: string) {
  const [[event], [quota], [institution]] = await Promise.all([
    db.select().from(events).where(eq(events.id, eventId)),
    db
      .select()
      .from(quotas)
      .where(and(eq(quotas.eventId, eventId), eq(quotas.institutionId, institutionId))),
    db.select().from(institutions).where(eq(institutions.id, institutionId)),
  ]);
  return { event, quota, institution };
}

/** Whether the track belongs to the event. */
export async function isTrackOf(db: Db, trackId: string, eventId: string) {
  const [track] = await db
    .select()
    .from(tracks)
    .where(and(eq(tracks.id, trackId), eq(tracks.eventId, eventId)));
  return track !== undefined;
}

export type InvitedEventRow = {
  id: string;
  title: string;
  type: string;
  status: "draft" | "published" | "cancelled";
  opens: number;
  deadline: number;
  closes: number;
  redistributed: number | null;
  first_session: number | null;
  quota: number;
  confirmed: number;
  offered: number;
  waiting: number;
};

/** The published (or cancelled) events the institution is invited to, with its quota and places used, soonest first. */
export const invitedEventsOf = (db: Db, institutionId: string) =>
  db.all<InvitedEventRow>(sql`select e.id, e.title, e.type, e.status, e.registration_opens_at as opens,
      e.quota_deadline as deadline, e.registration_closes_at as closes, e.redistributed_at as redistributed,
      (select min(s.starts_at) from event_sessions s where s.event_id = e.id) as first_session,
      coalesce(q.places, e.default_quota) as quota,
      (select count(*) from registrations r where r.event_id = e.id and r.institution_id = q.institution_id
        and r.status = 'confirmed') as confirmed,
      (select count(*) from registrations r where r.event_id = e.id and r.institution_id = q.institution_id
        and r.status = 'waitlisted' and r.offered_until is not null) as offered,
      (select count(*) from registrations r where r.event_id = e.id and r.institution_id = q.institution_id
        and r.status = 'waitlisted' and r.offered_until is null) as waiting
    from quotas q join events e on e.id = q.event_id
    where q.institution_id = ${institutionId} and e.status <> 'draft'
    order by first_session`);
