// Notices to an institution's contacts when the system changes a delegate's status: a
// promotion, an offer, a lapsed offer, a cancellation by the participant. One per contact of
// that institution, in the contact's language, none to other institutions' contacts, and none
// when the change did not happen. The delegates' own mails are in their registered language,
// whoever's request (or the cron) made the change.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { cancelAs, createEvent, DAY, register, seedAsOrganiser } from "../allocation-fixtures";
import { api, json, runScheduled, waitFor } from "../helpers";

const HEBAMMEN = "inst-hebammen-kh";
const KITA = "inst-kita-regenbogen-kh";
// The demo's contacts: Merle Osterkamp (German) for the midwives, Katharina Wendelin for the Kita.
const MERLE = "m.osterkamp@hebammennetzwerk-nahe.example";
const KATHARINA = "k.wendelin@familienzentrum-kh.example";
// A second contact of the midwives, who reads English.
const ROBIN = "r.ashdown@hebammennetzwerk-nahe.example";

let organiser: string;

beforeAll(async () => {
  organiser = await seedAsOrganiser();
  await env.DB.batch([
    env.DB.prepare(
      "insert into accounts (id, email, display_name, locale, created_at) values ('acc-robin', ?, 'Robin Ashdown', 'en', ?)",
    ).bind(ROBIN, Date.now()),
    env.DB.prepare(
      `insert into roles (id, account_id, network_id, role, institution_id, created_at)
        values ('role-robin', 'acc-robin', 'net-kc9', 'institution_contact', ?, ?)`,
    ).bind(HEBAMMEN, Date.now()),
  ]);
});

type Notice = { to: string; locale: string; subject: string; text: string; html: string };

/** The notices about one event, by recipient. */
async function noticesOf(eventId: string) {
  const { results } = await env.DB.prepare(
    `select to_email as "to", locale, subject, body_text as text, body_html as html from outbox
      where template = 'delegate_notice' and body_text like ? order by to_email, created_at`,
  )
    .bind(`%/veranstaltungen/${eventId}/anmelden%`)
    .all<Notice>();
  return results;
}

const mailsTo = async (email: string) =>
  (
    await env.DB.prepare(
      "select locale, subject, body_text as text from outbox where to_email = ? order by created_at, rowid",
    )
      .bind(email)
      .all<{ locale: string; subject: string; text: string }>()
  ).results;

/** Registers one person of `institutionId` as the organiser; `locale` is the language of their mails. */
async function registerPerson(eventId: string, institutionId: string, email: string, name: string, locale?: string) {
  const res = await register(organiser, eventId, {
    institutionId,
    email,
    name,
    ...(locale ? { locale } : {}),
  } as never);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json(res)) as { id: string; status: string };
}

/** Exactly one notice to each midwives' contact, in their language, and none to the Kita's. */
function expectOnePerContact(notices: Notice[], german: RegExp, english: RegExp) {
  expect(notices.map((n) => [n.to, n.locale])).toEqual([
    [MERLE, "de"],
    [ROBIN, "en"],
  ]);
  expect(notices.some((n) => n.to === KATHARINA)).toBe(false);
  const [de, en] = notices;
  expect(de.text).toMatch(german);
  expect(en.text).toMatch(english);
  expect(de.text).toContain("für Ihre Einrichtung Hebammennetzwerk");
  expect(en.text).toContain("for your institution Hebammennetzwerk");
  expect(de.html).toContain('<html lang="de">');
  expect(en.html).toContain('<html lang="en">');
  for (const n of notices)
    expect(n.text).toMatch(/\/kinderschutzcluster-9\/veranstaltungen\/[^/]+\/anmelden\?institution=inst-hebammen-kh/);
}

