// The reminders job (run by jobs.ts): which events owe a reminder now (domain/reminders.ts),
// each claimed once by its dedupe key, with its recipients fixed at that moment, then handed to
// the fan-out queue. Claiming is one `insert … on conflict do nothing returning id` on the
// unique (event, dedupe key): two runs at once both try, one row results, and only the run
// that wrote it enqueues. A part delivered twice writes each mail once (fan-out/index.ts).
import { type SQL, sql } from "drizzle-orm";
import {
  DAY_MS,
  type DueReminder,
  dueReminders,
  MAX_QUOTA_REMINDER_DAYS,
  SUMMARY_WINDOW_MS,
} from "../domain/reminders";
import type { Db } from "./client";
import { enqueueMessage, type JobQueue } from "./fan-out";

type Candidate = {
  id: string;
  network_id: string;
  status: "draft" | "published" | "cancelled";
  registration_opens_at: number;
  quota_deadline: number;
  redistributed_at: number | null;
  default_quota: number;
  session_reminder_days: number | null;
  quota_reminder_days: string;
  deadline_summary: number;
  sessions: string;
  sent: string;
};

/**
 * Only events that can owe something: published, of an active network (a suspended one gets
 * no reminders), and a session starting within its reminder days, a quota deadline ahead
 * within the longest reminder, or a redistribution within the summary's window. The rules
 * decide the rest; the messages already claimed for these events come along.
 */
const candidates = (db: Db, at: number) =>
  db.all<Candidate>(sql`select e.id, e.network_id, e.status, e.registration_opens_at, e.quota_deadline,
      e.redistributed_at, e.default_quota, e.session_reminder_days, e.quota_reminder_days, e.deadline_summary,
      (select json_group_array(json_array(s.id, s.starts_at, s.ends_at)) from event_sessions s
        where s.event_id = e.id) as sessions,
      (select json_group_array(m.dedupe_key) from messages m where m.event_id = e.id
        and m.kind in ('session_reminder', 'quota_reminder', 'deadline_summary')) as sent
    from events e join networks n on n.id = e.network_id
    where e.status = 'published' and n.status = 'active' and (
      (e.session_reminder_days is not null and exists (select 1 from event_sessions s where s.event_id = e.id
        and s.starts_at > ${at} and s.starts_at <= ${at} + (e.session_reminder_days + 1) * ${DAY_MS}))
      or (e.redistributed_at is null and e.quota_reminder_days <> '[]' and e.registration_opens_at <= ${at}
        and e.quota_deadline > ${at} and e.quota_deadline <= ${at + MAX_QUOTA_REMINDER_DAYS * DAY_MS})
      or (e.deadline_summary = 1 and e.redistributed_at <= ${at} and e.redistributed_at > ${at - SUMMARY_WINDOW_MS})
    )`);

const keysOf = (db: Db, query: SQL) => db.all<{ key: string }>(query).then((rows) => rows.map((r) => r.key));

/** Who a reminder goes to, as fixed when it is claimed. */
function recipientsOf(db: Db, event: Candidate, due: DueReminder): Promise<string[]> {
  switch (due.kind) {
    // Confirmed participants in this session: no track, a track of the whole event, or one of this session.
    case "session_reminder":
      return keysOf(
        db,
        sql`select 'r:' || r.id as key from registrations r
          where r.event_id = ${event.id} and r.status = 'confirmed' and r.anonymised_at is null and r.reminders_off = 0
            and (r.track_id is null or exists (select 1 from tracks t where t.id = r.track_id
              and (t.session_id is null or t.session_id = ${due.sessionId})))
          order by r.requested_at, r.id`,
      );
    // The contacts of invited institutions that hold fewer places than their quota.
    case "quota_reminder":
      return keysOf(
        db,
        sql`select 'c:' || ro.id as key from quotas q
          join institutions i on i.id = q.institution_id and i.archived_at is null
          join roles ro on ro.institution_id = q.institution_id and ro.role = 'institution_contact'
          where q.event_id = ${event.id} and ro.network_id = ${event.network_id}
            and q.held_places < coalesce(q.places, ${event.default_quota})
          order by i.name, ro.id`,
      );
    case "deadline_summary":
      return keysOf(
        db,
        sql`select 'a:' || account_id as key from roles
          where network_id = ${event.network_id} and role = 'organiser' and institution_id is null
          order by created_at, account_id`,
      );
  }
}

/** What the history shows of the reminder (the mails themselves are written per recipient). */
const audienceOf = (due: DueReminder) =>
  due.kind === "session_reminder"
    ? { reminder: "session", sessionId: due.sessionId, days: due.days }
    : due.kind === "quota_reminder"
      ? { reminder: "quota", days: due.days }
      : { reminder: "deadline_summary" };

const paramsOf = (due: DueReminder) =>
  due.kind === "session_reminder"
    ? { sessionId: due.sessionId, days: due.days }
    : due.kind === "quota_reminder"
      ? { days: due.days }
      : {};

export type ReminderJobResult = { claimed: number; recipients: number };

/**
 * Claims and enqueues every reminder due at `now`. Safe to run twice or at once: each reminder
 * is claimed by one run. A reminder with nobody to write to is not claimed, so it is still owed
 * if someone qualifies before it lapses (e.g. registers the day before the session).
 */
export async function runReminderJobs(args: { db: Db; queue: JobQueue; now: Date }): Promise<ReminderJobResult> {
  const { db, queue, now } = args;
  const at = now.getTime();
  const result: ReminderJobResult = { claimed: 0, recipients: 0 };
  for (const event of await candidates(db, at)) {
    const sessions = (JSON.parse(event.sessions) as [string, number, number][]).map(([id, startsAt, endsAt]) => ({
      id,
      startsAt: new Date(startsAt),
      endsAt: new Date(endsAt),
    }));
    const sent = new Set((JSON.parse(event.sent) as (string | null)[]).filter((k): k is string => k !== null));
    const due = dueReminders(
      {
        status: event.status,
        registrationOpensAt: new Date(event.registration_opens_at),
        quotaDeadline: new Date(event.quota_deadline),
        redistributedAt: event.redistributed_at === null ? null : new Date(event.redistributed_at),
        sessionReminderDays: event.session_reminder_days,
        quotaReminderDays: JSON.parse(event.quota_reminder_days) as number[],
        deadlineSummary: event.deadline_summary === 1,
        sessions,
      },
      now,
      sent,
    );
    for (const reminder of due) {
      const recipients = await recipientsOf(db, event, reminder);
      if (recipients.length === 0) continue;
      const id = crypto.randomUUID();
      const [claimed] = await db.all<{ id: string }>(sql`insert into messages
          (id, network_id, event_id, kind, dedupe_key, audience, subject, recipients, params, recipient_count, created_at)
        values (${id}, ${event.network_id}, ${event.id}, ${reminder.kind}, ${reminder.dedupeKey},
          ${JSON.stringify(audienceOf(reminder))}, '', ${JSON.stringify(recipients)}, ${JSON.stringify(paramsOf(reminder))},
          ${recipients.length}, ${at})
        on conflict do nothing returning id`);
      // Another run claimed it first: it enqueues.
      if (!claimed) continue;
      await enqueueMessage(queue, db, { id, recipients }, now);
      result.claimed++;
      result.recipients += recipients.length;
    }
  }
  return result;
}
