// Setting up a network: general settings, municipalities, logo, co-organisers, first steps.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { removeOrganiser } from "../../worker/db/network-settings";
import { networks } from "../../worker/db/schema";
import { MAX_LOGO_BYTES } from "../../worker/domain/logo";
import {
  api,
  authed,
  db,
  json,
  newestMailTo,
  ORIGIN,
  OTHER,
  TINY_PNG as PNG,
  seed,
  seedOtherNetwork,
  signIn,
  signInWithToken,
} from "../helpers";

const NET = "net-kc9";
const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>';

let organiser: string;
let otherOrganiser: string;
let otherContact: string;

/** Raw bytes, as the settings page sends the file (`authed` would send JSON). */
const putLogo = (cookie: string | null, body: BodyInit, type = "image/png", network = NET) =>
  api(`/api/networks/${network}/logo`, {
    method: "PUT",
    headers: { "content-type": type, origin: ORIGIN, ...(cookie ? { cookie } : {}) },
    body,
  });

const count = async (sql: string, ...params: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>())!.n;

const organiserCount = (network: string) =>
  count(
    "select count(*) as n from roles where network_id = ? and role = 'organiser' and institution_id is null",
    network,
  );

beforeAll(async () => {
  await seed(new Date());
  await seedOtherNetwork();
  organiser = await signIn(ORGANISER);
  otherOrganiser = await signIn(OTHER.organiserEmail);
  otherContact = await signIn(OTHER.contactEmail);
});

describe("general settings", () => {
  it("lets the organiser change name, description and sender name, and logs which fields changed", async () => {
    const res = await authed(organiser, `/api/networks/${NET}`, {
      method: "PATCH",
      body: { senderName: "  Netzwerkkoordination Kinderschutz  ", description: "Gemeinsam für Kinder." },
    });
    expect(res.status).toBe(200);
    const network = await json(res);
    expect(network.senderName).toBe("Netzwerkkoordination Kinderschutz");
    expect(network.description).toBe("Gemeinsam für Kinder.");
    expect(network.name).toBe("Kinderschutzcluster 9");
    expect((await json(await api(`/api/networks/${NET}`))).senderName).toBe("Netzwerkkoordination Kinderschutz");
    const entry = await env.DB.prepare(
      "select details from audit_log where network_id = ? and action = 'network.updated' order by at desc limit 1",
    )
      .bind(NET)
      .first<{ details: string }>();
    expect(JSON.parse(entry!.details).fields.sort()).toEqual(["description", "senderName"]);
  });

  it.each([
    [{ name: "   " }, "name"],
    [{ senderName: "x".repeat(101) }, "senderName"],
    [{ slug: "neu" }, ""],
    [{}, ""],
  ])("refuses %j with 400 and changes nothing", async (body, path) => {
    const res = await authed(organiser, `/api/networks/${NET}`, { method: "PATCH", body });
    expect(res.status).toBe(400);
    const problem = await json(res);
    expect(problem.code).toBe("validation_failed");
    if (path) expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect((await json(await api(`/api/networks/${NET}`))).name).toBe("Kinderschutzcluster 9");
  });

  it("refuses visitors, contacts and another network's organiser", async () => {
    const patch = { method: "PATCH", body: { name: "Übernommen" } };
    expect((await authed(null, `/api/networks/${NET}`, patch)).status).toBe(401);
    expect((await authed(otherContact, `/api/networks/${NET}`, patch)).status).toBe(403);
    expect((await authed(otherOrganiser, `/api/networks/${NET}`, patch)).status).toBe(403);
    expect((await authed(otherOrganiser, `/api/networks/${OTHER.networkId}`, patch)).status).toBe(200);
    expect((await json(await api(`/api/networks/${NET}`))).name).toBe("Kinderschutzcluster 9");
  });
});

