// The worker's entry: the API and static assets (app.ts), and the cron trigger.
import app from "./app";
import { runAllocationJobs } from "./db/allocation";
import { createDb } from "./db/client";
import { runFeedbackMailJob } from "./db/feedback";
import { purgeRequestedLinks } from "./db/personal-links";
import { runRetention } from "./db/retention";
import type { Bindings } from "./env";
import { deliverOutbox } from "./lib/mail";
import { publicOrigin } from "./lib/origin";
import { purgeRateLimits } from "./lib/rate-limit";

export type { AppType } from "./app";

export default {
  fetch: app.fetch,
  // Allocation that falls due by the clock (quota deadlines, lapsed offers), feedback mails
  // for sessions that ended, then the mails it wrote and what requests could not deliver: retries and, in the end, dead letters;
  // then the erasure of participants' data whose retention period has passed.
  async scheduled(controller, env, ctx) {
    const db = createDb(env.DB);
    const now = new Date(controller.scheduledTime);
    const origin = publicOrigin(env);
    const step = (name: string, job: () => Promise<unknown>) =>
      job().catch((error) => console.error(name, String(error)));
    ctx.waitUntil(
      (async () => {
        // Both jobs write mails with links: without a public origin they would point nowhere.
        if (origin) {
          await step("allocation jobs", () => runAllocationJobs({ db, now, origin, locale: "de" }));
          await step("feedback mails", () => runFeedbackMailJob({ db, now, origin, locale: "de" }));
        } else console.error("PUBLIC_ORIGIN is not set: allocation jobs and feedback mails skipped");
        await step("outbox", () => deliverOutbox(env, db));
        await step("retention", () => runRetention(db, { now }));
        await step("rate limits", () => purgeRateLimits(db, now));
        await step("requested links", () => purgeRequestedLinks(db, now));
      })(),
    );
  },
} satisfies ExportedHandler<Bindings>;
