// The organisers' summary of the redistribution at the quota deadline: places handed on from the
// waiting list by the redistribution (its history entries carry its moment), and where the event
// stands when the mail is written: confirmed of capacity, open offers, still waiting, free.
import { eq, sql } from "drizzle-orm";
import { renderMail } from "../../lib/mail";
import { events, networks } from "../schema";
import type { PartMail, Renderer } from "./index";
import { brandFor } from "./session-reminder";

export const deadlineSummary: Renderer = async (ctx, message, recipients) => {
  const { db, origin } = ctx;
  const [row] = await db
    .select({
      event: events,
      slug: networks.slug,
      handedOn: sql<number>`(select count(*) from registration_history h
        join registrations r on r.id = h.registration_id
        where r.event_id = ${events.id} and h.at = ${events.redistributedAt} and h.action in ('promoted', 'offered'))`,
      confirmed: sql<number>`(select count(*) from registrations r
        where r.event_id = ${events.id} and r.status = 'confirmed')`,
      offered: sql<number>`(select count(*) from registrations r
        where r.event_id = ${events.id} and r.status = 'waitlisted' and r.offered_until is not null)`,
      waiting: sql<number>`(select count(*) from registrations r
        where r.event_id = ${events.id} and r.status = 'waitlisted' and r.offered_until is null)`,
    })
    .from(events)
    .innerJoin(networks, eq(networks.id, events.networkId))
    .where(eq(events.id, message.eventId))
    .limit(1);
  if (!row?.event.redistributedAt) return [];
  const { event, slug } = row;
  const link = `${origin}/${encodeURIComponent(slug)}/veranstaltungen/${encodeURIComponent(event.id)}/platzvergabe`;
  const brand = brandFor(ctx);
  return recipients.map(
    (recipient): PartMail => ({
      recipient,
      mail: renderMail(
        "deadline_summary",
        recipient.locale,
        {
          eventTitle: event.title,
          handedOn: row.handedOn,
          confirmed: row.confirmed,
          capacity: event.capacity,
          offered: row.offered,
          waiting: row.waiting,
          free: Math.max(0, event.capacity - event.heldPlaces),
          link,
        },
        brand,
      ),
    }),
  );
};
