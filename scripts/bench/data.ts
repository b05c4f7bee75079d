// Data, through the platform proxy while no server runs: the demo network, the bench's events
// and the background registrations that make the database grow between scenarios.
import { join } from "node:path";
import { getTableColumns, type Table } from "drizzle-orm";
import { getPlatformProxy } from "wrangler";
import { createDb } from "../../worker/db/client";
import * as s from "../../worker/db/schema";
import { seedDemoNetwork } from "../../worker/db/seed";
import { hashToken, randomToken } from "../../worker/lib/auth";
import {
  BACKGROUND_EVENTS,
  CAPACITY,
  DEFAULT_QUOTA,
  INSTITUTION_COUNT,
  METER_CAPACITY,
  NETWORK_ID,
  ORGANISER_ACCOUNT,
  persistTo,
  root,
  SCENARIOS,
} from "./config";

export type ProxyDb = D1Database;

export async function withProxy<T>(work: (d1: ProxyDb) => Promise<T>): Promise<T> {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: join(root, "wrangler.toml"),
    environment: "dev",
    persist: { path: join(root, persistTo, "v3") },
  });
  try {
    return await work(proxy.env.DB);
  } finally {
    await proxy.dispose();
  }
}

/** Rows for drizzle inserts of at most 100 bound parameters each (drizzle binds every column), as D1 requires. */
function chunked<T>(table: Table, rows: T[]): T[][] {
  const size = Math.max(1, Math.floor(100 / Object.keys(getTableColumns(table)).length));
  return Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, i * size + size));
}

const backgroundEventId = (k: number) => `bench-bg-${k + 1}`;
type Purpose = "warm" | "load" | "meter-empty" | "meter-full";
const PURPOSES: Purpose[] = ["warm", "load", "meter-empty", "meter-full"];
export const scenarioEventId = (n: number, purpose: Purpose) => `bench-${n}-${purpose}`;

/** The demo network, an organiser session, and every event the bench uses (all empty). */
export async function loadBase(d1: ProxyDb, now: Date, institutionIds: string[]) {
  const db = createDb(d1);
  await seedDemoNetwork(db, now);

  const token = randomToken();
  await db.insert(s.authSessions).values({
    tokenHash: await hashToken(token),
    accountId: ORGANISER_ACCOUNT,
    userAgent: "npm run bench",
    createdAt: now,
    expiresAt: new Date(now.getTime() + 86_400_000),
  });

  const day = 86_400_000;
  const ids = [
    ...Array.from({ length: BACKGROUND_EVENTS }, (_, k) => backgroundEventId(k)),
    ...SCENARIOS.flatMap((n) => PURPOSES.map((p) => scenarioEventId(n, p))),
  ];
  const metered = (id: string) => id.includes("-meter-");
  const eventRows = ids.map((id) => ({
    id,
    networkId: NETWORK_ID,
    type: "workshop" as const,
    title: `Bench ${id}`,
    capacity: metered(id) ? METER_CAPACITY : CAPACITY,
    defaultQuota: metered(id) ? METER_CAPACITY : DEFAULT_QUOTA,
    registrationOpensAt: new Date(now.getTime() - day),
    quotaDeadline: new Date(now.getTime() + 7 * day),
    registrationClosesAt: new Date(now.getTime() + 14 * day),
    status: "published" as const,
    invitationMode: "picked" as const,
    createdAt: now,
  }));
  const sessionRows = ids.map((id) => ({
    id: `${id}-session`,
    eventId: id,
    position: 1,
    title: "Bench",
    startsAt: new Date(now.getTime() + 21 * day),
    endsAt: new Date(now.getTime() + 21 * day + 4 * 3_600_000),
  }));
  const quotaRows = ids.flatMap((eventId) => institutionIds.map((institutionId) => ({ eventId, institutionId })));
  const statements = [
    ...chunked(s.events, eventRows).map((part) => db.insert(s.events).values(part)),
    ...chunked(s.eventSessions, sessionRows).map((part) => db.insert(s.eventSessions).values(part)),
    ...chunked(s.quotas, quotaRows).map((part) => db.insert(s.quotas).values(part)),
  ];
  // `as`: drizzle's batch wants a non-empty tuple
  await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  // The full events: every place held before the first metered request.
  await d1.batch(
    SCENARIOS.map((n) =>
      d1
        .prepare(
          `with recursive n(i) as (select 0 union all select i + 1 from n where i + 1 < ?1),
            inst(k, id) as (select row_number() over (order by institution_id) - 1, institution_id
              from quotas where event_id = ?2)
          insert into registrations (id, event_id, institution_id, email, name, "function", accessibility_needs,
            status, reason_code, is_override, is_walk_in, requested_at, confirmed_at, created_at)
          select 'full-' || ?2 || '-' || i, ?2, inst.id, 'full-' || i || '@' || ?2 || '.example', 'Full ' || i, '', '',
            'confirmed', 'within_quota', 0, 0, ?3 + i, ?3 + i, ?3 + i
          from n join inst on inst.k = n.i % ?4`,
        )
        .bind(METER_CAPACITY, scenarioEventId(n, "meter-full"), now.getTime(), INSTITUTION_COUNT),
    ),
  );
  return token;
}

/**
 * Background registrations [from, to) in each background event, with a history row and a sent
 * mail each, as real ones have. Generated inside SQLite by a recursive CTE: a few bound
 * parameters per statement however many rows. The first 60 of an event are confirmed (three per
 * institution), the rest wait.
 */
export async function addBackground(d1: ProxyDb, from: number, to: number, now: Date) {
  const statements = Array.from({ length: BACKGROUND_EVENTS }, (_, k) => backgroundEventId(k)).flatMap((eventId) => [
    d1
      .prepare(
        `with recursive
          n(i) as (select ? union all select i + 1 from n where i + 1 < ?),
          inst(k, id) as (select row_number() over (order by institution_id) - 1, institution_id
            from quotas where event_id = ?)
        insert into registrations (id, event_id, institution_id, email, name, "function", accessibility_needs,
          status, reason_code, is_override, is_walk_in, requested_at, confirmed_at, personal_token_hash,
          privacy_acknowledged_at, created_by_account_id, created_at)
        select 'bg-' || ? || '-' || i, ?, inst.id, 'bg-' || i || '@' || ? || '.example', 'Background ' || i, '', '',
          case when i < 60 then 'confirmed' else 'waitlisted' end,
          case when i < 60 then 'within_quota' else 'quota_exhausted' end,
          0, 0, ? + i, case when i < 60 then ? + i end, lower(hex(randomblob(32))), ? + i, ?, ? + i
        from n join inst on inst.k = n.i % ?`,
      )
      .bind(
        from,
        to,
        eventId,
        eventId,
        eventId,
        eventId,
        now.getTime(),
        now.getTime(),
        now.getTime(),
        ORGANISER_ACCOUNT,
        now.getTime(),
        INSTITUTION_COUNT,
      ),
    d1
      .prepare(
        `insert or ignore into outbox (id, network_id, to_email, template, locale, subject, body_text, body_html,
          status, attempts, next_attempt_at, created_at, sent_at)
        select 'o-' || id, ?, email, 'registration_update', 'de', 'Anmeldung', 'Background', '<p>Background</p>',
          'sent', 1, requested_at, requested_at, requested_at
        from registrations where event_id = ?`,
      )
      .bind(NETWORK_ID, eventId),
  ]);
  if (to > from) await d1.batch(statements);
}

export const countRegistrations = async (d1: ProxyDb) =>
  (await d1.prepare("select count(*) as n from registrations").first<{ n: number }>())?.n ?? 0;
