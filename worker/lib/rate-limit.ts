import { type SQL, sql } from "drizzle-orm";
import { type Db, runBatch } from "../db/client";

/**
 * Counts one hit for `key` in a fixed window and says whether it is within
 * `limit`. A single upsert: concurrent requests are counted, never lost.
 */
export async function withinLimit(db: Db, key: string, limit: number, windowMs: number, now = new Date()) {
  const [within] = await withinLimits(db, [{ key, limit }], windowMs, now);
  return within;
}

const countHit = (key: string, start: number): SQL => sql`
  insert into rate_limits (key, window_start, count) values (${key}, ${start}, 1)
  on conflict (key) do update set
    count = case when window_start < ${start} then 1 else count + 1 end,
    window_start = max(window_start, ${start})
  returning count`;

/** Counts one hit for each key in one round trip; for each, whether it is within its limit. */
export async function withinLimits(
  db: Db,
  counters: { key: string; limit: number }[],
  windowMs: number,
  now = new Date(),
): Promise<boolean[]> {
  const start = now.getTime() - (now.getTime() % windowMs);
  const results = await runBatch(
    db,
    counters.map((c) => countHit(c.key, start)),
  );
  return results.map((r, i) => Number(r.results[0]?.count) <= counters[i].limit);
}

/** Counters older than a day have no window left to limit; dropping them keeps no trace of who asked. */
export const purgeRateLimits = (db: Db, now: Date) =>
  db.run(sql`delete from rate_limits where window_start < ${now.getTime() - 86_400_000}`);

/**
 * The key under which a client (its IP address) is counted, without storing the
 * address: an HMAC with a secret (`RATE_LIMIT_SECRET`) and the day, so the key
 * cannot be turned back into an address by trying all 2^32 of them, and the same
 * client has a different key tomorrow. Truncated to 128 bits.
 */
export async function clientKey(ip: string, secret: string | undefined, now: Date) {
  const day = Math.floor(now.getTime() / 86_400_000);
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret || "netzwerkstatt-local-development"),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${day}:${ip}`));
  return [...new Uint8Array(mac).slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export type LinkLimits = { perAddressAndClient: number; perClient: number; mailsPerAddress: number; windowMs: number };

/**
 * A request that mails links to an address (sign-in, feedback): counted per address and
 * client together, and per client. A stranger asking for someone's address uses up only
 * their own budget, so nobody can lock another person out; one client still cannot ask
 * for many addresses. One round trip.
 */
export async function linkRequestAllowed(
  db: Db,
  request: { scope: string; address: string; client: string },
  limits: LinkLimits,
  now: Date,
) {
  const { scope, address, client } = request;
  const [byAddressAndClient, byClient] = await withinLimits(
    db,
    [
      { key: `${scope}:address-client:${address}:${client}`, limit: limits.perAddressAndClient },
      { key: `${scope}:client:${client}`, limit: limits.perClient },
    ],
    limits.windowMs,
    now,
  );
  return byAddressAndClient && byClient;
}

/**
 * Whether the address may get one more such mail in the window, whoever asks. Past the cap
 * nobody is told anything different: the address gets no mail for a while, and the links
 * it already has keep working.
 */
export const mayMailAddress = (db: Db, request: { scope: string; address: string }, limits: LinkLimits, now: Date) =>
  withinLimit(db, `${request.scope}:mails:${request.address}`, limits.mailsPerAddress, limits.windowMs, now);
