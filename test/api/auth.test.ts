import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../worker/lib/auth";
import { api, authed, json, newestMailTo, ORIGIN, seed, setCookiesOf, signIn, signInWithToken } from "../helpers";

// Budgets in this file (one D1 for all tests here): at most 5 link requests per
// address and 30 per client (`cf-connecting-ip` is absent: all count as "local")
// per 15-minute window. Tests therefore use dedicated accounts where they burn links.

const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";
const HEBAMMEN = "m.osterkamp@hebammennetzwerk-nahe.example";
const PARTICIPANT = "teilnehmerin.auth@example.org";
const UNKNOWN = "niemand-bekannt@example.org";

const requestLink = (email: string, headers: Record<string, string> = {}) =>
  api("/api/auth/sign-in-links", {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN, ...headers },
    body: JSON.stringify({ email }),
  });

const useToken = (token: string) =>
  api("/api/auth/sessions", {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN },
    body: JSON.stringify({ token }),
  });

const count = async (sql: string, ...params: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...params)
      .first<{ n: number }>()
  )?.n ?? 0;

const outboxCount = (email: string) => count("select count(*) as n from outbox where to_email = ?", email);

const addAccount = (id: string, email: string) =>
  env.DB.prepare("insert into accounts (id, email, display_name, locale, created_at) values (?, ?, ?, 'de', ?)")
    .bind(id, email, id, Date.now())
    .run();

/** Requests a link for `email` and returns the token from the mail (without using it). */
async function linkToken(email: string) {
  const before = (
    await env.DB.prepare("select id from outbox where to_email = ?").bind(email).all<{ id: string }>()
  ).results.map((r) => r.id);
  expect((await requestLink(email)).status).toBe(202);
  const mail = await newestMailTo(email, before);
  expect(mail?.token).toBeTruthy();
  return mail!.token!;
}

beforeAll(async () => {
  await seed();
  // A participant without an account: a registration for a demo event.
  await env.DB.prepare(
    "insert into registrations (id, event_id, institution_id, email, name, status, requested_at, created_at) values ('reg-auth-test', 'evt-qe-werkstatt', 'inst-kita-regenbogen-kh', ?, 'Teilnehmerin Test', 'confirmed', ?, ?)",
  )
    .bind(PARTICIPANT, Date.now(), Date.now())
    .run();
  await addAccount("acc-t-once", "einmal@example.org");
  await addAccount("acc-t-expired", "abgelaufen@example.org");
  await addAccount("acc-t-signout", "abmelden@example.org");
  await addAccount("acc-t-everywhere", "ueberall@example.org");
  await addAccount("acc-t-limit", "limit@example.org");
});

