// The retention job on a clock moved past the period: it erases exactly the
// personal data of the due event's participants, keeps every count, leaves the
// rest alone, changes nothing when run again, and finishes after an interruption.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { runRetention } from "../../worker/db/retention";
import { outbox, registrations } from "../../worker/db/schema";
import { addBerlinMonths } from "../../worker/domain/retention";
import { formatEventDates } from "../../worker/lib/time";
import { authed, db, json, seed, signIn } from "../helpers";

const NOW = new Date("2026-11-23T09:00:00Z");
const NET = "net-kc9";
const PAST = "evt-kickoff-2026";
const LATER = "evt-qe-werkstatt";
const DAY = 86_400_000;

const all = async <T = Record<string, unknown>>(query: string, ...binds: unknown[]) =>
  (
    await env.DB.prepare(query)
      .bind(...binds)
      .all<T>()
  ).results;

/** The tables the job may touch, as they are now. */
const snapshot = async () => ({
  registrations: await all("select * from registrations order by id"),
  outbox: await all("select * from outbox order by id"),
  audit: await all("select * from audit_log order by id"),
  history: await all("select * from registration_history order by id"),
  attendances: await all("select * from attendances order by id"),
  contactPersons: await all("select * from contact_persons order by id"),
  accounts: await all("select * from accounts order by id"),
});

/** What must survive an erasure: places per institution, sector and status, and attendance per session. */
const aggregates = async (eventId: string) => ({
  byInstitution: await all(
    "select institution_id, status, is_walk_in, count(*) as n from registrations where event_id = ? group by 1, 2, 3 order by 1, 2, 3",
    eventId,
  ),
  bySector: await all(
    "select i.sector_key, r.status, count(*) as n from registrations r join institutions i on i.id = r.institution_id where r.event_id = ? group by 1, 2 order by 1, 2",
    eventId,
  ),
  attendance: await all(
    "select a.session_id, a.kind, count(*) as n from attendances a join registrations r on r.id = a.registration_id where r.event_id = ? group by 1, 2 order by 1, 2",
    eventId,
  ),
});

let lastEnd: Date;
let pastDue: Date;
const PAST_PEOPLE = 14;

