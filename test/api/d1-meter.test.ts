// The D1 meter behind `npm run bench` (GET /api/dev/d1-meter, DEV_MODE only).
// The pool's D1 binding is workerd's own D1Database, so the internal shape the
// meter relies on is present here: the test insists on `available: true`, and
// fails (rather than passing vacuously) if a workerd update removes the shape.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import app from "../../worker/app";
import { api, json, seed } from "../helpers";

type Reading = { available: boolean; queries?: number; rowsRead?: number; rowsWritten?: number };

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
    expect(health).toEqual({ status: 200, queries: 1, rowsRead: 0, rowsWritten: 0 });
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

  it("does not exist outside DEV_MODE", async () => {
    for (const DEV_MODE of ["false", undefined]) {
      const res = await app.request("/api/dev/d1-meter", {}, { ...env, DEV_MODE });
      expect(res.status).toBe(404);
    }
  });
});