describe("municipalities", () => {
  const base = `/api/networks/${NET}/municipalities`;
  const list = async () => (await json(await api(`/api/networks/${NET}`))).municipalities;

  it("adds partners, renames them, and keeps one model municipality", async () => {
    const added = await authed(organiser, base, { method: "POST", body: { name: "Landkreis Birkenfeld" } });
    expect(added.status).toBe(201);
    const { id, role } = await json(added);
    expect(role).toBe("partner");

    const renamed = await authed(organiser, `${base}/${id}`, { method: "PATCH", body: { name: "Kreis Birkenfeld" } });
    expect(renamed.status).toBe(200);
    expect((await list()).find((m: { id: string }) => m.id === id).name).toBe("Kreis Birkenfeld");

    const model = await authed(organiser, `${base}/${id}`, { method: "PATCH", body: { role: "model" } });
    expect(model.status).toBe(200);
    const models = (await list()).filter((m: { role: string }) => m.role === "model");
    expect(models.map((m: { id: string }) => m.id)).toEqual([id]);

    // Back as it was, for the other tests.
    await authed(organiser, `${base}/mun-bad-kreuznach`, { method: "PATCH", body: { role: "model" } });
    expect(await authed(organiser, `${base}/${id}`, { method: "DELETE" }).then((r) => r.status)).toBe(200);
    expect((await list()).some((m: { id: string }) => m.id === id)).toBe(false);
  });

  it("refuses a name the network already has (whatever the case)", async () => {
    const before = await list();
    expect(before.map((m: { name: string }) => m.name)).toContain("Bad Kreuznach");
    const res = await authed(organiser, base, { method: "POST", body: { name: "BAD KREUZNACH" } });
    expect(res.status).toBe(409);
    expect((await json(res)).code).toBe("municipality_name_taken");
    const rename = await authed(organiser, `${base}/mun-mainz-bingen`, {
      method: "PATCH",
      body: { name: "Bad Kreuznach" },
    });
    expect(rename.status).toBe(409);
    expect(await list()).toEqual(before);
  });

  it("refuses to remove a municipality institutions refer to, with 409, and removes nothing", async () => {
    const before = await count("select count(*) as n from municipalities where network_id = ?", NET);
    const res = await authed(organiser, `${base}/mun-bad-kreuznach`, { method: "DELETE" });
    expect(res.status).toBe(409);
    expect((await json(res)).code).toBe("municipality_in_use");
    expect(await count("select count(*) as n from municipalities where network_id = ?", NET)).toBe(before);
  });

  it("answers 404 for a municipality of another network, and the other organiser cannot touch ours", async () => {
    for (const method of ["PATCH", "DELETE"]) {
      const res = await authed(organiser, `${base}/${OTHER.municipalityId}`, {
        method,
        body: method === "PATCH" ? { name: "Gekapert" } : undefined,
      });
      expect(res.status).toBe(404);
      expect((await json(res)).code).toBe("municipality_not_found");
    }
    const res = await authed(otherOrganiser, `${base}/mun-mainz-bingen`, { method: "PATCH", body: { name: "X" } });
    expect(res.status).toBe(403);
    expect((await authed(otherContact, base, { method: "POST", body: { name: "X" } })).status).toBe(403);
    const name = await env.DB.prepare("select name from municipalities where id = ?")
      .bind(OTHER.municipalityId)
      .first<{ name: string }>();
    expect(name!.name).toBe("Andere Stadt");
  });
});

