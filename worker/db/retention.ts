// The writing side of retention and erasure. A participant's personal data lives in
// three places: the registration row (name, e-mail, function, accessibility needs,
// the personal-link token), the mails to them in the outbox, and nothing else:
// registration_history holds actions, rule codes and ids (its reasonParams are free
// of personal data by design), attendances hold registration ids, and feedback has
// no link to a person. So erasing blanks the row, keeps its id, institution, status
// and times (counts per institution and sector, attendance totals stay right) and
// deletes the mails about that event to that address.
//
// Every step is one atomic batch over a bounded chunk, chosen inside the statements
// ("not yet anonymised, first n by id"), so the job can stop anywhere and the next
// run continues where it stopped; a finished event has nothing left to choose.

import { type SQL, sql } from "drizzle-orm";
import { retentionSchedule } from "../domain/retention";
import { formatEventDates } from "../lib/time";
import { registrationsErasure } from "./allocation/personal-data";
import { type Db, runBatch } from "./client";

/** D1 binds at most 100 parameters per statement; a chunk by id list stays well below. */
export const ERASURE_CHUNK = 90;

type EventRow = {
  id: string;
  network_id: string;
  title: string;
  status: string;
  event_months: number | null;
  network_months: number;
  last_end: number | null;
  pending: number;
  erased: number;
  erased_at: number | null;
};

/** Every event (of one network, or all), with its period, last session and how many registrations are (not yet) anonymised. */
export async function loadRetentionEvents(db: Db, networkId: string | null) {
  return db.all<EventRow>(sql`select e.id, e.network_id, e.title, e.status, e.retention_months as event_months,
      n.retention_months as network_months,
      (select max(s.ends_at) from event_sessions s where s.event_id = e.id) as last_end,
      (select count(*) from registrations r where r.event_id = e.id and r.anonymised_at is null) as pending,
      (select count(*) from registrations r where r.event_id = e.id and r.anonymised_at is not null) as erased,
      (select max(r.anonymised_at) from registrations r where r.event_id = e.id) as erased_at
    from events e join networks n on n.id = e.network_id
    where ${networkId} is null or e.network_id = ${networkId}`);
}

/** What organisers see: per event, when its participants' data is erased and how many people that concerns. */
export async function retentionOverview(db: Db, networkId: string, now: Date) {
  const rows = await loadRetentionEvents(db, networkId);
  const schedule = new Map(retentionSchedule(rows.map(toRetentionEvent), now).map((s) => [s.eventId, s]));
  return rows.map((r) => {
    const s = schedule.get(r.id)!;
    return {
      eventId: r.id,
      title: r.title,
      status: r.status,
      lastSessionEndsAt: r.last_end === null ? null : new Date(r.last_end),
      months: s.months,
      monthsFromEvent: r.event_months !== null,
      dueAt: s.dueAt,
      due: s.due,
      pending: r.pending,
      erased: r.erased,
      erasedAt: r.erased_at === null ? null : new Date(r.erased_at),
    };
  });
}

const toRetentionEvent = (r: EventRow) => ({
  id: r.id,
  lastSessionEndsAt: r.last_end === null ? null : new Date(r.last_end),
  eventRetentionMonths: r.event_months,
  networkRetentionMonths: r.network_months,
});

/**
 * The statements that erase the registrations `chosen` (an SQL subquery of ids)
 * selects: first the mails about their event to their address (any template that
 * names the event: confirmations, links, invitations to feedback), while the
 * address is still there; their feedback links; then the row itself, last, so that
 * `changes()` after it and `returning id` count what was erased.
 */
/** Where the update of the registrations stands in `eraseStatements`. */
const ERASED = 3;

function eraseStatements(chosen: SQL, now: number): SQL[] {
  // The update is at ERASED in this list: callers read what it returned from there.
  return [
    sql`delete from outbox where id in (
        select o.id from registrations r
        join events e on e.id = r.event_id
        join outbox o on o.to_email = r.email and o.network_id = e.network_id
        where r.id in ${chosen} and instr(o.body_text, e.title) > 0)`,
    // Feedback links sent to them stop working; whether they answered stays, now tied to no one.
    sql`delete from feedback_invitations where registration_id in ${chosen}`,
    sql`delete from personal_link_requests where registration_id in ${chosen}`,
    registrationsErasure(chosen, now),
  ];
}

