// Issue 13, as an attacker probes it: links that follow the Host header, dev routes reached
// from outside, locking a person out, voiding their links, and telling addresses apart by time.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, apiAnswer, authed, json, newestMailTo, ORIGIN, seed, signIn } from "../helpers";

const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
const EVENT = "evt-qe-werkstatt";
const INSTITUTION = "inst-hebammen-kh";

const linkRequest = (email: string, ip?: string) => ({
  method: "POST",
  headers: {
    "content-type": "application/json",
    ...(ip ? { "cf-connecting-ip": ip } : {}),
  },
  body: JSON.stringify({ email }),
});

const count = async (sql: string, ...params: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...params)
      .first<{ n: number }>()
  )?.n ?? 0;

const mailsTo = (email: string) => count("select count(*) as n from outbox where to_email = ?", email);

const addAccount = (id: string, email: string) =>
  env.DB.prepare("insert into accounts (id, email, display_name, locale, created_at) values (?, ?, ?, 'de', ?)")
    .bind(id, email, id, Date.now())
    .run();

let organiser: string;

/** Registers a person at the demo workshop through the API, as the organiser; their confirmation mail has their link. */
async function register(name: string, email: string) {
  const res = await authed(organiser, `/api/events/${EVENT}/registrations`, {
    method: "POST",
    body: { institutionId: INSTITUTION, name, email, function: "", accessibilityNeeds: "", privacyAcknowledged: true },
  });
  expect(res.status).toBe(201);
}

beforeAll(async () => {
  await seed(new Date());
  organiser = await signIn(ORGANISER);
  await addAccount("acc-s-host", "host@example.org");
  await addAccount("acc-s-port", "port@example.org");
  await addAccount("acc-s-origin", "origin@example.org");
  await addAccount("acc-s-lockout", "lockout@example.org");
  await addAccount("acc-s-flood", "flood@example.org");
});

describe("links in mails", () => {
  it("never follow the Host header: another host gets no mail at all when no origin is configured", async () => {
    const res = await api("http://evil.example/api/auth/sign-in-links", linkRequest("host@example.org"));
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await json(res)).toMatchObject({ code: "public_origin_missing" });
    expect(await mailsTo("host@example.org")).toBe(0);
  });

  it("are built from PUBLIC_ORIGIN whatever host the request names", async () => {
    const { response, settled } = apiAnswer(
      "http://evil.example/api/auth/sign-in-links",
      linkRequest("origin@example.org"),
      { PUBLIC_ORIGIN: "https://netzwerkstatt.example" },
    );
    expect((await response).status).toBe(202);
    await settled;
    const mail = await newestMailTo("origin@example.org");
    expect(mail?.text).toContain("https://netzwerkstatt.example/anmelden/bestaetigen#token=");
    expect(mail?.text).not.toContain("evil.example");
  });

  it("locally follow the loopback port that is actually served", async () => {
    const res = await api("http://127.0.0.1:8799/api/auth/sign-in-links", linkRequest("port@example.org"));
    expect(res.status).toBe(202);
    expect((await newestMailTo("port@example.org"))?.text).toContain(
      "http://127.0.0.1:8799/anmelden/bestaetigen#token=",
    );
  });

  it("in contact invitations never follow the Host header either", async () => {
    const invite = (url: string) =>
      api(url, {
        method: "POST",
        headers: { cookie: organiser, origin: new URL(url).origin, "content-type": "application/json" },
        body: JSON.stringify({ email: "eingeladen.host@example.org", displayName: "Ina Eingeladen" }),
      });
    const refused = await invite(`http://evil.example/api/institutions/${INSTITUTION}/contacts`);
    expect(refused.status).toBe(503);
    expect(await mailsTo("eingeladen.host@example.org")).toBe(0);
    expect(await count("select count(*) as n from accounts where email = 'eingeladen.host@example.org'")).toBe(0);

    expect((await invite(`http://localhost:8787/api/institutions/${INSTITUTION}/contacts`)).status).toBe(201);
    expect((await newestMailTo("eingeladen.host@example.org"))?.text).toContain("http://localhost:8787/anmelden/");
  });
});

