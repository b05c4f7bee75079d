// Lowering a capacity, a track or a quota below the places already held (issue 15): refused with
// 409 and nothing written, unless the organiser overrides it; the override is recorded and the
// event shows how far it is overbooked.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { counts, createEvent, institutionsOf, register } from "../allocation-fixtures";
import { authed, json, seed, signIn } from "../helpers";

const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
let organiser: string;
let insts: string[];

beforeAll(async () => {
  await seed(new Date());
  organiser = await signIn(ORGANISER);
  insts = (await institutionsOf(3)).map((i) => i.id);
});

const patch = (eventId: string, body: unknown, language = "de") =>
  authed(organiser, `/api/events/${eventId}`, { method: "PATCH", body, headers: { "accept-language": language } });

async function fill(eventId: string, perInstitution: number) {
  for (const inst of insts)
    for (let k = 0; k < perInstitution; k++)
      expect(
        (await register(organiser, eventId, { institutionId: inst, email: `${eventId}-${inst}-${k}@x.example` }))
          .status,
      ).toBe(201);
}

const eventRow = (id: string) =>
  env.DB.prepare("select capacity, default_quota, held_places, updated_at from events where id = ?").bind(id).first();
const auditActions = async (id: string) =>
  (
    await env.DB.prepare("select action from audit_log where entity_id = ? order by at, rowid")
      .bind(id)
      .all<{ action: string }>()
  ).results.map((r) => r.action);

describe("lowering the capacity below what is held", () => {
  it("is refused with a clear 409 in German and English and changes nothing", async () => {
    await createEvent("evt-ob-1", { capacity: 10, defaultQuota: 2, institutions: insts });
    await fill("evt-ob-1", 2);
    expect((await counts("evt-ob-1")).confirmed).toBe(6);
    const before = await eventRow("evt-ob-1");

    const res = await patch("evt-ob-1", { capacity: 4, title: "Neuer Titel" });
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = await json(res);
    expect(problem.code).toBe("places_below_held");
    expect(problem.detail).toMatch(/Nichts wurde geändert/);
    const english = await json(await patch("evt-ob-1", { capacity: 4 }, "en"));
    expect(english.detail).toMatch(/Nothing was changed/);

    expect(await eventRow("evt-ob-1")).toEqual(before);
    const title = await env.DB.prepare("select title from events where id = 'evt-ob-1'").first("title");
    expect(title).not.toBe("Neuer Titel");
    expect(await auditActions("evt-ob-1")).toEqual([]);

    // Down to exactly what is held is fine.
    expect((await patch("evt-ob-1", { capacity: 6 })).status).toBe(200);
  });

  it("goes through when the organiser overrides it: recorded, and the event shows the overbooking", async () => {
    await createEvent("evt-ob-2", { capacity: 10, defaultQuota: 2, institutions: insts });
    await fill("evt-ob-2", 2);
    const res = await patch("evt-ob-2", { capacity: 4, allowOverbooking: true });
    expect(res.status).toBe(200);
    const detail = await json(res);
    expect(detail).toMatchObject({ capacity: 4, overbookedBy: 2 });
    expect(await auditActions("evt-ob-2")).toEqual(["event.update", "event.overbook"]);
    const board = await json(await authed(organiser, "/api/events/evt-ob-2/board"));
    expect(board).toMatchObject({ capacity: 4, confirmed: 6, free: 0, overbookedBy: 2 });
    // Nobody loses a place by it, and nobody new gets one.
    expect((await counts("evt-ob-2")).confirmed).toBe(6);
    const more = await json(
      await register(organiser, "evt-ob-2", { institutionId: insts[0], email: "ob2-more@x.example" }),
    );
    expect(more.status).toBe("waitlisted");
  });
});

describe("lowering a quota below what its institution holds", () => {
  it("is refused before the quota deadline, by override and by default quota", async () => {
    await createEvent("evt-ob-3", { capacity: 20, defaultQuota: 2, institutions: insts });
    await fill("evt-ob-3", 2);
    const override = await patch("evt-ob-3", { quotaOverrides: [{ institutionId: insts[0], places: 0 }] });
    expect(override.status).toBe(409);
    expect((await json(override)).code).toBe("places_below_held");
    expect((await patch("evt-ob-3", { defaultQuota: 1 })).status).toBe(409);
    const quota = await env.DB.prepare("select places from quotas where event_id = 'evt-ob-3' and institution_id = ?")
      .bind(insts[0])
      .first("places");
    expect(quota).toBeNull();
    expect((await eventRow("evt-ob-3"))?.default_quota).toBe(2);
    // Raising another's quota in the same request is fine as long as none falls below what it holds.
    expect((await patch("evt-ob-3", { quotaOverrides: [{ institutionId: insts[1], places: 3 }] })).status).toBe(200);
  });

  it("is allowed once the quotas no longer apply (after the redistribution)", async () => {
    await createEvent("evt-ob-4", { capacity: 20, defaultQuota: 2, institutions: insts });
    await fill("evt-ob-4", 2);
    expect((await authed(organiser, "/api/events/evt-ob-4/redistribution", { method: "POST" })).status).toBe(200);
    expect((await patch("evt-ob-4", { defaultQuota: 0 })).status).toBe(200);
  });

  it("refuses a track capacity below what the track holds", async () => {
    await createEvent("evt-ob-5", {
      capacity: 20,
      defaultQuota: 5,
      institutions: insts,
      tracks: [{ id: "trk-ob-5", capacity: 5 }],
    });
    for (let k = 0; k < 3; k++)
      await register(organiser, "evt-ob-5", {
        institutionId: insts[k],
        email: `ob5-${k}@x.example`,
        trackId: "trk-ob-5",
      });
    const lower = await patch("evt-ob-5", { tracks: [{ id: "trk-ob-5", title: "Forum", capacity: 2 }] });
    expect(lower.status).toBe(409);
    expect(await env.DB.prepare("select capacity from tracks where id = 'trk-ob-5'").first("capacity")).toBe(5);
  });
});

describe("lowering the capacity while people register", () => {
  it("never leaves more held than the capacity without an override", async () => {
    for (let round = 0; round < 4; round++) {
      const id = `evt-ob-race-${round}`;
      await createEvent(id, { capacity: 30, defaultQuota: 10, institutions: insts });
      const registering = Array.from({ length: 12 }, (_, k) =>
        register(organiser, id, { institutionId: insts[k % 3], email: `${id}-${k}@x.example` }),
      );
      const lowering = patch(id, { capacity: 4 + round * 2 });
      const [answer] = await Promise.all([lowering, ...registering]);
      const row = (await eventRow(id)) as { capacity: number; held_places: number };
      expect(row.held_places).toBeLessThanOrEqual(row.capacity);
      expect([200, 409]).toContain(answer.status);
    }
  });
});
