// What an event's registration state is called, the same on every page: the board, the
// event list and the registration page each turn the phase into one of these, never their
// own guess from the dates (an early redistribution ends the quotas before the deadline).
// Pure and shared with the web app, which holds the words; here are only keys and values.
import { type Phase, quotasApply } from "./allocation";

export interface EventDates {
  phase: Phase;
  registrationOpensAt: string;
  quotaDeadline: string;
  registrationClosesAt: string;
  redistributedAt: string | null;
}

/** The state line about how places are given, with the instants its text names (formatted by the page). */
export type QuotaState =
  | { key: "draft"; dates: Record<string, never> }
  | { key: "cancelled"; dates: Record<string, never> }
  /** Before the deadline (or before registration opens): places reserved for the invited institutions. */
  | { key: "reserved"; dates: { deadline: string } }
  /** The deadline has passed, the redistribution has not run yet: unclaimed places still reserved. */
  | { key: "awaitingRedistribution"; dates: { deadline: string } }
  /** Since the redistribution (early or at the deadline): places in the order of registration. */
  | { key: "inOrder"; dates: { since: string; closes: string } }
  | { key: "closed"; dates: { closes: string } };

export function quotaState(e: EventDates): QuotaState {
  switch (e.phase) {
    case "draft":
      return { key: "draft", dates: {} };
    case "cancelled":
      return { key: "cancelled", dates: {} };
    case "not_open":
    case "reserved":
      return { key: "reserved", dates: { deadline: e.quotaDeadline } };
    case "awaiting_redistribution":
      return { key: "awaitingRedistribution", dates: { deadline: e.quotaDeadline } };
    case "open":
      // "open" is only reached through a redistribution; the deadline stands in should the record lack it.
      return { key: "inOrder", dates: { since: e.redistributedAt ?? e.quotaDeadline, closes: e.registrationClosesAt } };
    case "closed":
      return { key: "closed", dates: { closes: e.registrationClosesAt } };
  }
}

/** How an institution's places compare with its quota, said truthfully in each phase. */
export type QuotaUse =
  /** The quotas apply and the institution holds at most its quota: "2 of 3 places of your quota". */
  | { key: "within"; used: number; quota: number }
  /** The quotas apply and it holds more (an organiser's override or a lowered quota). */
  | { key: "beyond"; used: number; quota: number; over: number }
  /** The quotas no longer apply: places held, and what the quota was. */
  | { key: "past"; used: number; quota: number };

export function quotaUse(phase: Phase, quota: number, used: number): QuotaUse {
  if (!quotasApply(phase)) return { key: "past", used, quota };
  if (used > quota) return { key: "beyond", used, quota, over: used - quota };
  return { key: "within", used, quota };
}

/** An event is over once every session has ended (an event without sessions is not). */
export function eventEnded(sessions: { endsAt: Date | string }[], now: Date): boolean {
  return sessions.length > 0 && sessions.every((s) => new Date(s.endsAt).getTime() <= now.getTime());
}
