// `npm run bench`: how fast is registering, and does its cost stay put as the database grows?
//
// Starts the worker with `wrangler dev` on a fresh local D1 (.wrangler/bench-state), loads the
// demo network plus bench data through getPlatformProxy, and measures with 50 concurrent clients:
// GET /api/health and POST /api/events/{eventId}/registrations (req/s, p50/p95/p99), then the D1
// cost of a registration — round trips, statements, rows read and written (GET /api/dev/d1-meter,
// before and after each of a few sequential registrations) — in an empty and in a full 500-place
// event. Both with 100 and with 10,000 background registrations in the database; each scenario
// registers into fresh events of its own. Then a rush (bench/rush.ts): 1,500 registrations from 500
// institutions for a 500-place conference with 4 tracks at 100 clients, checked against the
// invariants afterwards; then fan-out (bench/fan-out.ts): a message to the rush's 1,500 registrants and
// 1,500 session reminders through the queue. Prints the tables and the targets of issues 15 and 17. A measurement, not a test: exits 0 whatever
// the figures; speed is never asserted by a timed test.
//
// The server runs a snapshot: the worker is bundled once (`wrangler deploy --dry-run`) into
// .wrangler/bench-build and served with `--no-bundle` and an empty assets directory, so edits to
// the sources or a web build during the run cannot restart it mid-measurement. The web app is not
// built. The proxy and `wrangler dev` are separate workerd processes on the same SQLite files, so
// they never run at the same time: the server is stopped while the proxy adds data.
//
// The parts: bench/config.ts (settings), bench/server.ts (wrangler dev), bench/data.ts (loading
// through the proxy), bench/measure.ts, bench/report.ts, bench/rush.ts.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { demoNetwork } from "../worker/db/demo-data";
import {
  BACKGROUND_EVENTS,
  buildDir,
  INSTITUTION_COUNT,
  log,
  NETWORK_ID,
  persistTo,
  root,
  SCENARIOS,
} from "./bench/config";
import { addBackground, countRegistrations, loadBase, withProxy } from "./bench/data";
import { type FanOutRun, fanOutFigures, loadReminderEvent, runReminders, sendMessage } from "./bench/fan-out";
import { type Load, load, measure, postRegistration, type Scenario, settledMeter } from "./bench/measure";
import { count, report } from "./bench/report";
import { loadRush, RUSH, rushRequest, rushViolations } from "./bench/rush";
import { buildSnapshot, run, serverOutputTail, startServer, stopServer } from "./bench/server";

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
      console.error(`[bench] wrangler dev output (end):\n${serverOutputTail(3000)}`);
      throw error;
    } finally {
      log("stopping wrangler dev");
      await stopServer();
    }
  }
  log(`rush: ${count(RUSH.requests)} registrations, ${RUSH.institutions} institutions, ${RUSH.concurrency} clients`);
  await withProxy(async (d1) => {
    await loadRush(d1, NETWORK_ID, now);
    await loadReminderEvent(d1, NETWORK_ID, now);
  });
  let rushLoad: Load;
  const fanOutRuns: FanOutRun[] = [];
  const rushURL = await startServer(configPath);
  try {
    rushLoad = await load(RUSH.requests, RUSH.concurrency, (i) =>
      postRegistration(rushURL, token, RUSH.eventId, `bench-rush-${i}`, rushRequest(i)),
    );
    // Mails go out after the answers; let the last deliveries finish before stopping.
    await settledMeter(rushURL);
    log("fan-out: a message to the rush's registrants, then the reminders of a conference tomorrow");
    fanOutRuns.push(await sendMessage(rushURL, token));
    fanOutRuns.push(await runReminders(rushURL, token));
  } finally {
    await stopServer();
  }
  const [violations, fanOut] = await withProxy(
    async (d1) => [await rushViolations(d1), await Promise.all(fanOutRuns.map((r) => fanOutFigures(d1, r)))] as const,
  );
  report(scenarios, { load: rushLoad, violations }, fanOut);
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
