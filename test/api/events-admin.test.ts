// The organiser's event management: drafts, validation, invitation and quotas,
// replacing sessions and tracks, publishing with invitation mails, and who may write.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { formatEventDates } from "../../worker/lib/time";
import { api, authed, json, OTHER, seed, seedOtherNetwork, signIn } from "../helpers";

const NET = "net-kc9";
const HEBAMMEN = "inst-hebammen-kh";
const KITA = "inst-kita-regenbogen-kh";

let organiser: string;
let hebammen: string;
let otherOrganiser: string;

const problem = async (res: Response, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = await json(res);
  expect(body.code).toBe(code);
  return body;
};

const count = async (sql: string, ...params: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>())!.n;

const eventCount = () => count("select count(*) as n from events");

/** A valid new event; `over` replaces top-level fields. */
const newEvent = (over: Record<string, unknown> = {}) => ({
  type: "workshop",
  title: "Testwerkstatt Fallberatung",
  description: "  Eine Werkstatt zum Testen.  ",
  venueName: "Haus der Familie",
  capacity: 30,
  defaultQuota: 2,
  registrationOpensAt: "2026-11-25T08:00:00Z",
  quotaDeadline: "2026-11-30T08:00:00Z",
  registrationClosesAt: "2026-12-02T08:00:00Z",
  sessions: [{ title: "Termin 1", topic: "Fälle", startsAt: "2026-12-03T08:00:00Z", endsAt: "2026-12-03T11:30:00Z" }],
  ...over,
});

const create = async (over: Record<string, unknown> = {}) => {
  const res = await authed(organiser, `/api/networks/${NET}/events`, { method: "POST", body: newEvent(over) });
  expect(res.status, await res.clone().text()).toBe(201);
  return json(res);
};

const quotaRows = async (eventId: string) =>
  (
    await env.DB.prepare("select institution_id, places from quotas where event_id = ? order by institution_id")
      .bind(eventId)
      .all<{ institution_id: string; places: number | null }>()
  ).results;

const publicListIds = async () =>
  (await json(await api(`/api/networks/${NET}/events`))).items.map((e: { id: string }) => e.id) as string[];

beforeAll(async () => {
  await seed();
  await seedOtherNetwork();
  organiser = await signIn("koordination@kinderschutz-bad-kreuznach.example");
  hebammen = await signIn("m.osterkamp@hebammennetzwerk-nahe.example");
  otherOrganiser = await signIn(OTHER.organiserEmail);
});

