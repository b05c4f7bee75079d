// Liveness of the allocation (issue 15): no eligible person waits while a place is free, at
// any point a request can observe, whatever runs at the same time.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { cancelAs, createEvent, DAY, institutionsOf, register, seedAsOrganiser } from "../allocation-fixtures";
import { authed, heldCounterMismatches, json, runScheduled } from "../helpers";

let organiser: string;

beforeAll(async () => {
  organiser = await seedAsOrganiser();
});

/**
 * Waiting registrations that the rules would give a free place to right now: before the quota
 * deadline those of institutions under their quota, after the redistribution everyone whose
 * track (if any) has room. Empty when the event is at rest.
 */
async function eligibleWhileFree(eventId: string, now = Date.now()) {
  const { results } = await env.DB.prepare(
    `select w.id from registrations w
      join events e on e.id = w.event_id
      join quotas q on q.event_id = w.event_id and q.institution_id = w.institution_id
      where w.event_id = ? and w.status = 'waitlisted' and w.offered_until is null
        and e.status = 'published' and ? >= e.registration_opens_at and ? < e.registration_closes_at
        and (select count(*) from registrations h where h.event_id = e.id
          and (h.status = 'confirmed' or (h.status = 'waitlisted' and h.offered_until is not null))) < e.capacity
        and (w.track_id is null or (select count(*) from registrations h where h.track_id = w.track_id
          and (h.status = 'confirmed' or (h.status = 'waitlisted' and h.offered_until is not null)))
          < (select capacity from tracks t where t.id = w.track_id))
        and (e.redistributed_at is not null or (? < e.quota_deadline and
          (select count(*) from registrations h where h.event_id = e.id and h.institution_id = w.institution_id
            and (h.status = 'confirmed' or (h.status = 'waitlisted' and h.offered_until is not null)))
          < coalesce(q.places, e.default_quota)))`,
  )
    .bind(eventId, now, now, now)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

const cancel = (id: string) => cancelAs(organiser, id);
const redistribute = (eventId: string) =>
  authed(organiser, `/api/events/${eventId}/redistribution`, { method: "POST" });

describe("a place freed while the redistribution runs", () => {
  it("goes to the next waiting person, also when requests are cancelled or made between plan and write", async () => {
    const insts = (await institutionsOf(3)).map((i) => i.id);
    for (let round = 0; round < 12; round++) {
      // Even rounds: new requests arrive meanwhile; odd rounds: planned requests are cancelled.
      const arrivals = round % 2 === 0;
      const delay = Math.floor(round / 2);
      const eventId = `evt-live-${round}`;
      // 12 places, quota 1: each institution confirms one and waits with two more.
      await createEvent(eventId, { capacity: 12, defaultQuota: 1, institutions: insts });
      const waiting: string[] = [];
      for (let k = 0; k < 9; k++) {
        const made = await json(
          await register(organiser, eventId, { institutionId: insts[k % 3], email: `l${round}-${k}@live.example` }),
        );
        if (made.status === "waitlisted") waiting.push(made.id);
      }
      expect(waiting).toHaveLength(6);
      // The redistribution plans the three earliest waiting requests; they are cancelled meanwhile.
      // Each round starts the cancellations a few D1 round trips later, so that one of them lands
      // between the redistribution's read and its write.
      const later = async (request: () => Promise<Response>) => {
        for (let k = 0; k < delay; k++) await env.DB.prepare("select 1").first();
        return request();
      };
      const [run] = await Promise.all([
        redistribute(eventId),
        ...(arrivals
          ? [0, 1, 2].map((k) =>
              later(() =>
                register(organiser, eventId, { institutionId: insts[k], email: `n${round}-${k}@live.example` }),
              ),
            )
          : waiting.slice(0, 3).map((id) => later(() => cancel(id)))),
      ]);
      expect(run.status).toBe(200);
      expect(await eligibleWhileFree(eventId)).toEqual([]);
      // Everyone not cancelled holds a place (confirmed, or offered): 3 + 6 + 3, or 3 + 6 - 3, of 12.
      const held = await env.DB.prepare(
        `select count(*) as n from registrations where event_id = ?
          and (status = 'confirmed' or (status = 'waitlisted' and offered_until is not null))`,
      )
        .bind(eventId)
        .first<{ n: number }>();
      expect(held?.n).toBe(arrivals ? 12 : 6);
    }
  }, 60_000);
});

describe("every change that frees a place", () => {
  it("leaves no eligible person waiting while a place is free (property over random sequences)", async () => {
    const insts = (await institutionsOf(4)).map((i) => i.id);
    let n = 0;
    const op = fc.oneof(
      fc.record({ kind: fc.constant("register" as const), inst: fc.nat(3), track: fc.nat(2) }),
      fc.record({ kind: fc.constant("cancel" as const), pick: fc.nat(50) }),
      fc.record({ kind: fc.constant("capacity" as const), by: fc.integer({ min: 1, max: 2 }) }),
      fc.record({ kind: fc.constant("redistribute" as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 14 }), async (ops) => {
        const eventId = `evt-prop-${n++}`;
        await createEvent(eventId, {
          capacity: 3,
          defaultQuota: 1,
          institutions: insts,
          tracks: [
            { id: `${eventId}-a`, capacity: 2 },
            { id: `${eventId}-b`, capacity: 1 },
          ],
        });
        let capacity = 3;
        let people = 0;
        for (const o of ops) {
          if (o.kind === "register") {
            const trackId = o.track === 2 ? null : o.track === 0 ? `${eventId}-a` : `${eventId}-b`;
            await register(organiser, eventId, {
              institutionId: insts[o.inst],
              email: `p${people++}@${eventId}.example`,
              trackId,
            });
          } else if (o.kind === "cancel") {
            const { results } = await env.DB.prepare(
              "select id from registrations where event_id = ? and status <> 'cancelled' order by id",
            )
              .bind(eventId)
              .all<{ id: string }>();
            if (results.length > 0) await cancel(results[o.pick % results.length].id);
          } else if (o.kind === "capacity") {
            capacity += o.by;
            await authed(organiser, `/api/events/${eventId}`, { method: "PATCH", body: { capacity } });
          } else {
            await redistribute(eventId);
          }
          expect(await eligibleWhileFree(eventId)).toEqual([]);
        }
        expect(await heldCounterMismatches()).toEqual([]);
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it("the cron settles events whose place came free without a request (an offer that lapsed)", async () => {
    const insts = (await institutionsOf(2)).map((i) => i.id);
    await createEvent("evt-lapse", { capacity: 1, defaultQuota: 1, institutions: insts, deadlineInDays: -1 });
    await env.DB.prepare("update events set redistributed_at = ? where id = 'evt-lapse'").bind(Date.now()).run();
    const first = await json(
      await register(organiser, "evt-lapse", { institutionId: insts[0], email: "a@lapse.example" }),
    );
    await register(organiser, "evt-lapse", { institutionId: insts[1], email: "b@lapse.example" });
    await register(organiser, "evt-lapse", { institutionId: insts[1], email: "c@lapse.example" });
    await cancel(first.id);
    const offered = await env.DB.prepare(
      "select email, offered_until from registrations where event_id = 'evt-lapse' and offered_until is not null",
    ).first<{ email: string; offered_until: number }>();
    expect(offered?.email).toBe("b@lapse.example");
    // Two days later the offer has lapsed: the scheduled run hands the place on.
    const later = Date.now() + 2 * DAY + 60_000;
    await runScheduled(later);
    const rows = await env.DB.prepare(
      "select email, status, offered_until is not null as offered from registrations where event_id = 'evt-lapse' order by email",
    ).all<{ email: string; status: string; offered: number }>();
    expect(rows.results).toEqual([
      { email: "a@lapse.example", status: "cancelled", offered: 0 },
      { email: "b@lapse.example", status: "cancelled", offered: 0 },
      { email: "c@lapse.example", status: "waitlisted", offered: 1 },
    ]);
    expect(await eligibleWhileFree("evt-lapse", later)).toEqual([]);
  });
});
