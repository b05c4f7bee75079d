// Reminders through the real jobs (issue 17): the cron's `scheduled` handler (and POST
// /api/dev/jobs) claims what is due, the JOBS queue's consumer writes the mails. Each reminder
// goes out once, when the jobs run twice in a row or at the same moment; each recipient gets
// one mail, in their language; a participant who turned reminders off gets none.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { berlinDayAt } from "../../worker/lib/time";
import { cancelAs, createEvent, DAY, institutionsOf, register, seedAsOrganiser } from "../allocation-fixtures";
import { api, authed, json, runScheduled } from "../helpers";

const HOUR = 3_600_000;
let organiser: string;

beforeAll(async () => {
  organiser = await seedAsOrganiser();
});

const run = (query: string, ...values: unknown[]) =>
  env.DB.prepare(query)
    .bind(...values)
    .run();
const all = async <T>(query: string, ...values: unknown[]) =>
  (
    await env.DB.prepare(query)
      .bind(...values)
      .all<T>()
  ).results;

type Mail = { to: string; locale: string; subject: string; text: string; html: string };

const messagesOf = (eventId: string, kind: string) =>
  all<{ id: string; dedupe_key: string; recipient_count: number }>(
    "select id, dedupe_key, recipient_count from messages where event_id = ? and kind = ? order by created_at",
    eventId,
    kind,
  );

const mailsOf = (messageId: string) =>
  all<Mail>(
    `select to_email as "to", locale, subject, body_text as text, body_html as html from outbox
      where message_id = ? order by to_email`,
    messageId,
  );