describe("creating an event", () => {
  it("creates a draft that only its organisers see", async () => {
    const event = await create();
    expect(event).toMatchObject({
      status: "draft",
      networkId: NET,
      title: "Testwerkstatt Fallberatung",
      description: "Eine Werkstatt zum Testen.",
      venueAccessibility: "",
      capacity: 30,
      defaultQuota: 2,
      promotionMode: "offer",
      offerHours: 48,
      legalBasis: "",
      retentionMonths: null,
      redistributedAt: null,
      invitation: { mode: "all", sectorKeys: [], institutionIds: [] },
      quotaOverrides: [],
      tracks: [],
    });
    expect(event.sessions).toEqual([
      {
        id: expect.any(String),
        position: 1,
        title: "Termin 1",
        topic: "Fälle",
        startsAt: "2026-12-03T08:00:00.000Z",
        endsAt: "2026-12-03T11:30:00.000Z",
      },
    ]);
    // Mode "all": every non-archived institution of the network, with the default quota.
    const active = await count(
      "select count(*) as n from institutions where network_id = ? and archived_at is null",
      NET,
    );
    expect(event.invitedInstitutionCount).toBe(active);
    expect((await quotaRows(event.id)).every((q) => q.places === null)).toBe(true);

    await problem(await api(`/api/events/${event.id}`), 404, "event_not_found");
    await problem(await authed(hebammen, `/api/events/${event.id}`), 404, "event_not_found");
    await problem(await authed(otherOrganiser, `/api/events/${event.id}`), 404, "event_not_found");
    expect(await publicListIds()).not.toContain(event.id);
    // The organiser's own public list stays public too.
    expect(
      (await json(await authed(organiser, `/api/networks/${NET}/events`))).items.map((e: any) => e.id),
    ).not.toContain(event.id);

    const mine = await authed(organiser, `/api/events/${event.id}`);
    expect(mine.status).toBe(200);
    expect(await json(mine)).toEqual(event);

    const manage = await authed(organiser, `/api/networks/kinderschutzcluster-9/events?scope=manage`);
    expect(manage.status).toBe(200);
    const { items } = await json(manage);
    expect(items.find((e: { id: string }) => e.id === event.id)).toMatchObject({
      status: "draft",
      defaultQuota: 2,
      invitationMode: "all",
      promotionMode: "offer",
      offerHours: 48,
    });
    expect(items.find((e: { id: string }) => e.id === "evt-qe-werkstatt")).toMatchObject({ status: "published" });

    const audit = await env.DB.prepare("select * from audit_log where entity_id = ?").bind(event.id).all();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]).toMatchObject({ action: "event.create", actor_account_id: "acc-organiser" });
  });

  it("opens check-in two hours before each session unless the event says otherwise", async () => {
    const plain = await create();
    expect((await json(await authed(organiser, `/api/events/${plain.id}`))).checkInMinutesBefore).toBe(120);
    const early = await create({ checkInMinutesBefore: 45 });
    expect((await json(await authed(organiser, `/api/events/${early.id}`))).checkInMinutesBefore).toBe(45);
    const before = await eventCount();
    const res = await authed(organiser, `/api/networks/${NET}/events`, {
      method: "POST",
      body: newEvent({ checkInMinutesBefore: 7 * 24 * 60 + 1 }),
    });
    const body = await problem(res, 400, "validation_failed");
    expect(body.errors.map((e: { path: string }) => e.path)).toEqual(["checkInMinutesBefore"]);
    expect(await eventCount()).toBe(before);
  });

  it("lists all statuses for the network's organisers only", async () => {
    await problem(await api(`/api/networks/${NET}/events?scope=manage`), 401, "unauthenticated");
    await problem(await authed(hebammen, `/api/networks/${NET}/events?scope=manage`), 403, "forbidden");
    await problem(await authed(otherOrganiser, `/api/networks/${NET}/events?scope=manage`), 403, "forbidden");
    await problem(await api(`/api/networks/${NET}/events?scope=alles`), 400, "validation_failed");
    // The public list carries the status too.
    const { items } = await json(await api(`/api/networks/${NET}/events`));
    expect(items.every((e: { status: string }) => e.status === "published")).toBe(true);
  });

  it("refuses invalid input with field errors and writes nothing", async () => {
    const before = await eventCount();
    const quotasBefore = await count("select count(*) as n from quotas");
    const cases: [Record<string, unknown>, string][] = [
      [{ quotaDeadline: "2026-12-05T08:00:00Z" }, "quotaDeadline"],
      [{ registrationOpensAt: "2026-12-01T08:00:00Z" }, "quotaDeadline"],
      [{ sessions: [] }, "sessions"],
      [{ invitation: { mode: "sectors" } }, "invitation.sectorKeys"],
      [{ invitation: { mode: "picked", institutionIds: [] } }, "invitation.institutionIds"],
      [{ sessions: [{ startsAt: "2026-12-03T12:00:00Z", endsAt: "2026-12-03T08:00:00Z" }] }, "sessions.0.endsAt"],
      [{ title: "   " }, "title"],
      [{ capacity: -1 }, "capacity"],
      [{ offerHours: 0 }, "offerHours"],
      [{ registrationOpensAt: "morgen" }, "registrationOpensAt"],
      [{ tracks: [{ title: "Forum", capacity: 10, sessionPosition: 2 }] }, "tracks.0.sessionPosition"],
      [
        { sessions: [{ id: "ses-qe-1", startsAt: "2026-12-03T08:00:00Z", endsAt: "2026-12-03T09:00:00Z" }] },
        "sessions.0.id",
      ],
    ];
    for (const [over, path] of cases) {
      const body = await problem(
        await authed(organiser, `/api/networks/${NET}/events`, { method: "POST", body: newEvent(over) }),
        400,
        "validation_failed",
      );
      expect(
        body.errors.map((e: { path: string }) => e.path),
        JSON.stringify(over),
      ).toContain(path);
    }
    // Field errors in the caller's language.
    const en = await authed(organiser, `/api/networks/${NET}/events`, {
      method: "POST",
      headers: { "accept-language": "en" },
      body: newEvent({ quotaDeadline: "2026-12-05T08:00:00Z" }),
    });
    expect((await problem(en, 400, "validation_failed")).errors[0].message).toMatch(/quota deadline/);
    expect(await eventCount()).toBe(before);
    expect(await count("select count(*) as n from quotas")).toBe(quotasBefore);
  });

  it("invites exactly the institutions of the chosen sectors", async () => {
    const event = await create({ invitation: { mode: "sectors", sectorKeys: ["midwifery", "daycare"] } });
    const expected = (
      await env.DB.prepare(
        "select id from institutions where network_id = ? and archived_at is null and sector_key in ('midwifery', 'daycare') order by id",
      )
        .bind(NET)
        .all<{ id: string }>()
    ).results.map((r) => r.id);
    expect(expected.length).toBeGreaterThan(2);
    expect((await quotaRows(event.id)).map((q) => q.institution_id)).toEqual(expected);
    expect(event.invitation).toEqual({ mode: "sectors", sectorKeys: ["daycare", "midwifery"], institutionIds: [] });
    expect(event.invitedInstitutionCount).toBe(expected.length);
    const row = await env.DB.prepare("select invitation_mode, invited_sector_keys from events where id = ?")
      .bind(event.id)
      .first();
    expect(row).toEqual({ invitation_mode: "sectors", invited_sector_keys: '["daycare","midwifery"]' });
  });

  it("stores quota overrides for invited institutions only", async () => {
    const event = await create({
      invitation: { mode: "picked", institutionIds: [HEBAMMEN, KITA] },
      quotaOverrides: [{ institutionId: HEBAMMEN, places: 5 }],
    });
    expect(await quotaRows(event.id)).toEqual([
      { institution_id: HEBAMMEN, places: 5 },
      { institution_id: KITA, places: null },
    ]);
    expect(event.quotaOverrides).toEqual([{ institutionId: HEBAMMEN, places: 5 }]);
    expect(event.invitation).toEqual({ mode: "picked", sectorKeys: [], institutionIds: [HEBAMMEN, KITA] });
    expect(event.invitedInstitutionCount).toBe(2);

    const before = await eventCount();
    const notInvited = await problem(
      await authed(organiser, `/api/networks/${NET}/events`, {
        method: "POST",
        body: newEvent({
          invitation: { mode: "picked", institutionIds: [HEBAMMEN] },
          quotaOverrides: [{ institutionId: KITA, places: 3 }],
        }),
      }),
      400,
      "validation_failed",
    );
    expect(notInvited.errors.map((e: { path: string }) => e.path)).toEqual(["quotaOverrides.0.institutionId"]);
    for (const invitation of [
      { mode: "picked", institutionIds: [HEBAMMEN, OTHER.institutionId] },
      { mode: "picked", institutionIds: ["inst-gibt-es-nicht"] },
      { mode: "sectors", sectorKeys: ["no_such_sector"] },
    ])
      await problem(
        await authed(organiser, `/api/networks/${NET}/events`, { method: "POST", body: newEvent({ invitation }) }),
        422,
        "reference_not_found",
      );
    expect(await eventCount()).toBe(before);
  });
});

