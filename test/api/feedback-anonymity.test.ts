// Nobody but the participant can answer in their name or find out whether they
// answered. A ticket code is the registration's id, which institution contacts
// (and organisers) see: here an institution contact who read it from the list of
// its delegates, and a stranger who guessed it, try to answer with it and to
// probe with it and with the person's e-mail address. Only the person's own
// secrets work: the personal link, and a link mailed to their address.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../worker/lib/auth";
import { api, authed, json, seed, signIn } from "../helpers";

const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
const CONTACT = "m.osterkamp@hebammennetzwerk-nahe.example";
const EVENT = "evt-anon";
const SESSION = "ses-anon";
/** Delegates of inst-hebammen-kh: anon-a has answered, anon-b has not, anon-c was not there. */
const PEOPLE = ["anon-a", "anon-b", "anon-c"];
const emailOf = (id: string) => `${id}@anonym.example`;

let organiser: string;
let contact: string;
let formId: string;
let answers: Record<string, unknown>;

const snapshot = async () => {
  const all = async (sql: string) => (await env.DB.prepare(sql).all()).results;
  return {
    submissions: await all("select * from feedback_submissions order by form_id, registration_id"),
    counts: await all("select * from feedback_answer_counts order by rowid"),
    texts: await all("select * from feedback_text_answers order by id"),
    invitations: await all("select * from feedback_invitations order by token_hash"),
  };
};

const mailsTo = async (email: string) =>
  (
    await env.DB.prepare("select body_text from outbox where to_email = ? and template = 'feedback_invitation'")
      .bind(email)
      .all<{ body_text: string }>()
  ).results.map((m) => m.body_text);

const linkTokenIn = (text: string) => new RegExp(`/rueckmeldung/${formId}#k=([A-Za-z0-9_-]+)`).exec(text)?.[1];

const respond = (cookie: string | null, body: object, headers: Record<string, string> = {}) =>
  authed(cookie, `/api/feedback/${formId}/responses`, { method: "POST", body, headers });

beforeAll(async () => {
  await seed(new Date());
  organiser = await signIn(ORGANISER);
  contact = await signIn(CONTACT);
  const now = Date.now();
  const DAY = 86_400_000;
  await env.DB.batch([
    env.DB.prepare(
      `insert into events (id, network_id, type, title, capacity, default_quota, registration_opens_at, quota_deadline,
        registration_closes_at, status, created_at)
       values (?, 'net-kc9', 'workshop', 'Anonyme Werkstatt', 30, 5, ?, ?, ?, 'published', ?)`,
    ).bind(EVENT, now - 30 * DAY, now - 20 * DAY, now - 10 * DAY, now),
    env.DB.prepare(
      "insert into event_sessions (id, event_id, position, title, starts_at, ends_at) values (?, ?, 1, 'Termin 1', ?, ?)",
    ).bind(SESSION, EVENT, now - DAY, now - DAY + 3 * 3_600_000),
    ...PEOPLE.map((id) =>
      env.DB.prepare(
        `insert into registrations (id, event_id, institution_id, email, name, status, requested_at, confirmed_at, created_at)
          values (?, ?, 'inst-hebammen-kh', ?, ?, 'confirmed', ?, ?, ?)`,
      ).bind(id, EVENT, emailOf(id), `Person ${id}`, now - 40 * DAY, now - 40 * DAY, now - 40 * DAY),
    ),
    ...PEOPLE.slice(0, 2).map((id) =>
      env.DB.prepare(
        "insert into attendances (id, session_id, registration_id, kind, method, at) values (?, ?, ?, 'present', 'list', ?)",
      ).bind(`att-${id}`, SESSION, id, now - DAY),
    ),
  ]);
  const created = await authed(organiser, `/api/events/${EVENT}/feedback-forms`, {
    method: "POST",
    body: { sessionId: SESSION, template: "standard" },
  });
  const form = await json(created);
  formId = form.id;
  expect((await authed(organiser, `/api/feedback-forms/${formId}/open`, { method: "POST" })).status).toBe(200);
  answers = {};
  for (const q of form.questions as { id: string; kind: string; options: string[] }[]) {
    if (q.kind === "scale") answers[q.id] = 4;
    if (q.kind === "single") answers[q.id] = q.options[0];
    if (q.kind === "multiple") answers[q.id] = q.options.slice(0, 1);
  }
  // anon-a has answered, through the link the mail at the end of the session brought.
  const token = "mailed-link-of-anon-a-xxxxxxxxxxxxxxxxxxxxx";
  await env.DB.prepare(
    "insert into feedback_invitations (token_hash, form_id, registration_id) values (?, ?, 'anon-a')",
  )
    .bind(await hashToken(token), formId)
    .run();
  expect((await respond(null, { answers }, { "x-feedback-token": token })).status).toBe(201);
});

const jsonPost = (body: object): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