/** The queue's consumer runs on its own: waits (bounded) until the message has `count` mails. */
async function mailsWhenWritten(messageId: string, count: number) {
  for (let i = 0; i < 100; i++) {
    const mails = await mailsOf(messageId);
    if (mails.length >= count) return mails;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return mailsOf(messageId);
}

/** An event of the demo network with its one session at 9:00–12:00 Berlin, `days` ahead, and the reminder settings given. */
async function eventWithSession(
  id: string,
  days: number,
  settings: { session?: number | null; quota?: number[]; summary?: boolean } = {},
  opts: Partial<Parameters<typeof createEvent>[1]> = {},
) {
  const insts = (await institutionsOf(2)).map((i) => i.id);
  await createEvent(id, { capacity: 10, defaultQuota: 5, institutions: insts, ...opts });
  const starts = berlinDayAt(new Date(), days, 9);
  await run(
    `update events set venue_name = 'Haus der Familie', venue_address = 'Kurhausstraße 6, 55543 Bad Kreuznach',
      venue_accessibility = 'Stufenloser Zugang, Induktionsschleife', session_reminder_days = ?,
      quota_reminder_days = ?, deadline_summary = ? where id = ?`,
    settings.session === undefined ? 2 : settings.session,
    JSON.stringify(settings.quota ?? []),
    settings.summary ? 1 : 0,
    id,
  );
  await run(
    "update event_sessions set starts_at = ?, ends_at = ?, title = 'Auftakt' where id = ?",
    starts.getTime(),
    starts.getTime() + 3 * HOUR,
    `${id}-s1`,
  );
  return { insts, starts };
}

const tokenOf = (mail: Mail) => /#t=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? "";

describe("session reminders", () => {
  it("go out once to each confirmed participant, in their language, when the jobs run at the same moment and again", async () => {
    const { insts, starts } = await eventWithSession("evt-rem-s", 30);
    await register(organiser, "evt-rem-s", { institutionId: insts[0], email: "anna@rem.example", name: "Anna" });
    await register(organiser, "evt-rem-s", {
      institutionId: insts[1],
      email: "ben@rem.example",
      name: "Ben",
      locale: "en",
    } as never);
    const gone = await json(
      await register(organiser, "evt-rem-s", { institutionId: insts[0], email: "cem@rem.example" }),
    );
    await cancelAs(organiser, gone.id);

    // Not due yet: 2 days and a minute before the start.
    await runScheduled(starts.getTime() - 2 * DAY - 60_000);
    expect(await messagesOf("evt-rem-s", "session_reminder")).toEqual([]);

    const at = starts.getTime() - 2 * DAY + HOUR;
    await Promise.all([runScheduled(at), runScheduled(at)]);
    await runScheduled(at + 5 * 60_000);
    const [message, ...more] = await messagesOf("evt-rem-s", "session_reminder");
    expect(more).toEqual([]);
    expect(message).toMatchObject({ dedupe_key: "session:evt-rem-s-s1:2d", recipient_count: 2 });

    const mails = await mailsWhenWritten(message.id, 2);
    expect(mails.map((m) => [m.to, m.locale])).toEqual([
      ["anna@rem.example", "de"],
      ["ben@rem.example", "en"],
    ]);
    const [anna, ben] = mails;
    expect(anna.subject).toMatch(/^Erinnerung: Testwerkstatt evt-rem-s: Auftakt, /);
    expect(anna.text).toContain("9:00–12:00 Uhr");
    expect(anna.text).toContain("Ort: Haus der Familie, Kurhausstraße 6, 55543 Bad Kreuznach");
    expect(anna.text).toContain("Barrierefreiheit: Stufenloser Zugang, Induktionsschleife");
    expect(anna.text).toContain("Erinnerungen per E-Mail");
    expect(ben.subject).toMatch(/^Reminder: /);
    expect(ben.text).toContain("Accessibility: Stufenloser Zugang");
    expect(ben.text).not.toContain(" Uhr");

    // The mail's personal link opens the participant's own page.
    const page = await api("/api/participation", { headers: { "x-participant-token": tokenOf(anna) } });
    expect(page.status).toBe(200);
    expect((await json(page)).registration.email).toBe("anna@rem.example");

    // A queue part delivered again writes nothing more: still one mail each.
    await runScheduled(at + 10 * 60_000);
    expect(await mailsOf(message.id)).toHaveLength(2);
  }, 60_000);

  it("leave out a participant who turned reminders off on their page, and stop at the start", async () => {
    const { insts, starts } = await eventWithSession("evt-rem-off", 20);
    await register(organiser, "evt-rem-off", { institutionId: insts[0], email: "on@rem.example" });
    await register(organiser, "evt-rem-off", { institutionId: insts[1], email: "off@rem.example" });
    // Through the personal page's operation, with the link of the confirmation.
    const token = await linkTokenOf("off@rem.example");
    const put = (body: unknown, t = token) =>
      api("/api/participation/reminders", {
        method: "PUT",
        headers: { "x-participant-token": t, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await put({ remindersOff: "yes" })).status).toBe(400);
    expect((await put({ remindersOff: true }, "x".repeat(40))).status).toBe(401);
    const off = await put({ remindersOff: true });
    expect(off.status).toBe(200);
    expect((await json(off)).registration.remindersOff).toBe(true);

    // After the start nothing is owed any more.
    await runScheduled(starts.getTime() + 60_000);
    expect(await messagesOf("evt-rem-off", "session_reminder")).toEqual([]);

    await runScheduled(starts.getTime() - DAY);
    const [message] = await messagesOf("evt-rem-off", "session_reminder");
    expect(message.recipient_count).toBe(1);
    expect((await mailsWhenWritten(message.id, 1)).map((m) => m.to)).toEqual(["on@rem.example"]);
  }, 60_000);
});

/** The personal-link token of the newest mail to this address that has one. */
async function linkTokenOf(email: string) {
  const [mail] = await all<{ text: string }>(
    "select body_text as text from outbox where to_email = ? and body_text like '%#t=%' order by created_at desc",
    email,
  );
  return /#t=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? "";
}

describe("quota reminders", () => {
  it("tell each contact of an institution with unused places how many are free, in their language, once per setting", async () => {
    // Hebammen (1 of 3 taken) and Kita Regenbogen (2 of 2 taken): only the Hebammen's contact is reminded.
    const insts = ["inst-hebammen-kh", "inst-kita-regenbogen-kh"];
    await createEvent("evt-rem-q", {
      capacity: 20,
      defaultQuota: 2,
      institutions: insts,
      overrides: { "inst-hebammen-kh": 3 },
      deadlineInDays: 10,
    });
    await run("update events set session_reminder_days = null, deadline_summary = 0 where id = 'evt-rem-q'");
    await run("update accounts set locale = 'en' where id = 'acc-contact-hebammen'");
    await register(organiser, "evt-rem-q", { institutionId: insts[0], email: "h1@rem.example" });
    await register(organiser, "evt-rem-q", { institutionId: insts[1], email: "k1@rem.example" });
    await register(organiser, "evt-rem-q", { institutionId: insts[1], email: "k2@rem.example" });
    const [{ deadline }] = await all<{ deadline: number }>(
      "select quota_deadline as deadline from events where id = 'evt-rem-q'",
    );

    await Promise.all([runScheduled(deadline - 7 * DAY + HOUR), runScheduled(deadline - 7 * DAY + HOUR)]);
    const [seven] = await messagesOf("evt-rem-q", "quota_reminder");
    expect(seven).toMatchObject({ dedupe_key: "quota:7d", recipient_count: 1 });
    const [mail] = await mailsWhenWritten(seven.id, 1);
    expect(mail.to).toBe("m.osterkamp@hebammennetzwerk-nahe.example");
    expect(mail.locale).toBe("en");
    expect(mail.text).toContain("2 of your 3 reserved places at “Testwerkstatt evt-rem-q” are still free.");
    expect(mail.text).toContain("/veranstaltungen/evt-rem-q/anmelden?institution=inst-hebammen-kh");

    // The contact registers one more colleague; the 1-day reminder says 1 of 3, and goes out once.
    await register(organiser, "evt-rem-q", { institutionId: insts[0], email: "h2@rem.example" });
    await run("update accounts set locale = 'de' where id = 'acc-contact-hebammen'");
    await runScheduled(deadline - 12 * HOUR);
    await runScheduled(deadline - 11 * HOUR);
    const reminders = await messagesOf("evt-rem-q", "quota_reminder");
    expect(reminders.map((m) => m.dedupe_key)).toEqual(["quota:7d", "quota:1d"]);
    const [late] = await mailsWhenWritten(reminders[1].id, 1);
    expect(late.text).toContain("1 von 3 reservierten Plätzen bei „Testwerkstatt evt-rem-q“ ist noch frei.");
    expect(late.text).toContain("freigegeben");
    expect(late.subject).toBe("Noch 1 Platz frei: Testwerkstatt evt-rem-q");
  }, 60_000);
});

describe("the deadline summary", () => {
  it("tells the organisers what the redistribution did, once", async () => {
    const [a, b] = (await institutionsOf(2)).map((i) => i.id);
    await createEvent("evt-rem-d", { capacity: 4, defaultQuota: 1, institutions: [a, b], deadlineInDays: 3 });
    await run("update events set session_reminder_days = null, quota_reminder_days = '[]' where id = 'evt-rem-d'");
    for (const email of ["d1@rem.example", "d2@rem.example", "d3@rem.example"])
      await register(organiser, "evt-rem-d", { institutionId: a, email });
    await register(organiser, "evt-rem-d", { institutionId: b, email: "d4@rem.example" });
    await register(organiser, "evt-rem-d", { institutionId: b, email: "d5@rem.example" });
    await register(organiser, "evt-rem-d", { institutionId: b, email: "d6@rem.example" });
    const [{ deadline }] = await all<{ deadline: number }>(
      "select quota_deadline as deadline from events where id = 'evt-rem-d'",
    );

    // The cron's allocation step redistributes, the reminders step summarises, in the same run.
    await Promise.all([runScheduled(deadline + 60_000), runScheduled(deadline + 60_000)]);
    await runScheduled(deadline + 10 * 60_000);
    const [summary, ...more] = await messagesOf("evt-rem-d", "deadline_summary");
    expect(more).toEqual([]);
    const [mail] = await mailsWhenWritten(summary.id, 1);
    expect(mail.to).toBe("koordination@kinderschutz-bad-kreuznach.example");
    expect(mail.text).toContain("Von der Warteliste weitergegeben: 2 Plätze");
    expect(mail.text).toContain("Bestätigte Plätze: 4 von 4");
    expect(mail.text).toContain("Noch auf der Warteliste: 2 Personen");
    expect(mail.text).toContain("Freie Plätze: 0");
    expect(mail.text).toContain("/veranstaltungen/evt-rem-d/platzvergabe");
  }, 60_000);
});

describe("events that owe nothing", () => {
  it("a suspended network's events, drafts and cancelled events get no reminders", async () => {
    const { insts, starts } = await eventWithSession("evt-rem-none", 40);
    await register(organiser, "evt-rem-none", { institutionId: insts[0], email: "x@rem.example" });
    await run("update networks set status = 'suspended' where id = 'net-kc9'");
    await runScheduled(starts.getTime() - DAY);
    await run("update networks set status = 'active' where id = 'net-kc9'");
    expect(await messagesOf("evt-rem-none", "session_reminder")).toEqual([]);
    await run("update events set status = 'cancelled' where id = 'evt-rem-none'");
    await runScheduled(starts.getTime() - DAY);
    expect(await messagesOf("evt-rem-none", "session_reminder")).toEqual([]);
  }, 60_000);
});

describe("POST /api/dev/jobs", () => {
  it("runs the reminders at the moment given", async () => {
    const { insts, starts } = await eventWithSession("evt-rem-dev", 50);
    await register(organiser, "evt-rem-dev", { institutionId: insts[0], email: "dev@rem.example" });
    const res = await authed(null, "/api/dev/jobs", {
      method: "POST",
      body: { at: new Date(starts.getTime() - DAY).toISOString() },
    });
    expect(res.status).toBe(200);
    expect((await json(res)).jobs.reminders).toMatchObject({ ok: true });
    const [message] = await messagesOf("evt-rem-dev", "session_reminder");
    expect((await mailsWhenWritten(message.id, 1)).map((m) => m.to)).toEqual(["dev@rem.example"]);
  }, 60_000);
});

describe("reminder settings on the event", () => {
  const base = {
    type: "workshop",
    title: "Werkstatt mit Erinnerungen",
    capacity: 10,
    defaultQuota: 1,
    registrationOpensAt: "2027-03-01T08:00:00Z",
    quotaDeadline: "2027-03-20T16:00:00Z",
    registrationClosesAt: "2027-04-01T16:00:00Z",
    sessions: [{ startsAt: "2027-04-10T07:00:00Z", endsAt: "2027-04-10T11:00:00Z" }],
  };
  const count = async () => (await all<{ n: number }>("select count(*) as n from events"))[0].n;

  it("are on by default, taken and returned, and refused out of bounds with nothing written", async () => {
    const created = await authed(organiser, "/api/networks/net-kc9/events", { method: "POST", body: base });
    expect(created.status).toBe(201);
    const event = await json(created);
    expect(event).toMatchObject({ sessionReminderDays: 2, quotaReminderDays: [7, 1], deadlineSummary: true });

    const before = await count();
    for (const bad of [
      { sessionReminderDays: 31 },
      { sessionReminderDays: -1 },
      { quotaReminderDays: [7, 7] },
      { quotaReminderDays: [1, 2, 3, 4] },
      { quotaReminderDays: [0] },
      { quotaReminderDays: [61] },
      { deadlineSummary: "yes" },
    ]) {
      const res = await authed(organiser, "/api/networks/net-kc9/events", {
        method: "POST",
        body: { ...base, ...bad },
      });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      const patch = await authed(organiser, `/api/events/${event.id}`, { method: "PATCH", body: bad });
      expect(patch.status, JSON.stringify(bad)).toBe(400);
    }
    expect(await count()).toBe(before);
    const unchanged = await json(await authed(organiser, `/api/events/${event.id}`));
    expect(unchanged).toMatchObject({ sessionReminderDays: 2, quotaReminderDays: [7, 1], deadlineSummary: true });

    const changed = await authed(organiser, `/api/events/${event.id}`, {
      method: "PATCH",
      body: { sessionReminderDays: null, quotaReminderDays: [14, 3, 1], deadlineSummary: false },
    });
    expect(changed.status).toBe(200);
    expect(await json(changed)).toMatchObject({
      sessionReminderDays: null,
      quotaReminderDays: [14, 3, 1],
      deadlineSummary: false,
    });
  });
});
