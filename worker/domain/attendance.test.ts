import { describe, expect, it } from "vitest";
import {
  attendanceFigures,
  attendanceListCounts,
  checkInRefusal,
  type FigureRegistration,
  registrationIdOfTicket,
} from "./attendance";

const HOUR = 3_600_000;
const now = new Date("2026-06-10T12:00:00Z");
const at = (hours: number) => new Date(now.getTime() + hours * HOUR);
const sessions = [
  { id: "s2", position: 2, title: "Zwei", startsAt: at(-5), endsAt: at(-2) },
  { id: "s1", position: 1, title: "Eins", startsAt: at(-50), endsAt: at(-47) },
  { id: "s3", position: 3, title: "Drei", startsAt: at(20), endsAt: at(23) },
];
const reg = (id: string, institutionId: string, extra: Partial<FigureRegistration> = {}): FigureRegistration => ({
  id,
  institutionId,
  status: "confirmed",
  isWalkIn: false,
  confirmedAt: at(-100),
  ...extra,
});
const institutions = [
  { id: "i-b", name: "Beta", sectorKey: "police" },
  { id: "i-a", name: "Alpha", sectorKey: "health" },
  { id: "i-c", name: "Gamma", sectorKey: "youth" },
];

describe("attendanceFigures", () => {
  const figures = attendanceFigures(
    {
      sessions,
      institutions,
      registrations: [
        reg("a1", "i-a"),
        reg("a2", "i-a"),
        reg("b1", "i-b"),
        reg("b-waiting", "i-b", { status: "waitlisted", confirmedAt: null }),
        // Added at the door of session 2.
        reg("b-walk", "i-b", { isWalkIn: true, confirmedAt: at(-4) }),
      ],
      attendances: [
        { sessionId: "s1", registrationId: "a1", kind: "present", method: "qr" },
        { sessionId: "s1", registrationId: "a2", kind: "excused", method: null },
        { sessionId: "s1", registrationId: "b1", kind: "present", method: "list" },
        { sessionId: "s2", registrationId: "a1", kind: "present", method: "list" },
        { sessionId: "s2", registrationId: "b-walk", kind: "present", method: "walk_in" },
        { sessionId: "s3", registrationId: "a2", kind: "excused", method: null },
      ],
    },
    now,
  );

  it("counts per session, in order, with no-shows only once a session has ended", () => {
    expect(figures.sessions.map((s) => [s.sessionId, s.expected, s.present, s.excused, s.walkIns, s.noShows])).toEqual([
      // The walk-in of session 2 was not expected at session 1.
      ["s1", 3, 2, 1, 0, 0],
      ["s2", 3, 2, 0, 1, 2],
      // Expected at session 3 also the walk-in of session 2; not held yet.
      ["s3", 4, 0, 1, 0, null],
    ]);
  });

  it("sums per institution over the sessions held, sorted by name; institutions without registrations left out", () => {
    expect(figures.institutions).toEqual([
      {
        institutionId: "i-a",
        name: "Alpha",
        sectorKey: "health",
        registered: 2,
        attendedSessions: 2,
        sessionsHeld: 2,
        rate: 0.5,
      },
      {
        institutionId: "i-b",
        name: "Beta",
        sectorKey: "police",
        registered: 2,
        attendedSessions: 2,
        sessionsHeld: 2,
        rate: 0.5,
      },
    ]);
  });

  it("counts nobody present at a session that has not started", () => {
    // Checked in at session 3 (tomorrow) by mistake or with an override, and a walk-in added there.
    const early = attendanceFigures(
      {
        sessions,
        institutions,
        registrations: [reg("a1", "i-a"), reg("c-walk", "i-c", { isWalkIn: true, confirmedAt: at(-1) })],
        attendances: [
          { sessionId: "s3", registrationId: "a1", kind: "present", method: "list" },
          { sessionId: "s3", registrationId: "c-walk", kind: "present", method: "walk_in" },
        ],
      },
      now,
    );
    expect(early.sessions.find((s) => s.sessionId === "s3")).toMatchObject({ expected: 1, present: 0, walkIns: 0 });
    expect(early.institutions.map((i) => [i.institutionId, i.attendedSessions])).toEqual([
      ["i-a", 0],
      ["i-c", 0],
    ]);
    // Once it has started, they count.
    const started = attendanceFigures(
      {
        sessions,
        institutions,
        registrations: [reg("a1", "i-a")],
        attendances: [{ sessionId: "s3", registrationId: "a1", kind: "present", method: "list" }],
      },
      at(21),
    );
    expect(started.sessions.find((s) => s.sessionId === "s3")).toMatchObject({ present: 1 });
    expect(started.institutions[0]).toMatchObject({ attendedSessions: 1 });
  });

  it("has no rate before any session is held", () => {
    const early = attendanceFigures(
      { sessions, institutions, registrations: [reg("a1", "i-a")], attendances: [] },
      at(-60),
    );
    expect(early.institutions[0]).toMatchObject({ registered: 1, attendedSessions: 0, sessionsHeld: 0, rate: null });
    expect(early.sessions.every((s) => s.noShows === null)).toBe(true);
  });
});

describe("checkInRefusal", () => {
  it("takes check-ins only at a published event", () => {
    expect(checkInRefusal("published")).toBeNull();
    expect(checkInRefusal("cancelled")).toBe("event_cancelled");
    expect(checkInRefusal("draft")).toBe("not_checkable");
  });
});

describe("registrationIdOfTicket", () => {
  it("reads the code of a QR ticket, with or without its prefix", () => {
    expect(registrationIdOfTicket("NW:reg-1")).toBe("reg-1");
    expect(registrationIdOfTicket("nw: reg-1 ")).toBe("reg-1");
    expect(registrationIdOfTicket("reg-1")).toBe("reg-1");
  });
});

describe("attendanceListCounts", () => {
  const items = [
    { status: "present" as const, isWalkIn: false },
    { status: "excused" as const, isWalkIn: false },
    { status: "none" as const, isWalkIn: false },
    { status: "none" as const, isWalkIn: false },
    { status: "present" as const, isWalkIn: true },
  ];

  it("counts walk-ins as present but not as expected, and no-shows once the session has ended", () => {
    expect(attendanceListCounts(items, at(-1), now)).toEqual({
      expected: 4,
      present: 2,
      excused: 1,
      walkIns: 1,
      noShows: 2,
    });
  });

  it("has no no-shows while the session has not ended", () => {
    expect(attendanceListCounts(items, at(1), now).noShows).toBeNull();
    expect(attendanceListCounts(items, now, now).noShows).toBe(2);
  });
});
