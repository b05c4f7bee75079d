// The rush of `npm run bench` (issue 15): a network conference opens and everyone registers at
// once. 500 institutions (quota 1 each), a 500-place event with 4 tracks of 125, and 1,500
// registration requests (three per institution, one per track in turn) from 100 concurrent
// clients. Afterwards the database is checked against every invariant of PRODUCT.md that the
// rush could break, and the held-places counters against the counts they stand for.

type ProxyDb = {
  prepare(query: string): { bind(...values: unknown[]): unknown; first<T>(): Promise<T | null> };
  batch(statements: unknown[]): Promise<unknown>;
};

export const RUSH = {
  eventId: "bench-rush",
  institutions: 500,
  capacity: 500,
  tracks: 4,
  requests: 1_500,
  concurrency: 100,
} as const;

export const rushTrackId = (k: number) => `${RUSH.eventId}-track-${k + 1}`;
export const rushInstitutionId = (k: number) => `bench-inst-${k + 1}`;

/** The conference, its tracks, 500 more institutions of the demo network, all invited at quota 1. */
export async function loadRush(d1: ProxyDb, networkId: string, now: Date) {
  const day = 86_400_000;
  const t = now.getTime();
  const p = (sql: string, ...values: unknown[]) => d1.prepare(sql).bind(...values);
  await d1.batch([
    p(
      `with recursive n(i) as (select 1 union all select i + 1 from n where i < ?)
      insert into institutions (id, network_id, name, sector_key, municipality_id, created_at)
      select 'bench-inst-' || i, ?, 'Bench-Einrichtung ' || i,
        (select key from (select key, row_number() over (order by key) - 1 as k from sectors)
          where k = i % (select count(*) from sectors)),
        (select id from municipalities where network_id = ? limit 1), ?
      from n`,
      RUSH.institutions,
      networkId,
      networkId,
      t,
    ),
    p(
      `insert into events (id, network_id, type, title, capacity, default_quota, registration_opens_at, quota_deadline,
        registration_closes_at, status, invitation_mode, promotion_mode, offer_hours, created_at)
      values (?, ?, 'network_conference', 'Bench-Netzwerkkonferenz', ?, 1, ?, ?, ?, 'published', 'picked', 'offer', 48, ?)`,
      RUSH.eventId,
      networkId,
      RUSH.capacity,
      t - day,
      t + 7 * day,
      t + 14 * day,
      t,
    ),
    p(
      `insert into event_sessions (id, event_id, position, title, starts_at, ends_at)
      values (?, ?, 1, 'Konferenztag', ?, ?)`,
      `${RUSH.eventId}-session`,
      RUSH.eventId,
      t + 21 * day,
      t + 21 * day + 7 * 3_600_000,
    ),
    ...Array.from({ length: RUSH.tracks }, (_, k) =>
      p(
        "insert into tracks (id, event_id, title, capacity) values (?, ?, ?, ?)",
        rushTrackId(k),
        RUSH.eventId,
        `Forum ${k + 1}`,
        RUSH.capacity / RUSH.tracks,
      ),
    ),
    p(
      `insert into quotas (event_id, institution_id, places)
      select ?, id, null from institutions where id like 'bench-inst-%'`,
      RUSH.eventId,
    ),
  ]);
}

/** The body of rush request `i`: institution i mod 500, track i mod 4. */
export const rushRequest = (i: number) => ({
  institutionId: rushInstitutionId(i % RUSH.institutions),
  trackId: rushTrackId(i % RUSH.tracks),
  name: `Rush Person ${i}`,
  email: `rush-${i}@bench.example`,
  function: "Fachkraft",
  accessibilityNeeds: "",
  privacyAcknowledged: true,
});

/** Invariant violations after the rush, each as a count (all 0 when the rush broke nothing). */
export async function rushViolations(d1: ProxyDb) {
  const holds = "(status = 'confirmed' or (status = 'waitlisted' and offered_until is not null))";
  // -1: the check could not run (a build without the held-places counters, when measuring the old code).
  // Every query binds the event id as ?1, also where it does not need it: D1 refuses unused bindings.
  const one = async (label: string, sql: string) => {
    try {
      const row = await (d1.prepare(sql).bind(RUSH.eventId) as { first<T>(): Promise<T | null> }).first<{
        n: number;
      }>();
      return [label, row?.n ?? -1] as const;
    } catch {
      return [label, -1] as const;
    }
  };
  return Object.fromEntries(
    await Promise.all([
      one(
        "places held over capacity",
        `select max(0, count(*) - (select capacity from events where id = ?1)) as n
          from registrations where event_id = ?1 and ${holds}`,
      ),
      one(
        "tracks over capacity",
        `select count(*) as n from tracks t where t.event_id = ?1
          and (select count(*) from registrations r where r.track_id = t.id and ${holds}) > t.capacity`,
      ),
      one(
        "institutions over quota",
        `select count(*) as n from quotas q join events e on e.id = q.event_id where q.event_id = ?1
          and (select count(*) from registrations r where r.event_id = q.event_id
            and r.institution_id = q.institution_id and ${holds}) > coalesce(q.places, e.default_quota)`,
      ),
      one(
        "people registered twice",
        `select count(*) - count(distinct email) as n from registrations where event_id = ?1 and status <> 'cancelled'`,
      ),
      one(
        "requests not stored once",
        `select abs(count(*) - ${RUSH.requests}) as n from registrations where event_id = ?1`,
      ),
      one(
        "counters untrue",
        `select (select count(*) from events e where e.id = ?1 and e.held_places <>
            (select count(*) from registrations r where r.event_id = e.id and ${holds}))
          + (select count(*) from tracks t where t.event_id = ?1 and t.held_places <>
            (select count(*) from registrations r where r.track_id = t.id and ${holds}))
          + (select count(*) from quotas q where q.event_id = ?1 and q.held_places <>
            (select count(*) from registrations r where r.event_id = q.event_id
              and r.institution_id = q.institution_id and ${holds})) as n`,
      ),
      one(
        "confirmation mails missing or twice",
        `select abs(count(*) - ${RUSH.requests}) as n from outbox where to_email like 'rush-%@bench.example' and template = 'registration_update' and ?1 is not null`,
      ),
    ]),
  ) as Record<string, number>;
}
