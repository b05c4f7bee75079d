// What the generated files for organisers are made from: the sign-in sheet of a session,
// certificates of attendance, participant and attendance lists. Erased (anonymised)
// registrations never appear in them. Each read runs its statements side by side; the
// drawing is worker/lib/pdf.ts, the rows and columns worker/domain/documents.ts.
import { and, asc, eq, gte, inArray, isNull, ne, sql } from "drizzle-orm";
import { type AuditEntry, auditInsert } from "../lib/audit";
import type { Db } from "./client";
import {
  accounts,
  attendances,
  eventSessions,
  institutions,
  networkLogos,
  networks,
  registrations,
  roles,
  sectors,
  tracks,
} from "./schema";

type EventRef = { id: string; networkId: string };

/**
 * The letterhead: the network's name, its logo if it is a PNG (what pdf-lib can embed), and
 * who signs its certificates, all in one statement. The signer is the network's longest-serving
 * organiser, so that a certificate reads the same whoever downloads it (an organiser, all at
 * once, or the participant); as in the organiser list, only someone who has signed in since
 * being made organiser, so that no name another network gave the account is printed.
 */
export async function documentHeaderOf(db: Db, networkId: string) {
  const signer = db
    .select({ name: accounts.displayName })
    .from(roles)
    .innerJoin(accounts, eq(accounts.id, roles.accountId))
    .where(
      and(
        eq(roles.networkId, networks.id),
        eq(roles.role, "organiser"),
        isNull(roles.institutionId),
        ne(accounts.displayName, ""),
        gte(accounts.lastSignInAt, roles.createdAt),
      ),
    )
    .orderBy(asc(roles.createdAt), asc(roles.id))
    .limit(1);
  const [row] = await db
    .select({
      name: networks.name,
      contentType: networkLogos.contentType,
      data: networkLogos.data,
      signerName: sql<string | null>`(${signer})`,
    })
    .from(networks)
    .leftJoin(networkLogos, eq(networkLogos.networkId, networks.id))
    .where(eq(networks.id, networkId));
  return {
    name: row?.name ?? "",
    logoPng: row?.data && row.contentType === "image/png" ? new Uint8Array(row.data) : null,
    signerName: row?.signerName ?? "",
  };
}

/** The session of the event, its confirmed registrations (with the session of their track) and the letterhead. */
export async function signInSheetInputOf(db: Db, event: EventRef, sessionId: string) {
  const [[session], rows, network] = await Promise.all([
    db
      .select()
      .from(eventSessions)
      .where(and(eq(eventSessions.id, sessionId), eq(eventSessions.eventId, event.id)))
      .limit(1),
    db
      .select({
        name: registrations.name,
        function: registrations.function,
        institution: institutions.name,
        trackSessionId: tracks.sessionId,
        ticketCode: registrations.ticketCode,
      })
      .from(registrations)
      .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
      .leftJoin(tracks, eq(tracks.id, registrations.trackId))
      .where(
        and(
          eq(registrations.eventId, event.id),
          eq(registrations.status, "confirmed"),
          isNull(registrations.anonymisedAt),
        ),
      ),
    documentHeaderOf(db, event.networkId),
  ]);
  return { session: session ?? null, rows, network };
}

/** A registration's sessions of the event with a `present` attendance (by start), its institution and the letterhead. */
export async function certificateInputOf(db: Db, event: EventRef, registration: { id: string; institutionId: string }) {
  const [sessions, [institution], network] = await Promise.all([
    db
      .select({
        title: eventSessions.title,
        topic: eventSessions.topic,
        startsAt: eventSessions.startsAt,
        endsAt: eventSessions.endsAt,
      })
      .from(attendances)
      .innerJoin(eventSessions, eq(eventSessions.id, attendances.sessionId))
      .where(
        and(
          eq(attendances.registrationId, registration.id),
          eq(attendances.kind, "present"),
          eq(eventSessions.eventId, event.id),
        ),
      )
      .orderBy(asc(eventSessions.startsAt)),
    db
      .select({ name: institutions.name, city: institutions.city })
      .from(institutions)
      .where(eq(institutions.id, registration.institutionId))
      .limit(1),
    documentHeaderOf(db, event.networkId),
  ]);
  return { sessions, institution: institution ?? null, network };
}

/** Every `present` attendance of the event, a row each with the person and the session, and the letterhead. */
export async function certificatesInputOf(db: Db, event: EventRef) {
  const [rows, network] = await Promise.all([
    db
      .select({
        registrationId: registrations.id,
        name: registrations.name,
        function: registrations.function,
        institution: institutions.name,
        title: eventSessions.title,
        topic: eventSessions.topic,
        startsAt: eventSessions.startsAt,
        endsAt: eventSessions.endsAt,
      })
      .from(attendances)
      .innerJoin(eventSessions, eq(eventSessions.id, attendances.sessionId))
      .innerJoin(registrations, eq(registrations.id, attendances.registrationId))
      .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
      .where(
        and(eq(eventSessions.eventId, event.id), eq(attendances.kind, "present"), isNull(registrations.anonymisedAt)),
      ),
    documentHeaderOf(db, event.networkId),
  ]);
  return { rows, network };
}

/** The confirmed and waiting registrations of the event, for the participant list. */
export const participantRowsOf = (db: Db, eventId: string) =>
  db
    .select({
      name: registrations.name,
      email: registrations.email,
      function: registrations.function,
      institution: institutions.name,
      sector: sectors.nameDe,
      status: registrations.status,
      track: tracks.title,
      requestedAt: registrations.requestedAt,
    })
    .from(registrations)
    .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
    .innerJoin(sectors, eq(sectors.key, institutions.sectorKey))
    .leftJoin(tracks, eq(tracks.id, registrations.trackId))
    .where(
      and(
        eq(registrations.eventId, eventId),
        inArray(registrations.status, ["confirmed", "waitlisted"]),
        isNull(registrations.anonymisedAt),
      ),
    );

/** The participant list's rows and the letterhead, for the printed list. */
export async function participantListInputOf(db: Db, event: EventRef) {
  const [rows, network] = await Promise.all([participantRowsOf(db, event.id), documentHeaderOf(db, event.networkId)]);
  return { rows, network };
}

/** The sessions (by position), the confirmed registrations and their attendances, for the attendance list. */
export async function attendanceListInputOf(db: Db, eventId: string) {
  const [sessions, rows, marks] = await Promise.all([
    db
      .select({ id: eventSessions.id, position: eventSessions.position, startsAt: eventSessions.startsAt })
      .from(eventSessions)
      .where(eq(eventSessions.eventId, eventId))
      .orderBy(asc(eventSessions.position)),
    db
      .select({
        id: registrations.id,
        name: registrations.name,
        email: registrations.email,
        function: registrations.function,
        institution: institutions.name,
        sector: sectors.nameDe,
      })
      .from(registrations)
      .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
      .innerJoin(sectors, eq(sectors.key, institutions.sectorKey))
      .where(
        and(
          eq(registrations.eventId, eventId),
          eq(registrations.status, "confirmed"),
          isNull(registrations.anonymisedAt),
        ),
      ),
    db
      .select({ sessionId: attendances.sessionId, registrationId: attendances.registrationId, kind: attendances.kind })
      .from(attendances)
      .innerJoin(eventSessions, eq(eventSessions.id, attendances.sessionId))
      .where(eq(eventSessions.eventId, eventId)),
  ]);
  return { sessions, rows, marks };
}

/** A file of personal data was handed out: who, which, when; written after the file was made. */
export async function logDocument(db: Db, entry: AuditEntry, now = new Date()) {
  await auditInsert(db, entry, now);
}
