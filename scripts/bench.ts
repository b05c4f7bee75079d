// `npm run bench`: how fast is registering, and does its cost stay put as the database grows?
//
// Starts the worker with `wrangler dev` on a fresh local D1 (.wrangler/bench-state), loads the
// demo network plus bench data through getPlatformProxy, and measures with 50 concurrent clients:
// GET /api/health and POST /api/events/{eventId}/registrations (req/s, p50/p95/p99), then the D1
// cost of a registration — round trips, statements, rows read and written (GET /api/dev/d1-meter,
// before and after each of a few sequential registrations) — in an empty and in a full 500-place
// event. Both with 100 and with 10,000 background registrations in the database; each scenario
// registers into fresh events of its own. Then a rush (bench-rush.ts): 1,500 registrations from 500
// institutions for a 500-place conference with 4 tracks at 100 clients, checked against the
// invariants afterwards. Prints the tables and the targets of issue 15. A measurement, not a test: exits 0 whatever
// the figures; speed is never asserted by a timed test.
//
// The server runs a snapshot: the worker is bundled once (`wrangler deploy --dry-run`) into
// .wrangler/bench-build and served with `--no-bundle` and an empty assets directory, so edits to
// the sources or a web build during the run cannot restart it mid-measurement. The web app is not
// built. The proxy and `wrangler dev` are separate workerd processes on the same SQLite files, so
// they never run at the same time: the server is stopped while the proxy adds data.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getTableColumns, type Table } from "drizzle-orm";
import { experimental_readRawConfig, getPlatformProxy } from "wrangler";
import { createDb } from "../worker/db/client";
import { demoNetwork } from "../worker/db/demo-data";
import * as s from "../worker/db/schema";
import { seedDemoNetwork } from "../worker/db/seed";
import { hashToken, randomToken, SESSION_COOKIE } from "../worker/lib/auth";
import { loadRush, RUSH, rushRequest, rushViolations } from "./bench-rush";

const CONCURRENCY = 50;
const HEALTH_REQUESTS = 2_000;
const REGISTRATION_REQUESTS = 1_000;
const METERED_REGISTRATIONS = 50;
const WARM_UP = { health: 200, registrations: 50 };
const BACKGROUND_EVENTS = 10;
const SCENARIOS = [100, 10_000];
/** Places of the events the D1 cost is metered in: one stays empty, one is full before the first request. */
const METER_CAPACITY = 500;
/** Invited institutions per bench event; with quota 3 and capacity 100, 60 confirm and the rest wait. */
const INSTITUTION_COUNT = 20;
const CAPACITY = 100;
const DEFAULT_QUOTA = 3;
/** Target 1: registration p99 at most this many times the health p99. */
const P99_RATIO_LIMIT = 2;
/** Target 2: rows read per registration at 10,000 may exceed those at 100 by at most this share (+1 row). */
const ROWS_READ_TOLERANCE = 0.05;

const root = fileURLToPath(new URL("..", import.meta.url));
const persistTo = ".wrangler/bench-state";
const buildDir = ".wrangler/bench-build";
const wranglerBin = join(root, "node_modules", ".bin", "wrangler");
const childEnv = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" };
const NETWORK_ID = "net-kc9";
const ORGANISER_ACCOUNT = "acc-organiser";

const log = (text: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------
// The server

let server: ChildProcess | undefined;
/** What the current wrangler dev printed, for the error message if something goes wrong. */
let serverOutput: string[] = [];

function killGroup(child: ChildProcess | undefined, signal: NodeJS.Signals) {
  if (child?.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The process group is already gone.
  }
}

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

async function stopServer() {
  const child = server;
  server = undefined;
  if (!child) return;
  if (isRunning(child)) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }
  // workerd may outlive the wrangler parent for a moment.
  killGroup(child, "SIGKILL");
}

process.once("exit", () => killGroup(server, "SIGKILL"));
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    console.error(`\n[bench] ${signal}: stopping wrangler dev`);
    killGroup(server, "SIGKILL");
    process.exit(130);
  });

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function run(args: string[]) {
  const result = spawnSync(wranglerBin, args, { cwd: root, env: childEnv, encoding: "utf8" });
  if (result.status !== 0)
    throw new Error(
      `wrangler ${args.join(" ")} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`,
    );
}

