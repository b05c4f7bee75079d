import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../worker/lib/auth";
import { deliverOutbox } from "../../worker/lib/mail";
import { api, authed, db, json, newestMailTo, ORIGIN, seed, signIn, signInWithToken } from "../helpers";

// OPERATOR_EMAILS is set for the tests in test/vitest.config.ts.
const OPERATOR = "betrieb@netzwerkstatt.example";
const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
const CONTACT = "m.osterkamp@hebammennetzwerk-nahe.example";
const PARTICIPANT_TOKEN = "operator-test-participant-token-0000000000000";

const count = async (sql: string, ...params: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...params)
      .first<{ n: number }>()
  )?.n ?? 0;

let operator: string;
let organiser: string;
let contact: string;

const create = (cookie: string | null, body: unknown) =>
  authed(cookie, "/api/operator/networks", { method: "POST", body });

beforeAll(async () => {
  await seed();
  const now = Date.now();
  await env.DB.prepare(
    "insert into registrations (id, event_id, institution_id, email, name, status, requested_at, created_at, personal_token_hash) values ('reg-operator-test', 'evt-qe-werkstatt', 'inst-kita-regenbogen-kh', 'teilnahme.operator@example.org', 'Teilnehmerin', 'confirmed', ?, ?, ?)",
  )
    .bind(now, now, await hashToken(PARTICIPANT_TOKEN))
    .run();
  organiser = await signIn(ORGANISER);
  contact = await signIn(CONTACT);
});

describe("signing in as an operator", () => {
  it("works for a configured address without an account, answering like for any address", async () => {
    expect(await count("select count(*) as n from accounts where email = ?", OPERATOR)).toBe(0);
    const request = (email: string) =>
      api("/api/auth/sign-in-links", {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN },
        body: JSON.stringify({ email }),
      });
    const unknown = await request("niemand-operator@example.org");
    const known = await request("BETRIEB@netzwerkstatt.example");
    expect(known.status).toBe(unknown.status);
    expect(await known.text()).toBe(await unknown.text());
    expect(await count("select count(*) as n from accounts where email = ?", OPERATOR)).toBe(1);
    expect(await count("select count(*) as n from accounts where email = 'niemand-operator@example.org'")).toBe(0);

    const mail = await newestMailTo(OPERATOR);
    expect(mail?.template).toBe("sign_in_link");
    operator = await signInWithToken(mail!.token!);
    const me = await json(await authed(operator, "/api/auth/me"));
    expect(me.operator).toBe(true);
    expect(me.roles).toEqual([]);
    expect((await json(await authed(operator, "/api/auth/session"))).me.operator).toBe(true);
  });

  it("is not what organisers and contacts are", async () => {
    expect((await json(await authed(organiser, "/api/auth/me"))).operator).toBe(false);
    expect((await json(await authed(contact, "/api/auth/session"))).me.operator).toBe(false);
  });
});

describe("the operators' list of networks", () => {
  it("shows every network with counts only, no personal data", async () => {
    const res = await authed(operator, "/api/operator/networks");
    expect(res.status).toBe(200);
    const text = await res.text();
    const demo = JSON.parse(text).items.find((n: { slug: string }) => n.slug === "kinderschutzcluster-9");
    expect(demo).toMatchObject({ id: "net-kc9", status: "active", suspendedAt: null, organisers: 1 });
    expect(demo.institutions).toBeGreaterThan(10);
    expect(demo.events).toBeGreaterThan(0);
    expect(text).not.toContain("@");
  });

  it("is refused to visitors (401), organisers and contacts (403)", async () => {
    expect((await authed(null, "/api/operator/networks")).status).toBe(401);
    for (const cookie of [organiser, contact]) {
      const res = await authed(cookie, "/api/operator/networks");
      expect(res.status).toBe(403);
      expect((await json(res)).code).toBe("forbidden");
    }
  });
});

