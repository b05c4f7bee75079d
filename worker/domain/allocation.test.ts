import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AllocationState,
  boardSummary,
  type EventClock,
  nextPromotion,
  nextWithinQuota,
  phaseOf,
  type QuotaLine,
  quotaOf,
  redistribute,
  type WaitingRequest,
} from "./allocation";

const request = (
  registrationId: string,
  institutionId: string,
  sectorKey: string,
  requestedAt: number,
  trackId: string | null = null,
): WaitingRequest => ({ registrationId, institutionId, sectorKey, requestedAt, trackId });

const state = (overrides: Partial<AllocationState>): AllocationState => ({
  freePlaces: 0,
  trackFreePlaces: {},
  heldByInstitution: {},
  representedSectors: [],
  heldTotal: 0,
  waiting: [],
  ...overrides,
});

describe("phaseOf", () => {
  const clock: EventClock = {
    status: "published",
    registrationOpensAt: 100,
    quotaDeadline: 200,
    registrationClosesAt: 300,
    redistributedAt: null,
  };

  it("follows the status before the clock", () => {
    expect(phaseOf({ ...clock, status: "draft" }, 150)).toBe("draft");
    expect(phaseOf({ ...clock, status: "cancelled" }, 150)).toBe("cancelled");
  });

  it("moves through the phases at the boundaries", () => {
    expect(phaseOf(clock, 99)).toBe("not_open");
    expect(phaseOf(clock, 100)).toBe("reserved");
    expect(phaseOf(clock, 199)).toBe("reserved");
    expect(phaseOf(clock, 200)).toBe("awaiting_redistribution");
    expect(phaseOf(clock, 299)).toBe("awaiting_redistribution");
    expect(phaseOf(clock, 300)).toBe("closed");
  });

  it("is open once redistributed, even before the quota deadline", () => {
    const redistributed = { ...clock, redistributedAt: 150 };
    expect(phaseOf(redistributed, 99)).toBe("not_open");
    expect(phaseOf(redistributed, 160)).toBe("open");
    expect(phaseOf(redistributed, 250)).toBe("open");
    expect(phaseOf(redistributed, 300)).toBe("closed");
  });
});

describe("quotaOf", () => {
  it("prefers the institution's own quota, even zero", () => {
    expect(quotaOf(5, 2)).toBe(5);
    expect(quotaOf(0, 2)).toBe(0);
    expect(quotaOf(null, 2)).toBe(2);
  });
});

describe("redistribute", () => {
  it("explains place 47: two tied institutions, the one whose sector had no one yet wins", () => {
    const [allocation, ...rest] = redistribute(
      state({
        freePlaces: 1,
        heldTotal: 46,
        heldByInstitution: { kita: 2, hebammennetzwerk: 2 },
        representedSectors: ["kita"],
        waiting: [request("r1", "kita", "kita", 1000), request("r2", "hebammennetzwerk", "hebammen", 2000)],
      }),
    );
    expect(rest).toEqual([]);
    expect(allocation).toEqual({
      registrationId: "r2",
      institutionId: "hebammennetzwerk",
      sectorKey: "hebammen",
      trackId: null,
      place: 47,
      reasonCode: "sector_unrepresented",
      reasonParams: { place: 47, heldBefore: 2, sectorKey: "hebammen", contenders: 2, fewestOthers: 2 },
    });
    expect(JSON.parse(JSON.stringify(allocation.reasonParams))).toEqual(allocation.reasonParams);
  });

  it("goes round-robin over institutions", () => {
    const waiting = ["a", "b", "c"].flatMap((institution, i) =>
      [0, 1, 2].map((n) => request(`${institution}${n}`, institution, `sector-${institution}`, n * 10 + i)),
    );
    const allocations = redistribute(state({ freePlaces: 6, waiting }));
    expect(allocations.map((a) => a.institutionId)).toEqual(["a", "b", "c", "a", "b", "c"]);
    expect(allocations.map((a) => a.registrationId)).toEqual(["a0", "b0", "c0", "a1", "b1", "c1"]);
    // b and c still tie on places after a's turn; only the last of each round stands alone.
    expect(allocations.map((a) => a.reasonCode)).toEqual([
      "earliest_request",
      "earliest_request",
      "fewest_places",
      "earliest_request",
      "earliest_request",
      "fewest_places",
    ]);
  });

  it("prefers the institution with fewer places, then the earlier request", () => {
    const waiting = [request("late", "a", "kita", 50), request("early", "b", "kita", 10), request("x", "c", "kita", 1)];
    const allocations = redistribute(
      state({ freePlaces: 2, heldByInstitution: { a: 1, b: 1, c: 3 }, representedSectors: ["kita"], waiting }),
    );
    expect(allocations.map((a) => [a.registrationId, a.reasonCode])).toEqual([
      ["early", "earliest_request"],
      ["late", "fewest_places"],
    ]);
  });

  it("falls back to the smallest registration id when requests are simultaneous", () => {
    const waiting = [request("r2", "a", "kita", 10), request("r1", "b", "kita", 10)];
    expect(redistribute(state({ freePlaces: 1, waiting }))[0].registrationId).toBe("r1");
  });

  it("skips requests for a full or unknown track", () => {
    const waiting = [
      request("full", "a", "kita", 1, "workshop"),
      request("unknown", "a", "kita", 2, "gone"),
      request("plenary", "a", "kita", 3),
      request("other-track", "b", "schule", 4, "panel"),
    ];
    const allocations = redistribute(state({ freePlaces: 5, trackFreePlaces: { workshop: 0, panel: 1 }, waiting }));
    expect(allocations.map((a) => a.registrationId)).toEqual(["plenary", "other-track"]);
    expect(allocations[0].reasonCode).toBe("earliest_request");
  });

  it("gives nothing without free places", () => {
    const waiting = [request("r1", "a", "kita", 1)];
    expect(redistribute(state({ freePlaces: 0, waiting }))).toEqual([]);
    expect(redistribute(state({ freePlaces: -3, waiting }))).toEqual([]);
    expect(nextPromotion(state({ freePlaces: 0, waiting }))).toBeNull();
  });

  it("promotes a single waiting request as the only one", () => {
    const promoted = nextPromotion(state({ freePlaces: 3, heldTotal: 9, waiting: [request("r1", "a", "kita", 1)] }));
    expect(promoted?.place).toBe(10);
    expect(promoted?.reasonCode).toBe("only_request");
    expect(promoted?.reasonParams.fewestOthers).toBeNull();
  });
});

