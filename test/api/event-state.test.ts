// One state, said the same everywhere (issue 16, item 4): what the API reports about an event's
// quotas after an early redistribution, a past event's registration, and whom publishing reached.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createEvent, DAY, register } from "../allocation-fixtures";
import { api, authed, json, newestMailTo, seed, signIn } from "../helpers";

const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
const NET = "net-kc9";
const HEBAMMEN = "inst-hebammen-kh";
const KITA = "inst-kita-regenbogen-kh";
// Invited below, with no contact account in the demo data.
const POLIZEI = "inst-polizei-kh";

let organiser: string;

beforeAll(async () => {
  await seed(new Date());
  organiser = await signIn(ORGANISER);
});

describe("after an early redistribution", () => {
  it("the board no longer warns of over-committed quotas, and the event says places go in order since then", async () => {
    // 3 places, quota 2 for each of three institutions: 6 reserved on paper.
    await createEvent("evt-early", { capacity: 3, defaultQuota: 2, institutions: [HEBAMMEN, KITA, POLIZEI] });
    for (const k of [1, 2, 3])
      await register(organiser, "evt-early", { institutionId: HEBAMMEN, email: `h${k}@early.example` });

    const before = await json(await authed(organiser, "/api/events/evt-early/board"));
    expect(before).toMatchObject({ phase: "reserved", quotaSum: 6, overCommitted: true, overCommitment: 3 });
    const listed = async () =>
      (await json(await api(`/api/networks/${NET}/events`))).items.find((e: { id: string }) => e.id === "evt-early");
    expect(await listed()).toMatchObject({ phase: "reserved", redistributedAt: null });

    const res = await authed(organiser, "/api/events/evt-early/redistribution", { method: "POST" });
    expect(res.status).toBe(200);
    const after = await json(res);
    // The quota deadline lies ten days ahead; still nobody waits because of a quota now.
    expect(after).toMatchObject({ phase: "open", quotaSum: 6, overCommitted: false });
    expect((await json(await authed(organiser, "/api/events/evt-early/board"))).overCommitted).toBe(false);

    const summary = await listed();
    expect(summary.phase).toBe("open");
    expect(summary.redistributedAt).toBe(after.redistributedAt);
    expect(new Date(summary.redistributedAt).getTime()).toBeLessThan(new Date(summary.quotaDeadline).getTime());
    expect(await json(await authed(organiser, "/api/events/evt-early"))).toMatchObject({
      phase: "open",
      redistributedAt: after.redistributedAt,
    });
    const invited = (await json(await authed(organiser, `/api/institutions/${HEBAMMEN}/events`))).items.find(
      (e: { id: string }) => e.id === "evt-early",
    );
    expect(invited).toMatchObject({ phase: "open", redistributedAt: after.redistributedAt, quota: 2, confirmed: 3 });
  });
});

describe("a past event", () => {
  it("cannot be cancelled by the participant once every session has ended (409 event_over), and nothing changes", async () => {
    await createEvent("evt-past-cancel", { capacity: 5, defaultQuota: 2, institutions: [HEBAMMEN] });
    const email = "paula.vorbei@hebammen.example";
    expect(
      (await register(organiser, "evt-past-cancel", { institutionId: HEBAMMEN, email, name: "Paula Vorbei" })).status,
    ).toBe(201);
    const token = /\/teilnahme#t=([A-Za-z0-9_-]+)/.exec((await newestMailTo(email))?.text ?? "")?.[1];
    expect(token).toBeTruthy();
    const now = Date.now();
    await env.DB.prepare("update event_sessions set starts_at = ?, ends_at = ? where event_id = ?")
      .bind(now - 2 * DAY, now - 2 * DAY + 3 * 3_600_000, "evt-past-cancel")
      .run();

    const res = await api("/api/participation/cancel", { method: "POST", headers: { "x-participant-token": token! } });
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect((await json(res)).code).toBe("event_over");
    const row = await env.DB.prepare("select status from registrations where event_id = ? and email = ?")
      .bind("evt-past-cancel", email)
      .first<{ status: string }>();
    expect(row?.status).toBe("confirmed");
  });
});

describe("publishing", () => {
  it("reports whom the invitations reached and names the invited institutions without a contact", async () => {
    const created = await authed(organiser, `/api/networks/${NET}/events`, {
      method: "POST",
      body: {
        type: "workshop",
        title: "Werkstatt Reichweite",
        venueName: "Haus der Familie",
        capacity: 30,
        defaultQuota: 1,
        registrationOpensAt: new Date(Date.now() + DAY).toISOString(),
        quotaDeadline: "2027-03-21T17:00:00Z",
        registrationClosesAt: "2027-03-28T17:00:00Z",
        sessions: [{ title: "Termin 1", startsAt: "2027-04-03T08:00:00Z", endsAt: "2027-04-03T11:30:00Z" }],
        invitation: { mode: "picked", institutionIds: [HEBAMMEN, KITA, POLIZEI] },
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const event = await json(created);

    const res = await authed(organiser, `/api/events/${event.id}/publish`, { method: "POST" });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await json(res);
    // The event detail as before, and beside it the truth about the mails.
    expect(body).toMatchObject({ id: event.id, status: "published", invitedInstitutionCount: 3 });
    const polizei = await env.DB.prepare("select name from institutions where id = ?")
      .bind(POLIZEI)
      .first<{ name: string }>();
    expect(body.invitations).toEqual({
      mailed: 2,
      institutionsReached: 2,
      institutionsWithoutContact: [{ id: POLIZEI, name: polizei!.name }],
    });
  });

  it("the invitation mail names the quota deadline in Berlin time", async () => {
    const mail = await newestMailTo("m.osterkamp@hebammennetzwerk-nahe.example");
    expect(mail?.subject).toBe("Einladung: Werkstatt Reichweite");
    expect(mail?.text).toContain("Für Ihre Einrichtung ist 1 Platz reserviert.");
    // 17:00 UTC on 21 March 2027 is 18:00 in Berlin (winter time).
    expect(mail?.text).toContain("Die Reservierung gilt bis zur Kontingentfrist am So., 21. März 2027, 18:00 Uhr.");
  });
});
