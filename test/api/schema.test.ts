// The database itself protects the invariants that must hold under any concurrency:
// these statements bypass the API on purpose and must be refused by D1.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { heldCounterMismatches, seed } from "../helpers";

beforeAll(async () => {
  await seed();
});

const register = (id: string, email: string, status = "confirmed", key: string | null = null) =>
  env.DB.prepare(
    `insert into registrations (id, event_id, institution_id, email, name, status, requested_at, idempotency_key, created_at)
     values (?, 'evt-qe-werkstatt', 'inst-jugendamt-kh', ?, 'Testperson', ?, 0, ?, 0)`,
  )
    .bind(id, email, status, key)
    .run();

describe("schema invariants", () => {
  it("allows one live registration per person and event, but a new one after cancelling", async () => {
    await register("r1", "a@example.org");
    await expect(register("r2", "a@example.org", "waitlisted")).rejects.toThrow(/UNIQUE/);
    await env.DB.prepare("update registrations set status = 'cancelled' where id = 'r1'").run();
    await register("r3", "a@example.org");
    const { results } = await env.DB.prepare("select id from registrations where email = 'a@example.org'").all();
    expect(results.map((r) => r.id).sort()).toEqual(["r1", "r3"]);
  });

  it("never stores two registrations under one idempotency key", async () => {
    await register("k1", "b@example.org", "confirmed", "key-1");
    await expect(register("k2", "c@example.org", "confirmed", "key-1")).rejects.toThrow(/UNIQUE/);
  });

  it("refuses an event whose quota deadline lies after its registration closes", async () => {
    await expect(
      env.DB.prepare(
        `insert into events (id, network_id, type, title, capacity, default_quota, registration_opens_at, quota_deadline, registration_closes_at, status, invitation_mode, promotion_mode, offer_hours, created_at)
         values ('bad', 'net-kc9', 'workshop', 'x', 10, 1, 0, 200, 100, 'draft', 'all', 'offer', 48, 0)`,
      ).run(),
    ).rejects.toThrow(/CHECK/);
  });

  it("counts an attendance once per session and registration", async () => {
    await register("att", "d@example.org");
    const attend = (id: string) =>
      env.DB.prepare(
        "insert into attendances (id, session_id, registration_id, kind, at) values (?, 'ses-qe-1', 'att', 'present', 0)",
      )
        .bind(id)
        .run();
    await attend("a1");
    await expect(attend("a2")).rejects.toThrow(/UNIQUE/);
  });

  it("refuses a contact role without an institution", async () => {
    await expect(
      env.DB.prepare(
        "insert into roles (id, account_id, network_id, role, institution_id, created_at) values ('x', 'acc-organiser', 'net-kc9', 'institution_contact', null, 0)",
      ).run(),
    ).rejects.toThrow(/CHECK/);
  });
});

describe("held-places counters", () => {
  const held = async () =>
    env.DB.prepare(
      `select e.held_places as event, q.held_places as quota from events e
        join quotas q on q.event_id = e.id and q.institution_id = 'inst-jugendamt-kh' where e.id = 'evt-qe-werkstatt'`,
    ).first<{ event: number; quota: number }>();

  it("follow every insert, status change, offer, move and delete, whoever writes", async () => {
    const before = await held();
    await register("h1", "h1@example.org");
    await register("h2", "h2@example.org", "waitlisted");
    expect(await held()).toEqual({ event: before!.event + 1, quota: before!.quota + 1 });
    // An offer holds a place; its lapse frees it.
    await env.DB.prepare("update registrations set offered_until = 1 where id = 'h2'").run();
    expect(await held()).toEqual({ event: before!.event + 2, quota: before!.quota + 2 });
    await env.DB.prepare("update registrations set status = 'cancelled', offered_until = null where id = 'h2'").run();
    await env.DB.batch([
      env.DB.prepare("delete from registration_history where registration_id = 'h1'"),
      env.DB.prepare("delete from registrations where id = 'h1'"),
    ]);
    expect(await held()).toEqual(before);
    expect(await heldCounterMismatches()).toEqual([]);
  });

  it("a counter that drifts is found (the check after every test can fail)", async () => {
    await env.DB.prepare("update events set held_places = held_places + 1 where id = 'evt-qe-werkstatt'").run();
    expect(await heldCounterMismatches()).toMatchObject([{ kind: "event", id: "evt-qe-werkstatt" }]);
    await env.DB.prepare("update events set held_places = held_places - 1 where id = 'evt-qe-werkstatt'").run();
  });
});
