import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { berlinParts } from "../lib/time";
import {
  addBerlinMonths,
  anonymisedPerson,
  type RetentionEvent,
  type RetentionRegistration,
  registrationsToAnonymise,
  retentionDueAt,
  retentionMonthsOf,
  retentionSchedule,
} from "./retention";

const DAY = 86_400_000;
// 2020 to 2040: both DST switches of every year, leap years, month ends.
const instantArb = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) })
  .map((ms) => new Date(Math.floor(ms / 60_000) * 60_000));
const monthsArb = fc.integer({ min: 1, max: 120 });

describe("addBerlinMonths", () => {
  it("keeps the Berlin wall-clock day and time", () => {
    // 31 January 2027, 14:30 in Berlin (CET) + 1 month: 28 February; + 5 months: 30 June (CEST), 14:30.
    const end = new Date("2027-01-31T13:30:00Z");
    expect(addBerlinMonths(end, 1).toISOString()).toBe("2027-02-28T13:30:00.000Z");
    expect(addBerlinMonths(end, 5).toISOString()).toBe("2027-06-30T12:30:00.000Z");
    expect(addBerlinMonths(new Date("2027-12-15T08:00:00Z"), 12).toISOString()).toBe("2028-12-15T08:00:00.000Z");
    // Leap day + 12 months: 28 February.
    expect(addBerlinMonths(new Date("2028-02-29T10:00:00Z"), 12).toISOString()).toBe("2029-02-28T10:00:00.000Z");
  });

  it("lands on the same or the clamped Berlin day, at the same time of day outside DST gaps", () => {
    fc.assert(
      fc.property(instantArb, monthsArb, (end, months) => {
        const due = addBerlinMonths(end, months);
        const a = berlinParts(end);
        const b = berlinParts(due);
        expect(b.year * 12 + b.month).toBe(a.year * 12 + a.month + months);
        const lastDay = new Date(Date.UTC(b.year, b.month + 1, 0)).getUTCDate();
        expect(b.day).toBe(Math.min(a.day, lastDay));
        // 2:00–3:00 on the last Sunday of March does not exist in Berlin.
        const inGap = b.month === 2 && a.hour === 2 && b.day > 24 && new Date(due).getUTCDay() === 0;
        if (!inGap) expect([b.hour, b.minute]).toEqual([a.hour, a.minute]);
      }),
    );
  });
});

describe("retentionDueAt", () => {
  it("is the last session's end plus the months, never before the event ended", () => {
    fc.assert(
      fc.property(instantArb, monthsArb, (end, months) => {
        const due = retentionDueAt(end, months);
        expect(due).not.toBeNull();
        const ms = due!.getTime() - end.getTime();
        expect(ms).toBeGreaterThan(0);
        // A calendar month is 28 to 31 days; a DST switch moves the wall clock by an hour.
        expect(ms).toBeGreaterThanOrEqual(months * 28 * DAY - 3_600_000);
        expect(ms).toBeLessThanOrEqual(months * 31 * DAY + 3_600_000);
      }),
    );
  });

  it("grows with the period", () => {
    fc.assert(
      fc.property(instantArb, monthsArb, monthsArb, (end, a, b) => {
        fc.pre(a < b);
        expect(retentionDueAt(end, a)!.getTime()).toBeLessThan(retentionDueAt(end, b)!.getTime());
      }),
    );
  });

  it("has no date without sessions, and the event's own period wins over the network's", () => {
    expect(retentionDueAt(null, 12)).toBeNull();
    expect(retentionMonthsOf(null, 12)).toBe(12);
    expect(retentionMonthsOf(3, 12)).toBe(3);
    expect(retentionMonthsOf(undefined, undefined)).toBe(12);
  });
});

const eventArb: fc.Arbitrary<RetentionEvent[]> = fc.uniqueArray(
  fc.record({
    id: fc.constantFrom("e1", "e2", "e3", "e4", "e5"),
    lastSessionEndsAt: fc.option(instantArb, { nil: null }),
    eventRetentionMonths: fc.option(monthsArb, { nil: null }),
    networkRetentionMonths: monthsArb,
  }),
  { selector: (e) => e.id, maxLength: 5 },
);

const registrationArb = (events: RetentionEvent[]): fc.Arbitrary<RetentionRegistration[]> =>
  fc.uniqueArray(
    fc.record({
      id: fc.uuid(),
      eventId: fc.constantFrom("e1", "e2", "e3", "e4", "e5", ...events.map((e) => e.id)),
      anonymisedAt: fc.option(instantArb, { nil: null }),
    }),
    { selector: (r) => r.id, maxLength: 40 },
  );

describe("the retention plan", () => {
  it("picks exactly the not yet anonymised registrations of events past their due date", () => {
    fc.assert(
      fc.property(
        eventArb.chain((events) => fc.tuple(fc.constant(events), registrationArb(events), instantArb)),
        ([events, registrations, now]) => {
          const picked = new Set(registrationsToAnonymise(events, registrations, now));
          const schedule = new Map(retentionSchedule(events, now).map((s) => [s.eventId, s]));
          for (const r of registrations) {
            const s = schedule.get(r.eventId);
            const shouldErase = r.anonymisedAt === null && s !== undefined && s.dueAt !== null && s.dueAt <= now;
            expect(picked.has(r.id)).toBe(shouldErase);
            // Never before the event has ended.
            if (picked.has(r.id)) {
              const event = events.find((e) => e.id === r.eventId)!;
              expect(event.lastSessionEndsAt!.getTime()).toBeLessThan(now.getTime());
            }
          }
        },
      ),
    );
  });

  it("is idempotent: once applied, the same clock (or a later one with the same due events) finds nothing", () => {
    fc.assert(
      fc.property(
        eventArb.chain((events) => fc.tuple(fc.constant(events), registrationArb(events), instantArb)),
        ([events, registrations, now]) => {
          const picked = new Set(registrationsToAnonymise(events, registrations, now));
          const after = registrations.map((r) => (picked.has(r.id) ? { ...r, anonymisedAt: now } : r));
          expect(registrationsToAnonymise(events, after, now)).toEqual([]);
          // Running on an unchanged state twice decides the same.
          expect(registrationsToAnonymise(events, registrations, now)).toEqual([...picked]);
        },
      ),
    );
  });

  it("blanks every personal field and keeps the e-mail unique per row", () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), (a, b) => {
        fc.pre(a !== b);
        const x = anonymisedPerson(a);
        expect([x.name, x.function, x.accessibilityNeeds]).toEqual(["", "", ""]);
        expect(x.email).not.toBe(anonymisedPerson(b).email);
        expect(x.email.endsWith(".invalid")).toBe(true);
      }),
    );
  });
});