// Few ids and times, so that ties, shared sectors and full tracks actually occur.
const sectorKeys = ["kita", "schule", "hebammen", "jugendamt"];
const trackIds = ["workshop", "panel", "plenum"];

const stateArb: fc.Arbitrary<AllocationState> = fc
  .record({
    institutions: fc.uniqueArray(
      fc.record({
        id: fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h"),
        sector: fc.constantFrom(...sectorKeys),
        held: fc.option(fc.nat(4)),
      }),
      {
        minLength: 1,
        maxLength: 8,
        selector: (institution) => institution.id,
      },
    ),
    tracks: fc.uniqueArray(fc.record({ id: fc.constantFrom(...trackIds), free: fc.integer({ min: -1, max: 5 }) }), {
      selector: (track) => track.id,
    }),
    requests: fc.array(
      fc.record({
        pick: fc.nat(),
        requestedAt: fc.nat(20),
        // "ghost" is never in trackFreePlaces.
        trackId: fc.option(fc.constantFrom(...trackIds, "ghost"), { freq: 2 }),
      }),
      { maxLength: 40 },
    ),
    freePlaces: fc.integer({ min: -2, max: 30 }),
    representedSectors: fc.subarray(sectorKeys),
    heldTotal: fc.nat(100),
  })
  .map(({ institutions, tracks, requests, freePlaces, representedSectors, heldTotal }) => ({
    freePlaces,
    trackFreePlaces: Object.fromEntries(tracks.map((track) => [track.id, track.free])),
    heldByInstitution: Object.fromEntries(
      // Some institutions are left out, as when they hold nothing yet.
      institutions.flatMap(({ id, held }) => (held === null ? [] : [[id, held]])),
    ),
    representedSectors,
    heldTotal,
    waiting: requests.map(({ pick, requestedAt, trackId }, i) => {
      const institution = institutions[pick % institutions.length];
      return request(`r${i}`, institution.id, institution.sector, requestedAt, trackId);
    }),
  }));

const isEligible = (candidate: WaitingRequest, trackFree: Map<string, number>) =>
  candidate.trackId === null || (trackFree.get(candidate.trackId) ?? 0) > 0;

