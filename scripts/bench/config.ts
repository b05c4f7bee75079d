// The bench's settings and paths, shared by its parts.
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const CONCURRENCY = 50;
export const HEALTH_REQUESTS = 2_000;
export const REGISTRATION_REQUESTS = 1_000;
export const METERED_REGISTRATIONS = 50;
export const WARM_UP = { health: 200, registrations: 50 };
export const BACKGROUND_EVENTS = 10;
export const SCENARIOS = [100, 10_000];
/** Places of the events the D1 cost is metered in: one stays empty, one is full before the first request. */
export const METER_CAPACITY = 500;
/** Invited institutions per bench event; with quota 3 and capacity 100, 60 confirm and the rest wait. */
export const INSTITUTION_COUNT = 20;
export const CAPACITY = 100;
export const DEFAULT_QUOTA = 3;
/** Target 1: registration p99 at most this many times the health p99. */
export const P99_RATIO_LIMIT = 2;
/** Target 2: rows read per registration at 10,000 may exceed those at 100 by at most this share (+1 row). */
export const ROWS_READ_TOLERANCE = 0.05;

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const persistTo = ".wrangler/bench-state";
export const buildDir = ".wrangler/bench-build";
export const wranglerBin = join(root, "node_modules", ".bin", "wrangler");
export const childEnv = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" };
export const NETWORK_ID = "net-kc9";
export const ORGANISER_ACCOUNT = "acc-organiser";

export const log = (text: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