describe("sign-in links", () => {
  it("answers 202 with the same body for an account, a participant and an unknown address", async () => {
    const answers = await Promise.all([ORGANISER, PARTICIPANT, UNKNOWN].map((email) => requestLink(email)));
    const bodies = await Promise.all(answers.map((r) => r.text()));
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0])).toEqual({ status: "sent" });
    expect(new Set(answers.map((r) => r.headers.get("content-type"))).size).toBe(1);

    const organiserMail = await newestMailTo(ORGANISER);
    expect(organiserMail).toMatchObject({ template: "sign_in_link" });
    expect(organiserMail?.token).toBeTruthy();
    // The participant gets personal links to the registration, never a sign-in link.
    expect((await newestMailTo(PARTICIPANT))?.template).toBe("participant_links");
    expect(await count("select count(*) as n from sign_in_tokens where account_id is null")).toBe(0);
    expect(await outboxCount(UNKNOWN)).toBe(0);
  });

  it("normalises the address (case) before looking it up", async () => {
    const before = await outboxCount(ORGANISER);
    expect((await requestLink(ORGANISER.toUpperCase())).status).toBe(202);
    expect(await outboxCount(ORGANISER)).toBe(before + 1);
    expect(await outboxCount(ORGANISER.toUpperCase())).toBe(0);
  });

  it("refuses an invalid address with a field error, in German by default and in English on request", async () => {
    const res = await requestLink("keine-adresse");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(res.headers.get("content-language")).toBe("de");
    const problem = await json(res);
    expect(problem).toMatchObject({
      code: "validation_failed",
      status: 400,
      title: "Eingaben unvollständig oder ungültig",
    });
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(["email"]);

    const en = await api("/api/auth/me", { headers: { "accept-language": "en" } });
    expect(en.status).toBe(401);
    expect(en.headers.get("content-language")).toBe("en");
    expect(await json(en)).toMatchObject({ code: "unauthenticated", title: "Not signed in" });
  });

  it("stores only the hash of the token", async () => {
    const token = await linkToken("einmal@example.org");
    const rows = (
      await env.DB.prepare("select * from sign_in_tokens where account_id = 'acc-t-once'").all<
        Record<string, unknown>
      >()
    ).results;
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(await hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(
      await count(
        "select count(*) as n from sign_in_tokens where token_hash = ? or token_hash like ?",
        token,
        `%${token}%`,
      ),
    ).toBe(0);

    // ... and the token is single use.
    const first = await useToken(token);
    expect(first.status).toBe(201);
    const second = await useToken(token);
    expect(second.status).toBe(400);
    expect(second.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await json(second)).toMatchObject({ code: "sign_in_link_invalid", title: "Anmeldelink ungültig" });
    expect(setCookiesOf(second)).toEqual([]);
  });

  it("refuses an expired token", async () => {
    const token = await linkToken("abgelaufen@example.org");
    await env.DB.prepare("update sign_in_tokens set expires_at = ? where token_hash = ?")
      .bind(Date.now() - 1000, await hashToken(token))
      .run();
    const res = await useToken(token);
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ code: "sign_in_link_invalid" });
    expect(await count("select count(*) as n from auth_sessions where account_id = 'acc-t-expired'")).toBe(0);
  });

  it("refuses a made-up token", async () => {
    const res = await useToken("A".repeat(43));
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ code: "sign_in_link_invalid" });
  });

  it("limits link requests per address: the 6th within the window is refused and sends nothing", async () => {
    for (let i = 1; i <= 5; i++) expect((await requestLink("limit@example.org")).status).toBe(202);
    expect(await outboxCount("limit@example.org")).toBe(5);
    const res = await requestLink("limit@example.org");
    expect(res.status).toBe(429);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await json(res)).toMatchObject({ code: "rate_limited", title: "Zu viele Anfragen" });
    expect(await outboxCount("limit@example.org")).toBe(5);
    // The limit is per address: another address is still served.
    expect((await requestLink("noch-jemand@example.org")).status).toBe(202);
  });
});