describe("the logo", () => {
  const logoUrl = `/api/networks/${NET}/logo`;

  it("stores a PNG and serves it publicly with an ETag, answering 304 when unchanged", async () => {
    const res = await putLogo(organiser, PNG);
    expect(res.status).toBe(200);
    const stored = await json(res);
    expect(stored).toMatchObject({ contentType: "image/png", byteSize: PNG.length });
    const network = await json(await api(`/api/networks/${NET}`));
    expect(network.logo).toEqual({ url: stored.url, contentType: "image/png" });

    const logo = await api(stored.url);
    expect(logo.status).toBe(200);
    expect(logo.headers.get("content-type")).toBe("image/png");
    expect(logo.headers.get("x-content-type-options")).toBe("nosniff");
    expect(logo.headers.get("cache-control")).toContain("immutable");
    expect(new Uint8Array(await logo.arrayBuffer())).toEqual(PNG);
    const etag = logo.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);

    const again = await api(logoUrl, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    // By slug as well: the header of the network's pages uses either.
    expect((await api("/api/networks/kinderschutzcluster-9/logo")).status).toBe(200);
  });

  it("serves an SVG so that it cannot run anything in our origin", async () => {
    expect((await putLogo(organiser, SVG, "image/svg+xml")).status).toBe(200);
    const res = await api(logoUrl);
    expect(res.headers.get("content-type")).toBe("image/svg+xml");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.text()).toBe(SVG);
  });

  it.each([
    ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>', 422, "logo_unsafe"],
    ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>', 422, "logo_unsafe"],
    ['<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>', 422, "logo_unsafe"],
    ["GIF89a\u0001\u0000\u0001\u0000", 415, "logo_unsupported_type"],
    ["<html><body>kein Logo</body></html>", 415, "logo_unsupported_type"],
    ["", 415, "logo_unsupported_type"],
  ])("refuses %j (%i %s) and keeps the logo it had", async (body, status, code) => {
    // Declared as an image: the bytes decide.
    const res = await putLogo(organiser, body, "image/svg+xml");
    expect(res.status).toBe(status);
    expect((await json(res)).code).toBe(code);
    expect(await (await api(logoUrl)).text()).toBe(SVG);
  });

  it("refuses a file over 256 KB with 413", async () => {
    const big = new Uint8Array(MAX_LOGO_BYTES + 1);
    big.set(PNG);
    const res = await putLogo(organiser, big);
    expect(res.status).toBe(413);
    expect((await json(res)).code).toBe("logo_too_large");
    const atLimit = new Uint8Array(MAX_LOGO_BYTES);
    atLimit.set(PNG);
    expect((await putLogo(organiser, atLimit)).status).toBe(200);
    expect((await api(logoUrl)).headers.get("content-type")).toBe("image/png");
  });

  it("is changed only by the network's own organisers", async () => {
    expect((await putLogo(null, PNG)).status).toBe(401);
    expect((await putLogo(otherOrganiser, SVG, "image/svg+xml")).status).toBe(403);
    expect((await putLogo(otherContact, SVG, "image/svg+xml")).status).toBe(403);
    expect((await authed(otherOrganiser, logoUrl, { method: "DELETE" })).status).toBe(403);
    expect((await api(logoUrl)).headers.get("content-type")).toBe("image/png");
  });

  it("can be removed; then there is none", async () => {
    expect((await authed(organiser, logoUrl, { method: "DELETE" })).status).toBe(200);
    const gone = await api(logoUrl);
    expect(gone.status).toBe(404);
    expect((await json(gone)).code).toBe("logo_not_found");
    expect((await json(await api(`/api/networks/${NET}`))).logo).toBeNull();
    expect((await authed(organiser, logoUrl, { method: "DELETE" })).status).toBe(404);
    expect(await count("select count(*) as n from audit_log where action = 'network.logo_removed'")).toBe(1);
  });
});

