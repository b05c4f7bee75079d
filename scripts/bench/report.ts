// Reporting: the tables and the targets of issue 15.
import {
  CAPACITY,
  CONCURRENCY,
  DEFAULT_QUOTA,
  INSTITUTION_COUNT,
  METER_CAPACITY,
  METERED_REGISTRATIONS,
  P99_RATIO_LIMIT,
} from "./config";
import { type FanOutFigures, fanOutHeader, fanOutRows } from "./fan-out";
import { isRegistered, type Load, type MeterSeries, percentile, type Rush, type Scenario } from "./measure";
import { RUSH } from "./rush";

const ms = (value: number) => value.toFixed(1);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const perSecond = (l: Load) => (l.requests / l.seconds).toFixed(0);
export const count = (n: number) => n.toLocaleString("en-US");

/** `key: n, …` of a tally, in the order given. */
const tally = (entries: Iterable<[string, number]>) => [...entries].map(([k, n]) => `${k}: ${n}`).join(", ");
/** The requests of a load whose answer `ok` does not accept. */
const failedOf = (l: Load, ok: (key: string) => boolean) =>
  [...l.answers].filter(([k]) => !ok(k)).reduce((a, [, n]) => a + n, 0);

/** One table of the report, as Markdown under its heading. */
function printTable(heading: string, header: string[], rows: string[][]) {
  const lines = [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`);
  console.log(`${heading}\n\n${lines.join("\n")}\n`);
}

const loadHeader = [
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

function loadRow(label: string, endpoint: string, l: Load, ok: (key: string) => boolean) {
  return [
    label,
    endpoint,
    count(l.requests),
    perSecond(l),
    ms(percentile(l.latencies, 0.5)),
    ms(percentile(l.latencies, 0.95)),
    ms(percentile(l.latencies, 0.99)),
    String(failedOf(l, ok)),
    String(l.retries),
    tally([...l.answers].sort((a, b) => b[1] - a[1])),
  ];
}

const costHeader = [
  "scenario",
  "event",
  "D1 round trips / reg",
  "statements / reg",
  "rows read (mean, max)",
  "rows written (mean, max)",
];

function costRow(sc: Scenario, kind: "empty" | "full") {
  const m = sc.meter?.[kind];
  const label =
    kind === "empty" ? `empty, ${METER_CAPACITY} places` : `full, ${METER_CAPACITY} of ${METER_CAPACITY} held`;
  const scenario = `${count(sc.registrationsInDb)} in DB`;
  if (!m) return [scenario, label, "n/a", "n/a", "n/a", "n/a"];
  return [
    scenario,
    label,
    `${mean(m.roundTrips).toFixed(1)}, max ${Math.max(...m.roundTrips)}`,
    `${mean(m.queries).toFixed(1)}, max ${Math.max(...m.queries)}`,
    `${mean(m.rowsRead).toFixed(1)}, ${Math.max(...m.rowsRead)}`,
    `${mean(m.rowsWritten).toFixed(1)}, ${Math.max(...m.rowsWritten)}`,
  ];
}

const rushHeader = [
  "requests",
  "clients",
  "seconds",
  "registrations / min",
  "× pretix (300–400 / min)",
  "p50 ms",
  "p99 ms",
  "failed",
  "answers",
];

function rushRow(regs: Load) {
  const perMinute = (regs.requests / regs.seconds) * 60;
  return [
    count(regs.requests),
    String(RUSH.concurrency),
    regs.seconds.toFixed(1),
    count(Math.round(perMinute)),
    `${(perMinute / 400).toFixed(1)}–${(perMinute / 300).toFixed(1)}×`,
    ms(percentile(regs.latencies, 0.5)),
    ms(percentile(regs.latencies, 0.99)),
    String(failedOf(regs, isRegistered)),
    tally(regs.answers),
  ];
}

export function report(scenarios: Scenario[], rush: Rush | null, fanOut: FanOutFigures[] = []) {
  printTable(
    "\n## npm run bench",
    loadHeader,
    scenarios.flatMap((sc) => {
      const label = `${count(sc.background)} background (${count(sc.registrationsInDb)} in DB)`;
      return [
        loadRow(label, "GET /api/health", sc.health, (k) => k === "200"),
        loadRow(label, "POST …/registrations", sc.registrations, isRegistered),
      ];
    }),
  );
  printTable(
    "### D1 cost per registration",
    costHeader,
    scenarios.flatMap((sc) => [costRow(sc, "empty"), costRow(sc, "full")]),
  );
  if (rush) {
    printTable("### Rush", rushHeader, [rushRow(rush.load)]);
    console.log(`Invariants after the rush: ${tally(Object.entries(rush.violations))}\n`);
  }
  if (fanOut.length > 0) printTable("### Fan-out through the queue", fanOutHeader, fanOutRows(fanOut));

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
  for (const f of fanOut) {
    const ok = f.written === f.recipients && f.failed === 0 && f.duplicates === 0 && !f.timedOut;
    console.log(
      `- ${verdict(ok)}  ${f.label}: ${count(f.written)} of ${count(f.recipients)} written, ${f.failed} failed, ${f.duplicates} duplicates`,
    );
  }
  const failures = scenarios.flatMap((sc) =>
    [...sc.registrations.answers].filter(([k]) => !isRegistered(k)).map(([k, n]) => `${k} ×${n}`),
  );
  if (failures.length > 0) console.log(`\nWARNING: registrations that failed: ${failures.join(", ")}`);
}