/**
 * Mails about the event to people no longer registered under that address (a place
 * given to a colleague): found by the event's title and dates as every
 * registration mail states them.
 */
async function formerRecipientsSweep(db: Db, eventId: string, networkId: string, title: string) {
  const sessions = await db.all<{ starts_at: number; ends_at: number }>(
    sql`select starts_at, ends_at from event_sessions where event_id = ${eventId}`,
  );
  const spans = sessions.map((s) => ({ startsAt: new Date(s.starts_at), endsAt: new Date(s.ends_at) }));
  const de = formatEventDates(spans, "de");
  const en = formatEventDates(spans, "en");
  if (!de) return sql`select 1`;
  return sql`delete from outbox where network_id = ${networkId} and template = 'registration_update'
    and instr(subject, ${title}) > 0 and (instr(body_text, ${de}) > 0 or instr(body_text, ${en}) > 0)`;
}

export type RetentionOptions = {
  now: Date;
  /** Registrations per statement (at most 100). */
  chunkSize?: number;
  /** Stop after this many chunks (a run cut short, as a timeout would); the next run continues. */
  maxChunks?: number;
};

export type RetentionResult = {
  anonymised: number;
  events: { eventId: string; anonymised: number }[];
  /** False if the run stopped at `maxChunks` with work left. */
  complete: boolean;
};

/**
 * The cron's retention job: anonymises the participants of every event whose
 * retention period has passed at `now`. Safe to run twice (the second run finds
 * nothing) and to interrupt (each chunk is atomic and the next run resumes).
 */
export async function runRetention(db: Db, options: RetentionOptions): Promise<RetentionResult> {
  const now = options.now.getTime();
  const chunkSize = Math.max(1, Math.min(100, options.chunkSize ?? 100));
  let chunksLeft = options.maxChunks ?? Number.POSITIVE_INFINITY;
  const rows = await loadRetentionEvents(db, null);
  const schedule = retentionSchedule(rows.map(toRetentionEvent), options.now);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const result: RetentionResult = { anonymised: 0, events: [], complete: true };
  for (const s of schedule) {
    const event = byId.get(s.eventId)!;
    if (!s.due || event.pending === 0) continue;
    const sweep = await formerRecipientsSweep(db, event.id, event.network_id, event.title);
    let erased = 0;
    for (;;) {
      if (chunksLeft <= 0) {
        result.complete = false;
        break;
      }
      chunksLeft--;
      const chosen = sql`(select id from registrations where event_id = ${event.id} and anonymised_at is null
        order by id limit ${chunkSize})`;
      const { [ERASED]: updated } = await runBatch(db, [
        ...eraseStatements(chosen, now),
        // One log entry per event and run, by the first chunk that erased something.
        sql`insert into audit_log (id, network_id, at, actor_account_id, action, entity_type, entity_id, details)
          select ${crypto.randomUUID()}, ${event.network_id}, ${now}, null, 'retention.anonymised', 'event',
            ${event.id}, null
          where changes() > 0 and ${erased} = 0`,
        sweep,
      ]);
      erased += updated.results.length;
      if (updated.results.length < chunkSize) break;
    }
    if (erased > 0) result.events.push({ eventId: event.id, anonymised: erased });
    result.anonymised += erased;
    if (chunksLeft <= 0 && !result.complete) break;
  }
  return result;
}

/**
 * Erases the given registrations at once (a person's request): the same
 * statements as the job, by id, in chunks that stay under D1's parameter limit.
 * Returns the ids that were erased now (already anonymised ones are skipped).
 */
export async function eraseRegistrations(db: Db, ids: string[], now: Date) {
  const erased: string[] = [];
  for (let i = 0; i < ids.length; i += ERASURE_CHUNK) {
    const part = ids.slice(i, i + ERASURE_CHUNK);
    const chosen = sql`(select id from registrations where id in (${sql.join(
      part.map((id) => sql`${id}`),
      sql`, `,
    )}) and anonymised_at is null)`;
    const { [ERASED]: updated } = await runBatch(db, eraseStatements(chosen, now.getTime()));
    erased.push(...updated.results.map((r) => String(r.id)));
  }
  return erased;
}
