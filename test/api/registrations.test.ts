import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { runAllocationJobs } from "../../worker/db/allocation";
import { createDb } from "../../worker/db/client";
import { counts, createEvent, institutionsOf, register } from "../allocation-fixtures";
import { authed, json, seed, signIn } from "../helpers";

const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
const HEBAMMEN_CONTACT = "m.osterkamp@hebammennetzwerk-nahe.example";
const DAY = 86_400_000;

let organiser: string;
let hebammen: string;

beforeAll(async () => {
  await seed(new Date());
  organiser = await signIn(ORGANISER);
  hebammen = await signIn(HEBAMMEN_CONTACT);
});

describe("registering under concurrency", () => {
  it("200 simultaneous requests from 20 institutions at a 50-place event break no invariant", async () => {
    const insts = await institutionsOf(20);
    // Quotas sum to 60 > 50 places: capacity and quotas both bind.
    await createEvent("evt-race", { capacity: 50, defaultQuota: 3, institutions: insts.map((i) => i.id) });
    const requests = insts.flatMap((inst, i) =>
      Array.from({ length: 10 }, (_, k) =>
        register(organiser, "evt-race", { institutionId: inst.id, email: `p${i}-${k}@race.example` }, `race-${i}-${k}`),
      ),
    );
    const responses = await Promise.all(requests);
    expect(responses.map((r) => r.status).every((s) => s === 201)).toBe(true);
    const bodies = await Promise.all(responses.map((r) => json(r)));

    const c = await counts("evt-race");
    expect(c.confirmed).toBe(50); // invariant 1, and no place left unused
    expect(c.waitlisted).toBe(150);
    for (const inst of insts) expect(c.of(inst.id, "confirmed")).toBeLessThanOrEqual(3); // invariant 2
    // What each response said is what the database holds.
    expect(bodies.filter((b) => b.status === "confirmed")).toHaveLength(50);
    const history = await env.DB.prepare(
      "select count(*) as n from registration_history h join registrations r on r.id = h.registration_id where r.event_id = 'evt-race'",
    ).first<{ n: number }>();
    expect(history?.n).toBe(200);
    const mails = await env.DB.prepare(
      "select template, count(*) as n from outbox where to_email like '%@race.example' group by template",
    ).all<{ template: string; n: number }>();
    expect(mails.results).toEqual([{ template: "registration_update", n: 200 }]);
    // Each delivered after its answer by the request that wrote it, with the institution's name in it.
    const delivered = await env.DB.prepare(
      `select count(*) as n from outbox o join registrations r on r.email = o.to_email
        join institutions i on i.id = r.institution_id
        where o.to_email like '%@race.example' and o.status = 'sent' and o.attempts = 1
          and instr(o.body_text, '⟦') = 0 and instr(o.body_html, '⟦') = 0
          and (r.status <> 'confirmed' or (instr(o.body_text, i.name) > 0 and instr(o.body_html, i.name) > 0))`,
    ).first<{ n: number }>();
    expect(delivered?.n).toBe(200);
  }, 60_000);

  it("a retried request with the same key yields the same registration, even when sent at once", async () => {
    const [inst] = await institutionsOf(1);
    await createEvent("evt-retry", { capacity: 10, defaultQuota: 2, institutions: [inst.id] });
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        register(organiser, "evt-retry", { institutionId: inst.id, email: "same@retry.example" }, "retry-key-1"),
      ),
    );
    const bodies = await Promise.all(responses.map((r) => json(r)));
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(9);
    const n = await env.DB.prepare("select count(*) as n from registrations where event_id = 'evt-retry'").first<{
      n: number;
    }>();
    expect(n?.n).toBe(1);

    // The same key for a different person is a client error, not a silent replay.
    const other = await register(
      organiser,
      "evt-retry",
      { institutionId: inst.id, email: "x@retry.example" },
      "retry-key-1",
    );
    expect(other.status).toBe(422);
    expect(await json(other)).toMatchObject({ code: "idempotency_key_reused" });
    // Without a key, the same person is refused by invariant 3.
    const again = await register(organiser, "evt-retry", { institutionId: inst.id, email: "SAME@retry.example" });
    expect(again.status).toBe(409);
    expect(await json(again)).toMatchObject({ code: "already_registered" });
  }, 30_000);
});

