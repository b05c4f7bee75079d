// The worker's entry: the API and static assets (app.ts), the cron trigger (jobs.ts) and the
// consumer of the fan-out queue (queue.ts).
import app from "./app";
import type { Job } from "./db/fan-out";
import type { Bindings } from "./env";
import { runJobs } from "./jobs";
import { handleQueue } from "./queue";

export type { AppType } from "./app";

export default {
  fetch: app.fetch,
  scheduled(controller, env, ctx) {
    ctx.waitUntil(runJobs(env, new Date(controller.scheduledTime)));
  },
  queue: handleQueue,
} satisfies ExportedHandler<Bindings, Job>;