describe("sessions", () => {
  let organiser: string;
  let hebammen: string;

  beforeAll(async () => {
    organiser = await signIn(ORGANISER);
    hebammen = await signIn(HEBAMMEN);
  });

  it("sets a __Host- session cookie: HttpOnly, Secure, SameSite=Lax, Path=/", async () => {
    const token = await linkToken("abmelden@example.org");
    const res = await useToken(token);
    expect(res.status).toBe(201);
    const cookies = setCookiesOf(res);
    expect(cookies).toHaveLength(1);
    const [nameValue, ...attributes] = cookies[0].split(";").map((part) => part.trim());
    expect(nameValue).toMatch(/^__Host-nw_session=[A-Za-z0-9_-]{40,}$/);
    const lower = attributes.map((a) => a.toLowerCase());
    expect(lower).toContain("httponly");
    expect(lower).toContain("secure");
    expect(lower).toContain("samesite=lax");
    expect(lower).toContain("path=/");
    expect(lower.some((a) => a.startsWith("domain="))).toBe(false);
    const expires = attributes.find((a) => a.toLowerCase().startsWith("expires="));
    expect(expires).toBeDefined();
    expect(new Date(expires!.slice("expires=".length)).getTime()).toBeGreaterThan(Date.now() + 86_400_000);

    // The session token is stored only as its hash.
    const sessionToken = nameValue.split("=")[1];
    expect(await count("select count(*) as n from auth_sessions where token_hash = ?", sessionToken)).toBe(0);
    expect(
      await count("select count(*) as n from auth_sessions where token_hash = ?", await hashToken(sessionToken)),
    ).toBe(1);

    // The answer is the account with its roles.
    expect(await json(res)).toMatchObject({
      account: { id: "acc-t-signout", email: "abmelden@example.org" },
      roles: [],
    });
  });

  it("GET /api/auth/me shows the account and its roles with network and institution names", async () => {
    const res = await authed(organiser, "/api/auth/me");
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      account: {
        id: "acc-organiser",
        email: ORGANISER,
        displayName: "Netzwerkkoordination Kinderschutzcluster 9",
        locale: "de",
      },
      roles: [
        {
          role: "organiser",
          network: { id: "net-kc9", slug: "kinderschutzcluster-9", name: "Kinderschutzcluster 9" },
          institution: null,
        },
      ],
      operator: false,
    });

    const contact = await json(await authed(hebammen, "/api/auth/me"));
    expect(contact.account).toMatchObject({ id: "acc-contact-hebammen", email: HEBAMMEN });
    expect(contact.roles).toEqual([
      {
        role: "institution_contact",
        network: { id: "net-kc9", slug: "kinderschutzcluster-9", name: "Kinderschutzcluster 9" },
        institution: { id: "inst-hebammen-kh", name: "Hebammennetzwerk Nahe – Familienhebammen" },
      },
    ]);
  });

  it("GET /api/auth/session tells visitors apart from signed-in accounts without an error", async () => {
    const visitor = await api("/api/auth/session");
    expect(visitor.status).toBe(200);
    expect(await json(visitor)).toEqual({ me: null });
    const signedIn = await json(await authed(organiser, "/api/auth/session"));
    expect(signedIn.me.account.email).toBe("koordination@kinderschutz-bad-kreuznach.example");
  });

  it("GET /api/auth/me without a session is 401 problem+json in German", async () => {
    const res = await api("/api/auth/me");
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(res.headers.get("content-language")).toBe("de");
    expect(await json(res)).toMatchObject({ code: "unauthenticated", title: "Nicht angemeldet", status: 401 });
    const forged = await api("/api/auth/me", { headers: { cookie: "__Host-nw_session=erfunden-erfunden-erfunden" } });
    expect(forged.status).toBe(401);
  });

  it("GET /api/auth/sessions lists the account's own sessions, marking the current one", async () => {
    const second = await signIn(ORGANISER);
    const res = await authed(organiser, "/api/auth/sessions");
    expect(res.status).toBe(200);
    const { items } = await json(res);
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const ids = items.map((s: { id: string }) => s.id);
    const own = (
      await env.DB.prepare("select id from auth_sessions where account_id = 'acc-organiser'").all<{ id: string }>()
    ).results.map((r) => r.id);
    expect(ids.every((id: string) => own.includes(id))).toBe(true);
    // The other device sees the same list with its own session marked.
    const fromSecond = await json(await authed(second, "/api/auth/sessions"));
    const currentHere = items.find((s: { current: boolean }) => s.current).id;
    const currentThere = fromSecond.items.find((s: { current: boolean }) => s.current).id;
    expect(currentThere).not.toBe(currentHere);
    expect(JSON.stringify(items)).not.toContain(organiser.split("=")[1]);

    // Ending the other session by id leaves this one alone.
    expect((await authed(organiser, `/api/auth/sessions/${currentThere}`, { method: "DELETE" })).status).toBe(200);
    expect((await authed(second, "/api/auth/me")).status).toBe(401);
    expect((await authed(organiser, "/api/auth/me")).status).toBe(200);
  });

  it("cannot end another account's session", async () => {
    const { items } = await json(await authed(organiser, "/api/auth/sessions"));
    const organiserSession = items.find((s: { current: boolean }) => s.current).id;
    const res = await authed(hebammen, `/api/auth/sessions/${organiserSession}`, { method: "DELETE" });
    expect(res.status).toBe(404);
    expect(await json(res)).toMatchObject({ code: "session_not_found" });
    expect((await authed(organiser, "/api/auth/me")).status).toBe(200);
  });

  it("DELETE /api/auth/sessions/current signs this device out", async () => {
    const cookie = await signIn("abmelden@example.org");
    expect((await authed(cookie, "/api/auth/me")).status).toBe(200);
    const res = await authed(cookie, "/api/auth/sessions/current", { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ status: "signed_out" });
    const cleared = setCookiesOf(res).find((c) => c.startsWith("__Host-nw_session="));
    expect(cleared).toBeDefined();
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect((await authed(cookie, "/api/auth/me")).status).toBe(401);
    expect((await authed(cookie, "/api/auth/sessions")).status).toBe(401);
  });

  it("DELETE /api/auth/sessions ends every session of the account, and only of that account", async () => {
    const one = await signIn("ueberall@example.org");
    const two = await signIn("ueberall@example.org");
    const res = await authed(one, "/api/auth/sessions", { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ status: "signed_out", ended: 2 });
    expect((await authed(one, "/api/auth/me")).status).toBe(401);
    expect((await authed(two, "/api/auth/me")).status).toBe(401);
    expect((await authed(organiser, "/api/auth/me")).status).toBe(200);
    expect((await authed(hebammen, "/api/auth/me")).status).toBe(200);
  });

  it("an expired session no longer works", async () => {
    const token = await linkToken("abgelaufen@example.org");
    const cookie = await signInWithToken(token);
    expect((await authed(cookie, "/api/auth/me")).status).toBe(200);
    await env.DB.prepare("update auth_sessions set expires_at = ? where account_id = 'acc-t-expired'")
      .bind(Date.now() - 1000)
      .run();
    expect((await authed(cookie, "/api/auth/me")).status).toBe(401);
  });
});