describe("redistribute properties", () => {
  it("never gives more places than are free, at the event or on a track", () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const allocations = redistribute(s);
        expect(allocations.length).toBeLessThanOrEqual(Math.max(0, s.freePlaces));
        for (const trackId of [...trackIds, "ghost"]) {
          const onTrack = allocations.filter((a) => a.trackId === trackId).length;
          expect(onTrack).toBeLessThanOrEqual(Math.max(0, s.trackFreePlaces[trackId] ?? 0));
        }
      }),
    );
  });

  it("allocates each waiting request at most once, as it was requested", () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const allocations = redistribute(s);
        expect(new Set(allocations.map((a) => a.registrationId)).size).toBe(allocations.length);
        for (const a of allocations) {
          const original = s.waiting.find((w) => w.registrationId === a.registrationId);
          expect(original).toBeDefined();
          expect([a.institutionId, a.sectorKey, a.trackId]).toEqual([
            original?.institutionId,
            original?.sectorKey,
            original?.trackId,
          ]);
        }
      }),
    );
  });

  it("does not depend on the order of the waiting list or of record keys", () => {
    const shuffled = stateArb.chain((s) =>
      fc.tuple(
        fc.constant(s),
        fc.shuffledSubarray(s.waiting, { minLength: s.waiting.length, maxLength: s.waiting.length }),
      ),
    );
    fc.assert(
      fc.property(shuffled, ([s, waiting]) => {
        const reordered: AllocationState = {
          ...s,
          waiting,
          trackFreePlaces: Object.fromEntries(Object.entries(s.trackFreePlaces).reverse()),
          heldByInstitution: Object.fromEntries(Object.entries(s.heldByInstitution).reverse()),
          representedSectors: [...s.representedSectors].reverse(),
        };
        expect(redistribute(reordered)).toEqual(redistribute(s));
      }),
    );
  });

  it("stops only when places run out or nobody left can take one", () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const allocations = redistribute(s);
        if (allocations.length >= s.freePlaces) return;
        const trackFree = new Map(Object.entries(s.trackFreePlaces));
        for (const a of allocations) {
          if (a.trackId !== null) trackFree.set(a.trackId, (trackFree.get(a.trackId) ?? 0) - 1);
        }
        const given = new Set(allocations.map((a) => a.registrationId));
        const leftOver = s.waiting.filter((w) => !given.has(w.registrationId));
        expect(leftOver.filter((w) => isEligible(w, trackFree))).toEqual([]);
      }),
    );
  });

  it("gives each place to an institution holding no more than any other contender", () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const trackFree = new Map(Object.entries(s.trackFreePlaces));
        const held = new Map(Object.entries(s.heldByInstitution));
        const represented = new Set(s.representedSectors);
        let remaining = s.waiting;
        for (const a of redistribute(s)) {
          const winnerHeld = held.get(a.institutionId) ?? 0;
          const contenders = remaining.filter((w) => isEligible(w, trackFree));
          const institutions = new Set(contenders.map((w) => w.institutionId));
          expect(institutions.has(a.institutionId)).toBe(true);
          for (const other of institutions) expect(winnerHeld).toBeLessThanOrEqual(held.get(other) ?? 0);
          expect(a.reasonParams.heldBefore).toBe(winnerHeld);
          expect(a.reasonParams.contenders).toBe(institutions.size);
          // Among equals, a represented sector must not win over one that has nobody yet.
          if (represented.has(a.sectorKey)) {
            const tiedNewcomers = contenders.filter(
              (w) => (held.get(w.institutionId) ?? 0) === winnerHeld && !represented.has(w.sectorKey),
            );
            expect(tiedNewcomers).toEqual([]);
          }

          held.set(a.institutionId, winnerHeld + 1);
          represented.add(a.sectorKey);
          if (a.trackId !== null) trackFree.set(a.trackId, (trackFree.get(a.trackId) ?? 0) - 1);
          remaining = remaining.filter((w) => w.registrationId !== a.registrationId);
        }
      }),
    );
  });

  it("names a reason that matches the numbers it reports", () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        for (const a of redistribute(s)) {
          const { contenders, heldBefore, fewestOthers } = a.reasonParams;
          expect(a.reasonCode === "only_request").toBe(contenders === 1);
          expect(fewestOthers === null).toBe(contenders === 1);
          expect(a.reasonCode === "fewest_places").toBe(fewestOthers !== null && heldBefore < fewestOthers);
        }
      }),
    );
  });

  it("numbers places consecutively after the ones already held", () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const allocations = redistribute(s);
        expect(allocations.map((a) => a.place)).toEqual(allocations.map((_, i) => s.heldTotal + i + 1));
        for (const a of allocations) expect(a.reasonParams.place).toBe(a.place);
      }),
    );
  });

  it("promotes exactly whom a redistribution would pick first", () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        expect(nextPromotion(s)).toEqual(redistribute(s)[0] ?? null);
      }),
    );
  });
});

