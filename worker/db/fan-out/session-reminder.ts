// The mail that reminds a participant of a session: when (Berlin time), where, the venue's
// accessibility notes, and a fresh personal link (a requested link beside the current one, so
// the confirmation's link keeps working) to the ticket, the calendar file and the switch that
// turns reminders off. The calendar file cannot be attached (the mail binding takes text and
// HTML only) nor linked directly: its route takes the personal token in a header, never in a URL.
import { eq, sql } from "drizzle-orm";
import { hashToken, randomToken } from "../../lib/auth";
import { type MailBrand, renderMail } from "../../lib/mail";
import { formatEventDates } from "../../lib/time";
import { personalLink } from "../allocation/shared";
import { eventSessions, events, tracks } from "../schema";
import type { FanOutContext, PartMail, Renderer } from "./index";

/** The network's name, sender name and logo as the mail layout shows them. */
export const brandFor = ({ info, origin }: FanOutContext): MailBrand => ({
  networkName: info.network.name,
  senderName: info.network.senderName,
  logoUrl: info.network.logoPath ? `${origin}${info.network.logoPath}` : null,
});

export const sessionReminder: Renderer = async (ctx, message, recipients) => {
  const { db, now, origin } = ctx;
  const sessionId = String(message.params.sessionId ?? "");
  const [[row], trackRows] = await Promise.all([
    db
      .select({ session: eventSessions, event: events })
      .from(eventSessions)
      .innerJoin(events, eq(events.id, eventSessions.eventId))
      .where(eq(eventSessions.id, sessionId))
      .limit(1),
    db.select({ id: tracks.id, title: tracks.title }).from(tracks).where(eq(tracks.eventId, message.eventId)),
  ]);
  // The session was deleted since, or has started: nothing to remind of.
  if (!row || row.session.startsAt.getTime() <= now.getTime()) return [];
  const { session, event } = row;
  const trackTitles = new Map(trackRows.map((t) => [t.id, t.title]));
  const brand = brandFor(ctx);
  const at = now.getTime();
  const mails: PartMail[] = [];
  for (const recipient of recipients) {
    const registration = recipient.registration;
    // Cancelled, or reminders turned off, since the reminder was claimed.
    if (registration?.status !== "confirmed" || registration.remindersOff) continue;
    const token = randomToken();
    const tokenHash = await hashToken(token);
    const mail = renderMail(
      "session_reminder",
      recipient.locale,
      {
        eventTitle: event.title,
        sessionTitle: session.title,
        when: formatEventDates([session], recipient.locale),
        venueName: event.venueName,
        venueAddress: event.venueAddress,
        venueAccessibility: event.venueAccessibility,
        trackTitle: registration.trackId ? (trackTitles.get(registration.trackId) ?? "") : "",
        link: personalLink(origin, token),
      },
      brand,
    );
    mails.push({
      recipient,
      mail,
      alongside: (written) => [
        sql`insert into personal_link_requests (token_hash, registration_id, created_at)
          select ${tokenHash}, ${registration.id}, ${at} where ${written}`,
      ],
    });
  }
  return mails;
};
