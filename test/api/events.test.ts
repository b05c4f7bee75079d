import { beforeAll, describe, expect, it } from "vitest";
import { api, json, seed } from "../helpers";

beforeAll(async () => {
  await seed(new Date("2026-11-23T09:00:00Z"));
});

describe("events of a network", () => {
  it("lists the published demo events soonest first, with sessions in Berlin time", async () => {
    const res = await api("/api/networks/kinderschutzcluster-9/events");
    expect(res.status).toBe(200);
    const { items } = await json(res);
    const ids = items.map((e: { id: string }) => e.id);
    expect(ids).toEqual(expect.arrayContaining(["evt-qe-werkstatt", "evt-netzwerkkonferenz", "evt-datenschutz"]));
    expect(ids[0]).toBe("evt-kickoff-2026");

    const series = items.find((e: { id: string }) => e.id === "evt-qe-werkstatt");
    expect(series).toMatchObject({ type: "quality_workshop", capacity: 50 });
    expect(series.sessions).toHaveLength(5);
    expect(series.sessions.map((s: { position: number }) => s.position)).toEqual([1, 2, 3, 4, 5]);
    // 9:00 in Bad Kreuznach is 8:00 UTC in winter and 7:00 UTC in summer.
    for (const s of series.sessions) expect(new Date(s.startsAt).getUTCHours()).toBeOneOf([7, 8]);

    const conference = items.find((e: { id: string }) => e.id === "evt-netzwerkkonferenz");
    expect(conference.tracks.length).toBe(4);
    expect(conference.tracks.every((t: { sessionId: string }) => t.sessionId === conference.sessions[0].id)).toBe(true);
  });

  it("answers an unknown network with a problem", async () => {
    const res = await api("/api/networks/unbekannt/events");
    expect(res.status).toBe(404);
    expect(await json(res)).toMatchObject({ code: "network_not_found" });
  });
});

describe("demo seed", () => {
  it("is idempotent and never overwrites what users changed", async () => {
    const { env } = await import("cloudflare:workers");
    await env.DB.prepare(
      "update institutions set offers = 'geändert' where id = (select min(id) from institutions)",
    ).run();
    const before = await env.DB.prepare("select count(*) as n from institutions").first<{ n: number }>();
    await seed();
    const after = await env.DB.prepare("select count(*) as n from institutions").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
    const changed = await env.DB.prepare("select count(*) as n from institutions where offers = 'geändert'").first<{
      n: number;
    }>();
    expect(changed?.n).toBe(1);
  });
});
