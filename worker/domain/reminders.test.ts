import { describe, expect, it } from "vitest";
import {
  DAY_MS,
  dueReminders,
  quotaReminderProblems,
  type ReminderEvent,
  sessionReminderAt,
  sessionReminderKey,
} from "./reminders";

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

// A workshop on Thursday 10 Dec 2026, 9:00–12:00 Berlin, and 14 Jan 2027; quota deadline 1 Dec 17:00 Berlin.
const event: ReminderEvent = {
  status: "published",
  registrationOpensAt: at("2026-11-01T08:00:00Z"),
  quotaDeadline: at("2026-12-01T16:00:00Z"),
  redistributedAt: null,
  sessionReminderDays: 2,
  quotaReminderDays: [7, 1],
  deadlineSummary: true,
  sessions: [
    { id: "s1", startsAt: at("2026-12-10T08:00:00Z"), endsAt: at("2026-12-10T11:00:00Z") },
    { id: "s2", startsAt: at("2027-01-14T08:00:00Z"), endsAt: at("2027-01-14T11:00:00Z") },
  ],
};
const none = new Set<string>();
const keys = (e: ReminderEvent, now: string, sent: Set<string> = none) =>
  dueReminders(e, at(now), sent).map((r) => r.dedupeKey);

describe("session reminders", () => {
  it("are due from start minus the days until the start, for each session on its own", () => {
    expect(keys(event, "2026-12-08T07:59:59Z")).toEqual([]);
    expect(keys(event, "2026-12-08T08:00:00Z")).toEqual(["session:s1:2d"]);
    expect(keys(event, "2026-12-10T07:59:00Z")).toEqual(["session:s1:2d"]);
    // Started: too late for a reminder.
    expect(keys(event, "2026-12-10T08:00:00Z")).toEqual([]);
    expect(keys(event, "2027-01-12T09:00:00Z")).toEqual(["session:s2:2d"]);
  });

  it("go out once per session: the same key, or a key of an earlier setting, already sent", () => {
    expect(keys(event, "2026-12-09T08:00:00Z", new Set(["session:s1:2d"]))).toEqual([]);
    // The organiser changed 2 days to 3 after the reminder went out: no second one.
    const three = { ...event, sessionReminderDays: 3 };
    expect(keys(three, "2026-12-09T08:00:00Z", new Set([sessionReminderKey("s1", 2)]))).toEqual([]);
    // Sessions not reminded yet follow the new setting.
    expect(keys(three, "2027-01-11T08:00:00Z", new Set([sessionReminderKey("s1", 2)]))).toEqual(["session:s2:3d"]);
  });

  it("are off with null; 0 days means from midnight (Berlin) of the session's day", () => {
    expect(keys({ ...event, sessionReminderDays: null }, "2026-12-09T08:00:00Z")).toEqual([]);
    // Midnight in Berlin on 10 Dec is 23:00 UTC the day before.
    expect(sessionReminderAt(event.sessions[0].startsAt, 0)).toEqual(at("2026-12-09T23:00:00Z"));
    const zero = { ...event, sessionReminderDays: 0 };
    expect(keys(zero, "2026-12-09T22:59:00Z")).toEqual([]);
    expect(keys(zero, "2026-12-09T23:00:00Z")).toEqual(["session:s1:0d"]);
  });
});

describe("quota reminders", () => {
  const deadline = event.quotaDeadline.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();

  it("are due n days before the deadline, until it", () => {
    expect(keys(event, iso(deadline - 7 * DAY_MS - 1))).toEqual([]);
    expect(keys(event, iso(deadline - 7 * DAY_MS))).toEqual(["quota:7d"]);
    expect(keys(event, iso(deadline - DAY_MS))).toEqual(["quota:1d"]);
    expect(keys(event, iso(deadline - 1))).toEqual(["quota:1d"]);
    expect(keys(event, iso(deadline))).toEqual([]);
  });

  it("send only the nearest due one: inside the 1-day window no late 7-day reminder", () => {
    expect(keys(event, iso(deadline - 12 * HOUR))).toEqual(["quota:1d"]);
    expect(keys(event, iso(deadline - 12 * HOUR), new Set(["quota:1d"]))).toEqual([]);
    // After the 7-day one went out, the 1-day one still comes.
    expect(keys(event, iso(deadline - 2 * DAY_MS), new Set(["quota:7d"]))).toEqual([]);
    expect(keys(event, iso(deadline - 2 * HOUR), new Set(["quota:7d"]))).toEqual(["quota:1d"]);
  });

  it("are none once redistributed, before registration opens, or with an empty setting", () => {
    const now = iso(deadline - 2 * HOUR);
    expect(keys({ ...event, redistributedAt: at("2026-11-30T10:00:00Z") }, now)).not.toContain("quota:1d");
    expect(keys({ ...event, registrationOpensAt: new Date(deadline - HOUR) }, now)).toEqual([]);
    expect(keys({ ...event, quotaReminderDays: [] }, now)).toEqual([]);
  });
});

describe("the deadline summary", () => {
  const ran = at("2026-12-01T16:00:00Z");
  const redistributed = { ...event, redistributedAt: ran };

  it("is due once the redistribution ran, for two days", () => {
    expect(keys(redistributed, "2026-12-01T16:00:00Z")).toEqual(["deadline_summary"]);
    expect(keys(redistributed, "2026-12-03T15:59:00Z")).toEqual(["deadline_summary"]);
    expect(keys(redistributed, "2026-12-03T16:00:00Z")).toEqual([]);
    expect(keys(redistributed, "2026-12-02T09:00:00Z", new Set(["deadline_summary"]))).toEqual([]);
    expect(keys({ ...redistributed, deadlineSummary: false }, "2026-12-01T16:05:00Z")).toEqual([]);
    expect(keys(event, "2026-12-01T16:05:00Z")).toEqual([]);
  });
});

describe("events that owe nothing", () => {
  it("drafts, cancelled events and events whose sessions are over", () => {
    const now = "2026-12-09T08:00:00Z";
    expect(keys(event, now)).toEqual(["session:s1:2d"]);
    expect(keys({ ...event, status: "draft" }, now)).toEqual([]);
    expect(keys({ ...event, status: "cancelled" }, now)).toEqual([]);
    const over = { ...event, redistributedAt: at("2027-01-14T12:00:00Z") };
    expect(keys(over, "2027-01-14T12:00:00Z")).toEqual([]);
  });
});

describe("quotaReminderProblems", () => {
  it("names a day given twice", () => {
    expect(quotaReminderProblems([7, 1])).toEqual([]);
    expect(quotaReminderProblems([7, 1, 7])).toEqual([{ index: 2, code: "duplicate" }]);
  });
});
