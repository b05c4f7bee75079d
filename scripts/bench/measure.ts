// Measuring: concurrent load with latencies, the D1 meter, and one scenario's measurements.
import { SESSION_COOKIE } from "../../worker/lib/auth";
import {
  CONCURRENCY,
  HEALTH_REQUESTS,
  log,
  METERED_REGISTRATIONS,
  REGISTRATION_REQUESTS,
  sleep,
  WARM_UP,
} from "./config";
import { scenarioEventId } from "./data";

/** What one request came to: a key for the tally of answers, and how often it had to be resent. */
export type Outcome = { key: string; retries: number };
export type Load = {
  requests: number;
  seconds: number;
  latencies: number[];
  /** Latencies of the requests that were answered on the first attempt. */
  firstTry: number[];
  answers: Map<string, number>;
  retries: number;
};

/** `n` requests by `concurrency` clients, each sending its next request when the last one answered. */
export async function load(n: number, concurrency: number, send: (i: number) => Promise<Outcome>): Promise<Load> {
  const latencies: number[] = new Array(n);
  const firstTry: number[] = [];
  const answers = new Map<string, number>();
  let retries = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        let outcome: Outcome;
        try {
          outcome = await send(i);
        } catch (error) {
          outcome = { key: `error ${(error as Error).message}`, retries: 0 };
        }
        latencies[i] = performance.now() - t;
        if (outcome.retries === 0) firstTry.push(latencies[i]);
        answers.set(outcome.key, (answers.get(outcome.key) ?? 0) + 1);
        retries += outcome.retries;
      }
    }),
  );
  return { requests: n, seconds: (performance.now() - started) / 1000, latencies, firstTry, answers, retries };
}

