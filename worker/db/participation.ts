// What a participant's personal page shows: their registration with its event, sessions,
// track and what was recorded at each session. Reached by the personal link's token.
import { and, asc, eq, isNull, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { reachedByToken } from "./personal-links";
import { attendances, eventSessions, events, institutions, networks, registrations, tracks } from "./schema";

// The closed sets the API's schemas name, as the tables define them.
export { attendanceKinds, eventStatuses, eventTypes } from "./schema";

async function load(db: Db, where: SQL) {
  const [row] = await db
    .select({
      registration: registrations,
      institutionName: institutions.name,
      event: events,
      trackTitle: tracks.title,
      networkStatus: networks.status,
    })
    .from(registrations)
    .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
    .innerJoin(events, eq(events.id, registrations.eventId))
    .innerJoin(networks, eq(networks.id, events.networkId))
    .leftJoin(tracks, eq(tracks.id, registrations.trackId))
    .where(and(where, isNull(registrations.anonymisedAt)))
    .limit(1);
  if (!row) return undefined;
  const [sessions, attendance] = await Promise.all([
    db.select().from(eventSessions).where(eq(eventSessions.eventId, row.event.id)).orderBy(asc(eventSessions.position)),
    db
      .select({ sessionId: attendances.sessionId, kind: attendances.kind })
      .from(attendances)
      .where(eq(attendances.registrationId, row.registration.id)),
  ]);
  return { ...row, sessions, attendance };
}

export type ParticipationRecord = NonNullable<Awaited<ReturnType<typeof load>>>;

/** The registration the token (by its hash) reaches, current or requested link; undefined if none or erased. */
export const participationByToken = (db: Db, tokenHash: string) => load(db, reachedByToken(db, tokenHash));

/** The same, by the registration's id, e.g. read again after a change. */
export const participationOf = (db: Db, registrationId: string) => load(db, eq(registrations.id, registrationId));
