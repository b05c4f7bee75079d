import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSameRequest, type RefusalFacts, refusalReason } from "./registration-refusal";

const opens = new Date("2026-03-01T08:00:00Z");
const closes = new Date("2026-04-01T08:00:00Z");
const during = new Date("2026-03-15T08:00:00Z").getTime();

const facts = (over: Partial<RefusalFacts> = {}): RefusalFacts => ({
  event: { networkId: "n1", status: "published", registrationOpensAt: opens, registrationClosesAt: closes },
  institution: { networkId: "n1", archivedAt: null },
  invited: true,
  trackId: null,
  ...over,
});

describe("refusalReason", () => {
  it("names the event first: missing, cancelled, or a draft (which looks missing)", () => {
    expect(refusalReason(facts({ event: undefined }), during)).toBe("event_not_found");
    const event = facts().event!;
    expect(refusalReason(facts({ event: { ...event, status: "cancelled" }, institution: undefined }), during)).toBe(
      "event_cancelled",
    );
    expect(refusalReason(facts({ event: { ...event, status: "draft" } }), during)).toBe("event_not_found");
  });

  it("then the institution: missing or of another network, archived, not invited", () => {
    expect(refusalReason(facts({ institution: undefined }), during)).toBe("institution_not_found");
    expect(refusalReason(facts({ institution: { networkId: "n2", archivedAt: null } }), during)).toBe(
      "institution_not_found",
    );
    expect(refusalReason(facts({ institution: { networkId: "n1", archivedAt: opens }, invited: false }), during)).toBe(
      "institution_archived",
    );
    expect(refusalReason(facts({ invited: false }), during)).toBe("institution_not_invited");
  });

  it("then the registration period: before it opens, from the moment it closes", () => {
    expect(refusalReason(facts(), opens.getTime() - 1)).toBe("registration_not_open");
    expect(refusalReason(facts({ trackId: "t1" }), opens.getTime())).toBe("track_not_found");
    expect(refusalReason(facts(), closes.getTime())).toBe("registration_closed");
  });

  it("then the track; with nothing wrong, the state changed under the request", () => {
    expect(refusalReason(facts({ trackId: "t1" }), during)).toBe("track_not_found");
    expect(refusalReason(facts(), during)).toBe("registration_state_conflict");
  });

  it("never blames the period or the track of an event that cannot be registered for", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("draft" as const, "cancelled" as const),
        fc.integer(),
        fc.option(fc.string()),
        (status, now, trackId) => {
          const reason = refusalReason(facts({ event: { ...facts().event!, status }, trackId }), now);
          return reason === "event_not_found" || reason === "event_cancelled";
        },
      ),
    );
  });
});

describe("isSameRequest", () => {
  it("holds only for the same address and the same institution", () => {
    const first = { email: "a@example.org", institutionId: "i1" };
    expect(isSameRequest(first, { ...first })).toBe(true);
    expect(isSameRequest(first, { ...first, email: "b@example.org" })).toBe(false);
    expect(isSameRequest(first, { ...first, institutionId: "i2" })).toBe(false);
  });
});