/** Nearest-rank percentile. */
export function percentile(values: number[], q: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

type MeterReading = { roundTrips: number; queries: number; rowsRead: number; rowsWritten: number };

export async function readMeter(baseURL: string): Promise<MeterReading | null> {
  // No session cookie: reading the meter runs no query itself.
  const res = await fetch(`${baseURL}/api/dev/d1-meter`);
  if (res.status !== 200) {
    await res.arrayBuffer();
    return null;
  }
  const body = (await res.json()) as { available: boolean } & Partial<MeterReading>;
  if (!body.available) return null;
  return {
    roundTrips: body.roundTrips ?? 0,
    queries: body.queries ?? 0,
    rowsRead: body.rowsRead ?? 0,
    rowsWritten: body.rowsWritten ?? 0,
  };
}

/**
 * The meter once nothing changes it any more: mails go out after the answer (waitUntil), and
 * their queries belong to the registration that wrote them.
 */
export async function settledMeter(baseURL: string): Promise<MeterReading | null> {
  let last = await readMeter(baseURL);
  for (let tries = 0; last && tries < 100; tries++) {
    await sleep(30);
    const now = await readMeter(baseURL);
    if (now && now.queries === last.queries) return now;
    last = now;
  }
  return last;
}

/**
 * wrangler 4.86's dev proxy loses a request now and then under concurrency (a keep-alive race
 * between its ProxyWorker and the worker, cloudflare/workers-sdk#14641; fixed upstream by
 * retrying). It resends GETs itself and answers other methods with this 503, though the worker
 * never restarted. The bench resends such a POST with the same Idempotency-Key, which is exactly
 * what the key is for: a resent request never registers twice.
 */
const PROXY_LOST_REQUEST = "Your worker restarted mid-request";
const MAX_RETRIES = 3;
/** A resent registration whose first attempt had reached the database: the registration made first. */
const REPLAYED = "200 replayed after a resend";

export const isRegistered = (key: string) => key.startsWith("201") || key === REPLAYED;

/** One registration as a client sends it, resent (same Idempotency-Key) when the dev proxy lost it. */
export async function postRegistration(
  baseURL: string,
  token: string,
  eventId: string,
  key: string,
  body: Record<string, unknown>,
): Promise<Outcome> {
  const init = {
    method: "POST",
    headers: {
      "content-type": "application/json",
      cookie: `${SESSION_COOKIE}=${token}`,
      // The CSRF check wants our own origin on every cookie-authenticated write.
      origin: baseURL,
      "idempotency-key": key,
    },
    body: JSON.stringify(body),
  };
  for (let retries = 0; ; retries++) {
    let status: number;
    let text: string;
    try {
      const res = await fetch(`${baseURL}/api/events/${eventId}/registrations`, init);
      status = res.status;
      text = await res.text();
    } catch (error) {
      if (retries < MAX_RETRIES) continue;
      return { key: `error ${(error as Error).message}`, retries };
    }
    if (status === 503 && text.startsWith(PROXY_LOST_REQUEST) && retries < MAX_RETRIES) continue;
    let answer: { status?: string; code?: string };
    try {
      answer = JSON.parse(text);
    } catch {
      return { key: `${status} (not JSON: ${text.slice(0, 120)})`, retries };
    }
    if (status === 201) return { key: `201 ${answer.status}`, retries };
    if (status === 200 && retries > 0) return { key: REPLAYED, retries };
    return { key: `${status} ${answer.code ?? ""}`.trim(), retries };
  }
}

export type Rush = { load: Load; violations: Record<string, number> };

export type Scenario = {
  background: number;
  registrationsInDb: number;
  health: Load;
  registrations: Load;
  meter: Record<"empty" | "full", MeterSeries> | null;
};

export type MeterSeries = {
  rowsRead: number[];
  rowsWritten: number[];
  queries: number[];
  roundTrips: number[];
  discarded: number;
};

export async function measure(
  baseURL: string,
  background: number,
  registrationsInDb: number,
  token: string,
  institutionIds: string[],
): Promise<Scenario> {
  const register = (eventId: string, i: number, tag: string) =>
    postRegistration(baseURL, token, eventId, `bench-${tag}-${i}`, {
      institutionId: institutionIds[i % institutionIds.length],
      name: `Bench Person ${i}`,
      email: `${tag}-${i}@bench.example`,
      function: "Fachkraft",
      accessibilityNeeds: "",
      privacyAcknowledged: true,
    });
  const health = async (): Promise<Outcome> => {
    const res = await fetch(`${baseURL}/api/health`);
    await res.arrayBuffer();
    return { key: String(res.status), retries: 0 };
  };

  log(`warm-up (${WARM_UP.health} health, ${WARM_UP.registrations} registrations)`);
  await load(WARM_UP.health, CONCURRENCY, health);
  const warm = await load(WARM_UP.registrations, CONCURRENCY, (i) =>
    register(scenarioEventId(background, "warm"), i, `warm-${background}`),
  );
  const warmFailures = [...warm.answers].filter(([k]) => !isRegistered(k));
  if (warmFailures.length > 0) throw new Error(`warm-up registrations failed: ${JSON.stringify(warmFailures)}`);

  log(`health: ${HEALTH_REQUESTS} GETs, ${CONCURRENCY} clients`);
  const healthLoad = await load(HEALTH_REQUESTS, CONCURRENCY, health);

  log(`registrations: ${REGISTRATION_REQUESTS} POSTs, ${CONCURRENCY} clients`);
  const registrationLoad = await load(REGISTRATION_REQUESTS, CONCURRENCY, (i) =>
    register(scenarioEventId(background, "load"), i, `load-${background}`),
  );

  const meterIn = async (purpose: "meter-empty" | "meter-full"): Promise<MeterSeries | null> => {
    log(`D1 cost: ${METERED_REGISTRATIONS} registrations one at a time into ${scenarioEventId(background, purpose)}`);
    const series: MeterSeries = { rowsRead: [], rowsWritten: [], queries: [], roundTrips: [], discarded: 0 };
    let before = await settledMeter(baseURL);
    for (let i = 0; series.rowsRead.length < METERED_REGISTRATIONS && i < 2 * METERED_REGISTRATIONS && before; i++) {
      const outcome = await register(scenarioEventId(background, purpose), i, `${purpose}-${background}`);
      if (!outcome.key.startsWith("201") && outcome.key !== REPLAYED)
        throw new Error(`metered registration ${i} answered ${outcome.key}`);
      const after = await settledMeter(baseURL);
      if (!after) break;
      if (outcome.retries === 0) {
        series.rowsRead.push(after.rowsRead - before.rowsRead);
        series.rowsWritten.push(after.rowsWritten - before.rowsWritten);
        series.queries.push(after.queries - before.queries);
        series.roundTrips.push(after.roundTrips - before.roundTrips);
      } else {
        series.discarded++; // a resent request would count twice
      }
      before = after;
    }
    return series.rowsRead.length < METERED_REGISTRATIONS ? null : series;
  };
  const empty = await meterIn("meter-empty");
  const full = await meterIn("meter-full");
  const meter = empty && full ? { empty, full } : null;
  if (!meter) log("the D1 meter is not available (GET /api/dev/d1-meter): D1 cost is n/a");
  return { background, registrationsInDb, health: healthLoad, registrations: registrationLoad, meter };
}
