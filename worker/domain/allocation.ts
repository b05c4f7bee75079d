// Allocation of event places (PRODUCT.md "How places are allocated"). Pure, so that
// redistribution, promotion and the organiser's board share one set of rules and every
// decision can be replayed and explained. States are small (≤ 500 institutions,
// ≤ 1000 waiting), so a plain scan per place is fast enough and easy to check.

export const phases = [
  "draft",
  "cancelled",
  "not_open",
  "reserved",
  "awaiting_redistribution",
  "open",
  "closed",
] as const;
export type Phase = (typeof phases)[number];

export interface EventClock {
  status: "draft" | "published" | "cancelled";
  registrationOpensAt: number;
  quotaDeadline: number;
  registrationClosesAt: number;
  redistributedAt: number | null;
}

/** draft/cancelled by status; now < opens → not_open; now >= closes → closed;
 *  redistributedAt set → open; now < quotaDeadline → reserved; else awaiting_redistribution. */
export function phaseOf(event: EventClock, now: number): Phase {
  if (event.status !== "published") return event.status;
  if (now < event.registrationOpensAt) return "not_open";
  if (now >= event.registrationClosesAt) return "closed";
  // The organiser may redistribute before the deadline; from then on the quotas no longer apply.
  if (event.redistributedAt !== null) return "open";
  if (now < event.quotaDeadline) return "reserved";
  // Unclaimed places stay reserved until the redistribution has actually run.
  return "awaiting_redistribution";
}

/**
 * Whether the quotas still bind places: while the event is planned, before registration opens,
 * until the deadline, and after it until the redistribution has run (unclaimed places stay
 * reserved until then). After the redistribution, and once registration is over, they do not.
 */
export function quotasApply(phase: Phase): boolean {
  return phase === "draft" || phase === "not_open" || phase === "reserved" || phase === "awaiting_redistribution";
}

/** Places reserved for an institution: its override, else the event default. */
export function quotaOf(places: number | null, defaultQuota: number): number {
  return places ?? defaultQuota;
}

export interface WaitingRequest {
  registrationId: string;
  institutionId: string;
  sectorKey: string;
  requestedAt: number;
  trackId: string | null;
}

export interface AllocationState {
  /** Places still free at the event (capacity minus places held by confirmed registrations and open offers); may be <= 0. */
  freePlaces: number;
  /** Free places per track id (same meaning); a request for a track missing here counts as 0 free. */
  trackFreePlaces: Record<string, number>;
  /** Places held per institution id (confirmed + open offers). Missing = 0. */
  heldByInstitution: Record<string, number>;
  /** Sector keys that already hold at least one place at the event. */
  representedSectors: string[];
  /** Number of places held at the event now (so the n-th allocation is place heldTotal + n). */
  heldTotal: number;
  waiting: WaitingRequest[];
}

export type AllocationReason =
  | "only_request"
  | "fewest_places"
  | "sector_unrepresented"
  | "earliest_request"
  /** Before the quota deadline: the institution's own place, freed by a colleague. */
  | "quota_place_freed";

export interface Allocation {
  registrationId: string;
  institutionId: string;
  sectorKey: string;
  trackId: string | null;
  /** 1-based place number at the event, e.g. 47. */
  place: number;
  reasonCode: AllocationReason;
  /** JSON-safe, no personal data: { place, heldBefore, sectorKey, contenders (number of institutions competing), fewestOthers (min held among the other contenders, or null) } */
  reasonParams: {
    place: number;
    heldBefore: number;
    sectorKey: string;
    contenders: number;
    fewestOthers: number | null;
  };
}

// Code-unit order rather than locale order: the outcome must not depend on the runtime's ICU data.
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const byRequestTime = (a: WaitingRequest, b: WaitingRequest) =>
  a.requestedAt - b.requestedAt || compareIds(a.registrationId, b.registrationId);

interface Contender {
  request: WaitingRequest;
  held: number;
  unrepresented: boolean;
}