describe.each([
  ["an institution contact who sees the ticket codes of its delegates", () => contact],
  ["a stranger", () => null],
])("%s", (_who, cookieOf) => {
  it("the contact really sees the ticket codes (the registration ids)", async () => {
    const res = await authed(contact, `/api/events/${EVENT}/registrations?institutionId=inst-hebammen-kh`);
    const ids = (await json(res)).items.map((r: { id: string }) => r.id);
    expect(ids.sort()).toEqual(PEOPLE);
  });

  it("cannot answer in someone's name with their ticket code", async () => {
    const before = await snapshot();
    for (const id of ["anon-b", "NW:anon-b"]) {
      const res = await respond(cookieOf(), { ticketCode: id, answers });
      expect(res.status, id).toBe(401);
      expect((await json(res)).code, id).toBe("feedback_link_required");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("cannot find out with a ticket code whether someone answered: every code gets the same answer", async () => {
    const before = await snapshot();
    const outcomes = [];
    // Answered, not answered, absent, unknown.
    for (const id of ["anon-a", "anon-b", "anon-c", "gibt-es-nicht"]) {
      const res = await respond(cookieOf(), { ticketCode: `NW:${id}`, answers });
      const { code, detail } = await json(res);
      outcomes.push({ status: res.status, code, detail });
      const page = await json(
        await authed(cookieOf(), `/api/feedback/${formId}?ticketCode=${id}`, { headers: { "x-ticket-code": id } }),
      );
      expect(page.you, id).toBeNull();
    }
    expect(new Set(outcomes.map((o) => JSON.stringify(o))).size).toBe(1);
    expect(await snapshot()).toEqual(before);
  });

  it("cannot find out with the e-mail address either: the same 202, and a link only in the person's own mailbox", async () => {
    const before = await Promise.all(PEOPLE.map((id) => mailsTo(emailOf(id))));
    const bodies = [];
    for (const id of [...PEOPLE, "gibt-es-nicht"]) {
      const res = await authed(cookieOf(), `/api/feedback/${formId}/links`, {
        method: "POST",
        body: { email: emailOf(id) },
      });
      bodies.push(`${res.status} ${await res.text()}`);
    }
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toBe('202 {"status":"sent"}');
    const after = await Promise.all(PEOPLE.map((id) => mailsTo(emailOf(id))));
    // Whoever was present gets a link, answered or not (the link's page says which); the asker gets nothing.
    expect(after.map((m, i) => m.length - before[i].length)).toEqual([1, 1, 0]);
    expect(await mailsTo(CONTACT)).toEqual([]);
  });
});

describe("the participant", () => {
  it("answers with the link from their own mailbox, once", async () => {
    const mails = await mailsTo(emailOf("anon-b"));
    const token = linkTokenIn(mails.at(-1)!)!;
    const headers = { "x-feedback-token": token };
    expect((await json(await api(`/api/feedback/${formId}`, { headers }))).you).toEqual({
      attended: true,
      answered: false,
    });
    expect((await respond(null, { answers }, headers)).status).toBe(201);
    expect((await respond(null, { answers }, headers)).status).toBe(409);
  });

  it("asking for links is rate-limited per address and client, so strangers cannot lock the person out", async () => {
    const email = "viele-links@anonym.example";
    const ask = (ip: string) =>
      api(`/api/feedback/${formId}/links`, {
        ...jsonPost({ email }),
        headers: { ...jsonPost({ email }).headers, "cf-connecting-ip": ip },
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await ask("203.0.113.50")).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    // Another client, e.g. the person on their own phone, is still answered.
    expect((await ask("198.51.100.50")).status).toBe(202);
  });

  it("a new link voids none: the one already in the person's mailbox keeps working", async () => {
    const email = emailOf("anon-a");
    const first = linkTokenIn((await mailsTo(email)).at(-1)!)!;
    const res = await api(`/api/feedback/${formId}/links`, {
      ...jsonPost({ email }),
      headers: { ...jsonPost({ email }).headers, "cf-connecting-ip": "203.0.113.77" },
    });
    expect(res.status).toBe(202);
    const second = linkTokenIn((await mailsTo(email)).at(-1)!)!;
    expect(second).not.toBe(first);
    for (const token of [first, second]) {
      const you = (await json(await api(`/api/feedback/${formId}`, { headers: { "x-feedback-token": token } }))).you;
      expect(you).toMatchObject({ attended: true });
    }
  });
});

describe("the organiser answering an access request (Art. 15) for the person", () => {
  it("learns neither whether they answered nor a link to answer with", async () => {
    for (const id of ["anon-a", "anon-b"]) {
      const res = await authed(organiser, "/api/networks/net-kc9/personal-data/access", {
        method: "POST",
        body: { email: emailOf(id) },
      });
      expect(res.status).toBe(200);
      const data = await json(res);
      const text = JSON.stringify(data);
      expect(data.registrations.map((r: { id: string }) => r.id)).toEqual([id]);
      expect(data.registrations[0].feedback, id).toBeNull();
      // Neither the link of a feedback mail nor that such a mail was written (which says "not answered yet").
      expect(text, id).not.toMatch(/#k=[A-Za-z0-9_-]{20,}/);
      expect(text, id).not.toContain(formId);
      expect(
        data.mails.filter((m: { subject: string }) => m.subject.startsWith("Ihre Rückmeldung")),
        id,
      ).toEqual([]);
    }
  });
});

describe("an institution contact swapping the delegate for themselves", () => {
  it("is refused once the delegate attended, so the registration's attendance and answers stay the delegate's", async () => {
    const before = await env.DB.prepare("select * from registrations where id = 'anon-b'").first();
    const res = await authed(contact, "/api/registrations/anon-b/swap", {
      method: "POST",
      body: { name: "Merle Osterkamp", email: CONTACT, privacyAcknowledged: true },
    });
    expect(res.status, await res.clone().text()).toBe(409);
    expect((await json(res)).code).toBe("registration_attended");
    expect(await env.DB.prepare("select * from registrations where id = 'anon-b'").first()).toEqual(before);
    // Before the session a place can still be handed on.
    const absent = await authed(contact, "/api/registrations/anon-c/swap", {
      method: "POST",
      body: { name: "Kollegin", email: "kollegin@anonym.example", privacyAcknowledged: true },
    });
    expect(absent.status, await absent.clone().text()).toBe(200);
  });
});