describe("changing an event", () => {
  it("replaces sessions and tracks, keeping the ids of those kept", async () => {
    const event = await create({
      sessions: [
        { title: "Eins", startsAt: "2026-12-03T08:00:00Z", endsAt: "2026-12-03T11:00:00Z" },
        { title: "Zwei", startsAt: "2027-01-14T08:00:00Z", endsAt: "2027-01-14T11:00:00Z" },
        { title: "Drei", startsAt: "2027-02-11T08:00:00Z", endsAt: "2027-02-11T11:00:00Z" },
      ],
      tracks: [
        { title: "Forum A", capacity: 10, sessionPosition: 1 },
        { title: "Forum B", capacity: 10, sessionPosition: 3 },
      ],
    });
    const [one, two, three] = event.sessions;
    const forumA = event.tracks.find((t: { title: string }) => t.title === "Forum A");
    const forumB = event.tracks.find((t: { title: string }) => t.title === "Forum B");
    expect(forumA.sessionId).toBe(one.id);
    expect(forumB.sessionId).toBe(three.id);

    const res = await authed(organiser, `/api/events/${event.id}`, {
      method: "PATCH",
      body: {
        title: "Testwerkstatt, neu geplant",
        sessions: [
          { id: two.id, title: "Zwei (jetzt zuerst)", startsAt: two.startsAt, endsAt: two.endsAt },
          { title: "Neu", startsAt: "2027-03-04T08:00:00Z", endsAt: "2027-03-04T11:00:00Z" },
          { id: one.id, title: "Eins", startsAt: one.startsAt, endsAt: one.endsAt },
        ],
        tracks: [
          { id: forumA.id, title: "Forum A", capacity: 12, sessionPosition: 2 },
          { title: "Forum C", capacity: 8, sessionPosition: null },
        ],
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const changed = await json(res);
    expect(changed.title).toBe("Testwerkstatt, neu geplant");
    expect(changed.sessions.map((s: { id: string; position: number; title: string }) => [s.position, s.title])).toEqual(
      [
        [1, "Zwei (jetzt zuerst)"],
        [2, "Neu"],
        [3, "Eins"],
      ],
    );
    expect(changed.sessions[0].id).toBe(two.id);
    expect(changed.sessions[2].id).toBe(one.id);
    expect([one.id, two.id, three.id]).not.toContain(changed.sessions[1].id);
    expect(await count("select count(*) as n from event_sessions where id = ?", three.id)).toBe(0);

    expect(changed.tracks).toHaveLength(2);
    expect(changed.tracks.find((t: { id: string }) => t.id === forumA.id)).toMatchObject({
      capacity: 12,
      sessionId: changed.sessions[1].id,
    });
    expect(changed.tracks.find((t: { title: string }) => t.title === "Forum C")).toMatchObject({ sessionId: null });
    expect(await count("select count(*) as n from tracks where id = ?", forumB.id)).toBe(0);

    const audit = await env.DB.prepare("select details from audit_log where entity_id = ? and action = 'event.update'")
      .bind(event.id)
      .first<{ details: string }>();
    expect(JSON.parse(audit!.details).fields.sort()).toEqual(["sessions", "title", "tracks"]);

    // Removing a session a track still points to needs the tracks too.
    const orphan = await problem(
      await authed(organiser, `/api/events/${event.id}`, {
        method: "PATCH",
        body: { sessions: [{ id: two.id, startsAt: two.startsAt, endsAt: two.endsAt }] },
      }),
      400,
      "validation_failed",
    );
    expect(orphan.errors[0]).toMatchObject({ path: "sessions", code: "track_session_removed" });
  });

  it("checks the window against the stored dates and refuses unknown fields", async () => {
    const event = await create();
    const body = await problem(
      await authed(organiser, `/api/events/${event.id}`, {
        method: "PATCH",
        body: { quotaDeadline: "2026-12-10T08:00:00Z" },
      }),
      400,
      "validation_failed",
    );
    expect(body.errors.map((e: { path: string }) => e.path)).toEqual(["quotaDeadline"]);
    await problem(
      await authed(organiser, `/api/events/${event.id}`, { method: "PATCH", body: { status: "published" } }),
      400,
      "validation_failed",
    );
    expect(
      await env.DB.prepare("select status, quota_deadline from events where id = ?").bind(event.id).first(),
    ).toEqual({ status: "draft", quota_deadline: Date.parse("2026-11-30T08:00:00Z") });
  });

  it("changes invitation and overrides; a PATCH without them keeps the quotas", async () => {
    const event = await create({
      invitation: { mode: "picked", institutionIds: [HEBAMMEN, KITA] },
      quotaOverrides: [{ institutionId: HEBAMMEN, places: 5 }],
    });
    const kept = await authed(organiser, `/api/events/${event.id}`, { method: "PATCH", body: { capacity: 40 } });
    expect(kept.status).toBe(200);
    expect((await json(kept)).quotaOverrides).toEqual([{ institutionId: HEBAMMEN, places: 5 }]);

    // A new invitation keeps the overrides of those still invited.
    const res = await authed(organiser, `/api/events/${event.id}`, {
      method: "PATCH",
      body: { invitation: { mode: "picked", institutionIds: [HEBAMMEN, "inst-polizei-kh"] } },
    });
    expect(res.status).toBe(200);
    expect(await quotaRows(event.id)).toEqual([
      { institution_id: HEBAMMEN, places: 5 },
      { institution_id: "inst-polizei-kh", places: null },
    ]);

    const overrides = await authed(organiser, `/api/events/${event.id}`, {
      method: "PATCH",
      body: { quotaOverrides: [{ institutionId: "inst-polizei-kh", places: 0 }] },
    });
    expect(overrides.status).toBe(200);
    expect(await quotaRows(event.id)).toEqual([
      { institution_id: HEBAMMEN, places: null },
      { institution_id: "inst-polizei-kh", places: 0 },
    ]);
  });

  it("refuses to remove what people are registered for (409 event_has_registrations)", async () => {
    const event = await create({
      invitation: { mode: "picked", institutionIds: [HEBAMMEN, KITA] },
      tracks: [{ title: "Forum A", capacity: 10 }],
    });
    const track = event.tracks[0];
    await env.DB.prepare(
      "insert into registrations (id, event_id, track_id, institution_id, email, name, status, requested_at, created_at) values (?, ?, ?, ?, 'fachkraft.test@example.org', 'Test Fachkraft', 'confirmed', ?, ?)",
    )
      .bind(`reg-${event.id}`, event.id, track.id, HEBAMMEN, Date.now(), Date.now())
      .run();

    await problem(
      await authed(organiser, `/api/events/${event.id}`, { method: "PATCH", body: { tracks: [] } }),
      409,
      "event_has_registrations",
    );
    await problem(
      await authed(organiser, `/api/events/${event.id}`, {
        method: "PATCH",
        body: { invitation: { mode: "picked", institutionIds: [KITA] } },
      }),
      409,
      "event_has_registrations",
    );
    expect(await count("select count(*) as n from tracks where event_id = ?", event.id)).toBe(1);
    expect((await quotaRows(event.id)).map((q) => q.institution_id)).toEqual([HEBAMMEN, KITA]);

    // Un-inviting an institution without registrations is fine.
    const res = await authed(organiser, `/api/events/${event.id}`, {
      method: "PATCH",
      body: { invitation: { mode: "picked", institutionIds: [HEBAMMEN] } },
    });
    expect(res.status).toBe(200);
    expect((await quotaRows(event.id)).map((q) => q.institution_id)).toEqual([HEBAMMEN]);
  });

  it("raises the capacity of a published event and logs it; a cancelled event cannot change", async () => {
    const res = await authed(organiser, "/api/events/evt-qe-werkstatt", { method: "PATCH", body: { capacity: 60 } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await json(res)).capacity).toBe(60);
    const audit = await env.DB.prepare(
      "select details from audit_log where entity_id = 'evt-qe-werkstatt' and action = 'event.update'",
    ).first<{ details: string }>();
    expect(JSON.parse(audit!.details)).toEqual({ fields: ["capacity"] });

    const event = await create();
    await env.DB.prepare("update events set status = 'cancelled', cancelled_at = ? where id = ?")
      .bind(Date.now(), event.id)
      .run();
    await problem(
      await authed(organiser, `/api/events/${event.id}`, { method: "PATCH", body: { title: "Doch nicht" } }),
      409,
      "event_cancelled",
    );
    await problem(
      await authed(organiser, `/api/events/${event.id}/publish`, { method: "POST" }),
      409,
      "event_not_draft",
    );
  });
});

describe("publishing", () => {
  it("publishes once and invites every contact of the invited institutions by mail", async () => {
    const event = await create({
      title: "Werkstatt Einladungstest",
      invitation: { mode: "picked", institutionIds: [HEBAMMEN, KITA, "inst-polizei-kh"] },
      quotaOverrides: [{ institutionId: HEBAMMEN, places: 4 }],
    });
    const mailsFor = async () =>
      (
        await env.DB.prepare(
          "select to_email, template, subject, body_text from outbox where template = 'event_invitation' and subject like ? order by to_email",
        )
          .bind("%Werkstatt Einladungstest%")
          .all<{ to_email: string; template: string; subject: string; body_text: string }>()
      ).results;
    expect(await mailsFor()).toEqual([]);

    const res = await authed(organiser, `/api/events/${event.id}/publish`, { method: "POST" });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await json(res)).status).toBe("published");

    const mails = await mailsFor();
    // inst-polizei-kh has no contact account: no mail.
    expect(mails.map((m) => m.to_email)).toEqual([
      "k.wendelin@familienzentrum-kh.example",
      "m.osterkamp@hebammennetzwerk-nahe.example",
    ]);
    const [kita, hebammenMail] = mails;
    expect(hebammenMail.subject).toBe("Einladung: Werkstatt Einladungstest");
    expect(hebammenMail.body_text).toContain("Für Ihre Einrichtung sind 4 Plätze reserviert.");
    expect(hebammenMail.body_text).toContain("Do., 3. Dezember 2026, 9:00–12:30 Uhr");
    // The link goes to the app's public origin (PUBLIC_ORIGIN, else the request's).
    expect(hebammenMail.body_text).toMatch(
      new RegExp(
        `^http://localhost(:\\d+)?/kinderschutzcluster-9/veranstaltungen/${event.id}/anmelden\\?institution=${HEBAMMEN}$`,
        "m",
      ),
    );
    expect(kita.body_text).toContain("sind 2 Plätze reserviert");
    expect(kita.body_text).toContain(`/veranstaltungen/${event.id}/anmelden?institution=${KITA}`);

    expect((await api(`/api/events/${event.id}`)).status).toBe(200);
    expect(await publicListIds()).toContain(event.id);

    await problem(
      await authed(organiser, `/api/events/${event.id}/publish`, { method: "POST" }),
      409,
      "event_not_draft",
    );
    expect(await mailsFor()).toHaveLength(2);
    expect(
      await count("select count(*) as n from audit_log where entity_id = ? and action = 'event.publish'", event.id),
    ).toBe(1);
  });
  it("sends the invitations once when two publish requests race", async () => {
    const event = await create({ title: "Werkstatt Wettlauf", invitation: { mode: "picked", institutionIds: [KITA] } });
    const results = await Promise.all(
      [1, 2, 3].map(() => authed(organiser, `/api/events/${event.id}/publish`, { method: "POST" })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(
      await count(
        "select count(*) as n from outbox where template = 'event_invitation' and subject like ?",
        "%Wettlauf%",
      ),
    ).toBe(1);
    expect(
      await count("select count(*) as n from audit_log where entity_id = ? and action = 'event.publish'", event.id),
    ).toBe(1);
  });
});

describe("who may write", () => {
  it("refuses anonymous callers (401), contacts and other networks' organisers (403), and changes nothing", async () => {
    const snapshot = async () =>
      JSON.stringify([
        (await env.DB.prepare("select * from events order by id").all()).results,
        (await env.DB.prepare("select * from event_sessions order by id").all()).results,
        (await env.DB.prepare("select * from quotas order by event_id, institution_id").all()).results,
        (await env.DB.prepare("select count(*) as n from outbox where template = 'event_invitation'").all()).results,
      ]);
    const draft = await create();
    const before = await snapshot();
    const published = "evt-qe-werkstatt";
    const writes = (id: string) => [
      { path: `/api/networks/${NET}/events`, method: "POST", body: newEvent() },
      { path: `/api/events/${id}`, method: "PATCH", body: { title: "Übernommen" } },
      { path: `/api/events/${id}/publish`, method: "POST" },
    ];
    for (const w of writes(published)) {
      await problem(await authed(null, w.path, w), 401, "unauthenticated");
      await problem(await authed(hebammen, w.path, w), 403, "forbidden");
      await problem(await authed(otherOrganiser, w.path, w), 403, "forbidden");
    }
    // A draft is not even there for them; visitors are asked to sign in first.
    for (const w of writes(draft.id).slice(1)) {
      await problem(await authed(null, w.path, w), 401, "unauthenticated");
      for (const cookie of [hebammen, otherOrganiser])
        await problem(await authed(cookie, w.path, w), 404, "event_not_found");
    }
    expect(await snapshot()).toBe(before);
  });
});

describe("formatEventDates", () => {
  const s = (start: string, end: string) => ({ startsAt: new Date(start), endsAt: new Date(end) });
  it("writes one session with weekday and times, several as a range, in Berlin time", () => {
    expect(formatEventDates([s("2026-12-03T08:00:00Z", "2026-12-03T11:30:00Z")], "de")).toBe(
      "Do., 3. Dezember 2026, 9:00–12:30 Uhr",
    );
    expect(formatEventDates([s("2026-12-03T08:00:00Z", "2026-12-03T11:30:00Z")], "en")).toBe(
      "Thu, 3 December 2026, 9:00–12:30",
    );
    // Summer time: 7:00 UTC is 9:00 in Berlin.
    expect(formatEventDates([s("2027-06-10T07:00:00Z", "2027-06-10T10:00:00Z")], "de")).toBe(
      "Do., 10. Juni 2027, 9:00–12:00 Uhr",
    );
    const series = [
      s("2027-01-14T08:00:00Z", "2027-01-14T11:00:00Z"),
      s("2026-12-03T08:00:00Z", "2026-12-03T11:00:00Z"),
      s("2027-03-04T08:00:00Z", "2027-03-04T11:00:00Z"),
      s("2027-02-04T08:00:00Z", "2027-02-04T11:00:00Z"),
      s("2027-02-18T08:00:00Z", "2027-02-18T11:00:00Z"),
    ];
    expect(formatEventDates(series, "de")).toBe("5 Termine, 3. Dezember 2026 – 4. März 2027");
    expect(formatEventDates(series, "en")).toBe("5 dates, 3 December 2026 – 4 March 2027");
    expect(formatEventDates([], "de")).toBe("");
  });
});