/** The worker bundled once, with a config like wrangler.toml's that serves it unbundled and no assets. */
function buildSnapshot(): string {
  rmSync(join(root, buildDir), { recursive: true, force: true });
  run(["deploy", "--dry-run", "--env", "dev", "--outdir", join(buildDir, "worker")]);
  mkdirSync(join(root, buildDir, "assets"), { recursive: true });
  const { rawConfig } = experimental_readRawConfig({ config: join(root, "wrangler.toml") }) as {
    rawConfig: Record<string, unknown> & { assets?: Record<string, unknown> };
  };
  const config = { ...rawConfig, main: "worker/index.js", assets: { ...rawConfig.assets, directory: "assets" } };
  const path = join(root, buildDir, "wrangler.json");
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

async function startServer(configPath: string): Promise<string> {
  const port = await freePort();
  // With CI set, wrangler takes the default inspector port 9229 without probing: another
  // wrangler dev (e.g. the browser tests) would make this one fail to start.
  const inspectorPort = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  serverOutput = output;
  const args = ["dev", "-c", configPath, "--env", "dev", "--no-bundle", "--port", String(port), "--ip", "127.0.0.1"];
  args.push("--inspector-port", String(inspectorPort));
  const child = spawn(wranglerBin, [...args, "--persist-to", persistTo], {
    cwd: root,
    env: childEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server = child;
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && isRunning(child)) {
    try {
      const res = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return baseURL;
    } catch {
      // Not up yet.
    }
    await sleep(300);
  }
  await stopServer();
  throw new Error(`wrangler dev did not answer on ${baseURL}/api/health.\nwrangler output:\n${output.join("")}`);
}

// ---------------------------------------------------------------------------
// Data, through the platform proxy while no server runs

type ProxyDb = D1Database;

async function withProxy<T>(work: (d1: ProxyDb) => Promise<T>): Promise<T> {
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
const scenarioEventId = (n: number, purpose: Purpose) => `bench-${n}-${purpose}`;

/** The demo network, an organiser session, and every event the bench uses (all empty). */
async function loadBase(d1: ProxyDb, now: Date, institutionIds: string[]) {
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
async function addBackground(d1: ProxyDb, from: number, to: number, now: Date) {
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

const countRegistrations = async (d1: ProxyDb) =>
  (await d1.prepare("select count(*) as n from registrations").first<{ n: number }>())?.n ?? 0;

// ---------------------------------------------------------------------------
// Measuring

/** What one request came to: a key for the tally of answers, and how often it had to be resent. */
type Outcome = { key: string; retries: number };
type Load = {
  requests: number;
  seconds: number;
  latencies: number[];
  /** Latencies of the requests that were answered on the first attempt. */
  firstTry: number[];
  answers: Map<string, number>;
  retries: number;
};

/** `n` requests by `concurrency` clients, each sending its next request when the last one answered. */
async function load(n: number, concurrency: number, send: (i: number) => Promise<Outcome>): Promise<Load> {
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
function percentile(values: number[], q: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

type MeterReading = { roundTrips: number; queries: number; rowsRead: number; rowsWritten: number };

async function readMeter(baseURL: string): Promise<MeterReading | null> {
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
async function settledMeter(baseURL: string): Promise<MeterReading | null> {
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

const isRegistered = (key: string) => key.startsWith("201") || key === REPLAYED;

/** One registration as a client sends it, resent (same Idempotency-Key) when the dev proxy lost it. */
async function postRegistration(
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

type Rush = { load: Load; violations: Record<string, number> };

type Scenario = {
  background: number;
  registrationsInDb: number;
  health: Load;
  registrations: Load;
  meter: Record<"empty" | "full", MeterSeries> | null;
};

type MeterSeries = {
  rowsRead: number[];
  rowsWritten: number[];
  queries: number[];
  roundTrips: number[];
  discarded: number;
};

async function measure(
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

// ---------------------------------------------------------------------------
// Reporting

const ms = (value: number) => value.toFixed(1);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const perSecond = (l: Load) => (l.requests / l.seconds).toFixed(0);
const count = (n: number) => n.toLocaleString("en-US");

function report(scenarios: Scenario[], rush: Rush | null) {
  const header = [
    "scenario",
    "endpoint",
    "requests",
    "req/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "failed",
    "resends",
    "answers",
  ];
  const rows: string[][] = [];
  for (const sc of scenarios) {
    const label = `${count(sc.background)} background (${count(sc.registrationsInDb)} in DB)`;
    const line = (endpoint: string, l: Load, ok: (k: string) => boolean) => {
      const failed = [...l.answers].filter(([k]) => !ok(k)).reduce((a, [, n]) => a + n, 0);
      const answers = [...l.answers]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k}: ${n}`)
        .join(", ");
      rows.push([
        label,
        endpoint,
        count(l.requests),
        perSecond(l),
        ms(percentile(l.latencies, 0.5)),
        ms(percentile(l.latencies, 0.95)),
        ms(percentile(l.latencies, 0.99)),
        String(failed),
        String(l.retries),
        answers,
      ]);
    };
    line("GET /api/health", sc.health, (k) => k === "200");
    line("POST …/registrations", sc.registrations, isRegistered);
  }
  const table = (h: string[], r: string[][]) =>
    [h, h.map(() => "---"), ...r].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
  console.log(`\n## npm run bench\n\n${table(header, rows)}\n`);

  const costHeader = [
    "scenario",
    "event",
    "D1 round trips / reg",
    "statements / reg",
    "rows read (mean, max)",
    "rows written (mean, max)",
  ];
  const costRows: string[][] = [];
  for (const sc of scenarios) {
    for (const kind of ["empty", "full"] as const) {
      const m = sc.meter?.[kind];
      const label =
        kind === "empty" ? `empty, ${METER_CAPACITY} places` : `full, ${METER_CAPACITY} of ${METER_CAPACITY} held`;
      costRows.push(
        m
          ? [
              `${count(sc.registrationsInDb)} in DB`,
              label,
              `${mean(m.roundTrips).toFixed(1)}, max ${Math.max(...m.roundTrips)}`,
              `${mean(m.queries).toFixed(1)}, max ${Math.max(...m.queries)}`,
              `${mean(m.rowsRead).toFixed(1)}, ${Math.max(...m.rowsRead)}`,
              `${mean(m.rowsWritten).toFixed(1)}, ${Math.max(...m.rowsWritten)}`,
            ]
          : [`${count(sc.registrationsInDb)} in DB`, label, "n/a", "n/a", "n/a", "n/a"],
      );
    }
  }
  console.log(`### D1 cost per registration\n\n${table(costHeader, costRows)}\n`);

  if (rush) {
    const regs = rush.load;
    const failed = [...regs.answers].filter(([k]) => !isRegistered(k)).reduce((a, [, n]) => a + n, 0);
    const perMinute = (regs.requests / regs.seconds) * 60;
    console.log(
      `### Rush\n\n${table(
        [
          "requests",
          "clients",
          "seconds",
          "registrations / min",
          "× pretix (300–400 / min)",
          "p50 ms",
          "p99 ms",
          "failed",
          "answers",
        ],
        [
          [
            count(regs.requests),
            String(RUSH.concurrency),
            regs.seconds.toFixed(1),
            count(Math.round(perMinute)),
            `${(perMinute / 400).toFixed(1)}–${(perMinute / 300).toFixed(1)}×`,
            ms(percentile(regs.latencies, 0.5)),
            ms(percentile(regs.latencies, 0.99)),
            String(failed),
            [...regs.answers].map(([k, n]) => `${k}: ${n}`).join(", "),
          ],
        ],
      )}\n\nInvariants after the rush: ${Object.entries(rush.violations)
        .map(([k, n]) => `${k}: ${n}`)
        .join(", ")}\n`,
    );
  }

  const discarded = scenarios.reduce(
    (a, sc) => a + (sc.meter ? sc.meter.empty.discarded + sc.meter.full.discarded : 0),
    0,
  );
  console.log(
    [
      `${CONCURRENCY} concurrent clients. Registrations: spread round-robin over ${INSTITUTION_COUNT} institutions, into a`,
      `fresh event per scenario (capacity ${CAPACITY}, quota ${DEFAULT_QUOTA} each, so ${INSTITUTION_COUNT * DEFAULT_QUOTA} confirm and the rest wait).`,
      `Latency is what the client waited, resends included. "resends": times a POST the dev proxy lost was`,
      'sent again with the same Idempotency-Key (wrangler dev, cloudflare/workers-sdk#14641); "failed": answers',
      "other than 201 (or, after a resend, 200 with the registration made first).",
      `D1 cost: ${METERED_REGISTRATIONS} sequential registrations into each of two more fresh events, read from`,
      "GET /api/dev/d1-meter before and after each, mail delivery after the answer included" +
        (discarded > 0 ? `; ${discarded} resent ones left out.` : "."),
      `Rush: ${count(RUSH.requests)} registrations from ${RUSH.institutions} institutions (quota 1) for a ${RUSH.capacity}-place`,
      `conference with ${RUSH.tracks} tracks, ${RUSH.concurrency} concurrent clients, with ${count(scenarios.at(-1)?.registrationsInDb ?? 0)}+ registrations in the database.`,
      "",
    ].join("\n"),
  );

  console.log("Targets:");
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  for (const sc of scenarios) {
    const reg = percentile(sc.registrations.latencies, 0.99);
    const health = percentile(sc.health.latencies, 0.99);
    const ratio = reg / health;
    console.log(
      `- ${verdict(ratio <= P99_RATIO_LIMIT)}  registration p99 ≤ ${P99_RATIO_LIMIT}× health p99, ` +
        `${count(sc.background)} background: ${ms(reg)} ms / ${ms(health)} ms = ${ratio.toFixed(2)}×`,
    );
  }
  const series = scenarios.flatMap((sc) => (sc.meter ? [sc.meter.empty, sc.meter.full] : []));
  if (series.length === scenarios.length * 2) {
    const maxOf = (pick: (m: MeterSeries) => number[]) => Math.max(...series.flatMap(pick));
    console.log(
      `- ${verdict(maxOf((m) => m.roundTrips) <= 3)}  D1 round trips per registration ≤ 3: max ${maxOf((m) => m.roundTrips)}`,
    );
    console.log(
      `- ${verdict(maxOf((m) => m.queries) <= 5)}  D1 statements per registration ≤ 5: max ${maxOf((m) => m.queries)}`,
    );
    console.log(
      `- ${verdict(maxOf((m) => m.rowsRead) <= 30)}  rows read per registration ≤ 30, empty and full event, ` +
        `${count(scenarios[0].registrationsInDb)} and ${count(scenarios.at(-1)?.registrationsInDb ?? 0)} in DB: max ${maxOf((m) => m.rowsRead)}`,
    );
  } else {
    console.log("- n/a   D1 cost per registration: the D1 meter is not available");
  }
  if (rush) {
    const broken = Object.values(rush.violations).reduce((a, n) => a + n, 0);
    console.log(`- ${verdict(broken === 0)}  rush: 0 invariant violations (${broken})`);
  }
  const failures = scenarios.flatMap((sc) =>
    [...sc.registrations.answers].filter(([k]) => !isRegistered(k)).map(([k, n]) => `${k} ×${n}`),
  );
  if (failures.length > 0) console.log(`\nWARNING: registrations that failed: ${failures.join(", ")}`);
}

// ---------------------------------------------------------------------------

async function main() {
  const started = performance.now();
  // wrangler needs the assets directory to exist; the API does not need the built app.
  if (!existsSync(join(root, "web", "dist"))) mkdirSync(join(root, "web", "dist"), { recursive: true });

  log(`fresh D1 in ${persistTo}`);
  rmSync(join(root, persistTo), { recursive: true, force: true });
  run(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo]);
  log(`bundling the worker into ${buildDir}`);
  const configPath = buildSnapshot();

  const now = new Date();
  const institutionIds = demoNetwork(now)
    .institutions.filter((i) => !i.archivedAt)
    .slice(0, INSTITUTION_COUNT)
    .map((i) => i.id as string);
  if (institutionIds.length < INSTITUTION_COUNT) throw new Error("the demo network has too few institutions");

  const scenarios: Scenario[] = [];
  let token = "";
  let background = 0;
  for (const target of SCENARIOS) {
    log(`loading data: ${count(target)} background registrations`);
    const perEvent = (n: number) => Math.ceil(n / BACKGROUND_EVENTS);
    const inDb = await withProxy(async (d1) => {
      if (!token) token = await loadBase(d1, now, institutionIds);
      await addBackground(d1, perEvent(background), perEvent(target), now);
      return countRegistrations(d1);
    });
    background = target;
    log("starting wrangler dev");
    const baseURL = await startServer(configPath);
    try {
      log(`server up at ${baseURL}; ${count(inDb)} registrations in the database`);
      scenarios.push(await measure(baseURL, target, inDb, token, institutionIds));
    } catch (error) {
      console.error(`[bench] wrangler dev output (end):\n${serverOutput.join("").slice(-3000)}`);
      throw error;
    } finally {
      log("stopping wrangler dev");
      await stopServer();
    }
  }
  log(`rush: ${count(RUSH.requests)} registrations, ${RUSH.institutions} institutions, ${RUSH.concurrency} clients`);
  await withProxy((d1) => loadRush(d1, NETWORK_ID, now));
  let rushLoad: Load;
  const rushURL = await startServer(configPath);
  try {
    rushLoad = await load(RUSH.requests, RUSH.concurrency, (i) =>
      postRegistration(rushURL, token, RUSH.eventId, `bench-rush-${i}`, rushRequest(i)),
    );
    // Mails go out after the answers; let the last deliveries finish before stopping.
    await settledMeter(rushURL);
  } finally {
    await stopServer();
  }
  const violations = await withProxy((d1) => rushViolations(d1));
  report(scenarios, { load: rushLoad, violations });
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().then(
  () => process.exit(0),
  async (error) => {
    console.error(`[bench] failed: ${(error as Error).stack ?? error}`);
    await stopServer();
    process.exit(1);
  },
);
