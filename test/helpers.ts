import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createDb } from "../worker/db/client";
import { seedDemoNetwork } from "../worker/db/seed";
import worker from "../worker/index";

export const db = () => createDb(env.DB);
export const seed = (now = new Date("2026-11-23T09:00:00Z")) => seedDemoNetwork(db(), now);

/**
 * A request through the worker's own fetch handler, as a browser would send it. It resolves
 * once the work the request left running after its answer (mail, delivery) is done too, so a
 * test reads a settled database; `apiAnswer` resolves with the answer alone.
 */
export async function api(path: string, init: RequestInit = {}) {
  const { response, settled } = apiAnswer(path, init);
  const answer = await response;
  await settled;
  return answer;
}

/**
 * The answer, and separately the moment the work after it has finished. `path` may be a whole
 * URL (another host or port); `bindings` replace the environment's for this request; `ctx`
 * observes what the request hands to `waitUntil`.
 */
export function apiAnswer(
  path: string,
  init: RequestInit = {},
  bindings: Partial<typeof env> = {},
  ctx = createExecutionContext(),
) {
  const url = path.startsWith("http") ? path : `http://localhost${path}`;
  // Kept here too: the work is awaited whatever waitOnExecutionContext covers.
  const handed: Promise<unknown>[] = [];
  const waitUntil = ctx.waitUntil.bind(ctx);
  ctx.waitUntil = (promise: Promise<unknown>) => {
    handed.push(promise);
    waitUntil(promise);
  };
  const response = Promise.resolve(worker.fetch(new Request(url, init), { ...env, ...bindings }, ctx));
  const settled = response.then(async () => {
    await waitOnExecutionContext(ctx);
    await Promise.all(handed);
  });
  return { response, settled };
}

/** A real 1×1 PNG, for logo uploads. */
export const TINY_PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

export const json = async <T = any>(response: Response): Promise<T> => (await response.json()) as T;

// ---------------------------------------------------------------------------
// Signing in and acting as a signed-in account

/** The origin of the requests `api()` makes: writes with a session cookie must come from here. */
export const ORIGIN = "http://localhost";

const outboxIdsTo = async (email: string) =>
  (
    await env.DB.prepare("select id from outbox where to_email = ?")
      .bind(email.trim().toLowerCase())
      .all<{ id: string }>()
  ).results.map((r) => r.id);

/**
 * The newest outbox mail to `email` that is not among `before` (ids), with the
 * token of its sign-in link (`#token=...`), or undefined if there is none.
 */
export async function newestMailTo(email: string, before: string[] = []) {
  const { results } = await env.DB.prepare(
    "select id, template, subject, body_text as text, body_html as html, created_at as createdAt from outbox where to_email = ? order by created_at desc, rowid desc",
  )
    .bind(email.trim().toLowerCase())
    .all<{ id: string; template: string; subject: string; text: string; html: string; createdAt: number }>();
  const mail = results.find((m) => !before.includes(m.id));
  if (!mail) return undefined;
  const token = /#token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  return { ...mail, token };
}

/** A mail some request wrote for the demo network but never delivered: pending, due now. */
export const insertPendingMail = (id: string, to: string) =>
  env.DB.prepare(
    `insert into outbox (id, network_id, to_email, template, locale, subject, body_text, body_html, status, attempts,
      next_attempt_at, created_at) values (?, 'net-kc9', ?, 'registration_update', 'de', 'Betreff', 'Text',
      '<p>Text</p>', 'pending', 0, ?, ?)`,
  )
    .bind(id, to, Date.now(), Date.now())
    .run();

/** Every Set-Cookie header of a response (workerd has `getSetCookie`; the workers types lack it). */
export const setCookiesOf = (response: Response): string[] =>
  (response.headers as unknown as { getSetCookie(): string[] }).getSetCookie();

/** The `name=value` part of the session cookie a response sets, for sending it back in a `cookie` header. */
export function sessionCookieOf(response: Response): string {
  const setCookie = setCookiesOf(response).find((c) => c.startsWith("__Host-nw_session="));
  if (!setCookie) throw new Error(`no session cookie in response (status ${response.status})`);
  return setCookie.split(";")[0];
}

/** Uses the token of a sign-in link; returns the session cookie to send later. */
export async function signInWithToken(token: string): Promise<string> {
  const res = await api("/api/auth/sessions", {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN },
    body: JSON.stringify({ token }),
  });
  if (res.status !== 201) throw new Error(`sign-in with token failed: ${res.status} ${await res.text()}`);
  return sessionCookieOf(res);
}

/**
 * Signs in through the real flow: requests a sign-in link, reads the mail from
 * the outbox, uses the token from the link. Returns the `cookie` header value.
 * Mind the rate limit (5 link requests per address per 15 minutes, 30 per
 * client): reuse the cookie within a test file.
 */
export async function signIn(email: string): Promise<string> {
  const before = await outboxIdsTo(email);
  const res = await api("/api/auth/sign-in-links", {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN },
    body: JSON.stringify({ email }),
  });
  if (res.status !== 202)
    throw new Error(`sign-in link request for ${email} failed: ${res.status} ${await res.text()}`);
  const mail = await newestMailTo(email, before);
  if (!mail?.token) throw new Error(`no sign-in link in the outbox for ${email}`);
  return signInWithToken(mail.token);
}

