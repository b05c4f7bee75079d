// Events, registrations and counts for the allocation tests, written straight into the demo
// network's D1 (the events are set up as an organiser would have, the registrations go through the API).
import { env } from "cloudflare:workers";
import { authed, seed, signIn } from "./helpers";

export const DAY = 86_400_000;

/** The demo network's coordinator, who organises the test events. */
export const ORGANISER = "koordination@kinderschutz-bad-kreuznach.example";

/** The demo network seeded as of now, and the organiser's session cookie. */
export async function seedAsOrganiser() {
  await seed(new Date());
  return signIn(ORGANISER);
}

/** Cancels a registration as the holder of `cookie` does, through the API. */
export const cancelAs = (cookie: string, registrationId: string) =>
  authed(cookie, `/api/registrations/${registrationId}/cancel`, { method: "POST" });

/** The demo network's institutions, in a stable order, with their sectors. */
export async function institutionsOf(count: number) {
  const { results } = await env.DB.prepare(
    "select id, sector_key as sector from institutions where network_id = 'net-kc9' order by id limit ?",
  )
    .bind(count)
    .all<{ id: string; sector: string }>();
  return results;
}

/**
 * A published event of the demo network, open for registration now, with
 * every listed institution invited at the default quota (or its override).
 */
export async function createEvent(
  id: string,
  opts: {
    capacity: number;
    defaultQuota: number;
    institutions: string[];
    overrides?: Record<string, number>;
    deadlineInDays?: number;
    promotionMode?: "offer" | "direct";
    tracks?: { id: string; capacity: number }[];
  },
) {
  const now = Date.now();
  const deadline = now + (opts.deadlineInDays ?? 10) * DAY;
  const statements = [
    env.DB.prepare(
      `insert into events (id, network_id, type, title, capacity, default_quota, registration_opens_at, quota_deadline,
        registration_closes_at, status, invitation_mode, promotion_mode, offer_hours, created_at)
       values (?, 'net-kc9', 'workshop', ?, ?, ?, ?, ?, ?, 'published', 'picked', ?, 48, ?)`,
    ).bind(
      id,
      `Testwerkstatt ${id}`,
      opts.capacity,
      opts.defaultQuota,
      now - DAY,
      deadline,
      Math.max(deadline, now) + 10 * DAY,
      opts.promotionMode ?? "offer",
      now,
    ),
    env.DB.prepare(
      "insert into event_sessions (id, event_id, position, title, starts_at, ends_at) values (?, ?, 1, 'Termin 1', ?, ?)",
    ).bind(`${id}-s1`, id, now + 30 * DAY, now + 30 * DAY + 3 * 3_600_000),
    ...(opts.tracks ?? []).map((t) =>
      env.DB.prepare("insert into tracks (id, event_id, title, capacity) values (?, ?, ?, ?)").bind(
        t.id,
        id,
        `Forum ${t.id}`,
        t.capacity,
      ),
    ),
    ...opts.institutions.map((inst) =>
      env.DB.prepare("insert into quotas (event_id, institution_id, places) values (?, ?, ?)").bind(
        id,
        inst,
        opts.overrides?.[inst] ?? null,
      ),
    ),
  ];
  await env.DB.batch(statements);
}

export const register = (
  cookie: string,
  eventId: string,
  body: { institutionId: string; email: string; name?: string; trackId?: string | null },
  key?: string,
) =>
  authed(cookie, `/api/events/${eventId}/registrations`, {
    method: "POST",
    headers: key ? { "idempotency-key": key } : {},
    body: {
      name: body.name ?? body.email.split("@")[0],
      function: "Fachkraft",
      accessibilityNeeds: "",
      privacyAcknowledged: true,
      ...body,
    },
  });

export async function counts(eventId: string) {
  const { results } = await env.DB.prepare(
    `select institution_id as inst, status, count(*) as n from registrations where event_id = ? group by 1, 2`,
  )
    .bind(eventId)
    .all<{ inst: string; status: string; n: number }>();
  const total = (status: string) => results.filter((r) => r.status === status).reduce((a, r) => a + r.n, 0);
  const of = (inst: string, status: string) => results.find((r) => r.inst === inst && r.status === status)?.n ?? 0;
  return { confirmed: total("confirmed"), waitlisted: total("waitlisted"), of };
}
