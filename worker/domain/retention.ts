// When participants' personal data is erased (DSGVO Art. 5 Abs. 1 lit. e, storage
// limitation): a number of calendar months after an event's last session, counted
// on the Berlin calendar, because that is what a privacy notice promises
// ("zwölf Monate nach der Veranstaltung"). Pure rules; worker/db/retention.ts writes.

import { berlinParts, berlinTime } from "../lib/time";

export const DEFAULT_RETENTION_MONTHS = 12;
export const MIN_RETENTION_MONTHS = 1;
export const MAX_RETENTION_MONTHS = 120;

/** The event's own period if it sets one, else the network's. */
export const retentionMonthsOf = (eventMonths: number | null | undefined, networkMonths: number | null | undefined) =>
  eventMonths ?? networkMonths ?? DEFAULT_RETENTION_MONTHS;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/**
 * `months` calendar months after `instant` on Berlin clocks: same day and time of day,
 * the day clamped to the end of a shorter month (31 January + 1 month = 28/29 February).
 * Never earlier than `instant` for months >= 0, also across a DST switch.
 */
export function addBerlinMonths(instant: Date, months: number): Date {
  const p = berlinParts(instant);
  const total = p.year * 12 + p.month + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(p.day, daysIn(year, month));
  const result = berlinTime(year, month, day, p.hour, p.minute);
  // Seconds are below what an event's end carries; keep them so "later than the end" holds exactly.
  const withSeconds = new Date(result.getTime() + p.second * 1000 + (instant.getTime() % 1000));
  return withSeconds < instant ? instant : withSeconds;
}

/** When an event's participants' data falls due for erasure: null while the event has no sessions. */
export function retentionDueAt(lastSessionEndsAt: Date | null, months: number): Date | null {
  if (!lastSessionEndsAt) return null;
  return addBerlinMonths(lastSessionEndsAt, Math.max(MIN_RETENTION_MONTHS, months));
}

export type RetentionEvent = {
  id: string;
  lastSessionEndsAt: Date | null;
  eventRetentionMonths: number | null;
  networkRetentionMonths: number;
};

export type RetentionRegistration = { id: string; eventId: string; anonymisedAt: Date | null };

export type EventRetention = { eventId: string; months: number; dueAt: Date | null; due: boolean };

/** Per event: its period, due date and whether it has passed at `now`. */
export function retentionSchedule(events: RetentionEvent[], now: Date): EventRetention[] {
  return events.map((e) => {
    const months = retentionMonthsOf(e.eventRetentionMonths, e.networkRetentionMonths);
    const dueAt = retentionDueAt(e.lastSessionEndsAt, months);
    return { eventId: e.id, months, dueAt, due: dueAt !== null && dueAt.getTime() <= now.getTime() };
  });
}

/** The registrations the job must anonymise at `now`: those of due events not anonymised yet. */
export function registrationsToAnonymise(
  events: RetentionEvent[],
  registrations: RetentionRegistration[],
  now: Date,
): string[] {
  const due = new Set(
    retentionSchedule(events, now)
      .filter((e) => e.due)
      .map((e) => e.eventId),
  );
  return registrations.filter((r) => r.anonymisedAt === null && due.has(r.eventId)).map((r) => r.id);
}

/**
 * What an anonymised registration keeps of its person: nothing. The e-mail column is
 * not null and identifies a person within an event, so it becomes a placeholder
 * derived from the row's own id (`.invalid` is reserved, RFC 2606: no mail can go there).
 */
export const anonymisedPerson = (registrationId: string) => ({
  name: "",
  email: `${registrationId}@erased.invalid`,
  function: "",
  accessibilityNeeds: "",
});

export const isErasedEmail = (email: string) => email.endsWith("@erased.invalid");
