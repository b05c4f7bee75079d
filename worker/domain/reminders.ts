// Which reminders an event owes at a moment (issue 17): to participants before each session, to
// the contacts of institutions with unused quota before the quota deadline, to the organisers
// once the redistribution ran. Pure: the job (db/reminders.ts) reads the events that can owe
// one, asks here, and claims each answer by its dedupe key, so each goes out exactly once.
//
// Choices where the issue is silent:
// - A session is reminded once. The key names the days it went out under
//   (`session:{id}:2d`); if an organiser changes the days afterwards, a session already
//   reminded gets no second reminder, and sessions not yet reminded follow the new setting.
//   0 days means on the session's day, from midnight (Berlin).
// - Of the quota reminders that are due, only the one nearest the deadline goes out: a job that
//   first runs inside the 1-day window sends the 1-day reminder, never a late 7-day one.
// - The summary goes out within two days of the redistribution; turning the setting on later
//   (or the first run after an upgrade) does not mail summaries of long-past redistributions.
// - Drafts, cancelled events and events whose sessions are all over owe nothing.
import { berlinParts, berlinTime } from "../lib/time";

export const DAY_MS = 86_400_000;

/** The summary is owed this long after the redistribution ran, no longer. */
export const SUMMARY_WINDOW_MS = 2 * DAY_MS;

/** Bounds of the settings (the event form and the API take these). */
export const MAX_SESSION_REMINDER_DAYS = 30;
export const MAX_QUOTA_REMINDER_DAYS = 60;
export const MAX_QUOTA_REMINDERS = 3;

export type ReminderEvent = {
  status: "draft" | "published" | "cancelled";
  registrationOpensAt: Date;
  quotaDeadline: Date;
  redistributedAt: Date | null;
  sessionReminderDays: number | null;
  quotaReminderDays: number[];
  deadlineSummary: boolean;
  sessions: { id: string; startsAt: Date; endsAt: Date }[];
};

export type DueReminder =
  | { kind: "session_reminder"; dedupeKey: string; sessionId: string; days: number }
  | { kind: "quota_reminder"; dedupeKey: string; days: number }
  | { kind: "deadline_summary"; dedupeKey: string };

export const sessionReminderKey = (sessionId: string, days: number) => `session:${sessionId}:${days}d`;
export const quotaReminderKey = (days: number) => `quota:${days}d`;
export const DEADLINE_SUMMARY_KEY = "deadline_summary";

/** When the reminder of a session starting at `startsAt` is due: `days` × 24 h before, or its Berlin midnight for 0. */
export function sessionReminderAt(startsAt: Date, days: number): Date {
  if (days > 0) return new Date(startsAt.getTime() - days * DAY_MS);
  const p = berlinParts(startsAt);
  return berlinTime(p.year, p.month, p.day);
}

/**
 * The reminders `event` owes at `now` that have not gone out: `sent` holds the dedupe keys
 * of the reminders already claimed for it.
 */
export function dueReminders(event: ReminderEvent, now: Date, sent: ReadonlySet<string>): DueReminder[] {
  const at = now.getTime();
  if (event.status !== "published") return [];
  if (event.sessions.length === 0 || event.sessions.every((s) => s.endsAt.getTime() <= at)) return [];
  const due: DueReminder[] = [];

  const days = event.sessionReminderDays;
  if (days !== null) {
    const reminded = new Set([...sent].filter((k) => k.startsWith("session:")).map((k) => k.split(":")[1]));
    for (const s of event.sessions) {
      if (reminded.has(s.id) || s.startsAt.getTime() <= at) continue;
      if (sessionReminderAt(s.startsAt, days).getTime() <= at)
        due.push({ kind: "session_reminder", dedupeKey: sessionReminderKey(s.id, days), sessionId: s.id, days });
    }
  }

  const deadline = event.quotaDeadline.getTime();
  if (event.redistributedAt === null && at >= event.registrationOpensAt.getTime() && at < deadline) {
    const nearest = event.quotaReminderDays.filter((n) => deadline - n * DAY_MS <= at).sort((a, b) => a - b)[0];
    if (nearest !== undefined && !sent.has(quotaReminderKey(nearest)))
      due.push({ kind: "quota_reminder", dedupeKey: quotaReminderKey(nearest), days: nearest });
  }

  const ran = event.redistributedAt?.getTime();
  if (
    event.deadlineSummary &&
    ran !== undefined &&
    ran <= at &&
    at - ran < SUMMARY_WINDOW_MS &&
    !sent.has(DEADLINE_SUMMARY_KEY)
  )
    due.push({ kind: "deadline_summary", dedupeKey: DEADLINE_SUMMARY_KEY });

  return due;
}

/** Problems of a quota reminder setting: more than three, or one given twice (path index of the repeat). */
export function quotaReminderProblems(days: number[]): { index: number; code: "duplicate" }[] {
  return days.flatMap((n, i) => (days.indexOf(n) !== i ? [{ index: i, code: "duplicate" as const }] : []));
}
