// Reading events: the detail an organiser edits, the list a network shows, and what a write
// has to know before it plans (db/event-writes.ts writes).

import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { phaseOf } from "../domain/allocation";
import type { DirectoryEntry } from "../domain/event-plan";
import type { Db } from "./client";
import {
  attendances,
  eventSessions,
  events,
  feedbackForms,
  institutions,
  quotas,
  registrations,
  sectors,
  tracks,
} from "./schema";

// The vocabularies the route's schemas validate against, so that routes need not import the schema.
export { eventStatuses, eventTypes, invitationModes, promotionModes } from "./schema";

export type EventRow = typeof events.$inferSelect;
type SessionRow = typeof eventSessions.$inferSelect;
type TrackRow = typeof tracks.$inferSelect;

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const toSummary = (e: EventRow, sessionRows: SessionRow[], trackRows: TrackRow[], now: Date) => ({
  id: e.id,
  type: e.type,
  status: e.status,
  title: e.title,
  description: e.description,
  venueName: e.venueName,
  venueAddress: e.venueAddress,
  venueAccessibility: e.venueAccessibility,
  capacity: e.capacity,
  defaultQuota: e.defaultQuota,
  registrationOpensAt: e.registrationOpensAt.toISOString(),
  quotaDeadline: e.quotaDeadline.toISOString(),
  registrationClosesAt: e.registrationClosesAt.toISOString(),
  phase: phaseOf(
    {
      status: e.status,
      registrationOpensAt: e.registrationOpensAt.getTime(),
      quotaDeadline: e.quotaDeadline.getTime(),
      registrationClosesAt: e.registrationClosesAt.getTime(),
      redistributedAt: e.redistributedAt?.getTime() ?? null,
    },
    now.getTime(),
  ),
  redistributedAt: e.redistributedAt?.toISOString() ?? null,
  invitationMode: e.invitationMode,
  promotionMode: e.promotionMode,
  offerHours: e.offerHours,
  sessions: sessionRows
    .filter((s) => s.eventId === e.id)
    .sort((a, b) => a.position - b.position)
    .map((s) => ({
      id: s.id,
      position: s.position,
      title: s.title,
      topic: s.topic,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
    })),
  tracks: trackRows
    .filter((t) => t.eventId === e.id)
    .map((t) => ({
      id: t.id,
      sessionId: t.sessionId,
      title: t.title,
      description: t.description,
      capacity: t.capacity,
    })),
});

/** The event as its organisers edit it; undefined if there is none. */
export async function loadEventDetail(db: Db, eventId: string, now = new Date()) {
  const [event] = await db.select().from(events).where(eq(events.id, eventId)).limit(1);
  if (!event) return undefined;
  const [sessionRows, trackRows, quotaRows] = await Promise.all([
    db.select().from(eventSessions).where(eq(eventSessions.eventId, eventId)).orderBy(asc(eventSessions.position)),
    db.select().from(tracks).where(eq(tracks.eventId, eventId)).orderBy(asc(tracks.title)),
    db.select().from(quotas).where(eq(quotas.eventId, eventId)),
  ]);
  return {
    ...toSummary(event, sessionRows, trackRows, now),
    networkId: event.networkId,
    legalBasis: event.legalBasis,
    retentionMonths: event.retentionMonths,
    checkInMinutesBefore: event.checkInMinutesBefore,
    sessionReminderDays: event.sessionReminderDays,
    quotaReminderDays: event.quotaReminderDays,
    deadlineSummary: event.deadlineSummary,
    invitation: {
      mode: event.invitationMode,
      sectorKeys: event.invitationMode === "sectors" ? event.invitedSectorKeys : [],
      institutionIds: event.invitationMode === "picked" ? quotaRows.map((q) => q.institutionId).sort(byId) : [],
    },
    quotaOverrides: quotaRows
      .filter((q) => q.places !== null)
      .map((q) => ({ institutionId: q.institutionId, places: q.places as number }))
      .sort((a, b) => byId(a.institutionId, b.institutionId)),
    invitedInstitutionCount: quotaRows.length,
    /** Places held beyond the capacity, after an organiser chose to overbook; 0 otherwise. */
    overbookedBy: Math.max(0, event.heldPlaces - event.capacity),
  };
}

