// When a session is happening, for the door and for the paper afterwards: check-in opens a
// while before the start (per event, two hours unless changed) and closes at the end of the
// Berlin day the session ends on, so a late arrival is still counted but nobody is marked
// present at a date that has not come. Certificates list only sessions that have taken place
// and are never dated before the last of them.
import { berlinParts, berlinTime } from "../lib/time";

export const DEFAULT_CHECK_IN_MINUTES_BEFORE = 120;
/** At most a week ahead: beyond that "happening" means nothing. */
export const MAX_CHECK_IN_MINUTES_BEFORE = 7 * 24 * 60;

type Timed = { startsAt: Date; endsAt: Date };

export type CheckInWindow = { opensAt: Date; closesAt: Date };
export type CheckInWindowState = "not_yet_open" | "open" | "closed";

/** The last millisecond of the Berlin calendar day of `instant` (23:59:59.999 local, on DST days too). */
export function endOfBerlinDay(instant: Date): Date {
  const p = berlinParts(instant);
  return new Date(berlinTime(p.year, p.month, p.day + 1).getTime() - 1);
}

/** From `minutesBefore` the session's start to the end of the Berlin day it ends on. */
export function checkInWindow(session: Timed, minutesBefore: number): CheckInWindow {
  return {
    opensAt: new Date(session.startsAt.getTime() - minutesBefore * 60_000),
    closesAt: endOfBerlinDay(session.endsAt),
  };
}

export function checkInWindowState(window: CheckInWindow, now: Date): CheckInWindowState {
  if (now.getTime() < window.opensAt.getTime()) return "not_yet_open";
  if (now.getTime() > window.closesAt.getTime()) return "closed";
  return "open";
}

export const hasStarted = (session: { startsAt: Date }, now: Date) => now.getTime() >= session.startsAt.getTime();

const berlinDayNumber = (instant: Date) => {
  const p = berlinParts(instant);
  return Date.UTC(p.year, p.month, p.day);
};

/**
 * The sessions a certificate issued at `issuedAt` may list: started, and ending on the issue
 * day at the latest (a session running over several days is certified once its last day has come).
 */
export function certifiableSessions<T extends Timed>(sessions: T[], issuedAt: Date): T[] {
  const issueDay = berlinDayNumber(issuedAt);
  return sessions.filter((s) => hasStarted(s, issuedAt) && berlinDayNumber(s.endsAt) <= issueDay);
}

/** The date a certificate carries: the issue date, unless the last session listed ends on a later day. */
export function certificateDate(sessions: Timed[], issuedAt: Date): Date {
  const lastEnd = sessions.reduce<Date | null>((last, s) => (last === null || s.endsAt > last ? s.endsAt : last), null);
  return lastEnd !== null && berlinDayNumber(lastEnd) > berlinDayNumber(issuedAt) ? lastEnd : issuedAt;
}
