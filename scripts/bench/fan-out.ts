// Fan-out in `npm run bench` (issue 17): a message to the 1,500 registrants of the rush's
// conference (500 institutions), and 1,500 session reminders of a second conference, both
// through the JOBS queue into the local outbox. For each: recipients, mails written, sent,
// failed, duplicates, the seconds from "send" to the last mail written, and the D1
// statements per mail (the worker's meter over the whole fan-out, less the polling).
import { SESSION_COOKIE } from "../../worker/lib/auth";
import { log, sleep } from "./config";
import { readMeter } from "./measure";
import { RUSH } from "./rush";

type ProxyDb = {
  prepare(query: string): { bind(...values: unknown[]): unknown };
  batch(statements: unknown[]): Promise<unknown>;
};

export const REMINDERS = { eventId: "bench-remind", people: 1_500, perInstitution: 3 } as const;

/** A conference tomorrow (due for its two-days-ahead reminder at once) with 1,500 confirmed people, every fifth in English. */
export async function loadReminderEvent(d1: ProxyDb, networkId: string, now: Date) {
  const day = 86_400_000;
  const t = now.getTime();
  const p = (sql: string, ...values: unknown[]) => d1.prepare(sql).bind(...values);
  await d1.batch([
    p(
      `insert into events (id, network_id, type, title, capacity, default_quota, registration_opens_at, quota_deadline,
        registration_closes_at, redistributed_at, status, invitation_mode, promotion_mode, offer_hours, venue_name,
        venue_address, venue_accessibility, created_at)
      values (?, ?, 'network_conference', 'Bench-Fachtag', ?, ?, ?, ?, ?, ?, 'published', 'picked', 'offer', 48,
        'Stadthalle', 'Markt 1, 55543 Bad Kreuznach', 'Stufenloser Zugang über den Hof', ?)`,
      REMINDERS.eventId,
      networkId,
      REMINDERS.people,
      REMINDERS.perInstitution,
      t - 20 * day,
      t - 10 * day,
      t + day / 2,
      t - 10 * day,
      t,
    ),
    p(
      `insert into event_sessions (id, event_id, position, title, starts_at, ends_at) values (?, ?, 1, 'Fachtag', ?, ?)`,
      `${REMINDERS.eventId}-session`,
      REMINDERS.eventId,
      t + day,
      t + day + 6 * 3_600_000,
    ),
    p(
      `insert into quotas (event_id, institution_id, places) select ?, id, null from institutions where id like 'bench-inst-%'`,
      REMINDERS.eventId,
    ),
    p(
      `with recursive n(i) as (select 0 union all select i + 1 from n where i < cast(? as integer) - 1)
      insert into registrations (id, event_id, institution_id, email, name, status, reason_code, requested_at,
        confirmed_at, created_at, locale)
      select 'bench-remind-' || i, ?, 'bench-inst-' || (i % cast(? as integer) + 1), 'remind-' || i || '@bench.example',
        'Teilnehmende ' || i, 'confirmed', 'within_quota', ?, ?, ?, case when i % 5 = 0 then 'en' else 'de' end
      from n`,
      REMINDERS.people,
      REMINDERS.eventId,
      RUSH.institutions,
      t - 5 * day,
      t - 5 * day,
      t - 5 * day,
    ),
  ]);
}

type Delivery = { delivered: number; failed: number; waiting: number; undeliverable: number; skipped: number };
type Summary = { id: string; kind: string; recipientCount: number; delivery: Delivery };

const headers = (baseURL: string, token: string) => ({
  "content-type": "application/json",
  cookie: `${SESSION_COOKIE}=${token}`,
  origin: baseURL,
});