/** A network's events, soonest first: published ones, or all of them for its organisers (`manage`). */
export async function listEvents(db: Db, networkId: string, manage: boolean, now = new Date()) {
  const ofList = and(eq(events.networkId, networkId), manage ? undefined : eq(events.status, "published"));
  // Joined rather than listed by id: a network's events may outnumber D1's 100 bound parameters.
  const [rows, sessionRows, trackRows] = await Promise.all([
    db.select().from(events).where(ofList),
    db
      .select({ session: eventSessions })
      .from(eventSessions)
      .innerJoin(events, eq(events.id, eventSessions.eventId))
      .where(ofList)
      .orderBy(asc(eventSessions.position)),
    db
      .select({ track: tracks })
      .from(tracks)
      .innerJoin(events, eq(events.id, tracks.eventId))
      .where(ofList)
      .orderBy(asc(tracks.title)),
  ]);
  const items = rows.map((e) =>
    toSummary(
      e,
      sessionRows.map((r) => r.session),
      trackRows.map((r) => r.track),
      now,
    ),
  );
  const firstStart = (e: (typeof items)[number]) => e.sessions[0]?.startsAt ?? e.registrationClosesAt;
  return items.sort((a, b) => firstStart(a).localeCompare(firstStart(b)));
}

/** What planning a write of the event needs to know; the directory and sectors only when the invitation changes. */
export async function planningInputs(
  db: Db,
  args: { networkId: string; eventId: string; exists: boolean; invitation?: { mode: string } },
) {
  const { networkId, eventId, exists, invitation } = args;
  const none = Promise.resolve([] as never[]);
  const [sessionRows, trackRows, quotaRows, directoryRows, sectorRows] = await Promise.all([
    exists ? db.select().from(eventSessions).where(eq(eventSessions.eventId, eventId)) : none,
    exists ? db.select().from(tracks).where(eq(tracks.eventId, eventId)) : none,
    exists ? db.select().from(quotas).where(eq(quotas.eventId, eventId)) : none,
    invitation
      ? db
          .select({ id: institutions.id, sectorKey: institutions.sectorKey, archivedAt: institutions.archivedAt })
          .from(institutions)
          .where(eq(institutions.networkId, networkId))
      : none,
    invitation?.mode === "sectors" ? db.select({ key: sectors.key }).from(sectors) : none,
  ]);
  return {
    sessions: sessionRows,
    tracks: trackRows,
    quotas: quotaRows,
    directory: directoryRows.map(
      (r): DirectoryEntry => ({ id: r.id, sectorKey: r.sectorKey, archived: r.archivedAt !== null }),
    ),
    knownSectorKeys: new Set(sectorRows.map((s) => s.key)),
  };
}

/** Whether anything a removal would take away has people on it: attendance, feedback forms, registrations. */
export async function removalTouchesPeople(
  db: Db,
  eventId: string,
  removed: { sessionIds: string[]; trackIds: string[]; institutionIds: string[] },
) {
  const { sessionIds, trackIds, institutionIds } = removed;
  const [attended, forms, trackRegistrations, liveInstitutions] = await Promise.all([
    sessionIds.length
      ? db.select({ id: attendances.id }).from(attendances).where(inArray(attendances.sessionId, sessionIds)).limit(1)
      : [],
    sessionIds.length
      ? db
          .select({ id: feedbackForms.id })
          .from(feedbackForms)
          .where(inArray(feedbackForms.sessionId, sessionIds))
          .limit(1)
      : [],
    trackIds.length
      ? db.select({ id: registrations.id }).from(registrations).where(inArray(registrations.trackId, trackIds)).limit(1)
      : [],
    institutionIds.length
      ? db
          .selectDistinct({ institutionId: registrations.institutionId })
          .from(registrations)
          .where(and(eq(registrations.eventId, eventId), ne(registrations.status, "cancelled")))
      : [],
  ]);
  const uninvited = new Set(institutionIds);
  return (
    attended.length > 0 ||
    forms.length > 0 ||
    trackRegistrations.length > 0 ||
    liveInstitutions.some((r) => uninvited.has(r.institutionId))
  );
}
