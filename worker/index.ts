// The worker's entry: the API and static assets (app.ts), and the cron trigger.
import app from "./app";
import { runAllocationJobs } from "./db/allocation";
import { createDb } from "./db/client";
import type { Bindings } from "./env";
import { deliverOutbox } from "./lib/mail";

export type { AppType } from "./app";

export default {
  fetch: app.fetch,
  // Allocation that falls due by the clock (quota deadlines, lapsed offers), then the
  // mails it wrote and what requests could not deliver: retries and, in the end, dead letters.
  async scheduled(controller, env, ctx) {
    const db = createDb(env.DB);
    const now = new Date(controller.scheduledTime);
    const origin = env.PUBLIC_ORIGIN ?? "http://localhost:8787";
    ctx.waitUntil(
      runAllocationJobs({ db, now, origin, locale: "de" })
        .catch((error) => console.error("allocation jobs", String(error)))
        .then(() => deliverOutbox(env, db))
        .then(() => undefined),
    );
  },
} satisfies ExportedHandler<Bindings>;
