import { describe, expect, it } from "vitest";
import { boardSummary, type Phase, phases, quotasApply } from "./allocation";
import { eventEnded, quotaState, quotaUse } from "./event-state";

const dates = {
  registrationOpensAt: "2026-11-25T08:00:00.000Z",
  quotaDeadline: "2026-12-21T17:00:00.000Z",
  registrationClosesAt: "2027-01-10T17:00:00.000Z",
  redistributedAt: null,
};

describe("quotasApply", () => {
  it("holds from planning until the redistribution has run, not after it or once registration is over", () => {
    const applying = phases.filter(quotasApply);
    expect(applying).toEqual(["draft", "not_open", "reserved", "awaiting_redistribution"]);
  });
});

describe("boardSummary over-commitment", () => {
  const line = { institutionId: "a", sectorKey: "kita", quota: 40, confirmed: 3, offered: 0, waiting: 31 };

  it("warns while the quotas apply, not after an early redistribution or once registration closed", () => {
    const warns = (phase: Phase) => boardSummary(10, [line], phase).overCommitted;
    expect(warns("reserved")).toBe(true);
    expect(warns("awaiting_redistribution")).toBe(true);
    expect(warns("open")).toBe(false);
    expect(warns("closed")).toBe(false);
    expect(warns("cancelled")).toBe(false);
    // The arithmetic stays on the board.
    expect(boardSummary(10, [line], "open")).toMatchObject({ quotaSum: 40, overCommitment: 30 });
  });
});

describe("quotaState", () => {
  it("says places are reserved until the deadline only before it", () => {
    expect(quotaState({ ...dates, phase: "not_open" })).toEqual({
      key: "reserved",
      dates: { deadline: dates.quotaDeadline },
    });
    expect(quotaState({ ...dates, phase: "reserved" }).key).toBe("reserved");
    expect(quotaState({ ...dates, phase: "awaiting_redistribution" })).toEqual({
      key: "awaitingRedistribution",
      dates: { deadline: dates.quotaDeadline },
    });
  });

  it("after an early redistribution: places in order since it ran, not reserved until the deadline", () => {
    const early = "2026-12-01T10:00:00.000Z";
    expect(quotaState({ ...dates, phase: "open", redistributedAt: early })).toEqual({
      key: "inOrder",
      dates: { since: early, closes: dates.registrationClosesAt },
    });
  });

  it("names closed, cancelled and draft events as such", () => {
    expect(quotaState({ ...dates, phase: "closed" })).toEqual({
      key: "closed",
      dates: { closes: dates.registrationClosesAt },
    });
    expect(quotaState({ ...dates, phase: "cancelled" }).key).toBe("cancelled");
    expect(quotaState({ ...dates, phase: "draft" }).key).toBe("draft");
  });
});

describe("quotaUse", () => {
  it("counts against the quota while it applies", () => {
    expect(quotaUse("reserved", 2, 1)).toEqual({ key: "within", used: 1, quota: 2 });
    expect(quotaUse("reserved", 2, 3)).toEqual({ key: "beyond", used: 3, quota: 2, over: 1 });
  });

  it("never says “3 of 2 places of your quota” after the quotas ended", () => {
    expect(quotaUse("open", 2, 3)).toEqual({ key: "past", used: 3, quota: 2 });
    expect(quotaUse("closed", 2, 1).key).toBe("past");
  });
});

describe("eventEnded", () => {
  const sessions = [{ endsAt: "2026-12-03T11:30:00Z" }, { endsAt: new Date("2027-01-15T15:00:00Z") }];
  it("is over once the last session has ended", () => {
    expect(eventEnded(sessions, new Date("2026-12-04T00:00:00Z"))).toBe(false);
    expect(eventEnded(sessions, new Date("2027-01-15T15:00:00Z"))).toBe(true);
    expect(eventEnded([], new Date("2030-01-01T00:00:00Z"))).toBe(false);
  });
});
