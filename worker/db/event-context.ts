// An event as a request needs it: the row, its network's state, and what its mails say
// (title, dates, the network's name, sender name and logo), read in one statement so that it
// can travel in the same round trip as the session lookup.
import { eq, sql } from "drizzle-orm";
import type { MailLocale } from "../lib/mail";
import { formatEventDates } from "../lib/time";
import type { Db } from "./client";
import { logoPath } from "./network-settings";
import { events, networkLogos, networks } from "./schema";

export type EventMailInfo = {
  networkId: string;
  title: string;
  dates: Record<MailLocale, string>;
  /** The network's name, sender name and logo (path) for the mail layout. */
  network: { name: string; senderName: string; logoPath: string | null; slug: string };
};

export type EventContext = {
  event: typeof events.$inferSelect;
  networkStatus: (typeof networks.$inferSelect)["status"];
  mail: EventMailInfo;
};

/** The statement, for a `db.batch` beside other lookups; `eventContextOf` reads its rows. */
export const eventContextQuery = (db: Db, eventId: string) =>
  db
    .select({
      event: events,
      // Aliased: in a D1 batch drizzle maps rows by position from objects keyed by column
      // name, so two columns of one name (events.status, networks.status) would collapse.
      networkStatus: sql<EventContext["networkStatus"]>`${networks.status}`.as("network_status"),
      networkName: sql<string>`${networks.name}`.as("network_name"),
      networkSlug: sql<string>`${networks.slug}`.as("network_slug"),
      senderName: sql<string>`${networks.senderName}`.as("network_sender_name"),
      logoEtag: sql<string | null>`${networkLogos.etag}`.as("network_logo_etag"),
      sessions: sql<string>`(select json_group_array(json_array(s.starts_at, s.ends_at))
        from event_sessions s where s.event_id = ${events.id})`.as("session_times"),
    })
    .from(events)
    .innerJoin(networks, eq(networks.id, events.networkId))
    .leftJoin(networkLogos, eq(networkLogos.networkId, events.networkId))
    .where(eq(events.id, eventId))
    .limit(1);

export function eventContextOf(rows: Awaited<ReturnType<typeof eventContextQuery>>): EventContext | null {
  const [row] = rows;
  if (!row) return null;
  const sessions = (JSON.parse(row.sessions) as [number, number][]).map(([startsAt, endsAt]) => ({
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
  }));
  return {
    event: row.event,
    networkStatus: row.networkStatus,
    mail: {
      networkId: row.event.networkId,
      title: row.event.title,
      dates: { de: formatEventDates(sessions, "de"), en: formatEventDates(sessions, "en") },
      network: {
        name: row.networkName,
        senderName: row.senderName,
        logoPath: row.logoEtag ? logoPath(row.event.networkId, row.logoEtag) : null,
        slug: row.networkSlug,
      },
    },
  };
}

export const loadEventContext = async (db: Db, eventId: string) => eventContextOf(await eventContextQuery(db, eventId));