describe("the open phase under concurrency", () => {
  it("cancellations, promotions, new requests and repeated redistributions at once never exceed capacity", async () => {
    const insts = await institutionsOf(5);
    await createEvent("evt-mixed", { capacity: 10, defaultQuota: 2, institutions: insts.map((i) => i.id) });
    const made = [];
    for (let k = 0; k < 20; k++)
      made.push(
        await json(
          await register(organiser, "evt-mixed", { institutionId: insts[k % 5].id, email: `m${k}@mixed.example` }),
        ),
      );
    // Five organisers' clicks (or a click and the cron) at once: exactly one redistribution runs.
    const runs = await Promise.all(
      Array.from({ length: 5 }, () => authed(organiser, "/api/events/evt-mixed/redistribution", { method: "POST" })),
    );
    expect(runs.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);

    const confirmed = made.filter((m) => m.status === "confirmed").slice(0, 5);
    await Promise.all([
      ...confirmed.map((m) => authed(organiser, `/api/registrations/${m.id}/cancel`, { method: "POST" })),
      ...Array.from({ length: 10 }, (_, k) =>
        register(organiser, "evt-mixed", { institutionId: insts[k % 5].id, email: `n${k}@mixed.example` }),
      ),
    ]);
    const held = await env.DB.prepare(
      `select count(*) as n from registrations where event_id = 'evt-mixed'
        and (status = 'confirmed' or (status = 'waitlisted' and offered_until is not null))`,
    ).first<{ n: number }>();
    expect(held?.n).toBe(10); // every freed place passed on, none twice
    const live = await env.DB.prepare(
      "select count(*) as n, count(distinct email) as people from registrations where event_id = 'evt-mixed' and status <> 'cancelled'",
    ).first<{ n: number; people: number }>();
    expect(live?.n).toBe(live?.people);
  }, 30_000);
});

describe("the reserved phase", () => {
  it("confirms within the quota, waitlists beyond it, and says why", async () => {
    await createEvent("evt-quota", { capacity: 20, defaultQuota: 2, institutions: ["inst-hebammen-kh"] });
    const statuses = [];
    for (const k of [1, 2, 3]) {
      const res = await register(hebammen, "evt-quota", {
        institutionId: "inst-hebammen-kh",
        email: `heb${k}@quota.example`,
      });
      expect(res.status).toBe(201);
      const body = await json(res);
      statuses.push([body.status, body.reasonCode]);
    }
    expect(statuses).toEqual([
      ["confirmed", "within_quota"],
      ["confirmed", "within_quota"],
      ["waitlisted", "quota_exhausted"],
    ]);
    const list = await json(await authed(hebammen, "/api/institutions/inst-hebammen-kh/events"));
    expect(list.items.find((e: { id: string }) => e.id === "evt-quota")).toMatchObject({
      phase: "reserved",
      quota: 2,
      confirmed: 2,
      waiting: 1,
      remaining: 0,
    });
  });

  it("refuses what a contact may not do, and changes nothing", async () => {
    await createEvent("evt-guard", {
      capacity: 5,
      defaultQuota: 1,
      institutions: ["inst-hebammen-kh", "inst-polizei-kh"],
    });
    const foreign = await register(hebammen, "evt-guard", {
      institutionId: "inst-polizei-kh",
      email: "a@guard.example",
    });
    expect(foreign.status).toBe(403);
    const notInvited = await register(organiser, "evt-guard", {
      institutionId: "inst-jobcenter-kh",
      email: "b@guard.example",
    });
    expect(notInvited.status).toBe(409);
    expect(await json(notInvited)).toMatchObject({ code: "institution_not_invited" });
    const noPrivacy = await authed(hebammen, "/api/events/evt-guard/registrations", {
      method: "POST",
      body: { institutionId: "inst-hebammen-kh", name: "X", email: "c@guard.example" },
    });
    expect(noPrivacy.status).toBe(400);
    expect(noPrivacy.headers.get("content-type")).toContain("application/problem+json");
    const anonymous = await register("", "evt-guard", { institutionId: "inst-hebammen-kh", email: "d@guard.example" });
    expect(anonymous.status).toBe(401);
    const n = await env.DB.prepare("select count(*) as n from registrations where event_id = 'evt-guard'").first<{
      n: number;
    }>();
    expect(n?.n).toBe(0);
  });
});