describe("co-organisers", () => {
  const base = `/api/networks/${NET}/organisers`;

  it("invites a colleague: account, organiser role and a mail in the network's name with its logo", async () => {
    await authed(organiser, `/api/networks/${NET}`, {
      method: "PATCH",
      body: { senderName: "Jugendamt Bad Kreuznach" },
    });
    expect((await putLogo(organiser, PNG)).status).toBe(200);
    const res = await authed(organiser, base, {
      method: "POST",
      body: { email: "Co.Koordination@Kreis-KH.example", displayName: "Clara Co" },
    });
    expect(res.status).toBe(201);
    const invited = await json(res);
    expect(invited.email).toBe("co.koordination@kreis-kh.example");

    const mail = await newestMailTo("co.koordination@kreis-kh.example");
    expect(mail?.template).toBe("co_organiser_invitation");
    expect(mail!.subject).toBe("Einladung in die Netzwerkkoordination Kinderschutzcluster 9");
    const { logo } = await json(await api(`/api/networks/${NET}`));
    // An absolute address (PUBLIC_ORIGIN), for mail clients.
    expect(mail!.html).toContain(`<img src="http://localhost${logo.url}" alt="Kinderschutzcluster 9"`);
    expect(mail!.text.endsWith("Mit freundlichen Grüßen\nJugendamt Bad Kreuznach")).toBe(true);
    const box = await json(await api("/api/dev/mailbox?to=co.koordination%40kreis-kh.example"));
    expect(box.items[0].from).toBe('"Jugendamt Bad Kreuznach" <netzwerkstatt@example.org>');

    // The link signs the colleague in as organiser of the network.
    const colleague = await signInWithToken(mail!.token!);
    expect((await authed(colleague, `/api/networks/${NET}/setup`)).status).toBe(200);
    const list = await json(await authed(colleague, base));
    expect(list.items.map((o: { email: string }) => o.email)).toEqual(["co.koordination@kreis-kh.example", ORGANISER]);

    const twice = await authed(organiser, base, {
      method: "POST",
      body: { email: "co.koordination@kreis-kh.example" },
    });
    expect(twice.status).toBe(409);
    expect((await json(twice)).code).toBe("already_organiser");
  });

  it("refuses bad addresses and other networks", async () => {
    const bad = await authed(organiser, base, { method: "POST", body: { email: "keine-adresse" } });
    expect(bad.status).toBe(400);
    const before = await organiserCount(NET);
    for (const cookie of [otherOrganiser, otherContact]) {
      const res = await authed(cookie, base, { method: "POST", body: { email: "eindringling@example.org" } });
      expect(res.status).toBe(403);
      expect((await authed(cookie, base)).status).toBe(403);
      expect((await authed(cookie, `${base}/acc-organiser`, { method: "DELETE" })).status).toBe(403);
    }
    expect(await organiserCount(NET)).toBe(before);
  });

  it("answers 404 for an account that is no organiser here", async () => {
    for (const accountId of ["acc-contact-hebammen", OTHER.organiserId, "unbekannt"]) {
      const res = await authed(organiser, `${base}/${accountId}`, { method: "DELETE" });
      expect(res.status).toBe(404);
      expect((await json(res)).code).toBe("organiser_not_found");
    }
  });

  it("removes a co-organiser, logged, but never the last one", async () => {
    const { items } = await json(await authed(organiser, base));
    const colleague = items.find((o: { email: string }) => o.email !== ORGANISER);
    const res = await authed(organiser, `${base}/${colleague.accountId}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(await organiserCount(NET)).toBe(1);
    expect(
      await count(
        "select count(*) as n from audit_log where action = 'organiser.removed' and entity_id = ?",
        colleague.accountId,
      ),
    ).toBe(1);

    const self = await authed(organiser, `${base}/acc-organiser`, { method: "DELETE" });
    expect(self.status).toBe(409);
    expect((await json(self)).code).toBe("last_organiser");
    expect(await organiserCount(NET)).toBe(1);
  });

  const pairNetwork = async (id: string) => {
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare("insert into networks (id, slug, name, created_at) values (?, ?, 'Paar-Netz', ?)").bind(
        id,
        id,
        now,
      ),
      ...["a", "b"].flatMap((x) => [
        env.DB.prepare("insert into accounts (id, email, display_name, created_at) values (?, ?, ?, ?)").bind(
          `acc-${id}-${x}`,
          `${id}-${x}@example.org`,
          `Paar ${x}`,
          now,
        ),
        env.DB.prepare(
          "insert into roles (id, account_id, network_id, role, created_at) values (?, ?, ?, 'organiser', ?)",
        ).bind(`role-${id}-${x}`, `acc-${id}-${x}`, id, now),
      ]),
    ]);
    const [network] = await db().select().from(networks).where(eq(networks.id, id));
    return network;
  };

  it("leaves one organiser when the last two are removed at the same moment", async () => {
    await pairNetwork("net-pair");
    const a = await signIn("net-pair-a@example.org");
    const results = await Promise.all([
      authed(a, "/api/networks/net-pair/organisers/acc-net-pair-b", { method: "DELETE" }),
      authed(a, "/api/networks/net-pair/organisers/acc-net-pair-a", { method: "DELETE" }),
    ]);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    // The other request lost: refused by the count in the DELETE (409), or, if the caller's own
    // removal ran first, because the caller is no organiser any more (403).
    expect(statuses.filter((s) => s === 409 || s === 403)).toHaveLength(1);
    expect(await organiserCount("net-pair")).toBe(1);
    expect(await count("select count(*) as n from audit_log where network_id = 'net-pair'")).toBe(1);
  });

  it("decides in the DELETE itself: two removals that both passed every check still leave one", async () => {
    const network = await pairNetwork("net-pair-2");
    const actor = { accountId: "acc-net-pair-2-a" };
    const outcomes = await Promise.all([
      removeOrganiser(db(), network, "acc-net-pair-2-a", actor),
      removeOrganiser(db(), network, "acc-net-pair-2-b", actor),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok && o.reason === "last_organiser")).toHaveLength(1);
    expect(await organiserCount("net-pair-2")).toBe(1);
  });
});

describe("first steps of an empty network", () => {
  it("lists what is missing and ticks each step once done", async () => {
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare(
        "insert into networks (id, slug, name, created_at) values ('net-empty', 'leeres-netz', 'Leeres Netz', ?)",
      ).bind(now),
      env.DB.prepare(
        "insert into accounts (id, email, display_name, created_at) values ('acc-empty', 'leer@example.org', 'Leer', ?)",
      ).bind(now),
      env.DB.prepare(
        "insert into roles (id, account_id, network_id, role, created_at) values ('role-empty', 'acc-empty', 'net-empty', 'organiser', ?)",
      ).bind(now),
    ]);
    const cookie = await signIn("leer@example.org");
    const setup = async () => json(await authed(cookie, "/api/networks/net-empty/setup"));
    expect(await setup()).toEqual({ directory: false, privacyNotice: false, firstEvent: false, complete: false });

    const place = await json(
      await authed(cookie, "/api/networks/net-empty/municipalities", {
        method: "POST",
        body: { name: "Musterstadt", role: "model" },
      }),
    );
    const institution = await authed(cookie, "/api/networks/net-empty/institutions", {
      method: "POST",
      body: { name: "Jugendamt Musterstadt", sectorKey: "youth_office", municipalityId: place.id },
    });
    expect(institution.status).toBe(201);
    expect(await setup()).toMatchObject({ directory: true, privacyNotice: false, firstEvent: false });

    await authed(cookie, "/api/networks/net-empty/privacy", {
      method: "PUT",
      body: { privacyNotice: "Datenschutzhinweise nach Art. 13 DSGVO …", retentionMonths: 12 },
    });
    expect(await setup()).toMatchObject({ directory: true, privacyNotice: true, firstEvent: false });

    await env.DB.prepare(
      `insert into events (id, network_id, type, title, capacity, default_quota, registration_opens_at, quota_deadline,
        registration_closes_at, status, created_at) values ('evt-empty-1', 'net-empty', 'kickoff', 'Auftakt', 30, 2, ?, ?, ?, 'draft', ?)`,
    )
      .bind(now, now, now, now)
      .run();
    expect(await setup()).toEqual({ directory: true, privacyNotice: true, firstEvent: true, complete: true });

    expect((await authed(organiser, "/api/networks/net-empty/setup")).status).toBe(403);
    expect((await authed(null, "/api/networks/net-empty/setup")).status).toBe(401);
  });
});
