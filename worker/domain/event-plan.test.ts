import { describe, expect, it } from "vitest";
import { type ExistingEvent, type PlanArgs, planEvent } from "./event-plan";

const at = (iso: string) => new Date(iso);
const existing: ExistingEvent = {
  status: "published",
  capacity: 20,
  defaultQuota: 2,
  registrationOpensAt: at("2026-11-01T08:00:00Z"),
  quotaDeadline: at("2026-12-10T08:00:00Z"),
  registrationClosesAt: at("2027-01-10T08:00:00Z"),
  redistributedAt: null,
};
let counter = 0;
const args = (over: Partial<PlanArgs>): PlanArgs => ({
  input: {},
  existing,
  sessions: [
    { id: "s1", position: 1 },
    { id: "s2", position: 2 },
  ],
  tracks: [{ id: "t1", sessionId: "s2", capacity: 10 }],
  quotas: [
    { institutionId: "a", places: null },
    { institutionId: "b", places: 4 },
  ],
  directory: [
    { id: "a", sectorKey: "police", archived: false },
    { id: "b", sectorKey: "school", archived: false },
    { id: "c", sectorKey: "school", archived: false },
    { id: "old", sectorKey: "police", archived: true },
  ],
  knownSectorKeys: new Set(["police", "school"]),
  now: at("2026-12-01T08:00:00Z"),
  newId: () => `new-${++counter}`,
  ...over,
});
const session = (id?: string) => ({
  id,
  title: "",
  topic: "",
  startsAt: "2027-01-15T08:00:00Z",
  endsAt: "2027-01-15T12:00:00Z",
});

describe("planning an event write", () => {
  it("keeps the quota deadline inside the registration window", () => {
    const outcome = planEvent(args({ input: { quotaDeadline: "2027-02-01T08:00:00Z" } }));
    expect(outcome).toEqual({
      ok: false,
      reason: "invalid",
      errors: [{ path: "quotaDeadline", code: "window_order" }],
    });
  });

  it("refuses a quota reminder day given twice", () => {
    expect(planEvent(args({ input: { quotaReminderDays: [7, 1, 7] } }))).toEqual({
      ok: false,
      reason: "invalid",
      errors: [{ path: "quotaReminderDays.2", code: "duplicate" }],
    });
    expect(planEvent(args({ input: { quotaReminderDays: [7, 1] } })).ok).toBe(true);
  });

  it("finds unknown, duplicate and backwards sessions, and tracks on a session that would be removed", () => {
    const outcome = planEvent(
      args({
        input: {
          sessions: [session("s1"), session("s1"), session("nope"), { ...session(), endsAt: "2027-01-15T07:00:00Z" }],
        },
      }),
    );
    expect(outcome.ok === false && outcome.reason === "invalid" && outcome.errors).toEqual([
      { path: "sessions.1.id", code: "duplicate" },
      { path: "sessions.2.id", code: "unknown_id" },
      { path: "sessions.3.endsAt", code: "session_order" },
      { path: "sessions", code: "track_session_removed" },
    ]);
  });

  it("places tracks on the session at their position and knows which are removed", () => {
    const outcome = planEvent(
      args({
        input: {
          sessions: [session("s2"), session()],
          tracks: [{ title: "Neu", description: "", capacity: 5, sessionPosition: 2 }],
        },
      }),
    );
    if (!outcome.ok) throw new Error("expected a plan");
    expect(outcome.plan.sessions?.map((s) => [s.id === "s2" ? "s2" : "new", s.position])).toEqual([
      ["s2", 1],
      ["new", 2],
    ]);
    expect(outcome.plan.removedSessionIds).toEqual(["s1"]);
    expect(outcome.plan.removedTrackIds).toEqual(["t1"]);
    expect(outcome.plan.tracks?.[0].sessionId).toBe(outcome.plan.sessions?.[1].id);
    expect(
      planEvent(args({ input: { tracks: [{ title: "X", description: "", capacity: 1, sessionPosition: 3 }] } })),
    ).toMatchObject({
      ok: false,
      errors: [{ path: "tracks.0.sessionPosition", code: "unknown_session" }],
    });
  });

  it("invites by sector from the active directory, and keeps archived institutions already invited", () => {
    const outcome = planEvent(
      args({
        quotas: [{ institutionId: "old", places: null }],
        input: { invitation: { mode: "sectors", sectorKeys: ["school"], institutionIds: [] } },
      }),
    );
    if (!outcome.ok) throw new Error("expected a plan");
    expect([...(outcome.plan.quotas?.keys() ?? [])].sort()).toEqual(["b", "c", "old"]);
    expect(outcome.plan.uninvitedInstitutionIds).toEqual([]);
    expect(
      planEvent(args({ input: { invitation: { mode: "sectors", sectorKeys: ["bakery"], institutionIds: [] } } })),
    ).toEqual({ ok: false, reason: "reference_not_found" });
  });

  it("refuses overrides for institutions that are not invited", () => {
    expect(planEvent(args({ input: { quotaOverrides: [{ institutionId: "c", places: 1 }] } }))).toMatchObject({
      ok: false,
      errors: [{ path: "quotaOverrides.0.institutionId", code: "not_invited" }],
    });
  });

  it("names what falls (capacity, tracks, quotas while they apply) and whether the change makes room", () => {
    const lowered = planEvent(
      args({
        input: {
          capacity: 10,
          defaultQuota: 1,
          tracks: [{ id: "t1", title: "Forum", description: "", capacity: 3 }],
        },
      }),
    );
    if (!lowered.ok) throw new Error("expected a plan");
    expect(lowered.plan.lowered).toEqual({
      capacity: 10,
      tracks: [{ id: "t1", capacity: 3 }],
      quotaInstitutionIds: ["a"],
    });
    expect(lowered.plan.makesRoom).toBe(false);

    // After the redistribution the quotas no longer bind: lowering them frees nothing and blocks nothing.
    const open = planEvent(
      args({ existing: { ...existing, redistributedAt: at("2026-11-30T08:00:00Z") }, input: { defaultQuota: 0 } }),
    );
    expect(open.ok && open.plan.lowered.quotaInstitutionIds).toEqual([]);

    const raised = planEvent(args({ input: { capacity: 30 } }));
    expect(raised.ok && raised.plan.makesRoom).toBe(true);
  });
});