describe("development helpers", () => {
  it("answer only on a loopback address, even with DEV_MODE on", async () => {
    for (const host of ["evil.example", "localhost.evil.example", "netzwerkstatt.example"]) {
      for (const path of ["/api/dev/mailbox", `/api/dev/mailbox?to=${ORGANISER}`, "/api/dev/d1-meter"]) {
        const res = await api(`http://${host}${path}`);
        expect(res.status, `${host}${path}`).toBe(404);
        expect(await res.text()).not.toContain("token=");
      }
    }
    expect((await api(`/api/dev/mailbox?to=${ORGANISER}`)).status).toBe(200);
    expect((await api("http://127.0.0.1:8787/api/dev/mailbox")).status).toBe(200);
  });

  it("do not exist without DEV_MODE, on any address", async () => {
    for (const url of ["http://localhost/api/dev/mailbox", "http://127.0.0.1/api/dev/d1-meter"]) {
      const { response } = apiAnswer(url, {}, { DEV_MODE: undefined });
      expect((await response).status).toBe(404);
    }
  });
});

describe("nobody can lock another person out", () => {
  it("counts link requests per address and client together: five strangers do not block the person", async () => {
    for (let i = 1; i <= 5; i++) {
      expect((await api("/api/auth/sign-in-links", linkRequest("lockout@example.org", `203.0.113.${i}`))).status).toBe(
        202,
      );
    }
    // Each stranger exhausts only their own budget for this address…
    const more: number[] = [];
    for (let i = 0; i < 5; i++)
      more.push((await api("/api/auth/sign-in-links", linkRequest("lockout@example.org", "203.0.113.1"))).status);
    expect(more).toEqual([202, 202, 202, 202, 429]);
    // …and the person, from their own client, still gets a link.
    const before = await mailsTo("lockout@example.org");
    expect((await api("/api/auth/sign-in-links", linkRequest("lockout@example.org", "198.51.100.7"))).status).toBe(202);
    expect(await mailsTo("lockout@example.org")).toBe(before + 1);
  });

  it("still limits one client across many addresses", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await api("/api/auth/sign-in-links", linkRequest(`viele-${i}@example.org`, "192.0.2.99"))).status);
    expect(statuses.slice(0, 30).every((s) => s === 202)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it("caps the mails one address gets, whoever asks, without telling anyone", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 12; i++)
      statuses.push(
        (await api("/api/auth/sign-in-links", linkRequest("flood@example.org", `203.0.113.${100 + i}`))).status,
      );
    expect(statuses.every((s) => s === 202)).toBe(true);
    expect(await mailsTo("flood@example.org")).toBe(10);
    // The links already mailed still work: the person is not locked out.
    const mail = await newestMailTo("flood@example.org");
    const used = await api("/api/auth/sessions", {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ token: mail?.token }),
    });
    expect(used.status).toBe(201);
  });
});