beforeAll(async () => {
  await seed(NOW);
  const [session] = await all<{ id: string; starts_at: number; ends_at: number }>(
    "select id, starts_at, ends_at from event_sessions where event_id = ?",
    PAST,
  );
  lastEnd = new Date(session.ends_at);
  pastDue = addBerlinMonths(lastEnd, 12);
  const institutions = await all<{ id: string }>(
    "select id from institutions where network_id = ? order by id limit 6",
    NET,
  );
  const statuses = ["confirmed", "confirmed", "confirmed", "cancelled", "waitlisted"] as const;
  const rows = Array.from({ length: PAST_PEOPLE }, (_, i) => ({
    id: `reg-past-${String(i).padStart(2, "0")}`,
    eventId: PAST,
    institutionId: institutions[i % institutions.length].id,
    email: `person${i}@past.example`,
    name: `Person Vergangen ${i}`,
    function: `Funktion ${i}`,
    accessibilityNeeds: i % 3 === 0 ? `Rollstuhlplatz ${i}` : "",
    status: statuses[i % statuses.length],
    reasonCode: "within_quota",
    requestedAt: new Date(lastEnd.getTime() - 60 * DAY),
    confirmedAt: new Date(lastEnd.getTime() - 60 * DAY),
    personalTokenHash: `hash-past-${i}`,
    privacyAcknowledgedAt: new Date(lastEnd.getTime() - 60 * DAY),
    isWalkIn: i === 13,
    createdAt: new Date(lastEnd.getTime() - 60 * DAY),
  }));
  // One row per statement: D1 binds at most 100 parameters.
  for (const row of rows) await db().insert(registrations).values(row);
  const statements = [
    ...rows
      .filter((r) => r.status === "confirmed")
      .map((r, i) =>
        env.DB.prepare(
          "insert into attendances (id, session_id, registration_id, kind, method, at) values (?, ?, ?, ?, 'list', ?)",
        ).bind(`att-${r.id}`, session.id, r.id, i % 4 === 3 ? "excused" : "present", session.starts_at),
      ),
    ...rows.map((r) =>
      env.DB.prepare(
        "insert into registration_history (id, registration_id, at, action, reason_code) values (?, ?, ?, 'registered', 'within_quota')",
      ).bind(`hist-${r.id}`, r.id, r.requestedAt.getTime()),
    ),
  ];
  // A feedback form of the past event: person 0 was sent a link and answered.
  statements.push(
    env.DB.prepare(
      "insert into feedback_forms (id, event_id, title, status, created_at) values ('form-past', ?, 'Rückmeldung', 'closed', ?)",
    ).bind(PAST, session.starts_at),
    env.DB.prepare(
      "insert into feedback_invitations (token_hash, form_id, registration_id) values ('hash-fb-past-0', 'form-past', 'reg-past-00')",
    ),
    env.DB.prepare(
      "insert into feedback_submissions (form_id, registration_id, nonce) values ('form-past', 'reg-past-00', 'n')",
    ),
  );
  await env.DB.batch(statements);
  // Mails: about the past event to its participants (must go), about the later event to
  // one of them (must stay), and about the past event to a person who gave the place to a
  // colleague and is registered nowhere (must go, found by title and dates).
  const dates = formatEventDates([{ startsAt: new Date(session.starts_at), endsAt: lastEnd }], "de");
  const title = "Auftaktveranstaltung Kinderschutzcluster 9";
  const mail = (id: string, to: string, subject: string, text: string) => ({
    id,
    networkId: NET,
    toEmail: to,
    template: "registration_update",
    subject,
    bodyText: text,
    bodyHtml: `<p>${text}</p>`,
    status: "sent" as const,
    nextAttemptAt: lastEnd,
    createdAt: lastEnd,
  });
  const mails = [
    ...rows.map((r) =>
      mail(`mail-${r.id}`, r.email, `Anmeldung bestätigt: ${title}`, `Ihr Platz bei „${title}“ (${dates}) …`),
    ),
    mail(
      "mail-keep-later",
      "person0@past.example",
      "Anmeldung bestätigt: Qualitätsentwicklungswerkstatt Kinderschutz 2027",
      "Ihr Platz bei „Qualitätsentwicklungswerkstatt Kinderschutz 2027“ …",
    ),
    mail("mail-swapped", "swapped@past.example", `Abmeldung: ${title}`, `Ihre Anmeldung zu „${title}“ (${dates}) …`),
    mail("mail-other-event", "someone@else.example", "Abmeldung: Anderes", "Ihre Anmeldung zu „Anderes“ …"),
  ];
  for (const m of mails) await db().insert(outbox).values(m);
  // The same person at the later event: that registration is not due and stays whole.
  await db().insert(registrations).values({
    id: "reg-later-person0",
    eventId: LATER,
    institutionId: rows[0].institutionId,
    email: "person0@past.example",
    name: "Person Vergangen 0",
    status: "waitlisted",
    reasonCode: "quota_exhausted",
    requestedAt: NOW,
    createdAt: NOW,
  });
});

