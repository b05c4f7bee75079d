// The D1 meter behind `npm run bench` (GET /api/dev/d1-meter, DEV_MODE only).
// The pool's D1 binding is workerd's own D1Database, so the internal shape the
// meter relies on is present here: the test insists on `available: true`, and
// fails (rather than passing vacuously) if a workerd update removes the shape.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import app from "../../worker/app";
import { createEvent, institutionsOf, register } from "../allocation-fixtures";
import { api, json, seed, signIn } from "../helpers";

type Reading = { available: boolean; roundTrips?: number; queries?: number; rowsRead?: number; rowsWritten?: number };

const reading = async (): Promise<Required<Reading>> => {
  const res = await api("/api/dev/d1-meter");
  expect(res.status).toBe(200);
  const body = await json<Reading>(res);
  expect(body.available, "workerd's D1Database no longer has the shape worker/lib/d1-meter.ts meters").toBe(true);
  return body as Required<Reading>;
};

/** What `request` added to the counters. */
async function cost(request: () => Promise<Response>) {
  const before = await reading();
  const res = await request();
  await res.arrayBuffer();
  const after = await reading();
  return {
    status: res.status,
    roundTrips: after.roundTrips - before.roundTrips,
    queries: after.queries - before.queries,
    rowsRead: after.rowsRead - before.rowsRead,
    rowsWritten: after.rowsWritten - before.rowsWritten,
  };
}

describe("D1 meter", () => {
  beforeAll(async () => {
    await seed();
    await api("/api/health"); // the first request through the app installs the meter
  });

  it("counts each statement once, and reading it runs none", async () => {
    const health = await cost(() => api("/api/health"));
    expect(health).toEqual({ status: 200, roundTrips: 1, queries: 1, rowsRead: 0, rowsWritten: 0 });
    const a = await reading();
    const b = await reading();
    expect(b).toEqual(a);
  });

  it("counts the rows a drizzle select reads (through raw())", async () => {
    const list = await cost(() => api("/api/networks/net-kc9/institutions"));
    expect(list.status).toBe(200);
    expect(list.queries).toBeGreaterThan(0);
    expect(list.rowsRead).toBeGreaterThanOrEqual(39); // the demo network's institutions
    expect(list.rowsWritten).toBe(0);
  });

  it("counts the rows an insert writes", async () => {
    const link = await cost(() =>
      api("/api/auth/sign-in-links", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "koordination@kinderschutz-bad-kreuznach.example" }),
      }),
    );
    expect(link.status).toBe(202);
    expect(link.rowsWritten).toBeGreaterThan(0);
  });

  it("a registration costs at most 3 round trips, 5 statements and 30 rows read, however full the event", async () => {
    const organiser = await signIn("koordination@kinderschutz-bad-kreuznach.example");
    const insts = (await institutionsOf(20)).map((i) => i.id);
    await createEvent("evt-cost-empty", { capacity: 500, defaultQuota: 30, institutions: insts });
    await createEvent("evt-cost-full", { capacity: 500, defaultQuota: 30, institutions: insts });
    // 500 places held by 500 people of 20 institutions, as at a full conference.
    await env.DB.prepare(
      `with recursive n(i) as (select 0 union all select i + 1 from n where i < 499),
        inst(k, id) as (select row_number() over (order by institution_id) - 1, institution_id
          from quotas where event_id = 'evt-cost-full')
      insert into registrations (id, event_id, institution_id, email, name, status, requested_at, confirmed_at, created_at)
      select 'full-' || i, 'evt-cost-full', inst.id, 'full-' || i || '@cost.example', 'Voll ' || i, 'confirmed', i, i, i
      from n join inst on inst.k = n.i % 20`,
    ).run();
    const costs = [];
    for (const [k, eventId] of ["evt-cost-empty", "evt-cost-full", "evt-cost-empty", "evt-cost-full"].entries()) {
      const made = await cost(() =>
        register(
          organiser,
          eventId,
          { institutionId: insts[k], email: `cost-${k}@cost.example` },
          `cost-registration-${k}`,
        ),
      );
      expect(made.status).toBe(201);
      costs.push({ eventId, ...made });
    }
    for (const c of costs) {
      expect(c.roundTrips).toBeLessThanOrEqual(3);
      expect(c.queries).toBeLessThanOrEqual(5);
      expect(c.rowsRead).toBeLessThanOrEqual(30);
    }
    // No more in a full event than in an empty one: the counters are read, not the 500 held rows
    // counted (the empty event's registration confirms, and so also updates three counters).
    expect(costs[1].rowsRead).toBeLessThanOrEqual(costs[0].rowsRead);
    expect(costs[3]).toEqual(costs[1]);
  });

  it("does not exist outside DEV_MODE", async () => {
    for (const DEV_MODE of ["false", undefined]) {
      const res = await app.request("/api/dev/d1-meter", {}, { ...env, DEV_MODE });
      expect(res.status).toBe(404);
    }
  });
});