describe("setting up a network", () => {
  it("creates it with a slug from the name, the organiser's account and role, and mails the invitation", async () => {
    const res = await create(operator, {
      name: "Frühe Hilfen Südpfalz",
      organiserEmail: "Koordination@Fruehe-Hilfen-Suedpfalz.example",
    });
    expect(res.status).toBe(201);
    const network = await json(res);
    expect(network).toMatchObject({ slug: "fruehe-hilfen-suedpfalz", name: "Frühe Hilfen Südpfalz", status: "active" });
    expect(network).toMatchObject({ organisers: 1, institutions: 0, events: 0 });

    const listed = await json(await api("/api/networks"));
    expect(listed.items.map((n: { slug: string }) => n.slug)).toContain("fruehe-hilfen-suedpfalz");

    // The invitation, in the outbox, signs the new organiser in to the new network.
    const mail = await newestMailTo("koordination@fruehe-hilfen-suedpfalz.example");
    expect(mail?.template).toBe("organiser_invitation");
    expect(mail?.subject).toContain("Frühe Hilfen Südpfalz");
    expect(mail?.text).toContain("http://localhost/anmelden");
    const newOrganiser = await signInWithToken(mail!.token!);
    const me = await json(await authed(newOrganiser, "/api/auth/me"));
    expect(me.operator).toBe(false);
    expect(me.roles).toEqual([
      { role: "organiser", network: { id: network.id, slug: network.slug, name: network.name }, institution: null },
    ]);

    // The organisers see in their audit log who set the network up.
    const log = await json(await authed(newOrganiser, `/api/networks/${network.id}/audit-log`));
    expect(log.items.map((e: { action: string }) => e.action)).toEqual(["network.created"]);
    expect((await authed(newOrganiser, "/api/operator/networks")).status).toBe(403);
  });

  it("gives an existing account the organiser role without a second account", async () => {
    const accounts = await count("select count(*) as n from accounts");
    const res = await create(operator, { name: "Zweites Netz", slug: "zweites-netz", organiserEmail: CONTACT });
    expect(res.status).toBe(201);
    expect(await count("select count(*) as n from accounts")).toBe(accounts);
    const { id } = await json(res);
    expect(
      await count(
        "select count(*) as n from roles r join accounts a on a.id = r.account_id where a.email = ? and r.network_id = ? and r.role = 'organiser'",
        CONTACT,
        id,
      ),
    ).toBe(1);
  });

  it("refuses a taken slug (409), a reserved or malformed one (400), and writes nothing", async () => {
    const before = {
      networks: await count("select count(*) as n from networks"),
      outbox: await count("select count(*) as n from outbox"),
      accounts: await count("select count(*) as n from accounts"),
    };
    const organiserEmail = "neu.koordination@example.org";
    const cases: [unknown, number, string][] = [
      [{ name: "Kinderschutzcluster 9", organiserEmail }, 409, "network_slug_taken"],
      [{ name: "Anders", slug: "fruehe-hilfen-suedpfalz", organiserEmail }, 409, "network_slug_taken"],
      [{ name: "Betrieb", organiserEmail }, 400, "network_slug_reserved"],
      [{ name: "Netz", slug: "api-referenz", organiserEmail }, 400, "network_slug_reserved"],
      [{ name: "Netz", slug: "Gross_Schreibung", organiserEmail }, 400, "network_slug_invalid"],
      [{ name: "Netz", slug: "ab", organiserEmail }, 400, "network_slug_invalid"],
      [{ name: "Ö", organiserEmail }, 400, "network_slug_invalid"],
      [{ name: "Netz ohne Adresse", organiserEmail: "keine-adresse" }, 400, "validation_failed"],
      [{ name: "", organiserEmail }, 400, "validation_failed"],
    ];
    for (const [body, status, code] of cases) {
      const res = await create(operator, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((await json(res)).code, JSON.stringify(body)).toBe(code);
    }
    expect({
      networks: await count("select count(*) as n from networks"),
      outbox: await count("select count(*) as n from outbox"),
      accounts: await count("select count(*) as n from accounts"),
    }).toEqual(before);
  });

  it("is refused to organisers and contacts, who create nothing", async () => {
    const before = await count("select count(*) as n from networks");
    for (const cookie of [organiser, contact, null]) {
      const res = await create(cookie, { name: "Heimliches Netz", organiserEmail: "x@example.org" });
      expect(res.status).toBe(cookie ? 403 : 401);
    }
    expect(await count("select count(*) as n from networks")).toBe(before);
  });
});

describe("suspending a network", () => {
  const suspension = (cookie: string | null, networkId: string, method: "POST" | "DELETE") =>
    authed(cookie, `/api/operator/networks/${networkId}/suspension`, { method });

  it("hides it and refuses its pages to all but operators, holds its mails, keeps its data; reactivation undoes it", async () => {
    const institutions = await count("select count(*) as n from institutions where network_id = 'net-kc9'");
    const refused = async (cookie: string | null, path: string, init: Parameters<typeof authed>[2] = {}) => {
      const res = await authed(cookie, path, init);
      expect(res.status, path).toBe(403);
      expect((await json(res)).code, path).toBe("network_suspended");
    };

    expect((await suspension(organiser, "net-kc9", "POST")).status).toBe(403);
    const res = await suspension(operator, "net-kc9", "POST");
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ id: "net-kc9", status: "suspended", suspendedAt: expect.any(String) });
    // Idempotent: suspending again changes and logs nothing more.
    expect((await suspension(operator, "net-kc9", "POST")).status).toBe(200);
    expect(await count("select count(*) as n from audit_log where action = 'network.suspended'")).toBe(1);

    const listed = await json(await api("/api/networks"));
    expect(listed.items.map((n: { id: string }) => n.id)).not.toContain("net-kc9");
    for (const path of [
      "/api/networks/kinderschutzcluster-9",
      "/api/networks/net-kc9/institutions",
      "/api/networks/net-kc9/events",
      "/api/institutions/inst-hebammen-kh",
      "/api/events/evt-qe-werkstatt",
    ])
      await refused(null, path);
    await refused(organiser, "/api/networks/net-kc9/audit-log");
    await refused(organiser, "/api/events/evt-qe-werkstatt/registrations");
    await refused(contact, "/api/institutions/inst-hebammen-kh/contact-persons");
    await refused(organiser, "/api/networks/net-kc9/institutions", {
      method: "POST",
      body: { name: "Während der Aussetzung", sectorKey: "police", municipalityId: "mun-bad-kreuznach" },
    });
    await refused(null, "/api/participation", { headers: { "x-participant-token": PARTICIPANT_TOKEN } });
    // The operators still reach its public pages, and see it in their own list.
    expect((await authed(operator, "/api/networks/net-kc9")).status).toBe(200);
    const mine = await json(await authed(operator, "/api/operator/networks"));
    expect(mine.items.find((n: { id: string }) => n.id === "net-kc9").status).toBe("suspended");

    // No mail goes out for a suspended network; mails without a network (sign-in links) still do.
    await env.DB.prepare(
      "insert into outbox (id, network_id, to_email, template, locale, subject, body_text, body_html, status, attempts, next_attempt_at, created_at) values ('mail-suspended', 'net-kc9', 'held@example.org', 'event_invitation', 'de', 'S', 'T', 'H', 'pending', 0, 0, 0), ('mail-free', null, 'free@example.org', 'sign_in_link', 'de', 'S', 'T', 'H', 'pending', 0, 0, 0)",
    ).run();
    await deliverOutbox({ DEV_MODE: "true" }, db(), new Date(), 500);
    const statusOf = async (id: string) =>
      (await env.DB.prepare("select status from outbox where id = ?").bind(id).first<{ status: string }>())?.status;
    expect(await statusOf("mail-suspended")).toBe("pending");
    expect(await statusOf("mail-free")).toBe("sent");
    expect(await count("select count(*) as n from institutions where network_id = 'net-kc9'")).toBe(institutions);

    // Reactivated, everything works again and the held mail goes out.
    const back = await suspension(operator, "net-kc9", "DELETE");
    expect(back.status).toBe(200);
    expect(await json(back)).toMatchObject({ status: "active", suspendedAt: null });
    expect((await api("/api/networks/kinderschutzcluster-9")).status).toBe(200);
    expect((await api("/api/events/evt-qe-werkstatt")).status).toBe(200);
    expect((await authed(organiser, "/api/networks/net-kc9/audit-log")).status).toBe(200);
    const participation = await api("/api/participation", { headers: { "x-participant-token": PARTICIPANT_TOKEN } });
    expect(participation.status).toBe(200);
    expect((await json(await api("/api/networks"))).items.map((n: { id: string }) => n.id)).toContain("net-kc9");
    await deliverOutbox({ DEV_MODE: "true" }, db(), new Date(), 500);
    expect(await statusOf("mail-suspended")).toBe("sent");

    // The network's organisers see what the operators did.
    const log = await json(await authed(organiser, "/api/networks/net-kc9/audit-log?entityType=network"));
    expect(log.items.map((e: { action: string }) => e.action)).toEqual(["network.reactivated", "network.suspended"]);
  });

  it("answers 404 for a network that does not exist, writing nothing", async () => {
    const audit = await count("select count(*) as n from audit_log");
    for (const method of ["POST", "DELETE"] as const) {
      const res = await suspension(operator, "net-gibt-es-nicht", method);
      expect(res.status).toBe(404);
      expect((await json(res)).code).toBe("network_not_found");
    }
    expect(await count("select count(*) as n from audit_log")).toBe(audit);
  });
});
