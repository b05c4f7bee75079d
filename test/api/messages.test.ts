// Messages to an event's audiences, through the API and the real JOBS queue: each person of
// the audience gets exactly one mail, in their language, with the placeholders filled; a
// contact reaches only its own delegates; bad input and previews write nothing.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { writePart } from "../../worker/db/fan-out";
import { createEvent, ORGANISER, register, seedAsOrganiser } from "../allocation-fixtures";
import { api, authed, db, json, signIn } from "../helpers";

const HEBAMMEN_CONTACT = "m.osterkamp@hebammennetzwerk-nahe.example";
const KITA_CONTACT = "k.wendelin@familienzentrum-kh.example";
const EVENT = "evt-msg";
const HEB = "inst-hebammen-kh";
const POL = "inst-polizei-kh";
const KITA = "inst-kita-regenbogen-kh";

let organiser: string;
let hebammen: string;

type Mail = { toEmail: string; locale: string; subject: string; bodyText: string; bodyHtml: string };

const mailsOf = async (messageId: string) =>
  (
    await env.DB.prepare(
      `select to_email as toEmail, locale, subject, body_text as bodyText, body_html as bodyHtml from outbox
        where message_id = ? order by to_email`,
    )
      .bind(messageId)
      .all<Mail>()
  ).results;

/** The queue's consumer writes the mails after the request: wait (bounded) until `count` are there. */
async function mailsWritten(messageId: string, count: number) {
  for (let i = 0; i < 200; i++) {
    const mails = await mailsOf(messageId);
    if (mails.length >= count) return mails;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return mailsOf(messageId);
}

const tally = async () =>
  env.DB.prepare(
    `select (select count(*) from messages) as messages, (select count(*) from outbox) as outbox,
      (select count(*) from personal_link_requests) as links, (select count(*) from audit_log) as audit`,
  ).first<Record<string, number>>();

const write = (cookie: string, path: string, body: unknown, eventId = EVENT) =>
  authed(cookie, `/api/events/${eventId}/messages${path}`, { method: "POST", body });

const waitlist = { group: "registrants", status: "waitlisted" } as const;

const people = [
  { key: "heb-de", institutionId: HEB, email: "heb-de@msg.example", name: "Hanna Bauer", locale: "de" },
  { key: "heb-en", institutionId: HEB, email: "heb-en@msg.example", name: "Helen Baker", locale: "en" },
  { key: "pol-en", institutionId: POL, email: "pol-en@msg.example", name: "Paul Pike", locale: "en" },
  { key: "pol-de", institutionId: POL, email: "pol-de@msg.example", name: "Petra Pohl", locale: "de" },
] as const;
const status: Record<string, string> = {};

beforeAll(async () => {
  organiser = await seedAsOrganiser();
  hebammen = await signIn(HEBAMMEN_CONTACT);
  await createEvent(EVENT, { capacity: 10, defaultQuota: 1, institutions: [HEB, POL, KITA] });
  for (const p of people) {
    const res = await register(organiser, EVENT, p);
    expect(res.status).toBe(201);
    status[p.key] = (await json(res)).status;
  }
  // Quota 1 each: the first of each institution is confirmed, the second waits.
  expect(status).toEqual({
    "heb-de": "confirmed",
    "heb-en": "waitlisted",
    "pol-en": "confirmed",
    "pol-de": "waitlisted",
  });
});

describe("sending to the waiting list", () => {
  let messageId: string;

  it("writes exactly one mail to each waiting person, in their language, placeholders filled", async () => {
    const before = await tally();
    const res = await write(organiser, "", {
      audience: waitlist,
      subject: "Warteliste: {Veranstaltung}",
      body: "Hallo {name},\n\nSie warten noch auf einen Platz am {Termine} ({ORT}).\nIhre Anmeldung: {Link}",
    });
    expect(res.status).toBe(202);
    const summary = await json(res);
    expect(summary).toMatchObject({ kind: "message", recipientCount: 2, audience: waitlist });
    messageId = summary.id;

    const mails = await mailsWritten(messageId, 2);
    expect(mails.map((m) => [m.toEmail, m.locale])).toEqual([
      ["heb-en@msg.example", "en"],
      ["pol-de@msg.example", "de"],
    ]);
    const [english, german] = mails;
    expect(english.subject).toBe(`Warteliste: Testwerkstatt ${EVENT}`);
    // The author's greeting only: no greeting or closing from the layout on top.
    expect(english.bodyText).toMatch(/^Hallo Helen Baker,/);
    expect(english.bodyText).not.toMatch(/Hello,|Kind regards/);
    expect(english.bodyText).toContain("You receive it because you are registered for this event.");
    expect(german.bodyText).toMatch(/^Hallo Petra Pohl,/);
    expect(german.bodyText).not.toMatch(/Guten Tag|Mit freundlichen Grüßen/);
    expect(german.bodyText).toContain("weil Sie zu dieser Veranstaltung angemeldet sind");
    expect(german.bodyText).not.toMatch(/\{[^}]*\}/);
    // Line breaks kept, the link clickable in HTML.
    expect(german.bodyHtml).toMatch(/\)\.<br>\nIhre Anmeldung: <a href="http:\/\/localhost\/teilnahme#t=[\w-]+">/);

    const after = await tally();
    expect(after?.messages).toBe((before?.messages ?? 0) + 1);
    expect(after?.links).toBe((before?.links ?? 0) + 2);
    // The personal link in the mail works (a new one beside the earlier ones).
    const token = /teilnahme#t=([\w-]+)/.exec(german.bodyText)?.[1] ?? "";
    const page = await api("/api/participation", { headers: { "x-participant-token": token } });
    expect(page.status).toBe(200);
  });

  it("writes nothing when the same part is delivered again", async () => {
    const [row] = (
      await env.DB.prepare("select recipients from messages where id = ?").bind(messageId).all<{
        recipients: string;
      }>()
    ).results;
    const before = await tally();
    const written = await writePart(env, db(), "http://localhost", {
      kind: "fan_out",
      messageId,
      keys: JSON.parse(row.recipients),
    });
    expect(written).toBe(0);
    expect(await tally()).toEqual(before);
    expect(await mailsOf(messageId)).toHaveLength(2);
  });

  it("shows the message in the history with its delivery", async () => {
    const { items } = await json(await authed(organiser, `/api/events/${EVENT}/messages`));
    const item = items.find((m: { id: string }) => m.id === messageId);
    expect(item).toMatchObject({
      kind: "message",
      subject: "Warteliste: {Veranstaltung}",
      recipientCount: 2,
      authorName: "Netzwerkkoordination Kinderschutzcluster 9",
      institutionName: null,
      delivery: { delivered: 2, failed: 0, waiting: 0, undeliverable: 0 },
    });
  });
});