describe("nextWithinQuota", () => {
  const base = {
    freePlaces: 3,
    trackFreePlaces: {},
    heldByInstitution: { a: 1, b: 2 },
    representedSectors: ["police"],
    heldTotal: 3,
  };
  const request = (registrationId: string, institutionId: string, requestedAt: number) => ({
    registrationId,
    institutionId,
    sectorKey: "police",
    requestedAt,
    trackId: null,
  });

  it("gives a freed place back to an institution under its quota, earliest request first", () => {
    const pick = nextWithinQuota(
      { ...base, waiting: [request("b1", "b", 1), request("a2", "a", 3), request("a1", "a", 2)] },
      { a: 2, b: 2 },
    );
    expect(pick).toMatchObject({ registrationId: "a1", institutionId: "a", reasonCode: "quota_place_freed", place: 4 });
  });

  it("leaves requests beyond the quota for the redistribution", () => {
    expect(nextWithinQuota({ ...base, waiting: [request("b1", "b", 1)] }, { a: 2, b: 2 })).toBeNull();
    expect(nextWithinQuota({ ...base, waiting: [request("c1", "c", 1)] }, { a: 2, b: 2 })).toBeNull();
  });

  it("never promotes without a free place", () => {
    expect(nextWithinQuota({ ...base, freePlaces: 0, waiting: [request("a1", "a", 1)] }, { a: 2 })).toBeNull();
  });
});

describe("boardSummary", () => {
  const line = (institutionId: string, sectorKey: string, counts: Partial<QuotaLine> = {}): QuotaLine => ({
    institutionId,
    sectorKey,
    quota: 2,
    confirmed: 0,
    offered: 0,
    waiting: 0,
    ...counts,
  });

  it("sums the board and sorts it by sector, then institution", () => {
    const summary = boardSummary(5, [
      line("z", "kita", { quota: 3, confirmed: 1, offered: 1, waiting: 2 }),
      line("b", "schule", { quota: 1, waiting: 1 }),
      line("a", "kita", { quota: 2, confirmed: 2 }),
    ]);
    expect(summary).toEqual({
      capacity: 5,
      quotaSum: 6,
      overCommitted: true,
      overCommitment: 1,
      confirmed: 3,
      offered: 1,
      waiting: 3,
      free: 1,
      overbookedBy: 0,
      institutions: [
        { ...line("a", "kita", { quota: 2, confirmed: 2 }), unclaimed: 0 },
        { ...line("z", "kita", { quota: 3, confirmed: 1, offered: 1, waiting: 2 }), unclaimed: 1 },
        { ...line("b", "schule", { quota: 1, waiting: 1 }), unclaimed: 1 },
      ],
      sectors: [
        { sectorKey: "kita", institutions: 2, quota: 5, confirmed: 3, waiting: 2 },
        { sectorKey: "schule", institutions: 1, quota: 1, confirmed: 0, waiting: 1 },
      ],
      sectorsWithoutConfirmed: ["schule"],
    });
  });

  it("is empty but sound without invited institutions", () => {
    expect(boardSummary(10, [])).toMatchObject({ quotaSum: 0, overCommitted: false, free: 10, sectors: [] });
    const line = { institutionId: "a", sectorKey: "police", quota: 9, confirmed: 6, offered: 1, waiting: 0 };
    expect(boardSummary(5, [line])).toMatchObject({ free: 0, overbookedBy: 2 });
    expect(boardSummary(7, [line])).toMatchObject({ free: 0, overbookedBy: 0 });
  });

  const linesArb = fc.array(
    fc.record({
      institutionId: fc.constantFrom("a", "b", "c", "d", "e"),
      sectorKey: fc.constantFrom(...sectorKeys),
      quota: fc.nat(10),
      confirmed: fc.nat(10),
      offered: fc.nat(5),
      waiting: fc.nat(5),
    }),
    { maxLength: 10 },
  );

  it("counts every confirmed and offered place exactly once", () => {
    fc.assert(
      fc.property(fc.nat(80), linesArb, (capacity, lines) => {
        const summary = boardSummary(capacity, lines);
        const total = (field: "confirmed" | "offered") => lines.reduce((n, l) => n + l[field], 0);
        expect(summary.confirmed).toBe(total("confirmed"));
        expect(summary.offered).toBe(total("offered"));
        expect(summary.free).toBe(Math.max(0, capacity - total("confirmed") - total("offered")));
        expect(summary.sectors.reduce((n, s) => n + s.confirmed, 0)).toBe(total("confirmed"));
        for (const i of summary.institutions) {
          expect(i.unclaimed).toBe(Math.max(0, i.quota - i.confirmed - i.offered));
        }
      }),
    );
  });

  it("is over-committed exactly when the quotas exceed capacity", () => {
    fc.assert(
      // Capacity near the quota sum, so that the boundary where both are equal comes up often.
      fc.property(linesArb, fc.integer({ min: -3, max: 3 }), (lines, offset) => {
        const quotaSum = lines.reduce((n, l) => n + l.quota, 0);
        const capacity = Math.max(0, quotaSum + offset);
        const summary = boardSummary(capacity, lines);
        expect(summary.quotaSum).toBe(quotaSum);
        expect(summary.overCommitted).toBe(quotaSum > capacity);
        expect(summary.overCommitment).toBe(Math.max(0, quotaSum - capacity));
      }),
    );
  });
});
