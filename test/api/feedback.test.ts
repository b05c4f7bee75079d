// Feedback: building forms, answering once after attending, anonymity of what is
// stored, the minimum number of responses, new versions and the mail when a session ends.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { runFeedbackMailJob } from "../../worker/db/fan-out/feedback-invitation";
import { loadForm, submitAnswer } from "../../worker/db/feedback";
import { hashToken } from "../../worker/lib/auth";
import { api, authed, db, json, OTHER, seed, seedOtherNetwork, signIn, waitFor } from "../helpers";

const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
const DAY = 86_400_000;
const HOUR = 3_600_000;
const EVENT = "evt-fb";
const PAST = "evt-fb-past";
const NEXT = "evt-fb-next";
const PEOPLE = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"].map((x) => `fb-${x}`);
/** Present at the past session: all but the last two; fb-j was excused, fb-k never came. */
const PRESENT = PEOPLE.slice(0, 9);

let organiser: string;
let otherOrganiser: string;

const tokenOf = (registrationId: string) => `personal-token-of-${registrationId}-xxxxxxxxxxxx`;

beforeAll(async () => {
  await seed(new Date());
  await seedOtherNetwork();
  organiser = await signIn(ORGANISER);
  otherOrganiser = await signIn(OTHER.organiserEmail);
  const now = Date.now();
  const institutions = ["inst-hebammen-kh", "inst-kita-regenbogen-kh", "inst-polizei-kh"];
  await env.DB.batch([
    env.DB.prepare(
      `insert into events (id, network_id, type, title, capacity, default_quota, registration_opens_at, quota_deadline,
        registration_closes_at, status, created_at)
       values (?, 'net-kc9', 'workshop', 'Feedback-Werkstatt', 30, 5, ?, ?, ?, 'published', ?)`,
    ).bind(EVENT, now - 30 * DAY, now - 20 * DAY, now - 10 * DAY, now),
    env.DB.prepare(
      "insert into event_sessions (id, event_id, position, title, starts_at, ends_at) values (?, ?, 1, 'Termin 1', ?, ?)",
    ).bind(PAST, EVENT, now - DAY, now - DAY + 3 * HOUR),
    env.DB.prepare(
      "insert into event_sessions (id, event_id, position, title, starts_at, ends_at) values (?, ?, 2, 'Termin 2', ?, ?)",
    ).bind(NEXT, EVENT, now + HOUR, now + 4 * HOUR),
    ...(await Promise.all(
      PEOPLE.map(async (id, i) =>
        env.DB.prepare(
          `insert into registrations (id, event_id, institution_id, email, name, status, requested_at, confirmed_at,
            personal_token_hash, created_at) values (?, ?, ?, ?, ?, 'confirmed', ?, ?, ?, ?)`,
        ).bind(
          id,
          EVENT,
          institutions[i % 3],
          `${id}@feedback.example`,
          `Person ${id}`,
          now - 40 * DAY,
          now - 40 * DAY,
          await hashToken(tokenOf(id)),
          now - 40 * DAY,
        ),
      ),
    )),
    ...PRESENT.map((id) =>
      env.DB.prepare(
        "insert into attendances (id, session_id, registration_id, kind, method, at) values (?, ?, ?, 'present', 'list', ?)",
      ).bind(`att-${id}`, PAST, id, now - DAY),
    ),
    env.DB.prepare(
      "insert into attendances (id, session_id, registration_id, kind, at) values ('att-fb-j', ?, 'fb-j', 'excused', ?)",
    ).bind(PAST, now - DAY),
  ]);
});

type Form = {
  id: string;
  title: string;
  status: string;
  version: number;
  frozen: boolean;
  responses: number;
  minResponses: number;
  questions: { id: string; kind: string; prompt: string; options: string[]; required: boolean }[];
};