async function history(baseURL: string, token: string, eventId: string): Promise<Summary[]> {
  const res = await fetch(`${baseURL}/api/events/${eventId}/messages`, { headers: headers(baseURL, token) });
  if (res.status !== 200) throw new Error(`GET messages: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { items: Summary[] }).items;
}

const settled = (s: Summary) => s.delivery.delivered + s.delivery.failed + s.delivery.undeliverable >= s.recipientCount;

export type FanOutRun = {
  label: string;
  messageIds: string[];
  startedAt: number;
  recipients: number;
  /** D1 statements the worker ran from "send" until the last part was written, polling excluded. */
  statements: number | null;
  timedOut: boolean;
};

/** Waits (polling the history once a second, at most 5 minutes) until every mail of the messages is delivered or failed. */
async function follow(baseURL: string, token: string, eventId: string, pick: (s: Summary) => boolean) {
  const deadline = Date.now() + 300_000;
  let polls = 0;
  for (;;) {
    polls++;
    const mine = (await history(baseURL, token, eventId)).filter(pick);
    if (mine.length > 0 && mine.every(settled)) return { mine, polls, timedOut: false };
    if (Date.now() > deadline) return { mine, polls, timedOut: true };
    await sleep(1_000);
  }
}

/** What one history poll costs in statements, to take the polling out of the figure. */
async function pollCost(baseURL: string, token: string, eventId: string) {
  const before = await readMeter(baseURL);
  await history(baseURL, token, eventId);
  const after = await readMeter(baseURL);
  return before && after ? after.queries - before.queries : 0;
}

export async function sendMessage(baseURL: string, token: string): Promise<FanOutRun> {
  const perPoll = await pollCost(baseURL, token, RUSH.eventId);
  const before = await readMeter(baseURL);
  const startedAt = Date.now();
  const res = await fetch(`${baseURL}/api/events/${RUSH.eventId}/messages`, {
    method: "POST",
    headers: headers(baseURL, token),
    body: JSON.stringify({
      audience: { group: "registrants", status: "all" },
      subject: "Hinweise zur {Veranstaltung}",
      body: "Guten Tag {Name},\n\nhier die Hinweise zur Anreise. Ihre Anmeldung: {Link}",
    }),
  });
  if (res.status !== 202) throw new Error(`POST message: ${res.status} ${await res.text()}`);
  const sent = (await res.json()) as Summary;
  log(`message ${sent.id} to ${sent.recipientCount} recipients accepted; following its delivery`);
  const { mine, polls, timedOut } = await follow(baseURL, token, RUSH.eventId, (s) => s.id === sent.id);
  const after = await readMeter(baseURL);
  return {
    label: `message to the conference's registrants (${RUSH.institutions} institutions)`,
    messageIds: [sent.id],
    startedAt,
    recipients: mine[0]?.recipientCount ?? sent.recipientCount,
    statements: before && after ? after.queries - before.queries - polls * perPoll : null,
    timedOut,
  };
}

export async function runReminders(baseURL: string, token: string): Promise<FanOutRun> {
  const perPoll = await pollCost(baseURL, token, REMINDERS.eventId);
  const before = await readMeter(baseURL);
  const startedAt = Date.now();
  const res = await fetch(`${baseURL}/api/dev/jobs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  if (res.status !== 200) throw new Error(`POST /api/dev/jobs: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  const { mine, polls, timedOut } = await follow(
    baseURL,
    token,
    REMINDERS.eventId,
    (s) => s.kind === "session_reminder",
  );
  const after = await readMeter(baseURL);
  return {
    label: "session reminders of a conference tomorrow",
    messageIds: mine.map((s) => s.id),
    startedAt,
    recipients: mine.reduce((a, s) => a + s.recipientCount, 0),
    // The jobs' own reads (every job, not only the reminders) are in this figure.
    statements: before && after ? after.queries - before.queries - polls * perPoll : null,
    timedOut,
  };
}

export type FanOutFigures = FanOutRun & {
  written: number;
  sent: number;
  failed: number;
  duplicates: number;
  seconds: number | null;
};

/** Read from the outbox after the server stopped. */
export async function fanOutFigures(d1: ProxyDb, run: FanOutRun): Promise<FanOutFigures> {
  if (run.messageIds.length === 0) return { ...run, written: 0, sent: 0, failed: 0, duplicates: 0, seconds: null };
  const marks = run.messageIds.map(() => "?").join(", ");
  const row = (await (
    d1.prepare(
      `select count(*) as written, sum(status = 'sent') as sent, sum(status in ('failed', 'dead')) as failed,
        count(*) - count(distinct message_id || to_email) as duplicates, max(created_at) as last
      from outbox where message_id in (${marks})`,
    ) as { bind(...v: unknown[]): { first<T>(): Promise<T | null> } }
  )
    .bind(...run.messageIds)
    .first<{ written: number; sent: number; failed: number; duplicates: number; last: number | null }>()) ?? {
    written: 0,
    sent: 0,
    failed: 0,
    duplicates: 0,
    last: null,
  };
  return {
    ...run,
    written: row.written,
    sent: row.sent ?? 0,
    failed: row.failed ?? 0,
    duplicates: row.duplicates,
    seconds: row.last ? (row.last - run.startedAt) / 1000 : null,
  };
}

export function fanOutRows(figures: FanOutFigures[]) {
  return figures.map((f) => [
    f.label,
    String(f.recipients),
    String(f.written),
    String(f.sent),
    String(f.failed),
    String(f.duplicates),
    f.seconds === null ? "–" : f.seconds.toFixed(1),
    f.statements === null || f.written === 0 ? "–" : (f.statements / f.written).toFixed(2),
    f.timedOut ? "timed out" : "",
  ]);
}

export const fanOutHeader = [
  "fan-out",
  "recipients",
  "mails written",
  "sent",
  "failed",
  "duplicates",
  "s send → last mail",
  "D1 statements / mail",
  "",
];