describe("redistribution and promotion", () => {
  it("hands unclaimed places round-robin, fewest places first, then unrepresented sectors, and explains each", async () => {
    const insts = await institutionsOf(4);
    // 10 places; 4 institutions with quota 2. A and B ask for 5 each, C for 1, D for none.
    await createEvent("evt-redist", {
      capacity: 10,
      defaultQuota: 2,
      institutions: insts.map((i) => i.id),
      promotionMode: "direct",
    });
    const [a, b, cInst] = insts;
    for (let k = 0; k < 5; k++) {
      await register(organiser, "evt-redist", { institutionId: a.id, email: `a${k}@redist.example` });
      await register(organiser, "evt-redist", { institutionId: b.id, email: `b${k}@redist.example` });
    }
    await register(organiser, "evt-redist", { institutionId: cInst.id, email: "c0@redist.example" });
    let c = await counts("evt-redist");
    expect([c.confirmed, c.waitlisted]).toEqual([5, 6]);

    const res = await authed(organiser, "/api/events/evt-redist/redistribution", { method: "POST" });
    expect(res.status).toBe(200);
    const board = await json(res);
    expect(board.phase).toBe("open");
    c = await counts("evt-redist");
    // 5 free places to 6 waiting: A and B get 2 and 3 (or 3 and 2) more, never one before the other has caught up.
    expect(c.confirmed).toBe(10);
    expect(Math.abs(c.of(a.id, "confirmed") - c.of(b.id, "confirmed"))).toBeLessThanOrEqual(1);
    const promoted = board.decisions.filter((d: { action: string }) => d.action === "promoted");
    expect(promoted).toHaveLength(5);
    for (const d of promoted) {
      expect(["fewest_places", "sector_unrepresented", "earliest_request", "only_request"]).toContain(d.reasonCode);
      expect(d.reasonParams.place).toBeGreaterThan(5);
    }
    // Places 6..10, each once.
    const places = promoted.map((d: { reasonParams: { place: number } }) => d.reasonParams.place);
    expect(places.sort((x: number, y: number) => x - y)).toEqual([6, 7, 8, 9, 10]);

    // A second run (organiser or cron) changes nothing.
    const again = await authed(organiser, "/api/events/evt-redist/redistribution", { method: "POST" });
    expect(again.status).toBe(409);
    await runAllocationJobs({ db: createDb(env.DB), now: new Date(), origin: "http://localhost", locale: "de" });
    expect((await counts("evt-redist")).confirmed).toBe(10);
  });

  it("after the redistribution a cancellation offers the place to the next waiting, who can let it lapse", async () => {
    const insts = await institutionsOf(2);
    await createEvent("evt-offer", { capacity: 2, defaultQuota: 1, institutions: insts.map((i) => i.id) });
    const made = [];
    for (const [k, inst] of [insts[0], insts[0], insts[1], insts[1]].entries())
      made.push(
        await json(await register(organiser, "evt-offer", { institutionId: inst.id, email: `o${k}@offer.example` })),
      );
    expect(made.map((m) => m.status)).toEqual(["confirmed", "waitlisted", "confirmed", "waitlisted"]);
    await authed(organiser, "/api/events/evt-offer/redistribution", { method: "POST" });

    const cancel = await authed(organiser, `/api/registrations/${made[0].id}/cancel`, { method: "POST" });
    expect(cancel.status).toBe(200);
    expect((await json(cancel)).status).toBe("cancelled");
    // Institution 0 now holds nothing, so its waiting colleague is offered the place.
    const offered = await json(await authed(organiser, `/api/registrations/${made[1].id}`));
    expect(offered.registration.status).toBe("waitlisted");
    expect(offered.registration.offeredUntil).not.toBeNull();
    expect(offered.registration.reasonCode).toBe("fewest_places");
    expect(offered.history.map((h: { action: string }) => h.action)).toEqual(["waitlisted", "offered"]);
    // The offer holds the place: a newcomer waits.
    const late = await json(
      await register(organiser, "evt-offer", { institutionId: insts[1].id, email: "late@offer.example" }),
    );
    expect(late.status).toBe("waitlisted");

    // 49 hours later the cron lets the offer lapse and offers the place on.
    await runAllocationJobs({
      db: createDb(env.DB),
      now: new Date(Date.now() + 49 * 3_600_000),
      origin: "http://localhost",
      locale: "de",
    });
    const lapsed = await json(await authed(organiser, `/api/registrations/${made[1].id}`));
    expect(lapsed.registration).toMatchObject({ status: "cancelled", reasonCode: "offer_expired" });
    const next = await json(await authed(organiser, `/api/registrations/${made[3].id}`));
    expect(next.registration.offeredUntil).not.toBeNull();
    const c = await counts("evt-offer");
    expect(c.confirmed).toBe(1);
  });

  it("swaps a delegate for a colleague without losing the place", async () => {
    await createEvent("evt-swap", { capacity: 3, defaultQuota: 1, institutions: ["inst-hebammen-kh"] });
    const first = await json(
      await register(hebammen, "evt-swap", { institutionId: "inst-hebammen-kh", email: "erst@swap.example" }),
    );
    const res = await authed(hebammen, `/api/registrations/${first.id}/swap`, {
      method: "POST",
      body: {
        name: "Zweite Person",
        email: "zweit@swap.example",
        function: "",
        accessibilityNeeds: "",
        privacyAcknowledged: true,
      },
    });
    expect(res.status).toBe(200);
    const swapped = await json(res);
    expect(swapped).toMatchObject({
      id: first.id,
      status: "confirmed",
      email: "zweit@swap.example",
      requestedAt: first.requestedAt,
    });
    const history = await json(await authed(hebammen, `/api/registrations/${first.id}`));
    expect(history.history.map((h: { action: string }) => h.action)).toEqual(["registered", "swapped"]);
    // No personal data in the history.
    expect(JSON.stringify(history.history)).not.toContain("swap.example");
  });

  it("cancelling the event cancels every registration and notifies each registrant", async () => {
    await createEvent("evt-off", { capacity: 3, defaultQuota: 2, institutions: ["inst-hebammen-kh"] });
    for (const k of [1, 2, 3])
      await register(hebammen, "evt-off", { institutionId: "inst-hebammen-kh", email: `x${k}@off.example` });
    const res = await authed(organiser, "/api/events/evt-off/cancel", { method: "POST" });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ status: "cancelled", notified: 3 });
    const c = await counts("evt-off");
    expect([c.confirmed, c.waitlisted]).toEqual([0, 0]);
    const mails = await env.DB.prepare(
      "select count(*) as n from outbox where to_email like '%@off.example' and subject like 'Abgesagt%'",
    ).first<{ n: number }>();
    expect(mails?.n).toBe(3);
    const late = await register(hebammen, "evt-off", { institutionId: "inst-hebammen-kh", email: "y@off.example" });
    expect(late.status).toBe(409);
    expect(await json(late)).toMatchObject({ code: "event_cancelled" });
  });
});
