// The reminder settings of an event as the API takes and returns them (routes/events.ts);
// their bounds and rules are in domain/reminders.ts.
import { z } from "@hono/zod-openapi";
import { MAX_QUOTA_REMINDER_DAYS, MAX_QUOTA_REMINDERS, MAX_SESSION_REMINDER_DAYS } from "../domain/reminders";

const sessionReminderDays = z
  .number()
  .int()
  .min(0)
  .max(MAX_SESSION_REMINDER_DAYS)
  .nullable()
  .openapi({
    description:
      "Participants are reminded this many days before each session (0: on its day, from midnight Berlin time); " +
      "null: no session reminders. A session is reminded once, also if this changes afterwards",
    example: 2,
  });
const quotaReminderDays = z
  .array(z.number().int().min(1).max(MAX_QUOTA_REMINDER_DAYS))
  .max(MAX_QUOTA_REMINDERS)
  .openapi({
    description:
      "Days before the quota deadline the contacts of institutions with unused places are reminded (distinct, " +
      "at most three); only the one nearest the deadline goes out if several are due at once. []: none",
    example: [7, 1],
  });
const deadlineSummary = z.boolean().openapi({
  description: "The organisers get a summary of what the redistribution did, once it ran",
});

/** The input fields, none with a default (PATCH must not fill in what it was not sent). */
export const reminderFields = { sessionReminderDays, quotaReminderDays, deadlineSummary };

/** For a new event: on by default (two days before each session, 7 and 1 days before the deadline, the summary). */
export const reminderDefaults = {
  sessionReminderDays: sessionReminderDays.default(2),
  quotaReminderDays: quotaReminderDays.default([7, 1]),
  deadlineSummary: deadlineSummary.default(true),
};

export const ReminderSettingsSchema = z.object(reminderFields);