describe("audiences", () => {
  const preview = async (audience: unknown, cookie = organiser) => {
    const res = await write(cookie, "/preview", { audience, subject: "Betreff", body: "Text für {Name}" });
    expect(res.status).toBe(200);
    return json(res);
  };

  it("filters registrants by status and institution", async () => {
    expect((await preview({ group: "registrants", status: "all" })).recipientCount).toBe(4);
    expect((await preview({ group: "registrants", status: "confirmed" })).recipientCount).toBe(2);
    expect((await preview({ group: "registrants", status: "all", institutionId: POL })).recipientCount).toBe(2);
  });

  it("reaches the contacts of invited institutions, or those with places still free", async () => {
    const all = await preview({ group: "contacts", filter: "all" });
    expect(all.recipientCount).toBe(2);
    // The Hebammen hold their one place; the Kita holds none of its one.
    const unused = await preview({ group: "contacts", filter: "unused_quota" });
    expect(unused.recipientCount).toBe(1);
    expect(unused.sample.to).toBe(KITA_CONTACT);
    expect(unused.sample.text).toContain("Text für Katharina Wendelin");
    expect(unused.sample.text).toContain("als Ansprechperson einer Einrichtung");
  });

  it("by session: those without a track and those in a track of that session", async () => {
    await env.DB.batch([
      env.DB.prepare(
        "insert into event_sessions (id, event_id, position, title, starts_at, ends_at) values ('evt-msg-s2', ?, 2, 'Termin 2', ?, ?)",
      ).bind(EVENT, Date.now() + 40 * 86_400_000, Date.now() + 40 * 86_400_000 + 3_600_000),
      env.DB.prepare(
        "insert into tracks (id, event_id, session_id, title, capacity) values ('evt-msg-t2', ?, 'evt-msg-s2', 'Forum am zweiten Termin', 5)",
      ).bind(EVENT),
    ]);
    const res = await register(organiser, EVENT, {
      institutionId: KITA,
      email: "kita@msg.example",
      trackId: "evt-msg-t2",
    });
    expect(res.status).toBe(201);
    expect((await preview({ group: "registrants", status: "all", sessionId: `${EVENT}-s1` })).recipientCount).toBe(4);
    expect((await preview({ group: "registrants", status: "all", sessionId: "evt-msg-s2" })).recipientCount).toBe(5);
    expect((await preview({ group: "registrants", status: "all", trackId: "evt-msg-t2" })).recipientCount).toBe(1);
  });

  it("previews the first recipient's mail without writing anything", async () => {
    const before = await tally();
    const body = await preview(waitlist);
    expect(body.recipientCount).toBe(2);
    expect(body.sample).toMatchObject({ to: "heb-en@msg.example", locale: "en", subject: "Betreff" });
    expect(body.sample.text).toContain("Text für Helen Baker");
    expect(body.sample.html).toContain('<html lang="en">');
    expect(await tally()).toEqual(before);
  });

  it("sends a test mail to the writer only, outside the history", async () => {
    const { items: before } = await json(await authed(organiser, `/api/events/${EVENT}/messages`));
    const res = await write(organiser, "/test", {
      audience: waitlist,
      subject: "Probe {event}",
      body: "Für {Name}: {link}",
    });
    expect(res.status).toBe(202);
    expect(await json(res)).toEqual({ to: ORGANISER });
    const mail = await env.DB.prepare(
      "select subject, body_text as text, body_html as html, message_id as messageId from outbox where to_email = ? order by created_at desc limit 1",
    )
      .bind(ORGANISER)
      .first<{ subject: string; text: string; html: string; messageId: string | null }>();
    expect(mail?.subject).toBe(`[Test] Probe Testwerkstatt ${EVENT}`);
    // The personal link as a marker, not a link that would only say "not valid".
    expect(mail?.text).toContain("Für Helen Baker: [personal link – in the real mail]");
    expect(mail?.text).not.toContain("/teilnahme");
    expect(mail?.html).toContain("<p>Für Helen Baker: [personal link – in the real mail]</p>");
    expect(mail?.messageId).toBeNull();
    const { items: after } = await json(await authed(organiser, `/api/events/${EVENT}/messages`));
    expect(after).toHaveLength(before.length);
  });
});

