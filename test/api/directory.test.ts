import { beforeAll, describe, expect, it } from "vitest";
import { api, json, seed } from "../helpers";

beforeAll(async () => {
  await seed();
});

describe("directory: happy paths", () => {
  it("lists the demo network by name and slug", async () => {
    const list = await json(await api("/api/networks"));
    expect(list.items.map((n: { slug: string }) => n.slug)).toContain("kinderschutzcluster-9");

    const res = await api("/api/networks/kinderschutzcluster-9");
    expect(res.status).toBe(200);
    const network = await json(res);
    expect(network.name).toBe("Kinderschutzcluster 9");
    expect(network.municipalities[0]).toMatchObject({ name: "Bad Kreuznach", role: "model" });
    expect(network.municipalities.map((m: { name: string }) => m.name)).toEqual(
      expect.arrayContaining(["Ludwigshafen am Rhein", "Landkreis Mainz-Bingen"]),
    );
    expect(network.institutionCount).toBeGreaterThanOrEqual(24);
  });

  it("returns every sector with German and English names", async () => {
    const { items } = await json(await api("/api/sectors"));
    expect(items.length).toBeGreaterThanOrEqual(15);
    expect(items.find((s: { key: string }) => s.key === "midwifery")?.name.de).toMatch(/Hebamme/);
  });

  it("lists institutions sorted by German collation, spread over many sectors", async () => {
    const { items, total } = await json(await api("/api/networks/net-kc9/institutions"));
    expect(total).toBe(items.length);
    expect(total).toBeGreaterThanOrEqual(24);
    const names = items.map((i: { name: string }) => i.name);
    expect(names).toEqual([...names].sort(new Intl.Collator("de").compare));
    expect(new Set(items.map((i: { sectorKey: string }) => i.sectorKey)).size).toBeGreaterThanOrEqual(15);
  });

  it("filters by sector and municipality", async () => {
    const { items } = await json(await api("/api/networks/net-kc9/institutions?sector=midwifery"));
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i: { sectorKey: string }) => i.sectorKey === "midwifery")).toBe(true);

    const inLu = await json(await api("/api/networks/net-kc9/institutions?municipality=mun-ludwigshafen"));
    expect(inLu.items.length).toBeGreaterThan(0);
    expect(inLu.items.every((i: { municipality: { id: string } }) => i.municipality.id === "mun-ludwigshafen")).toBe(
      true,
    );
  });

  it("searches name and offers, ignoring case, umlauts and ß", async () => {
    const all = await json(await api("/api/networks/net-kc9/institutions"));
    const some = all.items.find((i: { offers: string }) => i.offers.length > 20);
    // A word from the middle of the offers, upper-cased: found by its offers, not its name.
    const word = some.offers
      .split(/\s+/)
      .find((w: string) => w.length > 8)!
      .replace(/[^\p{L}]/gu, "");
    const byOffer = await json(
      await api(`/api/networks/net-kc9/institutions?q=${encodeURIComponent(word.toUpperCase())}`),
    );
    expect(byOffer.items.map((i: { id: string }) => i.id)).toContain(some.id);

    const jugendamt = await json(await api(`/api/networks/net-kc9/institutions?q=${encodeURIComponent("JUGENDAMT")}`));
    expect(jugendamt.items.length).toBeGreaterThan(0);
    expect(jugendamt.items.length).toBeLessThan(all.items.length);

    const none = await json(await api("/api/networks/net-kc9/institutions?q=zzzxxyy"));
    expect(none).toEqual({ items: [], total: 0 });
  });

  it("shows an institution's public profile without personal contact data", async () => {
    const { items } = await json(await api("/api/networks/net-kc9/institutions"));
    const res = await api(`/api/institutions/${items[0].id}`);
    expect(res.status).toBe(200);
    const profile = await json(res);
    expect(profile).toMatchObject({ id: items[0].id, name: items[0].name, networkId: "net-kc9" });
    expect(profile.email).toMatch(/\.example$/);
    expect(profile).not.toHaveProperty("contactPersons");
    expect(JSON.stringify(profile)).not.toMatch(/"isPrimary"|"function"/);
  });
});

describe("directory: errors", () => {
  it("answers an unknown network with a German problem by default", async () => {
    const res = await api("/api/networks/nope/institutions");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const problem = await json(res);
    expect(problem).toMatchObject({
      status: 404,
      code: "network_not_found",
      title: "Netzwerk nicht gefunden",
      instance: "/api/networks/nope/institutions",
    });
    expect(problem.requestId).toBe(res.headers.get("x-request-id"));
    expect(problem.requestId.length).toBeGreaterThan(8);
  });

  it("speaks English when asked", async () => {
    const res = await api("/api/institutions/nope", { headers: { "accept-language": "en-GB,en;q=0.9" } });
    expect(res.status).toBe(404);
    expect(await json(res)).toMatchObject({ code: "institution_not_found", title: "Institution not found" });
    const viaQuery = await json(await api("/api/institutions/nope?lang=en"));
    expect(viaQuery.title).toBe("Institution not found");
  });

  it("rejects a malformed filter with field errors in both languages", async () => {
    const de = await api("/api/networks/net-kc9/institutions?sector=Not%20A%20Key");
    expect(de.status).toBe(400);
    const problem = await json(de);
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors).toEqual([expect.objectContaining({ path: "sector", code: "invalid_format" })]);
    expect(problem.errors[0].message).toMatch(/Ungültig/);

    const en = await json(
      await api("/api/networks/net-kc9/institutions?sector=Not%20A%20Key", { headers: { "accept-language": "en" } }),
    );
    expect(en.errors[0].message).toMatch(/Invalid/);
  });

  it("rejects an unknown sector and an over-long query", async () => {
    const unknown = await json(await api("/api/networks/net-kc9/institutions?sector=astronauts"));
    expect(unknown).toMatchObject({ code: "validation_failed", errors: [{ path: "sector", code: "unknown_sector" }] });
    const long = await api(`/api/networks/net-kc9/institutions?q=${"a".repeat(201)}`);
    expect(long.status).toBe(400);
    expect((await json(long)).errors[0]).toMatchObject({ path: "q", code: "too_big" });
  });

  it("answers unknown API paths and methods with problems, not HTML", async () => {
    const missing = await api("/api/does-not-exist");
    expect(missing.status).toBe(404);
    expect(await json(missing)).toMatchObject({ code: "not_found" });
    const wrongMethod = await api("/api/networks", { method: "DELETE" });
    expect(wrongMethod.status).toBe(404);
    expect(wrongMethod.headers.get("content-type")).toMatch(/problem\+json/);
  });
});

describe("security", () => {
  it("sends secure headers and a request id on every API answer", async () => {
    const res = await api("/api/health");
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ status: "ok", database: "ok" });
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    // Nobody may frame the app (the CSP says frame-ancestors 'none' too).
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-request-id")).toBeTruthy();
    const err = await api("/api/networks/nope");
    expect(err.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("never exposes contact persons anywhere in the directory", async () => {
    const list = await (await api("/api/networks/net-kc9/institutions")).text();
    expect(list).not.toMatch(/contactPerson|isPrimary/);
  });
});
