// The worker's entry: the API and static assets (app.ts), and the cron trigger.
import app from "./app";
import { createDb } from "./db/client";
import type { Bindings } from "./env";
import { deliverOutbox } from "./lib/mail";

export type { AppType } from "./app";

export default {
  fetch: app.fetch,
  // Delivers what requests could not: retries and, in the end, dead letters.
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(deliverOutbox(env, createDb(env.DB)).then(() => undefined));
  },
} satisfies ExportedHandler<Bindings>;