describe("CSRF: writes carrying the session cookie must come from our own origin", () => {
  let organiser: string;
  const phoneOf = async () =>
    (await env.DB.prepare("select phone from institutions where id = 'inst-hebammen-kh'").first<{ phone: string }>())
      ?.phone;

  beforeAll(async () => {
    organiser = await signIn(ORGANISER);
  });

  it("refuses a PATCH without Origin or from another origin, and changes nothing", async () => {
    const before = await phoneOf();
    const auditBefore = await count("select count(*) as n from audit_log");
    const body = JSON.stringify({ phone: "0671 000-9999" });
    const headers = { cookie: organiser, "content-type": "application/json" };

    const withoutOrigin = await api("/api/institutions/inst-hebammen-kh", { method: "PATCH", headers, body });
    expect(withoutOrigin.status).toBe(403);
    expect(withoutOrigin.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await json(withoutOrigin)).toMatchObject({ code: "csrf_failed", title: "Anfrage abgelehnt" });

    for (const origin of ["https://evil.example", "http://localhost.evil.example", "null", "https://localhost"]) {
      const res = await api("/api/institutions/inst-hebammen-kh", {
        method: "PATCH",
        headers: { ...headers, origin },
        body,
      });
      expect(res.status, origin).toBe(403);
      expect((await json(res)).code).toBe("csrf_failed");
    }
    const crossSite = await api("/api/institutions/inst-hebammen-kh", {
      method: "PATCH",
      headers: { ...headers, "sec-fetch-site": "cross-site" },
      body,
    });
    expect(crossSite.status).toBe(403);

    expect(await phoneOf()).toBe(before);
    expect(await count("select count(*) as n from audit_log")).toBe(auditBefore);
  });

  it("refuses a cross-site sign-out, so a foreign page cannot end a session", async () => {
    const res = await api("/api/auth/sessions/current", {
      method: "DELETE",
      headers: { cookie: organiser, origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
    expect((await authed(organiser, "/api/auth/me")).status).toBe(200);
  });

  it("accepts the same PATCH from our own origin (or same-origin fetch metadata)", async () => {
    const res = await authed(organiser, "/api/institutions/inst-hebammen-kh", {
      method: "PATCH",
      body: { phone: "0671 000-9999" },
    });
    expect(res.status).toBe(200);
    expect((await json(res)).phone).toBe("0671 000-9999");
    expect(await phoneOf()).toBe("0671 000-9999");

    const sameSite = await api("/api/institutions/inst-hebammen-kh", {
      method: "PATCH",
      headers: { cookie: organiser, "content-type": "application/json", "sec-fetch-site": "same-origin" },
      body: JSON.stringify({ phone: "0671 000-6100" }),
    });
    expect(sameSite.status).toBe(200);
    expect(await phoneOf()).toBe("0671 000-6100");
  });
});