async function createForm(sessionId: string | null = PAST, cookie = organiser): Promise<Form> {
  const res = await authed(cookie, `/api/events/${EVENT}/feedback-forms`, {
    method: "POST",
    body: { sessionId, template: "standard" },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return json(res);
}

async function openForm(formId: string) {
  const res = await authed(organiser, `/api/feedback-forms/${formId}/open`, { method: "POST" });
  expect(res.status, await res.clone().text()).toBe(200);
  return json<Form>(res);
}

/** A complete valid answer to the standard template: scales, both choices and a text. */
function answerTo(form: Form, scale: number, text = "") {
  const answers: Record<string, unknown> = {};
  for (const q of form.questions) {
    if (q.kind === "scale") answers[q.id] = scale;
    if (q.kind === "single") answers[q.id] = q.options[0];
    if (q.kind === "multiple") answers[q.id] = q.options.slice(0, 2);
    if (q.kind === "text" && text) answers[q.id] = text;
  }
  return answers;
}

const answer = (formId: string, body: object, headers: Record<string, string> = {}) =>
  api(`/api/feedback/${formId}/responses`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

/** The token of a link mailed to `registrationId` for `formId` (as the session-end mail or a link request writes it). */
async function mailedLink(formId: string, registrationId: string) {
  const token = `mailed-link-${formId}-${registrationId}`.padEnd(43, "x");
  await env.DB.prepare(
    "insert or ignore into feedback_invitations (token_hash, form_id, registration_id) values (?, ?, ?)",
  )
    .bind(await hashToken(token), formId, registrationId)
    .run();
  return token;
}

/** An answer by the person's own mailed link. */
const byLink = async (form: Form, registrationId: string, scale = 4, text = "") =>
  answer(
    form.id,
    { answers: answerTo(form, scale, text) },
    {
      "x-feedback-token": await mailedLink(form.id, registrationId),
    },
  );

const results = async (formId: string, cookie = organiser) => {
  const res = await authed(cookie, `/api/feedback-forms/${formId}/results`);
  expect(res.status, await res.clone().text()).toBe(200);
  return json(res);
};

const count = async (table: string, formId: string) =>
  (await env.DB.prepare(`select count(*) as n from ${table} where form_id = ?`).bind(formId).first<{ n: number }>())!.n;

describe("building a form", () => {
  it("starts from the standard template as a draft; a draft cannot be answered or seen from outside", async () => {
    const form = await createForm();
    expect(form).toMatchObject({ status: "draft", version: 1, frozen: false, responses: 0, minResponses: 5 });
    expect(form.questions.map((q) => q.kind)).toEqual([
      "scale",
      "scale",
      "scale",
      "scale",
      "multiple",
      "single",
      "text",
    ]);
    expect(form.questions[0].prompt).toMatch(/zufrieden/);
    expect((await api(`/api/feedback/${form.id}`)).status).toBe(404);
    expect((await byLink(form, "fb-a")).status).toBe(404);

    // Reordered, one removed, one added; ids kept where sent.
    const [first, second, ...rest] = form.questions;
    const res = await authed(organiser, `/api/feedback-forms/${form.id}/questions`, {
      method: "PUT",
      body: {
        questions: [
          second,
          first,
          ...rest.slice(0, -1),
          { kind: "single", prompt: "Wie sind Sie angereist?", options: ["ÖPNV", "Auto", "Rad"], required: false },
        ],
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const edited = await json<Form>(res);
    expect(edited.questions.map((q) => q.id).slice(0, 2)).toEqual([second.id, first.id]);
    expect(edited.questions.at(-1)?.prompt).toBe("Wie sind Sie angereist?");
    expect(edited.questions).toHaveLength(7);

    const invalid = await authed(organiser, `/api/feedback-forms/${form.id}/questions`, {
      method: "PUT",
      body: { questions: [{ kind: "single", prompt: "Nur eine Option?", options: ["Ja"] }] },
    });
    expect(invalid.status).toBe(400);
  });

  it("cannot open an empty form, and only organisers of the network may build", async () => {
    const res = await authed(organiser, `/api/events/${EVENT}/feedback-forms`, {
      method: "POST",
      body: { sessionId: null, template: "empty" },
    });
    const empty = await json<Form>(res);
    expect(empty.questions).toEqual([]);
    const open = await authed(organiser, `/api/feedback-forms/${empty.id}/open`, { method: "POST" });
    expect(open.status).toBe(422);
    expect((await json(open)).code).toBe("feedback_form_empty");

    const foreign = await authed(otherOrganiser, `/api/events/${EVENT}/feedback-forms`, {
      method: "POST",
      body: { sessionId: null },
    });
    expect(foreign.status).toBe(403);
    expect((await authed(otherOrganiser, `/api/feedback-forms/${empty.id}/results`)).status).toBe(403);
    expect((await authed(null, `/api/feedback-forms/${empty.id}`)).status).toBe(401);
    // The minimum cannot go below three.
    const low = await authed(organiser, `/api/feedback-forms/${empty.id}`, {
      method: "PATCH",
      body: { minResponses: 1 },
    });
    expect(low.status).toBe(400);
  });
});

describe("answering", () => {
  let form: Form;
  beforeAll(async () => {
    form = await openForm((await createForm()).id);
  });

  it("counts an answer of someone present, once; a second answer is refused with a clear message", async () => {
    const first = await byLink(form, "fb-a", 5, "Sehr hilfreich");
    expect(first.status, await first.clone().text()).toBe(201);
    expect(await json(first)).toEqual({ status: "counted" });

    const again = await byLink(form, "fb-a", 1);
    expect(again.status).toBe(409);
    const problem = await json(again);
    expect(problem.code).toBe("feedback_already_answered");
    expect(problem.title).toBe("Schon beantwortet");
    const english = await api(`/api/feedback/${form.id}/responses?lang=en`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-feedback-token": await mailedLink(form.id, "fb-a") },
      body: JSON.stringify({ answers: answerTo(form, 1) }),
    });
    expect((await json(english)).title).toBe("Already answered");
    expect(await count("feedback_submissions", form.id)).toBe(1);
    const fives = await env.DB.prepare(
      "select sum(count) as n from feedback_answer_counts where form_id = ? and value = '5'",
    )
      .bind(form.id)
      .first<{ n: number }>();
    expect(fives?.n).toBe(4);
  });

  it("refuses who was not present (absent, excused, another event's registration) and who has no link", async () => {
    for (const id of ["fb-k", "fb-j", "reg-demo-teilnahme"]) {
      const res = await byLink(form, id);
      expect(res.status, id).toBe(403);
      expect((await json(res)).code, id).toBe("feedback_not_attended");
    }
    const none = await answer(form.id, { answers: answerTo(form, 3) });
    expect(none.status).toBe(401);
    expect((await json(none)).code).toBe("feedback_link_required");
    expect(await count("feedback_submissions", form.id)).toBe(1);
  });

  it("checks the answers against the questions before writing anything", async () => {
    const before = await env.DB.prepare("select * from feedback_answer_counts where form_id = ? order by rowid")
      .bind(form.id)
      .all();
    const scale = form.questions[0].id;
    const single = form.questions.find((q) => q.kind === "single")!.id;
    const bad = [
      { ...answerTo(form, 3), [scale]: 6 },
      { ...answerTo(form, 3), [scale]: 2.5 },
      { ...answerTo(form, 3), [single]: "Vielleicht" },
      { ...answerTo(form, 3), unknown: 1 },
      Object.fromEntries(Object.entries(answerTo(form, 3)).filter(([id]) => id !== scale)),
      { ...answerTo(form, 3), [form.questions.at(-1)!.id]: "x".repeat(2001) },
    ];
    for (const answers of bad) {
      const res = await answer(form.id, { answers }, { "x-feedback-token": await mailedLink(form.id, "fb-b") });
      expect(res.status, JSON.stringify(answers).slice(0, 100)).toBe(400);
      expect((await json(res)).code).toBe("validation_failed");
    }
    const after = await env.DB.prepare("select * from feedback_answer_counts where form_id = ? order by rowid")
      .bind(form.id)
      .all();
    expect(after.results).toEqual(before.results);
    expect(await count("feedback_submissions", form.id)).toBe(1);
  });

  it("two concurrent answers of one person: exactly one counts", async () => {
    const responses = await Promise.all([byLink(form, "fb-b", 2), byLink(form, "fb-b", 2), byLink(form, "fb-b", 2)]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await count("feedback_submissions", form.id)).toBe(2);
    const twos = await env.DB.prepare(
      "select count from feedback_answer_counts where form_id = ? and question_id = ? and value = '2'",
    )
      .bind(form.id, form.questions[0].id)
      .first<{ count: number }>();
    expect(twos?.count).toBe(1);
  });

  it("by the personal link: the page learns whether the person may still answer", async () => {
    const headers = { "x-participant-token": tokenOf("fb-c") };
    const before = await json(await api(`/api/feedback/${form.id}`, { headers }));
    expect(before.you).toEqual({ attended: true, answered: false });
    expect(before.questions).toHaveLength(7);
    const list = await json(await api("/api/participation/feedback", { headers }));
    expect(list.items).toContainEqual(expect.objectContaining({ id: form.id, answered: false }));

    const res = await answer(form.id, { answers: answerTo(form, 3, "Mehr Pausen") }, headers);
    expect(res.status).toBe(201);
    expect((await json(await api(`/api/feedback/${form.id}`, { headers }))).you).toEqual({
      attended: true,
      answered: true,
    });
    const after = await json(await api("/api/participation/feedback", { headers }));
    expect(after.items).toContainEqual(expect.objectContaining({ id: form.id, answered: true }));
    // The person's data (Art. 15) says that they answered, and nothing of what.
    const data = await json(await api("/api/participation/data.json", { headers }));
    const registration = data.registrations.find((r: { id: string }) => r.id === "fb-c");
    expect(registration.feedback.answered).toEqual([{ formId: form.id, title: form.title }]);
    expect(JSON.stringify(data)).not.toContain("Mehr Pausen");
    // Someone who was not there is not offered the form.
    const absent = await json(
      await api("/api/participation/feedback", { headers: { "x-participant-token": tokenOf("fb-k") } }),
    );
    expect(absent.items).toEqual([]);
    const wrong = await answer(form.id, { answers: answerTo(form, 3) }, { "x-participant-token": "x".repeat(43) });
    expect(wrong.status).toBe(401);
  });

  it("the minimum is enforced by the API: no figures, no texts, no CSV below it", async () => {
    const hidden = await results(form.id);
    expect(hidden).toMatchObject({ responses: 3, minResponses: 5, hidden: true, questions: [] });
    expect(JSON.stringify(hidden)).not.toContain("Mehr Pausen");
    const csv = await authed(organiser, `/api/feedback-forms/${form.id}/results.csv`);
    expect(csv.status).toBe(409);
    expect((await json(csv)).code).toBe("feedback_results_hidden");

    expect((await byLink(form, "fb-d", 4, "Zu kurz")).status).toBe(201);
    expect((await results(form.id)).hidden).toBe(true);
    expect((await byLink(form, "fb-e", 5)).status).toBe(201);

    const shown = await results(form.id);
    expect(shown).toMatchObject({ responses: 5, hidden: false });
    const [satisfaction] = shown.questions;
    expect(satisfaction.distribution.map((d: { count: number }) => d.count)).toEqual([0, 1, 1, 1, 2]);
    expect(satisfaction).toMatchObject({ answered: 5, mean: 3.8, median: 4 });
    const text = shown.questions.find((q: { kind: string }) => q.kind === "text");
    // Sorted, not in the order they came in.
    expect(text.texts).toEqual(["Mehr Pausen", "Sehr hilfreich", "Zu kurz"]);

    const file = await authed(organiser, `/api/feedback-forms/${form.id}/results.csv`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toMatch(/^text\/csv/);
    const body = new Uint8Array(await file.arrayBuffer());
    expect([...body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = new TextDecoder().decode(body);
    expect(csvText).toContain("Nr.;Frage;Art;Wert;Anzahl");
    expect(csvText).toContain(";3,8;4;");
    expect(csvText).not.toMatch(/fb-[a-k]|Person fb/);
  });

  it("the organiser sees how many answered, never who", async () => {
    const list = await json(await authed(organiser, `/api/events/${EVENT}/feedback-forms`));
    const mine = list.items.find((f: { id: string }) => f.id === form.id);
    expect(mine.responses).toBe(5);
    for (const path of [
      `/api/feedback-forms/${form.id}`,
      `/api/feedback-forms/${form.id}/results`,
      `/api/events/${EVENT}/feedback-forms`,
    ]) {
      const text = await (await authed(organiser, path)).text();
      expect(text, path).not.toMatch(/fb-[a-k]\b|Person fb|@feedback\.example/);
    }
  });

  it("a closed form takes no answers", async () => {
    const closed = await authed(organiser, `/api/feedback-forms/${form.id}/close`, { method: "POST" });
    expect(closed.status).toBe(200);
    expect((await json(closed)).status).toBe("closed");
    const res = await byLink(form, "fb-f");
    expect(res.status).toBe(409);
    expect((await json(res)).code).toBe("feedback_form_closed");
    expect(await count("feedback_submissions", form.id)).toBe(5);
    // Results stay readable.
    expect((await results(form.id)).hidden).toBe(false);
  });
});

describe("anonymity of what is stored", () => {
  it("no table with answers has a column for a person, a registration or a time", async () => {
    for (const table of ["feedback_answer_counts", "feedback_text_answers"]) {
      const { results: columns } = await env.DB.prepare(`pragma table_info(${table})`).all<{ name: string }>();
      const names = columns.map((c) => c.name);
      expect(names.length, table).toBeGreaterThan(0);
      for (const name of names)
        expect(name, `${table}.${name}`).not.toMatch(
          /registration|person|email|name|account|time|_at$|date|nonce|session/,
        );
    }
    // The submission says who answered and nothing about what or when.
    const { results: submission } = await env.DB.prepare("pragma table_info(feedback_submissions)").all<{
      name: string;
    }>();
    expect(submission.map((c) => c.name).sort()).toEqual(["form_id", "nonce", "registration_id"]);
    // The form keeps no time of the first answer, only a flag.
    const { results: form } = await env.DB.prepare("pragma table_info(feedback_forms)").all<{ name: string }>();
    expect(form.map((c) => c.name)).not.toContain("frozen_at");
    // No response table to join on.
    const tables = (
      await env.DB.prepare("select name from sqlite_master where type = 'table' and name like 'feedback%'").all<{
        name: string;
      }>()
    ).results.map((t) => t.name);
    expect(tables).not.toContain("feedback_responses");
    expect(tables).not.toContain("feedback_answers");
  });

  it("answers given in a known order cannot be paired with submissions by row order", async () => {
    const form = await openForm((await createForm()).id);
    const order = PRESENT.slice(0, 8);
    for (const [i, id] of order.entries()) {
      const res = await byLink(form, id, (i % 5) + 1, `Antwort ${i + 1} von ${id}`);
      expect(res.status).toBe(201);
    }
    const texts = (
      await env.DB.prepare("select rowid, body from feedback_text_answers where form_id = ? order by rowid")
        .bind(form.id)
        .all<{ rowid: number; body: string }>()
    ).results;
    const submissions = (
      await env.DB.prepare("select rowid, registration_id from feedback_submissions where form_id = ? order by rowid")
        .bind(form.id)
        .all<{ rowid: number; registration_id: string }>()
    ).results;
    expect(texts).toHaveLength(8);
    // Random rowids, not 1, 2, 3 …: far apart, and in no relation to the order of answering.
    for (const row of [...texts, ...submissions]) expect(Math.abs(row.rowid)).toBeGreaterThan(2 ** 40);
    expect(texts.map((t) => t.body)).not.toEqual(order.map((id, i) => `Antwort ${i + 1} von ${id}`));
    expect(submissions.map((s) => s.registration_id)).not.toEqual(order);
    // Scale answers are counts per value, not rows per person.
    const counts = await env.DB.prepare(
      "select value, count from feedback_answer_counts where question_id = ? order by value",
    )
      .bind(form.questions[0].id)
      .all<{ value: string; count: number }>();
    expect(counts.results).toEqual([
      { value: "*", count: 8 },
      { value: "1", count: 2 },
      { value: "2", count: 2 },
      { value: "3", count: 2 },
      { value: "4", count: 1 },
      { value: "5", count: 1 },
    ]);
  });
});

describe("frozen forms and new versions", () => {
  it("refuses edits of questions and minimum once answered; a new version is an open draft copy, the old one closes", async () => {
    const form = await openForm((await createForm()).id);
    expect((await byLink(form, "fb-g")).status).toBe(201);

    const frozen = await json<Form>(await authed(organiser, `/api/feedback-forms/${form.id}`));
    expect(frozen.frozen).toBe(true);
    const edit = await authed(organiser, `/api/feedback-forms/${form.id}/questions`, {
      method: "PUT",
      body: { questions: form.questions.slice(1) },
    });
    expect(edit.status).toBe(409);
    expect((await json(edit)).code).toBe("feedback_form_frozen");
    const min = await authed(organiser, `/api/feedback-forms/${form.id}`, {
      method: "PATCH",
      body: { minResponses: 3 },
    });
    expect(min.status).toBe(409);
    const title = await authed(organiser, `/api/feedback-forms/${form.id}`, {
      method: "PATCH",
      body: { title: "Neu" },
    });
    expect(title.status).toBe(200);

    const res = await authed(organiser, `/api/feedback-forms/${form.id}/versions`, { method: "POST" });
    expect(res.status).toBe(201);
    const next = await json<Form>(res);
    expect(next).toMatchObject({ status: "draft", version: 2, frozen: false, responses: 0 });
    expect(next.questions.map((q) => q.prompt)).toEqual(form.questions.map((q) => q.prompt));
    expect(next.questions.map((q) => q.id)).not.toContain(form.questions[0].id);
    expect((await json<Form>(await authed(organiser, `/api/feedback-forms/${form.id}`))).status).toBe("closed");
    const editNext = await authed(organiser, `/api/feedback-forms/${next.id}/questions`, {
      method: "PUT",
      body: { questions: next.questions.slice(1) },
    });
    expect(editNext.status).toBe(200);
    // The same person can answer the new version once.
    const opened = await openForm(next.id);
    expect((await byLink(opened, "fb-g")).status).toBe(201);
  });
});

describe("questions changed while someone answers", () => {
  it("an answer checked against the old questions is refused and writes nothing", async () => {
    const form = await openForm((await createForm()).id);
    const stale = (await loadForm(db(), form.id))!;
    // The organiser changes the questions (nobody has answered yet, so that is allowed).
    const edit = await authed(organiser, `/api/feedback-forms/${form.id}/questions`, {
      method: "PUT",
      body: { questions: form.questions.slice(0, 2) },
    });
    expect(edit.status).toBe(200);
    const outcome = await submitAnswer(db(), {
      form: stale.form,
      questions: stale.questions,
      registrationId: "fb-a",
      answers: answerTo(form, 4) as Record<string, number | string | string[]>,
    });
    expect(outcome).toBe("feedback_form_changed");
    expect(await count("feedback_submissions", form.id)).toBe(0);
    expect(await count("feedback_answer_counts", form.id)).toBe(0);
    expect(await count("feedback_text_answers", form.id)).toBe(0);
  });
});

describe("event-wide forms", () => {
  it("take answers from anyone present at any session of the event", async () => {
    const form = await openForm((await createForm(null)).id);
    expect((await byLink(form, "fb-h")).status).toBe(201);
    expect((await byLink(form, "fb-k")).status).toBe(403);
  });
});

describe("the mail when a session ends", () => {
  it("writes one mail per person present who has not answered, once, with a link that answers only that form", async () => {
    const form = await openForm((await createForm()).id);
    expect((await byLink(form, "fb-a")).status).toBe(201);
    const mails = async () =>
      (
        await env.DB.prepare("select to_email, body_text from outbox where template = 'feedback_invitation'").all<{
          to_email: string;
          body_text: string;
        }>()
      ).results;
    const expected = PRESENT.filter((id) => id !== "fb-a").map((id) => `${id}@feedback.example`);
    const before = (await mails()).length;
    const ctx = { db: db(), now: new Date() };
    // Other open forms of this file may be due as well: this one's people are counted among them.
    expect((await runFeedbackMailJob(ctx, env.JOBS)).mailed).toBeGreaterThanOrEqual(expected.length);
    // The mails are written by the queue's consumer.
    const mineOf = async () => (await mails()).slice(before).filter((m) => m.body_text.includes(form.id));
    const mine = await waitFor(mineOf, (m) => m.length >= expected.length);
    expect(mine.map((m) => m.to_email).sort()).toEqual(expected.sort());
    // A second run (or a second cron) sends nothing again.
    await runFeedbackMailJob(ctx, env.JOBS);
    await waitFor(mineOf, (m) => m.length > expected.length, 1_000);
    expect(await mineOf()).toHaveLength(expected.length);

    const mail = mine.find((m) => m.to_email === "fb-b@feedback.example")!;
    const token = new RegExp(`/rueckmeldung/${form.id}#k=([A-Za-z0-9_-]+)`).exec(mail.body_text)?.[1];
    expect(token).toBeTruthy();
    const headers = { "x-feedback-token": token! };
    expect((await json(await api(`/api/feedback/${form.id}`, { headers }))).you).toEqual({
      attended: true,
      answered: false,
    });
    // The person's own data (Art. 15) says a link was sent, but does not carry it.
    const data = await api("/api/participation/data.json", { headers: { "x-participant-token": tokenOf("fb-b") } });
    const dataText = await data.text();
    expect(dataText).not.toContain(token);
    expect(dataText).toContain("#k=[entfernt/removed]");
    expect((await answer(form.id, { answers: answerTo(form, 4) }, headers)).status).toBe(201);
    expect((await answer(form.id, { answers: answerTo(form, 4) }, headers)).status).toBe(409);
    // The token belongs to this form only.
    const other = await openForm((await createForm()).id);
    expect((await answer(other.id, { answers: answerTo(other, 4) }, headers)).status).toBe(401);
  });

  it("does not mail for a session that has not ended, or for a closed form", async () => {
    const future = await openForm((await createForm(NEXT)).id);
    const ctx = { db: db(), now: new Date() };
    await runFeedbackMailJob(ctx, env.JOBS);
    const n = await env.DB.prepare("select count(*) as n from outbox where body_text like ?")
      .bind(`%${future.id}%`)
      .first<{ n: number }>();
    expect(n?.n).toBe(0);
  });
});

describe("the demo series", () => {
  it("has results and a trend across its three sessions", async () => {
    const r = await results("fb-demo-fh-1");
    expect(r.hidden).toBe(false);
    expect(r.responses).toBe(6);
    expect(r.trend).toHaveLength(4);
    expect(r.trend[0].points.map((p: { position: number }) => p.position)).toEqual([1, 2, 3]);
    expect(r.trend[0].points.every((p: { mean: number | null }) => p.mean !== null)).toBe(true);
  });

  it("a new version below its minimum adds nothing to the trend (it would give its answers away)", async () => {
    const before = (await results("fb-demo-fh-1")).trend[0].points[0];
    expect(before).toMatchObject({ sessionId: "ses-fh-1", answered: 6 });
    const created = await authed(organiser, "/api/events/evt-werkstattreihe-fh/feedback-forms", {
      method: "POST",
      body: { sessionId: "ses-fh-1", template: "standard" },
    });
    const form = await openForm((await json<Form>(created)).id);
    for (const id of ["reg-demo-fh-01", "reg-demo-fh-02"]) expect((await byLink(form, id, 1)).status).toBe(201);
    const after = await results("fb-demo-fh-1");
    expect(after.trend[0].points[0]).toEqual(before);
    const own = await results(form.id);
    expect(own).toMatchObject({ hidden: true, questions: [] });
    expect(own.trend[0].points[0]).toEqual(before);
  });
});