// The fairness rule of PRODUCT.md, in its order of precedence.
const byFairness = (a: Contender, b: Contender) =>
  a.held - b.held || Number(b.unrepresented) - Number(a.unrepresented) || byRequestTime(a.request, b.request);

// Names the criterion that actually decided, so the explanation shown to people is true.
function reasonFor(winner: Contender, others: Contender[]): AllocationReason {
  if (others.length === 0) return "only_request";
  const tied = others.filter((other) => other.held === winner.held);
  if (tied.length === 0) return "fewest_places";
  if (winner.unrepresented && tied.some((other) => !other.unrepresented)) return "sector_unrepresented";
  return "earliest_request";
}

/**
 * Hands free places to waiting requests one place at a time (PRODUCT.md "redistribution"):
 * among institutions with an eligible waiting request (eligible = its track, if any, still has a free place),
 * pick the institution with the fewest places held (counting places given in this run);
 * tie → one whose sector is not yet represented (counting this run's allocations);
 * tie → the one whose earliest eligible request is earliest; tie → smallest registrationId (determinism).
 * Within the institution, take its earliest eligible request (tie: smallest registrationId).
 * Stop when no free place or no eligible request. Returns allocations in order.
 * reasonCode = the first criterion that separated the winner from the others:
 *   one contender → only_request; strictly fewest held → fewest_places;
 *   tied on fewest but the winner's sector was unrepresented while some tied one's was represented → sector_unrepresented;
 *   otherwise earliest_request.
 * Must not depend on the order of `waiting` or of record keys (sort internally).
 */
export function redistribute(state: AllocationState): Allocation[] {
  // Sorted once, an institution's first eligible request in the list is its earliest,
  // whatever order the caller read the waiting list in.
  let waiting = [...state.waiting].sort(byRequestTime);
  // Maps, because ids come from users' data and a plain object would answer for "constructor".
  const trackFree = new Map(Object.entries(state.trackFreePlaces));
  const held = new Map(Object.entries(state.heldByInstitution));
  const represented = new Set(state.representedSectors);
  const allocations: Allocation[] = [];
  let free = state.freePlaces;

  while (free > 0) {
    const earliestByInstitution = new Map<string, WaitingRequest>();
    for (const request of waiting) {
      const eligible = request.trackId === null || (trackFree.get(request.trackId) ?? 0) > 0;
      if (eligible && !earliestByInstitution.has(request.institutionId)) {
        earliestByInstitution.set(request.institutionId, request);
      }
    }
    if (earliestByInstitution.size === 0) break;

    // An institution belongs to one sector, so its request's sector stands for it.
    const [winner, ...others] = [...earliestByInstitution.values()]
      .map((request) => ({
        request,
        held: held.get(request.institutionId) ?? 0,
        unrepresented: !represented.has(request.sectorKey),
      }))
      .sort(byFairness);
    const { registrationId, institutionId, sectorKey, trackId } = winner.request;
    const place = state.heldTotal + allocations.length + 1;
    allocations.push({
      registrationId,
      institutionId,
      sectorKey,
      trackId,
      place,
      reasonCode: reasonFor(winner, others),
      reasonParams: {
        place,
        heldBefore: winner.held,
        sectorKey,
        contenders: others.length + 1,
        fewestOthers: others.length === 0 ? null : Math.min(...others.map((other) => other.held)),
      },
    });

    free -= 1;
    if (trackId !== null) trackFree.set(trackId, (trackFree.get(trackId) ?? 0) - 1);
    held.set(institutionId, winner.held + 1);
    represented.add(sectorKey);
    waiting = waiting.filter((request) => request !== winner.request);
  }
  return allocations;
}

/**
 * Before the quota deadline a freed place stays with its institution: the
 * earliest waiting request of an institution still under its quota moves up.
 * Other institutions' waiting requests wait for the redistribution.
 */
