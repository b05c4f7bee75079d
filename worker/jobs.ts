// The periodic jobs, in order: allocation that falls due by the clock (quota deadlines, lapsed
// offers), reminders and feedback invitations (put on the queue), parts of messages whose
// enqueueing broke off, the outbox's retries and dead letters, then erasure and clean-up.
// Run by the cron (index.ts `scheduled`) and, in local development, by POST /api/dev/jobs:
// local `wrangler dev` cannot trigger `scheduled` for a worker with static assets.
import { runAllocationJobs } from "./db/allocation";
import { createDb } from "./db/client";
import { enqueueStalled, withOrigin } from "./db/fan-out";
import { runFeedbackMailJob } from "./db/fan-out/feedback-invitation";
import { purgeRequestedLinks } from "./db/personal-links";
import { runReminderJobs } from "./db/reminders";
import { runRetention } from "./db/retention";
import type { Bindings } from "./env";
import { deliverOutbox } from "./lib/mail";
import { publicOrigin } from "./lib/origin";
import { purgeRateLimits } from "./lib/rate-limit";

/** Each job's outcome: its result, or the error it ended with (the others still run). */
export type JobsReport = Record<string, { ok: true; result: unknown } | { ok: false; error: string }>;

/** `origin`: where links point (default: the public origin; the dev route passes the one it was reached at). */
export async function runJobs(env: Bindings, now: Date, origin = publicOrigin(env)): Promise<JobsReport> {
  const db = createDb(env.DB);
  const queue = origin ? withOrigin(env.JOBS, origin) : env.JOBS;
  const report: JobsReport = {};
  const step = async (name: string, job: () => Promise<unknown>) => {
    try {
      report[name] = { ok: true, result: (await job()) ?? null };
    } catch (error) {
      console.error(name, String(error));
      report[name] = { ok: false, error: String(error) };
    }
  };
  // These jobs write mails with links: without a public origin they would point nowhere.
  if (origin) {
    await step("allocation", () => runAllocationJobs({ db, now, origin, locale: "de" }));
    // After the allocation: a redistribution it ran is summarised in the same run.
    await step("reminders", () => runReminderJobs({ db, queue, now }));
    await step("feedback", () => runFeedbackMailJob({ db, now }, queue));
  } else console.error("PUBLIC_ORIGIN is not set: allocation jobs, reminders and feedback mails skipped");
  await step("queue", () => enqueueStalled(queue, db, now));
  await step("outbox", () => deliverOutbox(env, db, now));
  await step("retention", () => runRetention(db, { now }));
  await step("rateLimits", () => purgeRateLimits(db, now).then(() => "purged"));
  await step("requestedLinks", () => purgeRequestedLinks(db, now).then(() => "purged"));
  return report;
}