describe("refusals write nothing", () => {
  it("names an unknown placeholder (422)", async () => {
    const before = await tally();
    const res = await write(organiser, "", { audience: waitlist, subject: "Hallo {Vorname}", body: "Text {Name}" });
    expect(res.status).toBe(422);
    const problem = await json(res);
    expect(problem.code).toBe("message_unknown_placeholder");
    expect(problem.detail).toContain("{Vorname}");
    expect(await tally()).toEqual(before);
  });

  it("refuses bad input (400), an empty audience (422), an unknown session (422), an unknown event (404)", async () => {
    const before = await tally();
    expect((await write(organiser, "", { audience: { group: "everyone" }, subject: "x", body: "y" })).status).toBe(400);
    expect((await write(organiser, "", { audience: waitlist, subject: "", body: "y" })).status).toBe(400);
    const empty = await write(organiser, "", {
      audience: { group: "registrants", status: "waitlisted", institutionId: KITA },
      subject: "x",
      body: "y",
    });
    expect(empty.status).toBe(422);
    expect((await json(empty)).code).toBe("message_no_recipients");
    const session = await write(organiser, "", {
      audience: { group: "registrants", status: "all", sessionId: "evt-quota-s1" },
      subject: "x",
      body: "y",
    });
    expect((await json(session)).code).toBe("message_audience_unknown");
    const missing = await write(organiser, "", { audience: waitlist, subject: "x", body: "y" }, "evt-does-not-exist");
    expect(missing.status).toBe(404);
    expect(await tally()).toEqual(before);
  });
});

describe("a contact writes to its own delegates", () => {
  it("must name its own institution, and cannot write to contacts", async () => {
    const before = await tally();
    const cases = [
      [{ group: "registrants", status: "all" }, 422],
      [{ group: "registrants", status: "all", institutionId: POL }, 403],
      [{ group: "contacts", filter: "all" }, 403],
    ] as const;
    for (const [audience, expected] of cases)
      expect((await write(hebammen, "", { audience, subject: "x", body: "y" })).status).toBe(expected);
    expect(await tally()).toEqual(before);
  });

  it("reaches only its delegates and sees only its own messages", async () => {
    const res = await write(hebammen, "", {
      audience: { group: "registrants", status: "all", institutionId: HEB },
      subject: "Von den Hebammen",
      body: "Liebe {Name}",
    });
    expect(res.status).toBe(202);
    const summary = await json(res);
    expect(summary).toMatchObject({ recipientCount: 2, institutionName: "Hebammennetzwerk Nahe – Familienhebammen" });
    const mails = await mailsWritten(summary.id, 2);
    expect(mails.map((m) => m.toEmail)).toEqual(["heb-de@msg.example", "heb-en@msg.example"]);
    expect(mails[0].bodyText).toContain("schickt Ihnen die Einrichtung Hebammennetzwerk Nahe – Familienhebammen");

    const { items } = await json(await authed(hebammen, `/api/events/${EVENT}/messages`));
    expect(items.map((m: { id: string }) => m.id)).toEqual([summary.id]);
    const { items: all } = await json(await authed(organiser, `/api/events/${EVENT}/messages`));
    expect(all.length).toBeGreaterThan(1);
    expect(all[0].id).toBe(summary.id);
  });
});