describe("personal links", () => {
  const participantLink = (text: string | undefined) => /\/teilnahme#t=([A-Za-z0-9_-]+)/.exec(text ?? "")?.[1];
  const page = (token: string) => api("/api/participation", { headers: { "x-participant-token": token } });

  it("stay valid when somebody else asks for new ones, until the person uses a new one", async () => {
    const email = "links.bleiben@example.org";
    await register("Lina Bleibt", email);
    const original = participantLink((await newestMailTo(email))?.text)!;
    expect((await page(original)).status).toBe(200);

    // Two strangers ask for the person's links.
    const requested: string[] = [];
    for (const ip of ["203.0.113.201", "203.0.113.202"]) {
      const before = (
        await env.DB.prepare("select id from outbox where to_email = ?").bind(email).all<{ id: string }>()
      ).results.map((r) => r.id);
      expect((await api("/api/auth/sign-in-links", linkRequest(email, ip))).status).toBe(202);
      const mail = await newestMailTo(email, before);
      expect(mail?.template).toBe("participant_links");
      requested.push(participantLink(mail?.text)!);
    }
    // The mail the person already has still works, and so does each new one.
    expect((await page(original)).status).toBe(200);
    expect((await page(original)).status).toBe(200);

    // The person uses the second new link: it becomes theirs, the others end.
    expect((await page(requested[1])).status).toBe(200);
    expect((await page(requested[1])).status).toBe(200);
    expect((await page(original)).status).toBe(401);
    expect((await page(requested[0])).status).toBe(401);
  });

  it("all end when the person revokes their link", async () => {
    const email = "links.widerrufen@example.org";
    await register("Rita Ruft", email);
    const original = participantLink((await newestMailTo(email))?.text)!;
    expect((await api("/api/auth/sign-in-links", linkRequest(email, "203.0.113.210"))).status).toBe(202);
    const requested = participantLink((await newestMailTo(email))?.text)!;
    expect(requested).not.toBe(original);

    const revoked = await api("/api/participation/link", {
      method: "DELETE",
      headers: { "x-participant-token": original },
    });
    expect(revoked.status).toBe(200);
    expect((await page(original)).status).toBe(401);
    expect((await page(requested)).status).toBe(401);
  });
});

describe("what a sign-in request reveals", () => {
  /** The SQL a request prepares before it hands its remaining work to `waitUntil`, and its answer. */
  async function observe(email: string, ip: string) {
    const statements: string[] = [];
    let handedOff: number | undefined;
    const recordingDb = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "prepare")
          return (query: string) => {
            statements.push(query);
            return target.prepare(query);
          };
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const ctx = createExecutionContext();
    const waitUntil = ctx.waitUntil.bind(ctx);
    const handed: Promise<unknown>[] = [];
    ctx.waitUntil = (promise: Promise<unknown>) => {
      handedOff ??= statements.length;
      handed.push(promise);
      waitUntil(promise);
    };
    const { response } = apiAnswer("/api/auth/sign-in-links", linkRequest(email, ip), { DB: recordingDb }, ctx);
    const answer = await response;
    const body = await answer.text();
    const before = statements.slice(0, handedOff ?? statements.length);
    await waitOnExecutionContext(ctx);
    await Promise.all(handed);
    return { status: answer.status, body, contentType: answer.headers.get("content-type"), before, all: statements };
  }

  it("takes the same path for an account, a participant and an unknown address; the lookup comes after the answer", async () => {
    const participant = "gleicher.weg@example.org";
    await register("Gerd Gleich", participant);

    const seen = {
      account: await observe(ORGANISER, "203.0.113.221"),
      participant: await observe(participant, "203.0.113.222"),
      unknown: await observe("niemand.weg@example.org", "203.0.113.223"),
    };
    for (const s of Object.values(seen)) {
      expect(s.status).toBe(202);
      expect(s.body).toBe(JSON.stringify({ status: "sent" }));
      expect(s.contentType).toBe(seen.account.contentType);
      // Nothing before the hand-off depends on who the address belongs to.
      expect(s.before.join("\n")).not.toMatch(/from "registrations"|insert into "sign_in_tokens"|insert into "outbox"/);
    }
    expect(seen.participant.before).toEqual(seen.account.before);
    expect(seen.unknown.before).toEqual(seen.account.before);
    // The work for a known address did happen, after the answer.
    expect(seen.account.all.join("\n")).toMatch(/insert into "sign_in_tokens"/);
    expect(seen.participant.all.join("\n")).toMatch(/insert into "personal_link_requests"/);
    expect(seen.unknown.all.join("\n")).not.toMatch(/insert into "outbox"/);
  });
});