export function nextWithinQuota(state: AllocationState, quotaByInstitution: Record<string, number>): Allocation | null {
  const quota = new Map(Object.entries(quotaByInstitution));
  const held = new Map(Object.entries(state.heldByInstitution));
  const underQuota = state.waiting.filter((r) => (held.get(r.institutionId) ?? 0) < (quota.get(r.institutionId) ?? 0));
  const pick = nextPromotion({ ...state, waiting: underQuota });
  return pick && { ...pick, reasonCode: "quota_place_freed" };
}

/** The next waiting request for one freed place (promotion on cancellation): redistribute limited to one place. Null if none eligible or no free place. */
export function nextPromotion(state: AllocationState): Allocation | null {
  return redistribute({ ...state, freePlaces: Math.min(state.freePlaces, 1) })[0] ?? null;
}

export interface QuotaLine {
  institutionId: string;
  sectorKey: string;
  quota: number;
  confirmed: number;
  offered: number;
  waiting: number;
}

export interface BoardSummary {
  capacity: number;
  quotaSum: number;
  /** The quotas exceed the capacity while they still apply: some registrations would wait despite their quota. */
  overCommitted: boolean;
  /** quotaSum - capacity when positive, else 0 */
  overCommitment: number;
  confirmed: number;
  offered: number;
  waiting: number;
  free: number;
  /** Places held beyond the capacity (an organiser lowered it knowingly, or let walk-ins in); else 0. */
  overbookedBy: number;
  /** unclaimed = max(0, quota - confirmed - offered): reserved places nobody has asked for yet. */
  institutions: (QuotaLine & { unclaimed: number })[];
  sectors: { sectorKey: string; institutions: number; quota: number; confirmed: number; waiting: number }[];
  /** Invited sectors (having at least one invited institution) with nobody confirmed. */
  sectorsWithoutConfirmed: string[];
}

const sum = (lines: QuotaLine[], field: "quota" | "confirmed" | "offered" | "waiting") =>
  lines.reduce((total, line) => total + line[field], 0);

/**
 * Aggregates for the organiser's allocation board. free = max(0, capacity - confirmed - offered). Sort institutions by sectorKey then institutionId, sectors by key.
 * Given the event's phase, over-commitment is only reported while the quotas apply; without one, as while planning.
 */
export function boardSummary(capacity: number, lines: QuotaLine[], phase?: Phase): BoardSummary {
  const sorted = [...lines].sort(
    (a, b) => compareIds(a.sectorKey, b.sectorKey) || compareIds(a.institutionId, b.institutionId),
  );
  const quotaSum = sum(lines, "quota");
  const confirmed = sum(lines, "confirmed");
  const offered = sum(lines, "offered");

  const bySector = new Map<string, QuotaLine[]>();
  for (const line of sorted) bySector.set(line.sectorKey, [...(bySector.get(line.sectorKey) ?? []), line]);
  const sectors = [...bySector].map(([sectorKey, members]) => ({
    sectorKey,
    institutions: members.length,
    quota: sum(members, "quota"),
    confirmed: sum(members, "confirmed"),
    waiting: sum(members, "waiting"),
  }));

  return {
    capacity,
    quotaSum,
    // After the redistribution nobody waits because of a quota, so the warning would be untrue.
    overCommitted: quotaSum > capacity && (phase === undefined || quotasApply(phase)),
    overCommitment: Math.max(0, quotaSum - capacity),
    confirmed,
    offered,
    waiting: sum(lines, "waiting"),
    // An open offer holds its place until it is accepted or expires, so it is not free.
    free: Math.max(0, capacity - confirmed - offered),
    overbookedBy: Math.max(0, confirmed + offered - capacity),
    institutions: sorted.map((line) => ({
      ...line,
      unclaimed: Math.max(0, line.quota - line.confirmed - line.offered),
    })),
    sectors,
    sectorsWithoutConfirmed: sectors.filter((sector) => sector.confirmed === 0).map((sector) => sector.sectorKey),
  };
}
