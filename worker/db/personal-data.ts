// A person's right of access (Art. 15 DSGVO): everything this network holds about
// one e-mail address, as one JSON document, for the person (by personal link) and
// for an organiser answering a request on their behalf.

import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { retentionDueAt, retentionMonthsOf } from "../domain/retention";
import type { Db } from "./client";
import {
  attendances,
  eventSessions,
  events,
  feedbackForms,
  feedbackInvitations,
  feedbackSubmissions,
  institutions,
  networks,
  outbox,
  registrationHistory,
  registrations,
  tracks,
} from "./schema";

/** Links in old mails carry live tokens (personal, sign-in, feedback): the document shows that a link was sent, never the link. */
export const redactLinks = (text: string) => text.replace(/#(t|token|k)=[A-Za-z0-9_-]+/g, "#$1=[entfernt/removed]");

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The live (not anonymised) registrations of `email` in the network. */
export async function registrationIdsOf(db: Db, networkId: string, email: string) {
  const rows = await db
    .select({ id: registrations.id, status: registrations.status })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(
      and(
        eq(events.networkId, networkId),
        eq(registrations.email, email.trim().toLowerCase()),
        isNull(registrations.anonymisedAt),
      ),
    )
    .orderBy(asc(registrations.requestedAt), asc(registrations.id));
  return rows;
}

/**
 * Everything held about an address in the network. `reader`: the person
 * themselves (from their personal link) or an organiser answering a request on
 * their behalf. Whether someone answered a feedback form is for the person
 * alone: the organiser's document leaves out the feedback facts and the
 * feedback mails (which are written only to people present, and carry links).
 */
export async function personalDataOf(
  db: Db,
  networkId: string,
  rawEmail: string,
  now: Date,
  reader: "person" | "organiser",
) {
  const forPerson = reader === "person";
  const email = rawEmail.trim().toLowerCase();
  const [network] = await db.select().from(networks).where(eq(networks.id, networkId)).limit(1);
  const rows = await db
    .select({
      registration: registrations,
      event: events,
      institutionName: institutions.name,
      trackTitle: tracks.title,
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
    .leftJoin(tracks, eq(tracks.id, registrations.trackId))
    .where(and(eq(events.networkId, networkId), eq(registrations.email, email), isNull(registrations.anonymisedAt)))
    .orderBy(asc(registrations.requestedAt), asc(registrations.id));
  const ids = rows.map((r) => r.registration.id);
  const eventIds = [...new Set(rows.map((r) => r.event.id))];
  const [sessions, history, attended, mails, answered, invited] = await Promise.all([
    eventIds.length
      ? db
          .select()
          .from(eventSessions)
          .where(inArray(eventSessions.eventId, eventIds))
          .orderBy(asc(eventSessions.position))
      : [],
    ids.length
      ? db
          .select()
          .from(registrationHistory)
          .where(inArray(registrationHistory.registrationId, ids))
          .orderBy(asc(registrationHistory.at), asc(sql`rowid`))
      : [],
    ids.length ? db.select().from(attendances).where(inArray(attendances.registrationId, ids)) : [],
    db
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.toEmail, email),
          eq(outbox.networkId, networkId),
          forPerson ? undefined : ne(outbox.template, "feedback_invitation"),
        ),
      )
      .orderBy(asc(outbox.createdAt)),
    // Only the fact that a form was answered or a feedback link was sent; what was answered is not linked.
    ids.length && forPerson
      ? db
          .select({
            registrationId: feedbackSubmissions.registrationId,
            formId: feedbackForms.id,
            title: feedbackForms.title,
          })
          .from(feedbackSubmissions)
          .innerJoin(feedbackForms, eq(feedbackForms.id, feedbackSubmissions.formId))
          .where(inArray(feedbackSubmissions.registrationId, ids))
      : [],
    ids.length && forPerson
      ? db
          .selectDistinct({
            registrationId: feedbackInvitations.registrationId,
            formId: feedbackForms.id,
            title: feedbackForms.title,
          })
          .from(feedbackInvitations)
          .innerJoin(feedbackForms, eq(feedbackForms.id, feedbackInvitations.formId))
          .where(inArray(feedbackInvitations.registrationId, ids))
      : [],
  ]);
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  return {
    about: {
      de:
        "Alle Daten, die das Netzwerk in NetzWerkstatt zu dieser E-Mail-Adresse gespeichert hat (Auskunft nach Art. 15 DSGVO). " +
        "Zu Rückmeldebögen ist nur gespeichert, ob Sie geantwortet haben und ob Ihnen ein Link geschickt wurde; " +
        "was Sie geantwortet haben, ist anonym und ohne Verbindung zu Ihrer Person gespeichert und deshalb nicht enthalten. " +
        "Links in E-Mails sind unkenntlich gemacht.",
      en:
        "All data the network holds in NetzWerkstatt about this e-mail address (access under Art. 15 GDPR). " +
        "For feedback forms only the fact that you answered, and that a link was sent to you, is stored; what you " +
        "answered is anonymous, not linked to you, and therefore not included. Links in e-mails are redacted.",
    },
    generatedAt: now.toISOString(),
    controller: { network: network?.name ?? "", privacyNotice: network?.privacyNotice ?? "" },
    email,
    registrations: rows.map(({ registration: r, event, institutionName, trackTitle }) => {
      const eventSessionsOf = sessions.filter((s) => s.eventId === event.id);
      const lastEnd = eventSessionsOf.reduce<Date | null>((m, s) => (!m || s.endsAt > m ? s.endsAt : m), null);
      const months = retentionMonthsOf(event.retentionMonths, network?.retentionMonths);
      return {
        id: r.id,
        event: {
          id: event.id,
          title: event.title,
          legalBasis: event.legalBasis,
          retentionMonths: months,
          erasureDueAt: iso(retentionDueAt(lastEnd, months)),
          sessions: eventSessionsOf.map((s) => ({
            id: s.id,
            title: s.title,
            startsAt: s.startsAt.toISOString(),
            endsAt: s.endsAt.toISOString(),
          })),
        },
        institution: { id: r.institutionId, name: institutionName },
        track: r.trackId ? { id: r.trackId, title: trackTitle ?? "" } : null,
        name: r.name,
        email: r.email,
        function: r.function,
        accessibilityNeeds: r.accessibilityNeeds,
        status: r.status,
        reasonCode: r.reasonCode,
        isWalkIn: r.isWalkIn,
        isOverride: r.isOverride,
        requestedAt: r.requestedAt.toISOString(),
        confirmedAt: iso(r.confirmedAt),
        cancelledAt: iso(r.cancelledAt),
        offeredUntil: iso(r.offeredUntil),
        privacyAcknowledgedAt: iso(r.privacyAcknowledgedAt),
        registeredByAccount: r.createdByAccountId !== null,
        history: history
          .filter((h) => h.registrationId === r.id)
          .map((h) => ({
            at: h.at.toISOString(),
            action: h.action,
            reasonCode: h.reasonCode,
            reasonParams: (h.reasonParams as Record<string, unknown> | null) ?? null,
            byAccount: h.actorAccountId !== null,
          })),
        attendance: attended
          .filter((a) => a.registrationId === r.id)
          .map((a) => ({
            sessionId: a.sessionId,
            sessionTitle: sessionById.get(a.sessionId)?.title ?? "",
            kind: a.kind,
            method: a.method,
            at: a.at.toISOString(),
          })),
        feedback: forPerson
          ? {
              answered: answered
                .filter((f) => f.registrationId === r.id)
                .map(({ formId, title }) => ({ formId, title })),
              linkSent: invited
                .filter((f) => f.registrationId === r.id)
                .map(({ formId, title }) => ({ formId, title })),
            }
          : null,
      };
    }),
    mails: mails.map((m) => ({
      id: m.id,
      createdAt: m.createdAt.toISOString(),
      sentAt: iso(m.sentAt),
      status: m.status,
      subject: m.subject,
      text: redactLinks(m.bodyText),
    })),
    feedback: forPerson
      ? {
          de: "Ob Sie einen Rückmeldebogen beantwortet haben, steht je Anmeldung unter `feedback`; Ihre Antworten sind anonym.",
          en: "Whether you answered a feedback form is listed per registration under `feedback`; your answers are anonymous.",
        }
      : {
          de: "Ob die Person einen Rückmeldebogen beantwortet hat und welche Links zu Rückmeldebögen ihr geschickt wurden, sieht nur sie selbst: in der Datenauskunft auf ihrer persönlichen Seite. Die Netzwerkkoordination erfährt das nicht; die Antworten selbst sind anonym.",
          en: "Whether the person answered a feedback form, and which feedback links were sent to them, only they can see: in the data download on their personal page. The network coordination does not learn it; the answers themselves are anonymous.",
        },
  };
}

export type PersonalData = Awaited<ReturnType<typeof personalDataOf>>;