describe("the retention job", () => {
  it("does nothing before the period has passed", async () => {
    const before = await snapshot();
    const result = await runRetention(db(), { now: new Date(pastDue.getTime() - 60_000) });
    expect(result).toEqual({ anonymised: 0, events: [], complete: true });
    expect(await snapshot()).toEqual(before);
  });

  it("erases exactly the due event's participants on a clock moved past the period, keeping every count", async () => {
    const now = new Date(pastDue.getTime() + DAY);
    const before = await snapshot();
    const aggregatesBefore = await aggregates(PAST);
    const result = await runRetention(db(), { now });
    expect(result).toEqual({
      anonymised: PAST_PEOPLE,
      events: [{ eventId: PAST, anonymised: PAST_PEOPLE }],
      complete: true,
    });
    const after = await snapshot();

    const past = after.registrations.filter((r) => r.event_id === PAST);
    expect(past).toHaveLength(PAST_PEOPLE);
    for (const r of past) {
      expect(r).toMatchObject({
        name: "",
        email: `${r.id}@erased.invalid`,
        function: "",
        accessibility_needs: "",
        personal_token_hash: null,
        anonymised_at: now.getTime(),
      });
      const old = before.registrations.find((b) => b.id === r.id)!;
      // What the counts are made of stays.
      for (const key of ["institution_id", "status", "is_walk_in", "requested_at", "confirmed_at", "event_id"])
        expect(r[key], key).toEqual(old[key]);
    }
    expect(await aggregates(PAST)).toEqual(aggregatesBefore);
    expect(after.attendances).toEqual(before.attendances);
    expect(after.history).toEqual(before.history);
    // The feedback link stops working; that someone answered stays (for the counts), tied to no one.
    const feedbackRows = async (table: string) =>
      (await env.DB.prepare(`select count(*) as n from ${table} where form_id = 'form-past'`).first<{ n: number }>())
        ?.n;
    expect(await feedbackRows("feedback_invitations")).toBe(0);
    expect(await feedbackRows("feedback_submissions")).toBe(1);

    // Everything else is untouched: the later event (also the same person there), contacts, accounts.
    expect(after.registrations.filter((r) => r.event_id !== PAST)).toEqual(
      before.registrations.filter((r) => r.event_id !== PAST),
    );
    expect(after.registrations.find((r) => r.id === "reg-later-person0")).toMatchObject({
      email: "person0@past.example",
      name: "Person Vergangen 0",
      anonymised_at: null,
    });
    expect(after.contactPersons).toEqual(before.contactPersons);
    expect(after.accounts).toEqual(before.accounts);

    // Mails about the past event are gone, to participants and to the swapped-out person; the rest stays.
    const gone = before.outbox.filter((m) => !after.outbox.some((a) => a.id === m.id)).map((m) => m.id);
    expect(gone.sort()).toEqual([...past.map((r) => `mail-${r.id}`), "mail-swapped"].sort());
    expect(after.outbox.map((m) => m.id)).toEqual(expect.arrayContaining(["mail-keep-later", "mail-other-event"]));

    // No trace of any erased value anywhere in these tables.
    const text = JSON.stringify(after);
    for (let i = 0; i < PAST_PEOPLE; i++) {
      // Person 0 is still registered for the later event, under the same name and address.
      if (i !== 0) {
        expect(text).not.toContain(`Person Vergangen ${i}"`);
        expect(text).not.toContain(`person${i}@past.example`);
      }
      expect(text).not.toContain(`Funktion ${i}"`);
      expect(text).not.toContain(`Rollstuhlplatz ${i}"`);
    }
    expect(text).not.toContain("swapped@past.example");

    // One log entry for the job, by no account, naming the event only.
    const logged = after.audit.filter((a) => !before.audit.some((b) => b.id === a.id));
    expect(logged).toEqual([
      expect.objectContaining({
        action: "retention.anonymised",
        entity_type: "event",
        entity_id: PAST,
        actor_account_id: null,
        details: null,
      }),
    ]);
  });

  it("changes nothing when run twice in a row", async () => {
    const before = await snapshot();
    for (const at of [pastDue.getTime() + DAY, pastDue.getTime() + 2 * DAY]) {
      expect(await runRetention(db(), { now: new Date(at) })).toEqual({ anonymised: 0, events: [], complete: true });
      expect(await snapshot()).toEqual(before);
    }
  });

  it("shows organisers what will be erased and when, and what was", async () => {
    const organiser = await signIn("koordination@kinderschutz-bad-kreuznach.example");
    const res = await authed(organiser, `/api/networks/${NET}/retention`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.retentionMonths).toBe(12);
    const past = body.items.find((i: { eventId: string }) => i.eventId === PAST);
    expect(past).toMatchObject({ pending: 0, erased: PAST_PEOPLE, months: 12, dueAt: pastDue.toISOString() });
    const later = body.items.find((i: { eventId: string }) => i.eventId === LATER);
    const [{ last }] = await all<{ last: number }>(
      "select max(ends_at) as last from event_sessions where event_id = ?",
      LATER,
    );
    expect(later).toMatchObject({ erased: 0, months: 12, due: false });
    expect(later.pending).toBeGreaterThan(30);
    expect(later.dueAt).toBe(addBerlinMonths(new Date(last), 12).toISOString());
    // Counts only: no names or addresses in the overview.
    expect(JSON.stringify(body)).not.toContain("@");
  });

  it("finishes correctly after an interrupted run", async () => {
    const [{ last }] = await all<{ last: number }>(
      "select max(ends_at) as last from event_sessions where event_id = ?",
      LATER,
    );
    const now = new Date(addBerlinMonths(new Date(last), 12).getTime() + DAY);
    // Every event whose period has passed by then (the demo may hold more than the workshop).
    const dueEvents = (
      await all<{ id: string; last: number }>(
        "select event_id as id, max(ends_at) as last from event_sessions group by event_id",
      )
    )
      .filter((e) => addBerlinMonths(new Date(e.last), 12) <= now)
      .map((e) => e.id);
    expect(dueEvents).toContain(LATER);
    const pending = async () =>
      (
        await all<{ id: string }>(
          `select id from registrations where anonymised_at is null and event_id in (${dueEvents.map(() => "?").join(",")})`,
          ...dueEvents,
        )
      ).length;
    const total = await pending();
    expect(total).toBeGreaterThan(30);
    const aggregatesBefore = await Promise.all(dueEvents.map(aggregates));

    const cut = await runRetention(db(), { now, chunkSize: 10, maxChunks: 1 });
    expect(cut).toMatchObject({ anonymised: 10, complete: false });
    expect(await pending()).toBe(total - 10);

    const rest = await runRetention(db(), { now, chunkSize: 7 });
    expect(rest).toMatchObject({ anonymised: total - 10, complete: true });
    expect(await pending()).toBe(0);
    const left = await all(
      "select id from registrations where anonymised_at is not null and (name <> '' or email not like '%@erased.invalid' or personal_token_hash is not null)",
    );
    expect(left).toEqual([]);
    expect(await Promise.all(dueEvents.map(aggregates))).toEqual(aggregatesBefore);
    expect(await all("select id from outbox where to_email = 'person0@past.example'")).toEqual([]);

    const before = await snapshot();
    expect(await runRetention(db(), { now })).toEqual({ anonymised: 0, events: [], complete: true });
    expect(await snapshot()).toEqual(before);
  });

  it("respects an event's own period over the network's", async () => {
    await env.DB.prepare("update events set retention_months = 1 where id = 'evt-datenschutz'").run();
    await env.DB.prepare(
      "insert into registrations (id, event_id, institution_id, email, name, status, requested_at, created_at, is_override, is_walk_in) select 'reg-ds-1', 'evt-datenschutz', institution_id, 'ds@x.example', 'Dana Datenschutz', 'confirmed', 0, 0, 0, 0 from quotas where event_id = 'evt-datenschutz' limit 1",
    ).run();
    const [{ last }] = await all<{ last: number }>(
      "select max(ends_at) as last from event_sessions where event_id = 'evt-datenschutz'",
    );
    const due = addBerlinMonths(new Date(last), 1);
    expect((await runRetention(db(), { now: new Date(due.getTime() - 1000) })).anonymised).toBe(0);
    expect(await runRetention(db(), { now: due })).toMatchObject({
      anonymised: 1,
      events: [{ eventId: "evt-datenschutz" }],
    });
  });
});