describe("notices to an institution's contacts", () => {
  it("tell of a direct promotion, once per contact, and the promoted person reads it in their language", async () => {
    await createEvent("evt-nt-direct", {
      capacity: 1,
      defaultQuota: 2,
      institutions: [HEBAMMEN, KITA],
      promotionMode: "direct",
    });
    const first = await registerPerson("evt-nt-direct", HEBAMMEN, "anna@nt.example", "Anna Erst");
    const waiting = await registerPerson("evt-nt-direct", HEBAMMEN, "ben@nt.example", "Ben Warte", "en");
    await registerPerson("evt-nt-direct", KITA, "kira@nt.example", "Kira Kita");
    expect(waiting.status).toBe("waitlisted");
    // A German organiser cancels the first: the place goes to Ben (the Kita is not under quota … it is, but later).
    expect((await cancelAs(organiser, first.id)).status).toBe(200);

    const notices = await noticesOf("evt-nt-direct");
    expectOnePerContact(
      notices,
      /Ben Warte hat bei „Testwerkstatt evt-nt-direct“ .* einen Platz bekommen/,
      /Ben Warte has been given a place/,
    );
    // Ben registered in English: his promotion mail is English though the request was German.
    const ben = await mailsTo("ben@nt.example");
    expect(ben.at(-1)).toMatchObject({ locale: "en", subject: "Moved up: Testwerkstatt evt-nt-direct" });
    // The organiser's cancellation of Anna is no notice (only a participant's own is).
    expect(notices.every((n) => !/abgemeldet|cancelled their/.test(n.text))).toBe(true);
    // The request noted the notices with its other mails: they go out after its answer, not with the next cron.
    const sent = () =>
      env.DB.prepare(
        "select count(*) as n from outbox where template = 'delegate_notice' and status = 'sent' and body_text like ?",
      )
        .bind("%/veranstaltungen/evt-nt-direct/anmelden%")
        .first<{ n: number }>();
    expect(await waitFor(sent, (row) => row?.n === 2, 5_000)).toEqual({ n: 2 });
  });

  it("tell of an offer and of its lapse, once even when the jobs run twice", async () => {
    await createEvent("evt-nt-offer", { capacity: 1, defaultQuota: 2, institutions: [HEBAMMEN, KITA] });
    const first = await registerPerson("evt-nt-offer", HEBAMMEN, "olga@nt.example", "Olga Erst");
    const waiting = await registerPerson("evt-nt-offer", HEBAMMEN, "otto@nt.example", "Otto Warte", "en");
    expect((await cancelAs(organiser, first.id)).status).toBe(200);

    const offered = await noticesOf("evt-nt-offer");
    expectOnePerContact(
      offered,
      /Otto Warte hat für „Testwerkstatt evt-nt-offer“ .* ein Platzangebot bis .* bekommen/,
      /Otto Warte has been offered a place .* until /,
    );
    const offer = await env.DB.prepare("select offered_until from registrations where id = ?")
      .bind(waiting.id)
      .first<{ offered_until: number }>();
    expect(offer?.offered_until).toBeGreaterThan(Date.now());

    // The offer runs out; the cron (German) lapses it, twice at once, then again.
    const later = (offer?.offered_until ?? 0) + 60_000;
    // Two runs at once read the same lapsed offer; only the one whose update lapses it notices.
    await Promise.all([runScheduled(later), runScheduled(later)]);
    await runScheduled(later);
    const lapsed = (await noticesOf("evt-nt-offer")).filter((n) => /verfallen|expired/.test(n.text));
    expectOnePerContact(
      lapsed,
      /Das Platzangebot an Otto Warte .* ist verfallen/,
      /The place offered to Otto Warte .* has expired/,
    );
    const otto = await mailsTo("otto@nt.example");
    expect(otto.map((m) => [m.locale, m.subject])).toEqual([
      ["en", "Waiting list: Testwerkstatt evt-nt-offer"],
      ["en", "A place is free: Testwerkstatt evt-nt-offer"],
      ["en", "Offer expired: Testwerkstatt evt-nt-offer"],
    ]);
    expect(await noticesOf("evt-nt-offer")).toHaveLength(4);
  }, 30_000);

  it("tell of a participant's own cancellation, once, and not of one made by others", async () => {
    await createEvent("evt-nt-cancel", { capacity: 5, defaultQuota: 2, institutions: [HEBAMMEN, KITA] });
    await registerPerson("evt-nt-cancel", HEBAMMEN, "paula@nt.example", "Paula Geht");
    const mail = (await mailsTo("paula@nt.example")).at(-1);
    const token = /\/teilnahme#t=([A-Za-z0-9_-]+)/.exec(mail?.text ?? "")?.[1] as string;
    const cancel = () =>
      api("/api/participation/cancel", { method: "POST", headers: { "x-participant-token": token } });
    expect((await cancel()).status).toBe(200);
    expect((await cancel()).status).not.toBe(500);

    const notices = await noticesOf("evt-nt-cancel");
    expectOnePerContact(
      notices,
      /Paula Geht hat sich von „Testwerkstatt evt-nt-cancel“ .* abgemeldet/,
      /Paula Geht has cancelled their registration/,
    );
  });

  it("tell of a place the redistribution at the quota deadline gave", async () => {
    await createEvent("evt-nt-redist", {
      capacity: 3,
      defaultQuota: 1,
      institutions: [HEBAMMEN, KITA],
      deadlineInDays: 1,
    });
    await registerPerson("evt-nt-redist", HEBAMMEN, "rita@nt.example", "Rita Erst");
    const beyond = await registerPerson("evt-nt-redist", HEBAMMEN, "rolf@nt.example", "Rolf Warte", "en");
    expect(beyond.status).toBe("waitlisted");
    await runScheduled(Date.now() + 2 * DAY);
    const notices = await noticesOf("evt-nt-redist");
    expectOnePerContact(
      notices,
      /Rolf Warte hat bei „Testwerkstatt evt-nt-redist“ .* einen Platz bekommen/,
      /Rolf Warte has been given a place/,
    );
    expect((await mailsTo("rolf@nt.example")).at(-1)).toMatchObject({
      locale: "en",
      subject: "Moved up: Testwerkstatt evt-nt-redist",
    });
  }, 30_000);

  it("are not written when the change did not happen, nor to a contact who is the delegate", async () => {
    await createEvent("evt-nt-none", {
      capacity: 1,
      defaultQuota: 2,
      institutions: [HEBAMMEN, KITA],
      promotionMode: "direct",
    });
    const first = await registerPerson("evt-nt-none", KITA, "karl@nt.example", "Karl Kita");
    // Merle registers herself: she waits, and is promoted when Karl is cancelled.
    const merle = await registerPerson("evt-nt-none", HEBAMMEN, MERLE, "Merle Osterkamp");
    expect(merle.status).toBe("waitlisted");
    expect((await cancelAs(organiser, first.id)).status).toBe(200);
    // A second cancellation of Karl changes nothing and so writes nothing.
    await cancelAs(organiser, first.id);
    const notices = await noticesOf("evt-nt-none");
    // Robin is told; Merle has her own mail; the Kita's contact is told nothing (an organiser cancelled Karl).
    expect(notices.map((n) => n.to)).toEqual([ROBIN]);
    // Nothing is due any more: the jobs add no notice.
    await runScheduled(Date.now() + DAY);
    expect(await noticesOf("evt-nt-none")).toHaveLength(1);
  }, 30_000);
});
