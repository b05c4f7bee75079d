// The feedback invitations of a conference: 600 people present at one session. The job claims
// the form and writes one message in a handful of statements; the queue's parts of 50 write
// the mails, each with its own link, in each person's language. Every person gets exactly one.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type Job, type JobQueue, PART_SIZE } from "../../worker/db/fan-out";
import { runFeedbackMailJob } from "../../worker/db/fan-out/feedback-invitation";
import { d1MeterReading, meterD1 } from "../../worker/lib/d1-meter";
import { db, seed, waitFor } from "../helpers";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const EVENT = "evt-fb-600";
const SESSION = "ses-fb-600";
const FORM = "form-fb-600";
const PEOPLE = Array.from({ length: 600 }, (_, i) => `fb600-${String(i).padStart(3, "0")}`);

beforeAll(async () => {
  await seed(new Date());
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare(
      `insert into events (id, network_id, type, title, capacity, default_quota, registration_opens_at, quota_deadline,
        registration_closes_at, status, created_at)
       values (?, 'net-kc9', 'conference', 'Netzwerkkonferenz 600', 700, 5, ?, ?, ?, 'published', ?)`,
    ).bind(EVENT, now - 30 * DAY, now - 20 * DAY, now - 10 * DAY, now),
    env.DB.prepare(
      "insert into event_sessions (id, event_id, position, title, starts_at, ends_at) values (?, ?, 1, 'Plenum', ?, ?)",
    ).bind(SESSION, EVENT, now - DAY, now - DAY + 3 * HOUR),
    env.DB.prepare(
      `insert into feedback_forms (id, event_id, session_id, version, title, status, min_responses, frozen, revision, created_at)
        values (?, ?, ?, 1, 'Rückmeldung', 'open', 5, 0, 0, ?)`,
    ).bind(FORM, EVENT, SESSION, now),
  ]);
  // Every third person registered in English.
  const rows = PEOPLE.flatMap((id, i) => [
    env.DB.prepare(
      `insert into registrations (id, event_id, institution_id, email, name, status, requested_at, confirmed_at,
        created_at, locale) values (?, ?, 'inst-hebammen-kh', ?, ?, 'confirmed', ?, ?, ?, ?)`,
    ).bind(
      id,
      EVENT,
      `${id}@fb600.example`,
      `Person ${id}`,
      now - 40 * DAY,
      now - 40 * DAY,
      now - 40 * DAY,
      i % 3 === 0 ? "en" : "de",
    ),
    env.DB.prepare(
      "insert into attendances (id, session_id, registration_id, kind, method, at) values (?, ?, ?, 'present', 'list', ?)",
    ).bind(`att-${id}`, SESSION, id, now - DAY),
  ]);
  for (let i = 0; i < rows.length; i += 200) await env.DB.batch(rows.slice(i, i + 200));
});

const invitations = async () =>
  (
    await env.DB.prepare(
      "select to_email as email, locale, subject from outbox where template = 'feedback_invitation' and to_email like '%@fb600.example'",
    ).all<{ email: string; locale: string; subject: string }>()
  ).results;

describe("feedback invitations to 600 people present", () => {
  it("reach each person exactly once, in parts of 50, while the job itself stays at a few statements", async () => {
    // The job's parts are held back until its statements are counted, then go to the real queue.
    const held: MessageSendRequest<Job>[][] = [];
    const holding: JobQueue = {
      sendBatch: async (batch) => {
        held.push([...batch]);
        return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0, oldestMessageTimestamp: new Date() } } };
      },
    };
    meterD1(env.DB);
    const before = d1MeterReading();
    const job = await runFeedbackMailJob({ db: db(), now: new Date() }, holding);
    const after = d1MeterReading();
    expect(job).toMatchObject({ mailed: 600 });
    if (!before.available || !after.available) throw new Error("the D1 meter is not available in the pool");
    // Three reads and writes (due forms, the people, claim + message as one batch) and the queued mark.
    expect(after.queries - before.queries).toBeLessThan(10);

    const parts = held.flat().map((m) => m.body);
    expect(parts).toHaveLength(12);
    expect(parts.every((p) => p.keys.length === PART_SIZE)).toBe(true);
    expect(new Set(parts.flatMap((p) => p.keys)).size).toBe(600);

    for (const batch of held) await env.JOBS.sendBatch(batch);
    // Delivered twice (queues deliver at least once): the second delivery writes nothing.
    await env.JOBS.sendBatch(held[0].slice(0, 2));
    const mails = await waitFor(invitations, (m) => m.length >= 600, 60_000);
    expect(mails).toHaveLength(600);
    expect(new Set(mails.map((m) => m.email)).size).toBe(600);
    expect(mails.find((m) => m.email === "fb600-000@fb600.example")).toMatchObject({
      locale: "en",
      subject: "Your feedback: Netzwerkkonferenz 600",
    });
    expect(mails.find((m) => m.email === "fb600-001@fb600.example")).toMatchObject({
      locale: "de",
      subject: "Ihre Rückmeldung: Netzwerkkonferenz 600",
    });
    // One link per person, each written with its mail.
    const links = await env.DB.prepare(
      "select count(*) as n, count(distinct registration_id) as people from feedback_invitations where form_id = ?",
    )
      .bind(FORM)
      .first<{ n: number; people: number }>();
    expect(links).toEqual({ n: 600, people: 600 });
    // A second run finds the form claimed.
    expect((await runFeedbackMailJob({ db: db(), now: new Date() }, holding)).mailed).toBe(0);
    // Nothing more arrives from the duplicate parts.
    await waitFor(invitations, () => false, 2_000);
    expect(await invitations()).toHaveLength(600);
  }, 120_000);
});
