// Attendance rules: where check-ins are taken, what a ticket says, the counts of a
// session's list, and the figures per session and, across a series, per institution.
// Pure arithmetic over rows loaded by worker/db/attendance.ts, so the rules are tested on their own.
import { hasStarted } from "./check-in-window";

/** Check-ins and walk-ins only where the event takes place: the refusal, or null if it is checkable. */
export function checkInRefusal(
  status: "draft" | "published" | "cancelled",
): "event_cancelled" | "not_checkable" | null {
  if (status === "cancelled") return "event_cancelled";
  if (status !== "published") return "not_checkable";
  return null;
}

/** The QR ticket holds `NW:<code>`; a typed code may come without the prefix. */
export const registrationIdOfTicket = (ticket: string) => ticket.replace(/^NW:/i, "").trim();

/**
 * The counts of a session's list. Walk-ins added at this session were not expected;
 * no-shows (expected, neither present nor excused) only once the session has ended.
 */
export function attendanceListCounts(
  items: { status: "present" | "excused" | "none"; isWalkIn: boolean }[],
  endsAt: Date,
  now: Date,
) {
  const expected = items.filter((i) => !i.isWalkIn);
  const presentExpected = expected.filter((i) => i.status === "present").length;
  const excused = expected.filter((i) => i.status === "excused").length;
  return {
    expected: expected.length,
    present: items.filter((i) => i.status === "present").length,
    excused,
    walkIns: items.length - expected.length,
    noShows: now.getTime() >= endsAt.getTime() ? expected.length - presentExpected - excused : null,
  };
}

export type FigureSession = { id: string; position: number; title: string; startsAt: Date; endsAt: Date };
export type FigureRegistration = {
  id: string;
  institutionId: string;
  status: "confirmed" | "waitlisted" | "cancelled";
  isWalkIn: boolean;
  confirmedAt: Date | null;
};
export type FigureAttendance = {
  sessionId: string;
  registrationId: string;
  kind: "present" | "excused";
  method: "qr" | "list" | "walk_in" | null;
};
export type FigureInstitution = { id: string; name: string; sectorKey: string };
export type FigureInput = {
  sessions: FigureSession[];
  registrations: FigureRegistration[];
  attendances: FigureAttendance[];
  institutions: FigureInstitution[];
};

export type SessionFigures = {
  sessionId: string;
  position: number;
  title: string;
  startsAt: Date;
  /** Confirmed registrations expected at the session; walk-ins added at this session not included. */
  expected: number;
  /** Everyone present, walk-ins included. */
  present: number;
  excused: number;
  walkIns: number;
  /** Expected, neither present nor excused; null until the session has ended. */
  noShows: number | null;
};

export type InstitutionFigures = {
  institutionId: string;
  name: string;
  sectorKey: string;
  /** Confirmed registrations of the institution. */
  registered: number;
  /** Present attendances of its registrations, summed over the sessions. */
  attendedSessions: number;
  /** Sessions of the series that have ended. */
  sessionsHeld: number;
  /** attendedSessions / (registered × sessionsHeld), 0..1 rounded to three places; null while nothing is held or registered. */
  rate: number | null;
};

/**
 * The figures, with the same rules as a session's attendance list: a walk-in of a
 * later session was not expected at an earlier one; a present person counts even
 * when the registration was cancelled afterwards. Nobody counts as present at a session
 * that has not started (a check-in there was an override, or a mistake).
 */
export function attendanceFigures(
  input: FigureInput,
  now: Date,
): { sessions: SessionFigures[]; institutions: InstitutionFigures[] } {
  const attendanceOf = new Map(input.attendances.map((a) => [`${a.sessionId} ${a.registrationId}`, a]));
  const sessions = [...input.sessions].sort((a, b) => a.position - b.position);
  const perSession = sessions.map((s): SessionFigures => {
    const started = hasStarted(s, now);
    let expected = 0;
    let present = 0;
    let excused = 0;
    let presentExpected = 0;
    let walkIns = 0;
    for (const r of input.registrations) {
      const a = attendanceOf.get(`${s.id} ${r.id}`);
      const walkInHere = a?.method === "walk_in";
      const isExpected =
        !walkInHere &&
        r.status === "confirmed" &&
        (!r.isWalkIn || a !== undefined || (r.confirmedAt !== null && r.confirmedAt < s.endsAt));
      const isPresent = a?.kind === "present" && started;
      if (isPresent) present++;
      if (walkInHere && started) walkIns++;
      if (!isExpected) continue;
      expected++;
      if (isPresent) presentExpected++;
      if (a?.kind === "excused") excused++;
    }
    const ended = now >= s.endsAt;
    return {
      sessionId: s.id,
      position: s.position,
      title: s.title,
      startsAt: s.startsAt,
      expected,
      present,
      excused,
      walkIns,
      noShows: ended ? expected - presentExpected - excused : null,
    };
  });

  const sessionsHeld = sessions.filter((s) => now >= s.endsAt).length;
  const startedIds = new Set(sessions.filter((s) => hasStarted(s, now)).map((s) => s.id));
  const institutionOfRegistration = new Map(input.registrations.map((r) => [r.id, r.institutionId]));
  const registered = new Map<string, number>();
  const attended = new Map<string, number>();
  for (const r of input.registrations)
    if (r.status === "confirmed") registered.set(r.institutionId, (registered.get(r.institutionId) ?? 0) + 1);
  for (const a of input.attendances) {
    const institutionId = institutionOfRegistration.get(a.registrationId);
    if (a.kind !== "present" || institutionId === undefined || !startedIds.has(a.sessionId)) continue;
    attended.set(institutionId, (attended.get(institutionId) ?? 0) + 1);
  }
  const perInstitution = input.institutions
    .filter((i) => registered.has(i.id) || attended.has(i.id))
    .map((i): InstitutionFigures => {
      const reg = registered.get(i.id) ?? 0;
      const att = attended.get(i.id) ?? 0;
      const possible = reg * sessionsHeld;
      return {
        institutionId: i.id,
        name: i.name,
        sectorKey: i.sectorKey,
        registered: reg,
        attendedSessions: att,
        sessionsHeld,
        rate: possible === 0 ? null : Math.round(Math.min(1, att / possible) * 1000) / 1000,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, "de") || a.institutionId.localeCompare(b.institutionId));
  return { sessions: perSession, institutions: perInstitution };
}
