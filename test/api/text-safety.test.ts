// Names and free texts refuse what would display other than it reads or show nothing: NUL,
// bidi overrides and isolates, text of invisible characters only. Each kind goes to several
// endpoints; every one answers 400 with a field error in the caller's language and writes nothing.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { answersSchema, QuestionInputSchema } from "../../worker/domain/feedback";
import { unsafeTextKind } from "../../worker/lib/schemas";
import { authed, json, seed, signIn } from "../helpers";

const NET = "net-kc9";
const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
const QE = "evt-qe-werkstatt";
const INSTITUTION = "inst-hebammen-kh";
let organiser: string;

beforeAll(async () => {
  await seed();
  organiser = await signIn(ORGANISER);
});

const BIDI = ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"];
const BAD: Record<"nul" | "bidi" | "invisible", string[]> = {
  nul: ["Anna\u0000Beispiel"],
  bidi: BIDI.map((c) => `Kita ${c}txt.exe`),
  invisible: ["\u200B", "\u200B\u200C\u200D", "\u2060\uFEFF\u00AD", "\u3164", " \u200B "],
};

/** One endpoint per kind of input, with the field under test set to `text`. */
const endpoints: { name: string; field: string; send: (text: string) => Promise<Response> }[] = [
  {
    name: "registration",
    field: "name",
    send: (text) =>
      authed(organiser, `/api/events/${QE}/registrations`, {
        method: "POST",
        body: { institutionId: INSTITUTION, name: text, email: "x@example.org", privacyAcknowledged: true },
      }),
  },
  {
    name: "registration's accessibility needs",
    field: "accessibilityNeeds",
    send: (text) =>
      authed(organiser, `/api/events/${QE}/registrations`, {
        method: "POST",
        body: {
          institutionId: INSTITUTION,
          name: "Alex",
          email: "x@example.org",
          accessibilityNeeds: text,
          privacyAcknowledged: true,
        },
      }),
  },
  {
    name: "new institution",
    field: "name",
    send: (text) =>
      authed(organiser, `/api/networks/${NET}/institutions`, {
        method: "POST",
        body: { name: text, sectorKey: "youth_office", municipalityId: "mun-bad-kreuznach" },
      }),
  },
  {
    name: "institution profile",
    field: "offers",
    send: (text) => authed(organiser, `/api/institutions/${INSTITUTION}`, { method: "PATCH", body: { offers: text } }),
  },
  {
    name: "contact person",
    field: "name",
    send: (text) =>
      authed(organiser, `/api/institutions/${INSTITUTION}/contact-persons`, {
        method: "POST",
        body: { name: text, email: "cp@example.org", isPrimary: false },
      }),
  },
  {
    name: "walk-in",
    field: "name",
    send: (text) =>
      authed(organiser, "/api/sessions/ses-qe-1/walk-ins", {
        method: "POST",
        body: { name: text, institutionId: INSTITUTION, clientOpId: crypto.randomUUID() },
      }),
  },
  {
    name: "privacy notice",
    field: "privacyNotice",
    send: (text) =>
      authed(organiser, `/api/networks/${NET}/privacy`, {
        method: "PUT",
        body: { privacyNotice: text, retentionMonths: 12 },
      }),
  },
];

/** Every table's row count and the rows that PATCH and PUT would change. */
async function snapshot() {
  const { results: tables } = await env.DB.prepare(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name not in ('d1_migrations', 'rate_limits', 'auth_sessions')",
  ).all<{ name: string }>();
  const counts: Record<string, unknown> = {};
  for (const { name } of tables)
    counts[name] = (await env.DB.prepare(`select count(*) as n from "${name}"`).first<{ n: number }>())?.n;
  counts.network = await env.DB.prepare("select * from networks where id = ?").bind(NET).first();
  counts.institution = await env.DB.prepare("select * from institutions where id = ?").bind(INSTITUTION).first();
  return counts;
}

describe("names and free texts", () => {
  it("tell the three bad kinds apart and let real names of any script through", () => {
    for (const [kind, texts] of Object.entries(BAD)) for (const t of texts) expect(unsafeTextKind(t), t).toBe(kind);
    for (const fine of [
      "Anna Müller",
      "مريم الحسن",
      "שרה כהן",
      "Familie 👨‍👩‍👧",
      "Zeile 1\nZeile 2",
      "O\u2019Brien",
      "",
    ])
      expect(unsafeTextKind(fine), fine).toBeNull();
  });

  it("answer 400 with a field error `unsafe_text` on every endpoint, for every kind, and write nothing", async () => {
    const before = await snapshot();
    for (const endpoint of endpoints)
      for (const [kind, texts] of Object.entries(BAD))
        for (const text of endpoint.name === "registration" ? texts : texts.slice(0, 1)) {
          const res = await endpoint.send(text);
          const label = `${endpoint.name} (${kind} ${JSON.stringify(text)})`;
          expect(res.status, label).toBe(400);
          const problem = await json(res);
          expect(problem.code, label).toBe("validation_failed");
          expect(problem.errors, label).toContainEqual(
            expect.objectContaining({ path: endpoint.field, code: "unsafe_text" }),
          );
        }
    expect(await snapshot()).toEqual(before);
    // Some 50 requests: generous, as the machine may be busy; nothing here waits on time.
  }, 60_000);

  it("word the field error in the caller's language", async () => {
    const body = { name: "\u200B", email: "cp@example.org", isPrimary: false };
    const path = `/api/institutions/${INSTITUTION}/contact-persons`;
    const unsafe = (problem: { errors: { code: string; message: string }[] }) =>
      problem.errors.find((e) => e.code === "unsafe_text")?.message;
    const de = await json(await authed(organiser, path, { method: "POST", body }));
    expect(unsafe(de)).toBe("Der Text besteht nur aus unsichtbaren Zeichen. Bitte geben Sie einen lesbaren Text ein.");
    const en = await json(
      await authed(organiser, path, {
        method: "POST",
        body: { ...body, name: "A\u202Eb" },
        headers: { "accept-language": "en" },
      }),
    );
    expect(unsafe(en)).toBe(
      "The text contains invisible controls for the writing direction. Please enter it without them.",
    );
  });

  it("hold for the feedback forms' questions and text answers too", () => {
    const prompt = { kind: "text", prompt: "Was nehmen Sie mit?\u202E", options: [] };
    expect(QuestionInputSchema.safeParse(prompt).success).toBe(false);
    const schema = answersSchema([
      { id: "q1", kind: "text", prompt: "Was nehmen Sie mit?", options: [], required: false },
    ]);
    expect(schema.safeParse({ q1: "Viel\u0000" }).success).toBe(false);
    expect(schema.safeParse({ q1: "\u200B\u200B" }).success).toBe(false);
    expect(schema.safeParse({ q1: "Viel – danke!" }).success).toBe(true);
  });

  it("accept names in any script and with emoji sequences", async () => {
    const res = await authed(organiser, `/api/institutions/${INSTITUTION}/contact-persons`, {
      method: "POST",
      body: { name: "مريم الحسن 👩‍👧", email: "maryam@example.org", isPrimary: false },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await json(res)).name).toBe("مريم الحسن 👩‍👧");
  });
});
