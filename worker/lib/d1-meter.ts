// Counts D1 work (statements, rows read, rows written) for `npm run bench`; DEV_MODE only.
//
// D1 reports rows read and written per statement in its result metadata, but
// drizzle's selects go through `raw()`, which drops that metadata. So the meter
// sits one level lower, on the connection itself: workerd's D1Database keeps its
// queries in an own property `alwaysPrimarySession`, whose `fetcher` sends each
// statement (or batch) as JSON and receives JSON results with `meta.rows_read`
// and `meta.rows_written` (an array of results, one per statement). This is an
// internal shape, not an API: if it is absent the meter stays off and says so.

export type D1MeterReading =
  | { available: true; roundTrips: number; queries: number; rowsRead: number; rowsWritten: number }
  | { available: false };

type FetcherLike = { fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> };
type SessionLike = { fetcher: FetcherLike };

/** roundTrips: calls to D1 (a statement or a whole batch each); queries: statements. */
const counters = { roundTrips: 0, queries: 0, rowsRead: 0, rowsWritten: 0 };
/** Fetchers already wrapped (and the wrappers themselves): each is metered once per isolate. */
const metered = new WeakSet<object>();
let available = false;

const isFetcher = (value: unknown): value is FetcherLike =>
  typeof value === "object" && value !== null && typeof (value as FetcherLike).fetch === "function";

function tally(answer: unknown) {
  for (const result of Array.isArray(answer) ? answer : [answer]) {
    const meta = (result as { meta?: { rows_read?: unknown; rows_written?: unknown } } | null)?.meta;
    counters.queries++;
    if (typeof meta?.rows_read === "number") counters.rowsRead += meta.rows_read;
    if (typeof meta?.rows_written === "number") counters.rowsWritten += meta.rows_written;
  }
}

function meteredFetcher(inner: FetcherLike): FetcherLike {
  const wrapper: FetcherLike = {
    async fetch(input, init) {
      counters.roundTrips++;
      const response = await inner.fetch(input, init);
      try {
        // Read before answering, so a reading taken after a request includes all of its queries.
        tally(await response.clone().json());
      } catch {
        // Not JSON (e.g. a dump): nothing to count.
      }
      return response;
    },
  };
  metered.add(wrapper);
  return wrapper;
}

/** Wraps the D1 connection of `db` once; a no-op if the internal shape is not there. */
export function meterD1(db: D1Database) {
  const internal = db as unknown as { alwaysPrimarySession?: unknown; fetcher?: unknown };
  const session = internal.alwaysPrimarySession as SessionLike | undefined;
  if (typeof session !== "object" || session === null || !isFetcher(session.fetcher)) return;
  if (metered.has(session.fetcher)) return;
  const original = session.fetcher;
  const wrapper = meteredFetcher(original);
  session.fetcher = wrapper;
  // Sessions made later by `withSession` take the database's own fetcher.
  if (internal.fetcher === original) internal.fetcher = wrapper;
  available = true;
}

/** The totals since the isolate started, or `available: false` if no connection could be metered. */
export function d1MeterReading(): D1MeterReading {
  return available ? { available: true, ...counters } : { available: false };
}
