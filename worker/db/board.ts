// What the organiser's allocation board reads: per invited institution and per track the
// places held and waited for, and the latest decisions. The sums are the domain's (boardSummary).
import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import { events, institutions, registrationHistory, registrations } from "./schema";

export type BoardEvent = typeof events.$inferSelect;

/** The event as it is now, e.g. after a redistribution changed it. */
export async function boardEvent(db: Db, eventId: string): Promise<BoardEvent | undefined> {
  const [event] = await db.select().from(events).where(eq(events.id, eventId));
  return event;
}

/** The decisions shown on the board: the latest ones only. */
const DECISIONS_SHOWN = 200;

/** The board's three reads, in parallel. */
export async function boardRows(db: Db, eventId: string) {
  const [lines, tracks, decisions] = await Promise.all([
    db.all<{
      institution_id: string;
      name: string;
      sector_key: string;
      places: number | null;
      confirmed: number;
      offered: number;
      waiting: number;
    }>(sql`select q.institution_id, i.name, i.sector_key, q.places,
        count(case when r.status = 'confirmed' then 1 end) as confirmed,
        count(case when r.status = 'waitlisted' and r.offered_until is not null then 1 end) as offered,
        count(case when r.status = 'waitlisted' and r.offered_until is null then 1 end) as waiting
      from quotas q
      join institutions i on i.id = q.institution_id
      left join registrations r on r.event_id = q.event_id and r.institution_id = q.institution_id
      where q.event_id = ${eventId}
      group by q.institution_id
      order by i.name`),
    db.all<{ id: string; title: string; capacity: number; confirmed: number; waiting: number }>(
      sql`select t.id, t.title, t.capacity,
          count(case when r.status = 'confirmed' or (r.status = 'waitlisted' and r.offered_until is not null) then 1 end) as confirmed,
          count(case when r.status = 'waitlisted' and r.offered_until is null then 1 end) as waiting
        from tracks t left join registrations r on r.track_id = t.id
        where t.event_id = ${eventId} group by t.id order by t.title`,
    ),
    db
      .select({
        at: registrationHistory.at,
        action: registrationHistory.action,
        reasonCode: registrationHistory.reasonCode,
        reasonParams: registrationHistory.reasonParams,
        registrationId: registrationHistory.registrationId,
        institutionId: registrations.institutionId,
        institutionName: institutions.name,
      })
      .from(registrationHistory)
      .innerJoin(registrations, eq(registrations.id, registrationHistory.registrationId))
      .innerJoin(institutions, eq(institutions.id, registrations.institutionId))
      .where(eq(registrations.eventId, eventId))
      .orderBy(desc(registrationHistory.at), desc(sql`${registrationHistory}.rowid`))
      .limit(DECISIONS_SHOWN),
  ]);
  return {
    lines: lines.map((l) => ({
      institutionId: l.institution_id,
      institutionName: l.name,
      sectorKey: l.sector_key,
      places: l.places,
      confirmed: l.confirmed,
      offered: l.offered,
      waiting: l.waiting,
    })),
    tracks,
    decisions,
  };
}
