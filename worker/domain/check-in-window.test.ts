import { describe, expect, it } from "vitest";
import {
  certifiableSessions,
  certificateDate,
  checkInWindow,
  checkInWindowState,
  endOfBerlinDay,
  hasStarted,
} from "./check-in-window";

const at = (iso: string) => new Date(iso);
const session = (startsAt: string, endsAt: string) => ({ startsAt: at(startsAt), endsAt: at(endsAt) });

describe("the check-in window", () => {
  it("opens two hours before the start and closes at the end of the Berlin day", () => {
    // 15 January 2027, 9:00–12:30 Berlin (CET, UTC+1).
    const w = checkInWindow(session("2027-01-15T08:00:00Z", "2027-01-15T11:30:00Z"), 120);
    expect(w.opensAt.toISOString()).toBe("2027-01-15T06:00:00.000Z");
    expect(w.closesAt.toISOString()).toBe("2027-01-15T22:59:59.999Z");
  });

  it("ends at 23:59:59.999 Berlin summer time (UTC+2)", () => {
    const w = checkInWindow(session("2026-06-10T07:00:00Z", "2026-06-10T10:00:00Z"), 120);
    expect(w.closesAt.toISOString()).toBe("2026-06-10T21:59:59.999Z");
  });

  it("on the day the clocks go forward (29 March 2026) the day ends on summer time", () => {
    const w = checkInWindow(session("2026-03-29T07:00:00Z", "2026-03-29T10:00:00Z"), 120);
    expect(w.closesAt.toISOString()).toBe("2026-03-29T21:59:59.999Z");
    // The day before still ends on winter time.
    expect(endOfBerlinDay(at("2026-03-28T12:00:00Z")).toISOString()).toBe("2026-03-28T22:59:59.999Z");
  });

  it("counts real time before the start across the skipped hour", () => {
    // 3:30 summer time on 29 March 2026; two hours earlier the clocks showed 0:30 winter time.
    const w = checkInWindow(session("2026-03-29T01:30:00Z", "2026-03-29T04:00:00Z"), 120);
    expect(w.opensAt.toISOString()).toBe("2026-03-28T23:30:00.000Z");
  });

  it("on the day the clocks go back (25 October 2026) the day ends on winter time, 25 hours long", () => {
    const w = checkInWindow(session("2026-10-25T09:00:00Z", "2026-10-25T12:00:00Z"), 120);
    expect(w.closesAt.toISOString()).toBe("2026-10-25T22:59:59.999Z");
    expect(endOfBerlinDay(at("2026-10-24T23:30:00Z")).toISOString()).toBe("2026-10-25T22:59:59.999Z");
  });

  it("a late-evening session in UTC terms is still the Berlin day", () => {
    // 23:30 Berlin on 10 June is 21:30 UTC; its day ends 21:59:59.999 UTC, not at UTC midnight.
    const w = checkInWindow(session("2026-06-10T21:00:00Z", "2026-06-10T21:45:00Z"), 0);
    expect(w.closesAt.toISOString()).toBe("2026-06-10T21:59:59.999Z");
  });

  it("a session past midnight closes at the end of the day it ends on", () => {
    const w = checkInWindow(session("2026-06-10T20:00:00Z", "2026-06-10T23:00:00Z"), 60);
    expect(w.closesAt.toISOString()).toBe("2026-06-11T21:59:59.999Z");
  });

  it("follows the event's own lead time", () => {
    expect(checkInWindow(session("2027-01-15T08:00:00Z", "2027-01-15T11:30:00Z"), 0).opensAt.toISOString()).toBe(
      "2027-01-15T08:00:00.000Z",
    );
    expect(checkInWindow(session("2027-01-15T08:00:00Z", "2027-01-15T11:30:00Z"), 1440).opensAt.toISOString()).toBe(
      "2027-01-14T08:00:00.000Z",
    );
  });

  it("is not yet open, open at both edges, then closed", () => {
    const w = checkInWindow(session("2027-01-15T08:00:00Z", "2027-01-15T11:30:00Z"), 120);
    expect(checkInWindowState(w, at("2026-12-01T10:00:00Z"))).toBe("not_yet_open");
    expect(checkInWindowState(w, at("2027-01-15T05:59:59.999Z"))).toBe("not_yet_open");
    expect(checkInWindowState(w, at("2027-01-15T06:00:00Z"))).toBe("open");
    expect(checkInWindowState(w, at("2027-01-15T22:59:59.999Z"))).toBe("open");
    expect(checkInWindowState(w, at("2027-01-15T23:00:00Z"))).toBe("closed");
  });
});

describe("sessions that have taken place", () => {
  const jan15 = session("2027-01-15T08:00:00Z", "2027-01-15T11:30:00Z");
  const dec3 = session("2026-12-03T08:00:00Z", "2026-12-03T11:30:00Z");

  it("a session has started at its start", () => {
    expect(hasStarted(jan15, at("2027-01-15T07:59:59Z"))).toBe(false);
    expect(hasStarted(jan15, at("2027-01-15T08:00:00Z"))).toBe(true);
  });

  it("a certificate issued on 1 December lists no session of 15 January", () => {
    expect(certifiableSessions([dec3, jan15], at("2026-12-01T10:00:00Z"))).toEqual([]);
    expect(certifiableSessions([dec3, jan15], at("2026-12-04T10:00:00Z"))).toEqual([dec3]);
    expect(certifiableSessions([dec3, jan15], at("2027-01-15T09:00:00Z"))).toEqual([dec3, jan15]);
  });

  it("a session over several days is listed once its last day has come", () => {
    const twoDays = session("2027-01-15T08:00:00Z", "2027-01-16T15:00:00Z");
    expect(certifiableSessions([twoDays], at("2027-01-15T20:00:00Z"))).toEqual([]);
    // 16 January, 0:30 Berlin is still 15 January in UTC.
    expect(certifiableSessions([twoDays], at("2027-01-15T23:30:00Z"))).toEqual([twoDays]);
  });

  it("is dated the issue day, never before the last session listed", () => {
    expect(certificateDate([dec3, jan15], at("2027-02-01T10:00:00Z")).toISOString()).toBe("2027-02-01T10:00:00.000Z");
    // Issued in the morning of the session's own day: that day, not a later instant of it.
    expect(certificateDate([jan15], at("2027-01-15T09:00:00Z")).toISOString()).toBe("2027-01-15T09:00:00.000Z");
    expect(certificateDate([dec3, jan15], at("2026-12-01T10:00:00Z")).toISOString()).toBe("2027-01-15T11:30:00.000Z");
    expect(certificateDate([], at("2026-12-01T10:00:00Z")).toISOString()).toBe("2026-12-01T10:00:00.000Z");
  });
});