/**
 * `api()` as the holder of `cookie` (null: anonymous), from our own origin;
 * a body that is not a string is sent as JSON.
 */
export const authed = (
  cookie: string | null,
  path: string,
  init: Omit<RequestInit, "body"> & { body?: unknown } = {},
) => {
  const headers = new Headers(init.headers);
  if (cookie) headers.set("cookie", cookie);
  if (!headers.has("origin")) headers.set("origin", ORIGIN);
  let body: BodyInit | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  return api(path, { ...init, headers, body });
};

// ---------------------------------------------------------------------------
// A second network, for checks across tenants

export const OTHER = {
  networkId: "net-other",
  municipalityId: "mun-other",
  institutionId: "inst-other",
  contactPersonId: "cp-other-1",
  organiserId: "acc-other-organiser",
  organiserEmail: "other-organiser@example.org",
  contactId: "acc-other-contact",
  contactEmail: "other-contact@example.org",
} as const;

/**
 * Network `net-other` with one municipality, institution `inst-other` (with one
 * contact person), an organiser account and a contact account for inst-other.
 * Needs the sectors, so call it after `seed()`. Idempotent.
 */
export async function seedOtherNetwork() {
  const statements = [
    env.DB.prepare(
      "insert or ignore into networks (id, slug, name, description, state, privacy_notice, retention_months, created_at) values (?, 'anderes-netzwerk', 'Anderes Netzwerk', '', 'Hessen', '', 12, ?)",
    ).bind(OTHER.networkId, Date.now()),
    env.DB.prepare(
      "insert or ignore into municipalities (id, network_id, name, role) values (?, ?, 'Andere Stadt', 'model')",
    ).bind(OTHER.municipalityId, OTHER.networkId),
    env.DB.prepare(
      "insert or ignore into institutions (id, network_id, name, sector_key, municipality_id, email, created_at) values (?, ?, 'Andere Einrichtung', 'midwifery', ?, 'info@andere-einrichtung.example', ?)",
    ).bind(OTHER.institutionId, OTHER.networkId, OTHER.municipalityId, Date.now()),
    env.DB.prepare(
      "insert or ignore into contact_persons (id, institution_id, name, function, email, phone, is_primary, created_at) values (?, ?, 'Andrea Anders', 'Leitung', 'a.anders@andere-einrichtung.example', '', 1, ?)",
    ).bind(OTHER.contactPersonId, OTHER.institutionId, Date.now()),
    env.DB.prepare(
      "insert or ignore into accounts (id, email, display_name, locale, created_at) values (?, ?, 'Andere Koordination', 'de', ?)",
    ).bind(OTHER.organiserId, OTHER.organiserEmail, Date.now()),
    env.DB.prepare(
      "insert or ignore into accounts (id, email, display_name, locale, created_at) values (?, ?, 'Andere Ansprechperson', 'de', ?)",
    ).bind(OTHER.contactId, OTHER.contactEmail, Date.now()),
    env.DB.prepare(
      "insert or ignore into roles (id, account_id, network_id, role, institution_id, created_at) values ('role-other-organiser', ?, ?, 'organiser', null, ?)",
    ).bind(OTHER.organiserId, OTHER.networkId, Date.now()),
    env.DB.prepare(
      "insert or ignore into roles (id, account_id, network_id, role, institution_id, created_at) values ('role-other-contact', ?, ?, 'institution_contact', ?, ?)",
    ).bind(OTHER.contactId, OTHER.networkId, OTHER.institutionId, Date.now()),
  ];
  await env.DB.batch(statements);
}

/**
 * Counters that differ from the count they stand for: places held per event, track and quota
 * (kept by triggers on registrations). Empty when all are true.
 */
export async function heldCounterMismatches() {
  const holds = "(r.status = 'confirmed' or (r.status = 'waitlisted' and r.offered_until is not null))";
  const { results } = await env.DB.prepare(
    `select 'event' as kind, e.id as id, e.held_places as counter,
        (select count(*) from registrations r where r.event_id = e.id and ${holds}) as actual from events e
      union all
      select 'track', t.id, t.held_places,
        (select count(*) from registrations r where r.track_id = t.id and ${holds}) from tracks t
      union all
      select 'quota', q.event_id || '/' || q.institution_id, q.held_places,
        (select count(*) from registrations r where r.event_id = q.event_id
          and r.institution_id = q.institution_id and ${holds}) from quotas q`,
  ).all<{ kind: string; id: string; counter: number; actual: number }>();
  return results.filter((row) => row.counter !== row.actual);
}

/**
 * The worker's cron trigger as the runtime calls it, at `scheduledTime`; resolves when all the
 * work it handed to waitUntil is done. `bindings` replace the environment's (e.g. PUBLIC_ORIGIN).
 */
export async function runScheduled(scheduledTime = Date.now(), bindings: Partial<typeof env> = {}) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime, cron: "* * * * *" }), { ...env, ...bindings }, ctx);
  await waitOnExecutionContext(ctx);
}

/**
 * Polls `read` until `done` holds for its value (work handed to the JOBS queue, which the
 * pool's miniflare consumes on its own), for at most `limitMs`; returns the last value, for
 * the test to assert on. The bound is no assertion about time: it only ends a wait that failed.
 */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, limitMs = 20_000) {
  const until = Date.now() + limitMs;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}
